"""Unit names reduced to what identifies them.

A label such as "UBND huyện Cư M’gar", "Uy ban nhin dén huyén CuM'gar" or
"Sở TN&MT" becomes a `NormalName`: a *cue* (what sort of unit the writer says it
is: a department "sở", a district "huyện", a town "thị xã", a city "thành
phố"...) and a *core* (the distinctive words, diacritics folded, abbreviations
expanded, apostrophes dropped). The marked core (diacritics kept) is carried as
evidence for close calls.

Folding is deliberately aggressive: text reaching this stage may come from OCR
without Vietnamese support ("S& Tai nguyén va Méi truong").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz

from ..numbering import without_leading_numbering

# "tỉnh" folded, as OCR may read it, once its multi-letter confusions are merged.
_TINH = re.compile(r"t[i1l][nu][hb]")
# Similarity (0-100, on OCR skeletons) from which trailing words are taken for a province's name.
PLACE_MIN_SCORE = 70
# Apostrophe look-alikes in names such as Cư M'gar, M’Đrắk, Ea Hʼleo.
_APOSTROPHES = "'’ʼ‘`´ʻ"
# Digits OCR reads for letters inside words ("Bu6n", "S6YTé", "d4n").
_DIGIT_AS_LETTER = str.maketrans({"0": "o", "1": "l", "4": "a", "5": "s", "6": "o", "9": "o"})
# The "ở" of "Sở" as OCR without Vietnamese support reads it ("S&", "S¢", "S6"),
# often glued to the next word ("S6YTé", "S&Ngi Vu").
_SO_OCR = re.compile(r"^s\s?[&¢©6@]\s*")
_SO_GLUED = re.compile(r"^sở(?=\w)")
_UBND_GLUED = re.compile(r"^ubnd(?=[^\W\d])")
# "Uy ban nhân dân" as OCR may break it ("Uy bau nban dân", "Uyban rihan dau").
_UBND = re.compile(r"^(?:ubnd|u\w? ?b\w{1,3} [nru]\w{1,4} d\w{1,3}) ")
# "ơ" read as "&" inside a word ("S&n", "Th&i"); an abbreviation's "&" is followed by a
# capital ("TN&MT") or stands alone.
_O_AS_AMPERSAND = re.compile(r"(?<=[^\W\d_])&([^\W\d_])")
# Marks OCR reads for the "o" family once the "Sở" case is handled.
_OCR_O = str.maketrans({"¢": "o", "©": "o", "@": "o"})
# Letters such OCR confuses, mapped to one class on both sides of a comparison
# ("Lik"/"Lắk", "Pén"/"Đôn", "Cw"/"Cư", "tỉnli"/"tỉnh", "Tbanh"/"Thanh", "Thauh"/"Thanh"; no
# Vietnamese syllable holds "tb" or "uh"): a second, forgiving view of a name.
_OCR_MERGES = [("ii", "a"), ("li", "h"), ("ri", "n"), ("rn", "m"), ("tb", "th"), ("uh", "nh")]
_OCR_SKELETON = str.maketrans({"i": "a", "e": "o", "p": "d", "w": "u", "y": "u", "n": "u"})

# Abbreviations, on folded text (spaces around "&" removed, "-" and "," as spaces).
_ABBREVIATIONS: list[tuple[str, str]] = [
    (r"uy ban nh\w{1,2}n d\w{1,2}n", "ubnd"),
    (r"vpubnd", "van phong ubnd"),
    (r"vp", "van phong"),
    (r"tp", "thanh pho"),
    (r"tx", "thi xa"),
    (r"tt", "thi tran"),
    (r"stn&?mt", "so tai nguyen va moi truong"),
    (r"tn&?mt", "tai nguyen va moi truong"),
    (r"skh&?[dp]t", "so ke hoach va dau tu"),
    (r"kh&?[dp]t", "ke hoach va dau tu"),
    (r"sl[dp] ?tb&?xh", "so lao dong thuong binh va xa hoi"),
    (r"l[dp] ?&?tb&?xh|l[dp] tb xh", "lao dong thuong binh va xa hoi"),
    (r"tb&?xh|tb xh", "thuong binh va xa hoi"),
    (r"snn&?ptnt", "so nong nghiep va phat trien nong thon"),
    (r"nn&?ptnt|nn ptnt", "nong nghiep va phat trien nong thon"),
    (r"ptnt", "phat trien nong thon"),
    (r"snn&?mt", "so nong nghiep va moi truong"),
    (r"nn&?mt", "nong nghiep va moi truong"),
    (r"sgt&?vt", "so giao thong van tai"),
    (r"gt&?vt", "giao thong van tai"),
    (r"stt&?tt", "so thong tin va truyen thong"),
    (r"tt&tt|tttt", "thong tin va truyen thong"),
    (r"skh&?cn", "so khoa hoc va cong nghe"),
    (r"kh&?cn", "khoa hoc va cong nghe"),
    (r"sgd&?[dp]t", "so giao duc va dao tao"),
    (r"gd&?[dp]t", "giao duc va dao tao"),
    (r"vh ?tt&?dl|vh&tt&dl", "van hoa the thao va du lich"),
    (r"dt&?tg", "dan toc va ton giao"),
    (r"bql", "ban quan ly"),
    (r"kcn", "khu cong nghiep"),
    (r"kkt", "khu kinh te"),
    (r"hcm", "ho chi minh"),
]
_ABBREVIATION_RES = [(re.compile(rf"(?<![\w&])(?:{p})(?![\w&])"), r) for p, r in _ABBREVIATIONS]

# Leading words that say what sort of unit follows, as OCR may spell them
# ("thi xd", "Thanh Phd", "Tbanh phố", "huy¢n"); "huyện" may be glued to the name.
_CUES: list[tuple[re.Pattern, str]] = [(re.compile(p), k) for p, k in [
    (r"t[hb]\w{1,3} ph\w{0,2} ", "city"), (r"th\w? x\w? ", "town"),
    # ("buyện", "huyệu", "phudng", "thj trấri"); never "Buôn …" or "Phong …", which are names.
    (r"h[uw]\w{1,3}n |huy\w{1,2}u |buy\w{1,2}[nu] |huyen(?=[a-z]{2})", "rural-district"),
    (r"quan ", "urban-district"), (r"th\w tr\w{1,3}n ", "thi-tran"), (r"ph[uw]\w{1,2}ng ", "phuong"), (r"xa ", "xa"),
    (r"dac khu ", "dac-khu"),
    # One-letter abbreviations reports print: "H. Krông Pắc", "Q. 1", "P. Mũi Né", "X. Hàm Liêm".
    (r"h ", "rural-district"), (r"q ", "urban-district"), (r"p ", "phuong"), (r"x ", "xa"),
]]
_DEPARTMENT_WORDS = {"so", "se", "s0", "so&"}
# Leading words of bodies that are not provincial units: a ministry ("Bộ Thông
# tin và Truyền thông" is not the Sở), a central agency's branch, a centre.
_OTHER_BODIES = ["tong cuc", "chi cuc", "cuc", "bo", "trung tam", "chi nhanh", "hoi dong nhan dan",
                 "hdnd", "doan", "ban chi dao", "cong ty", "buu dien", "vien thong", "ngan hang", "kho bac"]
_PARENTHESES = re.compile(r"\([^)]*\)")
# Stray marks OCR leaves at the ends of a label ("(Công an tỉnh", "‘Thanh tra").
_STRAY = "()[]{}‘’'\"“”«»|_~.,;:-–—*•"
# "Sở" glued to an abbreviation by OCR ("SéTN&MT", "SoNV"): the capitals show the seam.
_SO_BEFORE_CAPITALS = re.compile(r"^\s*S[ởơoóòôéeê6&¢](?=[A-ZĐ]{2})")
# Slips Vietnamese spelling rules out: a capital I after a small letter is an l ("Dak MiI"),
# and no syllable ends in b, so "nb"/"cb" at a word's end is "nh"/"ch" ("Địnb").
_I_FOR_L = re.compile(r"(?<=[^\W\d_])I")
_FINAL_B = re.compile(r"(?<=[^\W\d_][nc])b\b")


@dataclass(frozen=True)
class NormalName:
    cue: Optional[str]        # 'department' | a district kind (city, town …) | a commune kind (xa, phuong …) | 'other' | None
    core: str                 # folded distinctive words, space separated
    marked: Optional[str]     # the same words with their diacritics, when no abbreviation was expanded
    government: bool = False  # written as "UBND …" (the people's committee of a unit)
    place: Optional[str] = None  # the province named at the end ("… tỉnh Gia Lai" -> "gia lai"), folded

    @property
    def key(self) -> str:
        """The core without spaces: "M Đrăk", "M'Đrắk" and "MĐrắk" meet here."""
        return self.core.replace(" ", "")

    @property
    def skeleton(self) -> str:
        """The key with OCR-confusable letters merged."""
        return self.key.translate(_OCR_SKELETON)

    @property
    def merged_skeleton(self) -> str:
        """The skeleton after multi-letter confusions too ("tỉnli" → "tỉnh"); kept apart
        from :attr:`skeleton` because a true "li" ("Lik" for "Lắk") would be lost."""
        return _loose(self.key).translate(_OCR_SKELETON)

    @property
    def marked_key(self) -> Optional[str]:
        return None if self.marked is None else self.marked.replace(" ", "")


def fold(text: str) -> str:
    """Lowercase, diacritics removed, đ → d."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("Ð", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def has_marks(text: str) -> bool:
    """True when the text carries Vietnamese diacritics (evidence it was not stripped)."""
    return fold(text) != text.lower()


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip(_STRAY + " \n\t")
    text = _SO_BEFORE_CAPITALS.sub("Sở ", text)
    for a in _APOSTROPHES:
        text = text.replace(a, "")
    text = _PARENTHESES.sub(" ", text)
    text = _O_AS_AMPERSAND.sub(lambda m: "ơ" + m[1] if m[1].islower() else m[0], text)
    text = _I_FOR_L.sub(lambda m: "l" if text[m.start() - 1].islower() else "I", text)
    text = _FINAL_B.sub("h", text)
    text = re.sub(r"[\s\u00a0]+", " ", text).strip().lower()
    text = without_leading_numbering(text)
    return text


