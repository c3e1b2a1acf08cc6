"""Legacy 8-bit Vietnamese encodings -> Unicode: TCVN3 (ABC), VNI, VISCII, Windows-1258.

Older PDFs and Word files use fonts whose glyphs sit at these code points; a PDF
reader then reports each byte as the Latin-1 (or cp1252) character of the same
code, e.g. "Së N«ng nghiÖp" for "Sở Nông nghiệp" in a .VnTime font. We map the
characters back to bytes, decode under the encoding, and when the font name
does not tell which encoding it is, decode under each and keep the reading with
the most valid Vietnamese syllables.

TCVN3 has no capitals with tones: documents set capitals in a twin font
(.VnTimeH, .VnArialH, ...) that draws the lower-case code points as capitals,
so the font name decides the case of the result.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .syllable import is_valid, strip_marks

# Byte -> character tables, written out so the code needs no codec the platform
# may lack (Python has none for TCVN3 or VISCII).
_TCVN3_UPPER_HALF = (
    "ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒ"
    "ĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ"
)
TCVN3 = {0xA1 + i: c for i, c in enumerate(_TCVN3_UPPER_HALF)}

_VISCII_UPPER_HALF = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵÝỡư"
    "àáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ"
)
VISCII = {0x80 + i: c for i, c in enumerate(_VISCII_UPPER_HALF)}
VISCII.update({0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"})

# VNI: a base letter followed by a mark byte. Marks are given lower-case; the
# upper-case byte of each (Latin-1 case pairs) means the same.
_VNI_MARKS = {
    "ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
    "â": "\u0302", "á": "\u0302\u0301", "à": "\u0302\u0300", "å": "\u0302\u0309",
    "ã": "\u0302\u0303", "ä": "\u0302\u0323",
    "ê": "\u0306", "é": "\u0306\u0301", "è": "\u0306\u0300", "ú": "\u0306\u0309",
    "ü": "\u0306\u0303", "ë": "\u0306\u0323",
}
_VNI_LETTERS = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}
_VNI_BREVE_BASES = set("aA")
_VNI_HAT_BASES = set("aeoAEO")
_VNI_VOWELS = set("aeiouyAEIOUYôöÔÖ")

_CP1252_REVERSE = {}
for _b in range(0x80, 0xA0):
    try:
        _CP1252_REVERSE[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        pass


# A PDF reader names byte 0xB5 by its glyph, "mu": Greek μ (U+03BC), not the micro sign.
_GLYPH_NAMED = {"\u03bc": 0xB5}


def _byte(ch: str) -> int | None:
    o = ord(ch)
    if o < 0x100:
        return o
    return _CP1252_REVERSE.get(ch, _GLYPH_NAMED.get(ch))


def _by_table(text: str, table: dict[int, str]) -> str:
    out = []
    for ch in text:
        b = _byte(ch)
        out.append(table.get(b, ch) if b is not None else ch)
    return unicodedata.normalize("NFC", "".join(out))


def decode_tcvn3(text: str, capitals: bool = False) -> str:
    s = _by_table(text, TCVN3)
    return s.upper() if capitals else s


def decode_viscii(text: str) -> str:
    return _by_table(text, VISCII)


def decode_cp1258(text: str) -> str:
    out = []
    for ch in text:
        b = _byte(ch)
        if b is None or b < 0x80:
            out.append(ch)
            continue
        try:
            out.append(bytes([b]).decode("cp1258"))
        except UnicodeDecodeError:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def decode_vni(text: str) -> str:
    out: list[str] = []
    for ch in text:
        b = _byte(ch)
        low = ch.lower()
        prev = out[-1] if out else ""
        if b is not None and b >= 0x80 and low in _VNI_MARKS and prev in _VNI_VOWELS | set("ơưƠƯ"):
            mark = _VNI_MARKS[low]
            quality = mark[0] if mark[0] in "\u0302\u0306" else ""
            if quality == "\u0306" and prev not in _VNI_BREVE_BASES:
                out.append(_VNI_LETTERS.get(low, ch) if low in _VNI_LETTERS else ch)
                continue
            if quality == "\u0302" and prev not in _VNI_HAT_BASES:
                out.append(_VNI_LETTERS.get(low, ch) if low in _VNI_LETTERS else ch)
                continue
            out[-1] = unicodedata.normalize("NFC", prev + mark)
            continue
        if b is not None and b >= 0x80 and low in _VNI_LETTERS:
            mapped = _VNI_LETTERS[low]
            out.append(mapped.upper() if ch != low else mapped)
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


DECODERS = {
    "tcvn3": decode_tcvn3,
    "vni": decode_vni,
    "viscii": decode_viscii,
    "cp1258": decode_cp1258,
}

_WORD = re.compile(r"[^\W\d_]+")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")
_FONT_STYLE = re.compile(r"[,-](bold|italic|oblique|regular|bolditalic|boldoblique|normal)$", re.I)


def syllable_score(text: str) -> tuple[int, int]:
    """(valid Vietnamese syllables, words that are neither Vietnamese nor plain ASCII)."""
    valid = bad = 0
    for w in _WORD.findall(text):
        if w.isupper() and not _VOWEL.search(strip_marks(w)):
            continue  # abbreviations: "QĐ", "UBND" score neither way
        if is_valid(w):
            valid += 1
        elif not w.isascii():
            bad += 1
    return valid, bad


@lru_cache(maxsize=1024)  # asked for every word; a document has a handful of fonts
def font_encoding(fontname: str | None) -> tuple[str | None, bool]:
    """Encoding a font name announces, and whether it is a capitals (…H) font."""
    if not fontname:
        return None, False
    name = fontname.split("+", 1)[-1].strip()
    while True:
        stripped = _FONT_STYLE.sub("", name)
        if stripped == name:
            break
        name = stripped
    low = name.lower()
    if low.startswith((".vn", "vn")) and not low.startswith("vni"):
        return "tcvn3", name.endswith("H")
    if low.startswith("vni"):
        return "vni", False
    if "viscii" in low:
        return "viscii", False
    return None, False


# Latin-1 letters that Unicode Vietnamese itself uses: alone they are no sign of a legacy encoding.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")


# A character no Unicode Vietnamese text holds: a control, a Latin-1 byte other than those
# letters, or a character that cp1252 gives a byte of 0x80-0x9F (a regex: every cell passes here).
_FOREIGN_CHAR = re.compile("[\x00-\x1f" + "".join(
    re.escape(c) for c in sorted({chr(b) for b in range(0x80, 0x100)} - _VIETNAMESE_LATIN1 | set(_CP1252_REVERSE))) + "]")


def _suspicious(text: str) -> bool:
    if _FOREIGN_CHAR.search(text):
        return True
    # VNI spells with Latin-1 letters only ('Naêm', 'hoùa'): a word of them that
    # is no syllable is the sign.
    return any(not w.isascii() and all(ord(c) < 0x100 for c in w) and not is_valid(w)
               for w in _WORD.findall(text))


@lru_cache(maxsize=8192)
def detect_and_decode(text: str) -> str:
    """The reading of `text` (as is, or under a legacy encoding) with the most valid syllables."""
    if not _suspicious(text):
        return text
    valid, bad = syllable_score(text)
    symbols = any(0xA0 <= ord(c) < 0x100 and not c.isalpha() for c in text)
    # One more syllable is enough only with symbol bytes (« ¸ µ) that no text
    # shows; an OCR's stray accent ('Buén') also decodes to one syllable.
    need = 1 if symbols else 2
    best, best_valid = text, valid + need - 1
    for decode in DECODERS.values():
        # Only chunks holding a letter are decoded: a quotation mark standing alone ("“ Xây")
        # is the byte of a legacy capital (“ → "Ộ") and would count as a syllable gained.
        cand = " ".join(decode(chunk) if any(c.isalpha() for c in chunk) else chunk
                        for chunk in text.split(" "))
        v, b = syllable_score(cand)
        # A right decoding leaves no broken word behind; an OCR's stray accents
        # ('nguyén', 'S¢') decode to some syllables and some garbage.
        if b == 0 and v > best_valid:
            best, best_valid = cand, v
    if best is text and bad:
        best = _known_reading(text, valid) or text
    return best


def _known_reading(text: str, valid: int) -> str | None:
    """The VNI decoding when it mends every broken word into a known word ('Naêm' -> 'Năm',
    'hoùa' -> 'hóa'): the one-syllable margin above is then not needed, since
    an OCR's stray accent seldom decodes to words that all exist."""
    from .lm import repairable_words  # the word list; read only for text that needs it

    # VNI only: its text is Latin-1 letters, which the margin cannot tell from
    # OCR output; TCVN3 and VISCII show symbol bytes and are decided above.
    cand = decode_vni(text)
    v, b = syllable_score(cand)
    changed = [w for w in _WORD.findall(cand) if not w.isascii()]
    if b == 0 and v > valid and changed and all(w.lower() in repairable_words() for w in changed):
        return cand
    return None


def decode_legacy(text: str, fontname: str | None = None) -> str:
    """Unicode text of a run drawn in font `fontname` (as pdfplumber names it)."""
    encoding, capitals = font_encoding(fontname)
    if encoding == "tcvn3":
        return decode_tcvn3(text, capitals)
    if encoding is not None:
        return DECODERS[encoding](text)
    return detect_and_decode(text)