def _tokens(text: str) -> list[str]:
    """Words; "&" kept inside abbreviations, other punctuation split."""
    text = re.sub(r"\s*&\s*", "&", text)
    return [t for t in re.split(r"[^\w&¢©@]+", text) if t]


def _fix_digits(token: str) -> str:
    if any(c.isalpha() for c in token) and any(c.isdigit() for c in token):
        return token.translate(_DIGIT_AS_LETTER)
    return token


def _loose(word: str) -> str:
    """A word with OCR's multi-letter confusions merged ("liuyện" → "huyện")."""
    for a, b in _OCR_MERGES:
        word = word.replace(a, b)
    return word


def _is_division(tokens: list[str]) -> bool:
    """"Phòng Tư pháp …", a division of a body; "Phong Điền" (a name) folds alike, so only
    the marks tell, and without them nothing is said."""
    return bool(tokens) and tokens[0] == "phòng" and len(tokens) > 1


def _is_tinh(word: str) -> bool:
    """"tinh", as OCR may read it ("tinb", "tỉnli", "tỉuh"); not "thinh" (Thịnh) nor "tien" (Tiền)."""
    return _TINH.fullmatch(_loose(word)) is not None


def place_skeleton(text: str) -> str:
    """A province name as compared with the names the registry holds ("Dk Lak" ~ "dak lak")."""
    return _loose(fold(text).replace(" ", "")).translate(_OCR_SKELETON)


@lru_cache(maxsize=None)
def _place_skeletons() -> tuple[str, ...]:
    from .registry import provinces, short_name  # the registry's names, read once

    return tuple(sorted({place_skeleton(short_name(p)) for p in provinces()}))


def is_place(words: list[str]) -> bool:
    """The words name a province: close to a province's name ("dk lak"), or the start of one
    cut by a line break ("dak" of "Đắk Lắk"; which one is then unknown)."""
    if not words or len(words) > 4:
        return False
    text = place_skeleton(" ".join(words))
    return any(fuzz.ratio(text, p) >= PLACE_MIN_SCORE or (len(text) >= 3 and p.startswith(text))
               for p in _place_skeletons())


# The registry spells the same name for many units (half its 34,000 spellings are repeats),
# and a report repeats its labels table after table: each string is worked out once.
@lru_cache(maxsize=None)
def normalize(text: str) -> NormalName:
    cleaned = _clean(text)
    department = False
    m = _SO_OCR.match(fold(cleaned)) or _SO_GLUED.match(cleaned)
    if m:
        cleaned, department = "sở " + cleaned[m.end():], True
    cleaned = _UBND_GLUED.sub("ubnd ", cleaned)
    marked_tokens = _tokens(cleaned)
    folded = " ".join(_fix_digits(fold(t)).translate(_OCR_O) for t in marked_tokens)
    expanded = folded
    for rx, replacement in _ABBREVIATION_RES:
        expanded = rx.sub(replacement, expanded)
    expanded = expanded.replace("&", " va ")
    words = expanded.split()
    aligned = expanded == folded and not department and len(words) == len(marked_tokens)

    # "tỉnb", "tỉuli": one spelling of "tỉnh" before cues and places are read.
    words = ["tinh" if _is_tinh(w) else w for w in words]
    start, end = 0, len(words)
    loose = " ".join(_loose(w) for w in words) + " "
    government = False
    m = _UBND.match(loose)
    if m:
        government, start = True, len(m.group().split())
    cue: Optional[str] = None
    rest = " ".join(_loose(w) for w in words[start:end]) + " "
    if department or (start < end and words[start] in _DEPARTMENT_WORDS):
        cue, start = "department", start + 1
    elif any(rest.startswith(body + " ") for body in _OTHER_BODIES) or _is_division(marked_tokens[start:]):
        cue = "other"
    else:
        for rx, kind in _CUES:
            m = rx.match(rest)
            if m and m.end() < len(rest):
                cue = kind
                glued = m.group().rstrip().split()
                start += len(glued)
                if not m.group().endswith(" "):  # "huyệnEa Súp": the name began inside the cue word
                    words = words[:start - 1] + [words[start - 1][len(glued[-1]):]] + words[start:]
                    start, aligned = start - 1, False
                break
    # "… tỉnh Gia Lai", "… thành phố Hà Nội", "… tỉnh Đắk": the province named at the end
    # is not part of the unit's name; the matcher checks it against the report's province.
    place = None
    for i in range(start + 1, end):
        width = 2 if words[i:i + 2] == ["thanh", "pho"] else 1 if _is_tinh(words[i]) else 0
        if width and i + width < end and is_place(words[i + width:end]):
            place, end = " ".join(words[i + width:end]), i
            break
    if end - 1 > start and _is_tinh(words[end - 1]):
        end -= 1  # "Thanh tra tỉnh": the level word of the province's own bodies
    elif end - 2 > start and words[end - 2:end] == ["thanh", "pho"]:
        end -= 2  # "Thanh tra thành phố" of a centrally-run city
    core = " ".join(words[start:end])
    marked = " ".join(marked_tokens[start:end]) if aligned else None
    return NormalName(cue=cue, core=core, marked=marked, government=government, place=place)
