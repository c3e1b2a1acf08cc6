"""Vietnamese text repair: `repair_text` for one cell or line, `repair_texts` for many
at once (decoded together, much faster), `repair_lines` and `repair_stream` for the
lines of one text, each decoded with the words of the lines around it as context.

Order: NFC and spacing; legacy 8-bit encodings decoded; one tone placement; then
the line is judged:
- clean: Vietnamese with its marks (the usual case): returned as is, fast;
- stripped: marks missing or partial: each word without marks gets the syllables
  it could be, words with marks keep them (evidence), the LM chooses;
- OCR-damaged: words no Vietnamese text has ("S&", "nghiép", "d9"): every word
  gets the known words an English OCR could have read that way, scored by the
  confusion channel, and the LM chooses, keeping a word as read when nothing
  explains it better.
Correct Vietnamese comes out unchanged; applying it twice
changes nothing more. A missing model raises MissingData.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Callable, Iterable, Iterator

import numpy as np

from .acronyms import look_alike
from .confusion import Neighbours, channel
from .diacritics import CASE_WEIGHT, MAX_CANDIDATES, apply_case, at_sentence_start, beam_decode, capitalised, index
from .mark_slips import mark_slips, tone_slips
from ..vietnamese.legacy import decode_legacy, detect_and_decode
from ..vietnamese.lm import OTHER, load, repairable_words
from ..vietnamese.syllable import has_marks, is_valid, strip_marks
from .unicode import normalize

__all__ = ["repair_text", "repair_texts", "repair_lines", "repair_stream", "restore_marks", "decode_legacy"]

_CHUNK = re.compile(r"\S+")
_EDGE = re.compile(r"^([\"'“”‘(\[{*]*)(.*?)([\"'“”’)\]}.,;:!?…*]*)$", re.S)
_VOWELS = set("aăâeêioôơuưy")
# Marked share below which a line counts as typed without marks: correct
# Vietnamese has marks on about two words in three.
MIN_MARKED_SHARE = 0.5
KEEP_PENALTY = -9.0  # log-score cost of leaving an unexplained OCR word as read
# Log-score cost of marking a letter otherwise than Tesseract 'vie' read it, at most, for each
# mark changed (its frequent slips cost less: `mark_slips`).
MARK_SLIP = -4.0
# Log-score cost of keeping a syllable the model has never seen (in 87 M words of text) as
# Tesseract 'vie' read it: a misread is likelier than a new word, and a word can have two
# of its marks slipped ("Phân mêm" for "Phần mềm").
UNSEEN = 2 * MARK_SLIP
# A blurred or coarse scan slips some tones by the dozen: it loses those stacked on hats
# ("Triên khai … chuyên đôi sô", "nhâp", "đât"), or reads a hook as an acute all through
# ("của tính"). How often, the text itself says: the slips of each kind (`mark_slips.tone_slip`)
# its first repair undid, among the vowels that carry that tone once repaired, give the rate
# at which this OCR text made them, counted with as many vowels as PRIOR_LETTERS read at the
# rate MARK_SLIP stands for; a rate that makes such a slip cost less than MARK_SLIP is used to
# repair the text again.
PRIOR_LETTERS = 200
MAX_OCR_CANDIDATES = 16
# A word no Vietnamese syllable that the model has seen at least once in this many words of
# its text ('zero', 'online', 'website') is a foreign word: Tesseract 'vie' read it as printed.
FOREIGN_SHARE = 1e-5
# A text prints its phrases more than once: the share of a word's probability, after the word
# before it, that the text's own pairs of words give (a cache model, interpolated).
CACHE_WEIGHT = 0.1
# A word read with one letter wrong ("phận mội cửa", "Có rồi thiểu") may be taken for a word
# the text prints beside the same neighbour ("phận một", "tối thiểu"), at this cost: a slip
# of a letter cannot be told from a rare word by the language model alone, the text's own
# phrases can tell it.
LETTER_SLIP = -8.0
# Words of a neighbouring line that condition the decoder: as many as the model's context.
CONTEXT = 3
_BREAK = [(OTHER, 0.0)]
BATCH = 1000  # lines of a stream decoded together at most
# Share of a line's words with letters beyond Latin-1 from which it is not an English
# OCR's reading (correct Vietnamese has such letters in about half its words).
VIETNAMESE_SHARE = 0.2


_ROMAN = re.compile(r"[IVXLC]+")
_ROMAN_LETTERS = set("IVXLCDM")
_CODE_SEP = re.compile(r"[-/]")
# A speck read as a full stop between two words of one phrase ("hành chính. nhà nước"):
# after a word, not a letter of an abbreviation ("v.v."), before one in small letters; not
# before a lone letter, which opens a sentence as a variable does ("được giao. b là số").
_STRAY_STOP = re.compile(r"(?<=[^\W\d_]{2})\.(?= ([^\W\d_])[^\W\d_])")
_FOOTNOTE = re.compile(r"([^\W\d_]{2,})(\d{1,2})")
# A word with its score or count after a colon and no space ("Đầy đủ:1", "thời hạn:0.5"):
# the word, then the figure as what follows it.
_COLON_FIGURE = re.compile(r"([^\W\d_]+)(:[\d.,]+)")
# Symbols an English OCR puts for a letter ('$' for S, '@'/'&' for ơ): a chunk with
# one counts as a word even without letters ('$6' for 'Số').
_LETTER_LIKE = set("$@&§¢")


def _is_abbreviation(core: str) -> bool:
    if _ROMAN.fullmatch(core):
        return True  # Roman numerals: Phụ lục II, Quý III
    letters = [c for c in core if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return False
    low = strip_marks(core.lower())
    run = longest = 0
    for c in low:
        run = run + 1 if c.isalpha() and c not in _VOWELS else 0
        longest = max(longest, run)
    return not any(c in _VOWELS for c in low) or longest >= 3


class _Word:
    __slots__ = ("start", "end", "core", "low", "form")

    def __init__(self, start: int, end: int, core: str, form: str):
        self.start, self.end, self.core, self.form = start, end, core, form
        self.low = core.lower().replace("’", "'")


@lru_cache(maxsize=4096)  # a line is split again as its neighbours' context
def _split(line: str, vocab: frozenset[str]) -> tuple[_Word | None, ...]:
    """Words of the line with a form each; None for a break (numbers, punctuation).

    Punctuation is a break as it is in the training text (`lm_tokens`): 'huyện,
    thị xã' must not be scored as the pair 'huyện thị'. Codes are split into
    their parts ('321/QĐ-UBND': a number, then QĐ and UBND)."""
    out: list[_Word | None] = []
    for m in _CHUNK.finditer(line):
        for piece in _pieces(m.group(0), vocab):
            if piece is None:
                if not out or out[-1] is not None:
                    out.append(None)
            else:
                at, core, form = piece
                out.append(_Word(m.start() + at, m.start() + at + len(core), core, form))
    return tuple(out)


@lru_cache(maxsize=100_000)
def _pieces(chunk: str, vocab: frozenset[str]) -> tuple:
    """The words of one chunk of a line (offset, core, form) and its breaks (None), in
    order; a chunk recurs, so it is worked out once."""
    out: list = []
    lead, core, trail = _EDGE.match(chunk).groups()
    start = len(lead)
    if lead:
        out.append(None)
    foot = _FOOTNOTE.fullmatch(core)
    if foot and (is_valid(foot.group(1).lower()) or foot.group(1).lower() in vocab):
        core = foot.group(1)  # 'vụ1': a footnote number glued to its word
        trail = trail or foot.group(2)
    glued = _COLON_FIGURE.fullmatch(core)
    if glued:
        core, trail = glued.group(1), glued.group(2) + trail
    parts = [(start, core)]
    if _CODE_SEP.search(core) and all(p.isalnum() for p in _CODE_SEP.split(core) if p):
        parts, pos = [], start
        for piece in re.split(f"({_CODE_SEP.pattern})", core):
            if piece and piece.isalnum():
                parts.append((pos, piece))
            pos += len(piece)
    # A code with a number in it names a document ("06-CTr/TU", "66-NQ/TW"): its letters
    # are an abbreviation as printed, whatever their case.
    numbered = len(parts) > 1 and any(part.isdigit() for _, part in parts)
    for i, (pstart, part) in enumerate(parts):
        if i:
            out.append(None)
        form = _form(part, trail[:1] in (")", ".") or lead[-1:] == "(", vocab)
        if numbered and form is not None:
            form = "abbr"
        out.append(None if form is None else (pstart, part, form))
    if trail:
        out.append(None)
    return tuple(out)


@lru_cache(maxsize=100_000)
def _form(core: str, list_marker: bool, vocab: frozenset[str]) -> str | None:
    """The form of a chunk's word ('abbr', 'marked', 'bare', 'noisy'), or None when it is
    no word (numbers, codes)."""
    if not core or any(c in "/-.=+:" for c in core) or not any(c.isalpha() or c in _LETTER_LIKE for c in core):
        return None
    if len(core) == 1:
        # One-letter words are real ('ở', 'ý', 'Y tế'); list letters ('a)', 'b.') and
        # Roman numerals ('I', 'V') are not.
        if list_marker or core in _ROMAN_LETTERS or not is_valid(core.lower()):
            return None
    low = core.lower().replace("’", "'")
    letters_only = all(c.isalpha() or c in "'’" for c in core)
    if _is_abbreviation(core):
        return "abbr"
    if letters_only and (low in vocab or is_valid(low)):
        return "marked" if has_marks(low) else "bare"
    if letters_only and strip_marks(low) in index().by_key and not has_marks(low):
        return "bare"
    return "noisy"


def _ocr_damaged(words: list[_Word | None], marked: bool) -> bool:
    for w in words:
        if w is None or w.form != "noisy":
            continue
        # Symbols or digits inside a word ('S&', 'd9'), or accents on a word no
        # Vietnamese has ('nghiép'); plain unknown words (names, English) are not evidence.
        # Digits alone are not on a line without a single mark: an English OCR keeps the
        # marks Latin-1 has (à, é, ô), so such a line was typed without them, and its
        # 'm2', 'A5', '1A' are units and codes.
        if has_marks(w.low) or not all(c.isalnum() or c in "'’" for c in w.core):
            return True
        if marked and not all(c.isalpha() or c in "'’" for c in w.core):
            return True
    return False


def _latin1_marks_only(line: str) -> bool:
    return all(ord(c) < 0x100 for c in line if c.isalpha())


def _slot_stripped(w: _Word, vocab: set[str], start: bool) -> list[tuple[str, float]]:
    if w.form == "bare" or (w.form == "marked" and w.low not in vocab):
        slot = _restorations(w.low, capitalised(w.core, start))
        if slot:
            return slot
    return [(_as_read(w), 0.0)]


def _as_read(w: _Word) -> str:
    """The token of a word whose one reading is as read (context, not a choice): the word
    itself where the model has seen it, so that an acronym conditions its neighbours ('thuế'
    before 'GTGT'), else a break. A choice to keep an unknown reading stays a break: a rare
    token the model knows would cost its rarity too ('Đrăk' would lose to 'Đắk')."""
    return w.low if w.low in load().ids else OTHER


@lru_cache(maxsize=50_000)
def _restorations(low: str, capital: bool | None) -> list[tuple[str, float]]:
    """The words `low` could be with its marks restored, each with the evidence of its case
    (a word recurs, and so do its candidates)."""
    cands = index().candidates(low)[:MAX_CANDIDATES]
    if len(cands) > 1 and capital is not None:
        return [(c, CASE_WEIGHT * load().case_logp(c, capital)) for c in cands]
    return [(c, 0.0) for c in cands]


def _slot_ocr(w: _Word, vocab: set[str], before: list[tuple[str, float]]) -> list[tuple[str, float]]:
    ch = channel()
    nb = _neighbours()
    options = dict(nb.of(w.low, MAX_OCR_CANDIDATES))
    # Words the LM expects after the previous word's candidates, when the reading
    # allows them: a rare name ('Buôn Đôn') is found from its context.
    keys = nb.keys_of(w.low)
    for prev, _ in before[:MAX_OCR_CANDIDATES]:
        for cand in _followers(prev, keys):
            if cand not in options and cand in vocab:
                options[cand] = ch.word(w.low, cand)
    if w.low in vocab:
        options[w.low] = ch.word(w.low, w.low)
    slot = [(c, s) for c, s in options.items()]
    if w.low not in vocab:
        slot.append((OTHER, KEEP_PENALTY))  # keep as read: an unknown word, however rare its letters
    return slot


@lru_cache(maxsize=20_000)
def _followers(prev: str, keys: tuple[str, ...]) -> list[str]:
    """Words seen after `prev` whose unmarked form is one of `keys`."""
    forms, codes = _unmarked_codes()
    want = [forms[k] for k in keys if k in forms]
    if not want:
        return []
    lm = load()
    ids = lm.follower_ids(prev)
    wanted = np.zeros(len(forms), bool)  # a table: np.isin sorts, at every call
    wanted[want] = True
    return [lm.vocab_list[i] for i in ids[wanted[codes[ids]]]]


@lru_cache(maxsize=1)
def _unmarked_codes() -> tuple[dict[str, int], np.ndarray]:
    """Each word of the model's vocabulary by the number of its unmarked form."""
    forms: dict[str, int] = {}
    codes = [forms.setdefault(strip_marks(w), len(forms)) for w in load().vocab_list]
    return forms, np.array(codes)


@lru_cache(maxsize=1)
def _neighbours() -> Neighbours:
    lm = load()
    return Neighbours(index().by_key, lambda w: math.log(lm.p_uni(w) + 1e-9))


def _mode(line: str, words: list[_Word | None], force_stripped: bool = False) -> str | None:
    """How the line's words are to be decoded: 'stripped' (marks lost), 'ocr' (read by
    an OCR without Vietnamese), or None: the line is left as it is."""
    real = [w for w in words if w is not None and w.form != "abbr"]
    if not real:
        return None
    if force_stripped:
        return "stripped"
    marked = sum(w.form == "marked" for w in real)
    bare = sum(w.form == "bare" for w in real)
    # Without any mark, one word alone is no evidence that marks were lost.
    stripped = (bare > 1 or marked > 0) and bare > 0 and marked < MIN_MARKED_SHARE * (marked + bare)
    # An English OCR writes only Latin-1 accents (é, ó, â): a line short of marks
    # whose marks are all of that kind was read by one ('Sé Tu phap').
    ocr = _ocr_damaged(words, has_marks(line)) or (stripped and marked > 0 and _latin1_marks_only(line))
    # ... and a line of which many words have letters beyond Latin-1 (ư, ạ, đ) was not:
    # its 'A5', 'm2' are codes and units, not an English OCR's misreadings.
    ocr = ocr and sum(not _latin1_marks_only(w.core) for w in real) < VIETNAMESE_SHARE * len(real)
    return "ocr" if ocr else "stripped" if stripped else None


def _slot(w: _Word, mode: str | None, line: str, vocab: set[str],
          before: list[tuple[str, float]]) -> list[tuple[str, float]]:
    if mode is None:
        return [(_as_read(w), 0.0)]
    if w.form == "abbr":
        # Capitals keep their letters, but a stripped 'QD' may still be 'QĐ'.
        known = [c for c in index().candidates(w.low) if c != w.low]
        return [(w.low, 0.0)] if w.low in vocab else [(c, 0.0) for c in known] or [(_as_read(w), 0.0)]
    if mode == "ocr" and _latin1_marks_only(w.core):
        return _slot_ocr(w, vocab, before)
    if mode == "ocr":
        # Letters beyond Latin-1 (ơ, ư, đ, ạ, ...) never come from an English
        # OCR: such a word is already right (and a second pass keeps it).
        return [(_as_read(w), 0.0)]
    return _slot_stripped(w, vocab, at_sentence_start(line, w.start))


def _context(text: str, vocab: set[str], last: bool) -> list:
    """The words of a neighbouring line next to this one (its last or first CONTEXT),
    as that line is decoded: with candidates if it lacks its marks, as they are if not."""
    if not text:
        return []
    words = _split(text, vocab)
    mode = _mode(text, words)
    near = words[-CONTEXT:] if last else words[:CONTEXT]
    return [(near, lambda w, before: _slot(w, mode, text, vocab, before), False)]


def _decode(lines: list[str], force_stripped: bool = False, context=None) -> list[str]:
    """Each line decoded (or left as it is), all in one search; ``context``: each line's
    neighbours (before, after), whose words condition the decoder without being output."""
    vocab = repairable_words()
    jobs = []
    for i, line in enumerate(lines):
        words = _split(line, vocab)
        mode = _mode(line, words, force_stripped)
        if mode is None:
            continue
        before, after = context[i] if context else ("", "")
        parts = [*(_context(before, vocab, last=True) if before else _opening(words)),
                 (words, lambda w, prev, mode=mode, line=line: _slot(w, mode, line, vocab, prev), True),
                 *_context(after, vocab, last=False)]
        jobs.append((i, line, *_slots(parts)))
    return _best(lines, jobs)


def _opening(words: tuple[_Word | None, ...]) -> list:
    """A line opening with a Capitalised word opens a sentence or a phrase, as the lines of
    the training text do (each follows a break): its first word is scored after a break
    ("Bà" opens sentences, "ba" is counted inside them). A line opening in small letters
    is a fragment ("lệ số lượng" after "tỷ"): its first word keeps no context."""
    first = next((w for w in words if w is not None), None)
    return [((None,), None, False)] if first is not None and first.core[:1].isupper() else []


def _slots(parts) -> tuple[list[list[tuple[str, float]]], list[_Word | None]]:
    """The slots of a sequence of (words, slot_of(word, previous slot), own) parts, a run
    of breaks as one; with each slot the word it is for (None: a break or a context word)."""
    slots: list[list[tuple[str, float]]] = []
    owners: list[_Word | None] = []
    for words, slot_of, own in parts:
        for w in words:
            if w is None:
                if not slots or slots[-1] != _BREAK:
                    slots.append(_BREAK)
                    owners.append(None)
                continue
            slots.append(slot_of(w, slots[-1] if slots else []))
            owners.append(w if own else None)
    return slots, owners


def _paths(jobs) -> list[list[str]]:
    """Each job's tokens as the language model reads them best, a token a slot."""
    return beam_decode(load(), [slots for _, _, slots, _ in jobs]) if jobs else []


def _best(lines: list[str], jobs, paths=None) -> list[str]:
    """``lines`` with each job's words as the language model reads them best (``paths``, when
    decoded already); a job is (index of its line, the line, its slots, the word of each slot)."""
    out = list(lines)
    for (i, line, _, owners), path in zip(jobs, _paths(jobs) if paths is None else paths):
        out[i] = _apply(line, path, owners)
    return out


def _apply(line: str, best: list[str], owners: list[_Word | None]) -> str:
    """``line`` with each word replaced by the token chosen for it, its case kept."""
    out, last = [], 0
    for tok, w in zip(best, owners):
        if w is None or tok == OTHER or tok == w.low:
            continue
        out.append(line[last:w.start])
        out.append(apply_case(w.core, tok.replace("'", "’") if "’" in w.core else tok))
        last = w.end
    out.append(line[last:])
    return "".join(out)


def _case_slips(line: str) -> str:
    """A text opening (after its numbering) with a word of two letters whose marked small
    vowel the OCR read as a capital ("SỐ nhiệm vụ" for "Số nhiệm vụ", "SỞ Y tế"): that
    word in capitals carrying a mark (an acronym carries none: UBND, ĐVSN), with no marked
    word in capitals beside it ("TỔNG SỐ", a heading; "SỐ VBQPPL được" is a slip). Longer
    words in capitals inside a line are the print's emphasis ("thì CỘNG THÊM 0.25 điểm",
    "nếu số lượng GIẢM"). A marked capital after a small letter in a syllable is a slip too
    ("tỜ gấp"; "eKYC" spells none, and "lO" is a figure's look-alike)."""
    line = _LETTERS.sub(lambda m: m[0].lower() if m[0][0].islower() and any(
        ch.isupper() and not ch.isascii() for ch in m[0]) and is_valid(m[0].lower()) else m[0], line)
    words = list(_LETTERS.finditer(line))
    if len(words) < 2 or not any(ch.islower() for ch in line):
        return line  # a heading, in capitals throughout
    first, second = words[0][0], words[1][0]
    if len(first) == 2 and first.isupper() and _marked(first[1:]) and \
            not (len(second) >= 2 and second.isupper() and _marked(second)):
        return line[:words[0].start()] + first[0] + first[1:].lower() + line[words[0].end():]
    return line


_LETTERS = re.compile(r"[^\W\d_]+")
# A figure 1 that OCR read as a letter no word and no Roman number is: a capital "Ì", "Í"
# or "Ï" inside a line ("Có Ì sáng kiến"; the word "ì" opens one: "Ì ạch"), or a score
# after a colon at the line's end read as a stroke ("trở lên: J", "đúng quy định: !",
# "trong năm đánh giá: I"; no line of the first 3 million of the news, legal and
# Wikipedia corpora ends so, 55 end ": 1"). Glued to a figure, a capital "Ì", "Í" or "Ï"
# is one too ("từ 0Ï đơn vị": no word opens with a figure). Elsewhere "J" is an initial
# ("J. Edgar", "chữ J") and "I" and "l" may be a figure or a letter ("Phụ lục I", "quý I/2026").
_ONE_SLIP = re.compile(r"(?<=\S )[ÌÍÏ](?=$|[\s,;:)])|(?<=\d)[ÌÍÏ](?=$|[\s\d.,;:)%])|(?<=: )[JIl|!]$")
# A score 0 so given read as a "U" or an "Ừ" ("Chưa triển khai xây dựng: U"), or a value
# compared or set so ("Trường hợp a = Ừ thì …").
_ZERO_SLIP = re.compile(r"(?<=: )[UỪ]$|(?<=[=<>] )Ừ(?= |$)")
# A zero read with a bracket after it inside a figure ("b/a <0).8" for "<0.8"): a bracket
# closes nothing there when none is open before it (no line of the first 2 million of each
# of the news, legal and Wikipedia corpora has one so, nor an "Ừ" after "=", "<" or ">").
_BRACKET_IN_FIGURE = re.compile(r"(?<=\d)\)(?=[.,]\d)")


# "Trong đó" opening a clause announces its parts ("Trong đó: a là …", "(16 = 16.1 + 16.2)
# Trong đó:"): at a line's end, a stop after it is a colon whose upper dot the OCR lost (no
# line of the first 3 million of the news and legal corpora ends "Trong đó.", five end
# "Trong đó:"). Inside a clause "trong đó" may end a sentence ("các nội dung nêu trong đó.").
_COLON_AS_STOP = re.compile(r"(?:^|(?<=[.:;)] ))Trong đó\.$")


def _stop_slips(line: str) -> str:
    return _COLON_AS_STOP.sub("Trong đó:", line)


def _figure_slips(line: str) -> str:
    line = _ZERO_SLIP.sub("0", _ONE_SLIP.sub("1", line))
    return _BRACKET_IN_FIGURE.sub(lambda m: "" if line.count("(", 0, m.start()) <= line.count(")", 0, m.start())
                                  else m[0], line)


# Spaces the OCR puts inside quotation marks ("“ Xây dựng", "50% ”"); a printed page has none.
# A mark is moved only when it stands alone: one glued to a word may be a misread other
# ("thành ”100%"). A product's star is left as read: the scoring rules print it with a space
# on one side as well as without ("(b/a) *điểm", "(b1/a)*điểm tối đa *100%").
_OPEN_SPACE = re.compile(r"(?:^|(?<=\s))“ (?=\S)")
_CLOSE_SPACE = re.compile(r"(?<=\S) ”(?=$|[\s.,;:)])")


# A slash in italic print read twice between its terms ("(b//a)*điểm" for "(b/a)*điểm"); a
# page prints two only after a scheme's colon ("https://"), which this leaves.
_SLASH_TWICE = re.compile(r"(?<=[\w)])//(?=[\w(])")
# A product's star after a bracket read as "#" ("(c/a)#1.00", "(b1/a)#điểm"): a report prints
# "#" there for nothing else.
_STAR_AS_HASH = re.compile(r"(?<=\))#(?=[\w(])")


def _slash_slips(line: str) -> str:
    return _STAR_AS_HASH.sub("*", _SLASH_TWICE.sub("/", line))


# A pair of quotation marks is typed one way: a word processor curls both marks or neither
# (of 41,547 pairs in the Wikipedia and legal corpora, 72 mix them). Tesseract 'vie' reads a
# straight mark curled on a blurred page, the closing one mostly: a pair read mixed is
# closed the way it was opened.
_MIXED_PAIR = re.compile(r'(?:^|(?<=[\s(]))(["“])([^"“”]+)(["”])')


# A closing curly mark read as a backtick ("lệ phí) `."): Vietnamese text prints no backtick,
# and one standing after a quotation left open closes it.
_BACKTICK = re.compile(r" ?`(?=$|[\s.,;:!?)])")


def _quote_slips(line: str) -> str:
    line = _BACKTICK.sub(lambda m: "”" if line.count("“", 0, m.start()) > line.count("”", 0, m.start())
                         else m[0], line)
    return _MIXED_PAIR.sub(lambda m: m[1] + m[2] + ('"' if m[1] == '"' else "”"), line)


# A symbol of letters and figures (a formula's "b1", a code's "A5") in which a glyph was read
# as its look-alike ("bl", "Al" for "AI"), where the same text prints the symbol right: the
# letters read make no word, and the text's own reading says which glyph it was.
_SYMBOL = re.compile(r"(?<![^\W_])[^\W_]+(?![^\W_])")


def _symbol_slips(line: str) -> str:
    symbols = {m[0] for m in _SYMBOL.finditer(line)}
    known = {t for t in symbols if len(t) > 1 and (t.isupper() or any(c.isdigit() for c in t))
             and any(c.isalpha() for c in t)}
    if not known:
        return line

    def fix(m: re.Match) -> str:
        read = m[0]
        if read in known or is_valid(read.lower()) and read.lower() in repairable_words():
            return read
        forms = [f for f in known if look_alike(read, f)]
        return forms[0] if len(forms) == 1 else read
    return _SYMBOL.sub(fix, line)


def _spacing_slips(line: str) -> str:
    line = _CLOSE_SPACE.sub("”", _OPEN_SPACE.sub("“", line))
    parts = line.split('"')
    if len(parts) % 2 == 1 and not any(q in line for q in "“”"):
        # Straight marks alone open and close in turn: what each pair holds is stripped.
        line = '"'.join(p.strip() if i % 2 else p for i, p in enumerate(parts))
    return line


def _marked(word: str) -> bool:
    """Whether a letter of the word carries a Vietnamese mark (a tone or a vowel's hat, horn or
    breve). Not ``has_marks``: "Đ" is a letter of its own, and "HĐ" an acronym."""
    return any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", word))


# A consonant standing alone before letters it makes one word with: a bold word the OCR
# split after its first letter ("C hi phí" for "Chi phí"). No word is one consonant.
_SPLIT_WORD = re.compile(r"(?<![^\W\d_])([b-df-hj-np-tv-zđB-DF-HJ-NP-TV-ZĐ]) ([^\W\d_]+)(?![^\W\d_])")


def _split_words_joined(line: str) -> str:
    def join(m: re.Match) -> str:
        word, rest = (m[1] + m[2]).lower(), m[2].lower()
        if not m[2].islower():
            return m[0]
        # A word, or letters of one whose rest the OCR marked as no syllable is ("C hï"):
        # joined, its marks are then settled as any word's.
        whole = is_valid(word) and word in repairable_words()
        return m[1] + m[2] if whole or (not is_valid(rest) and index().candidates(strip_marks(word))) else m[0]
    return _SPLIT_WORD.sub(join, line)


def _without_stray_stops(line: str) -> str:
    return _STRAY_STOP.sub(lambda m: "" if m[1].islower() else m[0], line)


def _remark(lines: list[str]) -> list[str]:
    """Lines read by a Vietnamese OCR, each word's marks settled by the language model:
    Tesseract 'vie' keeps a word's letters but may drop or change a mark ('Cô phiếu'
    for 'Cổ phiếu', 'TỐNG' for 'TỔNG'). Another marking of a word costs MARK_SLIP for each
    mark of a letter it changes, less for a slip this OCR often makes (`mark_slips`: a hook
    read as an acute), so only a clear preference of the model changes what was read. A text
    whose first repair undoes many slips of a kind is repaired again with that slip costing
    what its rate says (PRIOR_LETTERS). A word whose first letter was misread takes its case
    from its place (`_misread_case`)."""
    vocab = repairable_words()
    jobs = _remark_jobs(lines, vocab, None)
    paths = _paths(jobs)
    rates = _text_rates(lines, _best(lines, jobs, paths))
    repaired = _best(lines, _remark_jobs(lines, vocab, rates, _Printed(len(lines), jobs, paths)))
    return [_misread_case(read, line) for read, line in zip(lines, repaired)]


def _misread_case(read: str, repaired: str) -> str:
    """``repaired`` with the case of each word whose first letter the OCR misread taken from
    its place, not from the misreading: a misread letter's case is no evidence. A table's
    text opens with a capital ("lhiết bị" for "Thiết bị", a capital T's bar lost); a word
    among small words inside a sentence is small ("phân phối Jñy kế" for "lũy kế")."""
    was, now = list(_LETTERS.finditer(read)), list(_LETTERS.finditer(repaired))
    if len(was) != len(now):
        return repaired
    out = list(repaired)
    for k, (a, b) in enumerate(zip(was, now)):
        first, word = a[0], b[0]
        if strip_marks(first[0].lower()) == strip_marks(word[0].lower()) or not word[1:].islower():
            continue
        if k == 0 and b.start() == 0 and first[0].islower():
            out[b.start()] = word[0].upper()
        elif k > 0 and first[0].isupper() and now[k - 1][0][0].islower() \
                and (k + 1 == len(now) or now[k + 1][0][0].islower()) \
                and not _SENTENCE_END.search(repaired, now[k - 1].end(), b.start()):
            out[b.start()] = word[0].lower()
    return "".join(out)


_SENTENCE_END = re.compile(r"[.:;!?]")


def _text_rates(read: list[str], repaired: list[str]) -> dict[tuple[str, str, bool], float]:
    """The cost of each kind of tone slip (`mark_slips.tone_slip`) at the rate this text's
    first repair undid it (see PRIOR_LETTERS), where that is less than MARK_SLIP."""
    pairs = [(a.lower(), b.lower()) for r, f in zip(read, repaired)
             for ra, fa in [(_WORD.findall(r), _WORD.findall(f))] if len(ra) == len(fa)
             for a, b in zip(ra, fa) if len(a) == len(b)]
    letters, slips = tone_slips(pairs)
    costs = {kind: math.log((n + PRIOR_LETTERS * math.exp(MARK_SLIP)) / (letters[kind[1:]] + PRIOR_LETTERS))
             for kind, n in slips.items()}
    return {kind: cost for kind, cost in costs.items() if cost > MARK_SLIP}


_WORD = re.compile(r"\w+")


def _remark_jobs(lines: list[str], vocab: set[str], rates: dict | None,
                 printed: "_Printed | None" = None) -> list:
    """The decoding jobs of `_remark`; ``rates``: the cost of each kind of tone slip this text
    makes more often than MARK_SLIP says (`_text_rates`); ``printed``: the pairs of words the
    text prints."""

    def read_as(w: _Word, before: list[tuple[str, float]]) -> list[tuple[str, float]]:
        if _kept_as_read(w):
            return [(_as_read(w), 0.0)]
        cands = index().candidates(strip_marks(w.low))[:MAX_CANDIDATES]
        if w.form == "noisy" and not is_valid(w.low):
            # No Vietnamese syllable: a letter misread ('glao'), as for an English OCR, or
            # a mark no syllable takes ('nguòn' for 'nguồn'). Kept as read it would be
            # scored as a break in the text, which the model finds likelier than many a
            # word: where a marking of its letters is a word, it is one of those.
            slot = dict(_slot_ocr(w, vocab, before))
            for c in cands:
                slot[c] = max(slot.get(c, MARK_SLIP), MARK_SLIP)
            if cands:
                slot.pop(OTHER, None)
            if load().p_uni(w.low) >= FOREIGN_SHARE:
                slot[w.low] = 0.0  # "Zero-Touch" is no "Trò-Touch"
            return list(slot.items())
        # Rendered text shows an OCR's slips, real scans more of them (a dot below or a grave
        # lost: "Bình Thuân", "Lâm Đông"): none costs more than MARK_SLIP a mark changed.
        slot = [(c, mark_slips().cost(w.low, c, w.core.isupper(), MARK_SLIP, rates)) for c in cands]
        if w.low not in cands:
            slot.append((w.low if w.low in vocab else OTHER, 0.0 if w.low in vocab else UNSEEN))
        return slot

    def slot_of(around: Iterator[tuple[str, str]]) -> Callable:
        def slot(w: _Word, before: list[tuple[str, float]]) -> list[tuple[str, float]]:
            read = read_as(w, before)
            if printed is None:
                return read
            where = next(around)
            if not _kept_as_read(w):
                read += [(c, LETTER_SLIP) for c in printed.letter_slips(where, w.low)]
            return [(c, s if c == OTHER else s + printed.gain(where[:2], c)) for c, s in read]
        return slot

    jobs = [(i, line, *_slots([*_opening(words), (words, slot_of(iter(printed.words[i] if printed else ())), True)]))
            for i, line in enumerate(lines) for words in [_split(line, vocab)]]
    return [job for job in jobs if job[2]]


def _kept_as_read(w: _Word) -> bool:
    """An abbreviation keeps its letters; figures with a look-alike letter ("l5" in "11,57/
    l5") are a number misread, never a word ("là")."""
    return w.form == "abbr" or any(ch.isdigit() for ch in w.core)


class _Printed:
    """The pairs of words a text prints, as first repaired: a reading of a word is likelier
    after a word the rest of the text prints it after ("số vấn đề" twice in a cell, "số vần
    đề" once; "của tỉnh" all through a report, "của tính" once). A cache model: a word's
    probability after the word before it is mixed with the text's own share (CACHE_WEIGHT),
    the word's own place not counted. Counted from the text as first repaired, not as read: an
    OCR's slip made all through a text ("ngăn hạn") must not vouch for itself. Only the word
    before is evidence: the word after ("công" before "quốc" in "dịch vụ công quốc gia") would
    make the held-out administrative text's "Cổng quốc gia" a "Công"."""

    def __init__(self, n_lines: int, jobs, paths):
        self.pairs: Counter = Counter()
        self.firsts: Counter = Counter()
        # For each line, each word's (word before, word as first repaired, word after).
        self.words: list[list[tuple[str, str, str]]] = [[] for _ in range(n_lines)]
        for (i, _, _, owners), path in zip(jobs, paths):
            tokens = [OTHER, *path, OTHER]
            for k, w in enumerate(owners, start=1):
                if w is not None:
                    self.words[i].append((tokens[k - 1], tokens[k], tokens[k + 1]))
            for a, b in zip(tokens[:-1], tokens[1:-1]):
                self.pairs[a, b] += 1
                self.firsts[a] += 1
        # The words the text prints, by their letters with one left out ("m?t": "một", "mật").
        self.spelt: dict[str, set[str]] = {}
        for word in {b for _, b in self.pairs} - {OTHER}:
            bare = strip_marks(word)
            for k in range(len(bare)):
                self.spelt.setdefault(bare[:k] + "?" + bare[k + 1:], set()).add(word)

    def letter_slips(self, where: tuple[str, str, str], read: str) -> list[str]:
        """Words one letter from ``read`` (its marks aside) that the text prints elsewhere
        beside a neighbour of the word, where the word as read makes with that neighbour a
        pair that neither the language model has seen nor the text prints elsewhere: a
        misreading, not a rare word ("đi tắm")."""
        before, first, after = where
        left = before != OTHER and not self._known(before, read)
        right = after != OTHER and not self._known(read, after)
        if not (left or right):
            return []
        bare = strip_marks(read)
        near = {v for k in range(len(bare)) for v in self.spelt.get(bare[:k] + "?" + bare[k + 1:], ())
                if strip_marks(v) != bare}

        def elsewhere(v: str, pair: tuple[str, str]) -> bool:  # the word's own place not counted
            return self.pairs[pair] - (v == first) > 0
        return sorted(v for v in near if left and elsewhere(v, (before, v)) or right and elsewhere(v, (v, after)))

    def _known(self, a: str, b: str) -> bool:
        return self.pairs[a, b] > 1 or load().seen(a, b)

    def gain(self, where: tuple[str, str], word: str) -> float:
        """What the text's pairs add to the log-probability of ``word`` at ``where``."""
        before, first = where
        seen = self.firsts[before] - 1  # the word's own place not counted
        if seen <= 0:
            return 0.0
        share = (self.pairs[before, word] - (word == first)) / seen
        return math.log(1 - CACHE_WEIGHT + CACHE_WEIGHT * share / math.exp(load().logp(before, word)))


def restore_marks(line: str) -> str:
    """`line` with diacritics restored on every word that lacks some, however
    many words keep theirs (`repair_text` first judges whether marks were lost)."""
    return _decode([normalize(line, "old")], force_stripped=True)[0]


@lru_cache(maxsize=4096)  # a line is prepared again as its neighbours' context
def _prepare(s: str) -> str:
    # Legacy bytes first: moving a tone would break them ('hoà' is VNI for 'hồ').
    return normalize(detect_and_decode(unicodedata.normalize("NFC", " ".join(s.split()))), "old")


def _repair(texts: list[str], style: str, context=None) -> list[str]:
    out = [_prepare(s) for s in texts]
    context = [(_prepare(b), _prepare(a)) for b, a in context] if context else None
    # Repeat until nothing changes (a decoded legacy run may then need marks, a
    # repaired word may settle its neighbour), so a second call is a no-op.
    todo = list(range(len(out)))
    for _ in range(4):
        got = _decode([_prepare(out[i]) for i in todo],
                      context=[context[i] for i in todo] if context else None)
        changed = [(i, t) for i, t in zip(todo, got) if t != out[i]]
        for i, t in changed:
            out[i] = t
        todo = [i for i, _ in changed]
        if not todo:
            break
    return [normalize(s, style) for s in out]


def repair_texts(texts: list, settings=None, ocr: bool = False, context=None) -> list[str]:
    """`repair_text` of each text, all decoded together (much faster than one by one);
    ``context``: for each text its neighbours (before, after), or None."""
    style = settings.tone_style if settings is not None else "old"
    # Not text (None, a number): given back as a string, unrepaired.
    out = ["" if s is None else str(s) for s in texts]
    todo = [i for i, s in enumerate(texts) if isinstance(s, str)]
    # A symbol's figure read as a letter is settled first, before "bl" can be taken for a word.
    repaired = _repair([_symbol_slips(out[i]) if ocr else out[i] for i in todo], style,
                       context and [context[i] for i in todo])
    if ocr:
        remarked = _remark([normalize(_split_words_joined(_without_stray_stops(s)), "old") for s in repaired])
        repaired = [normalize(_spacing_slips(_quote_slips(_slash_slips(_stop_slips(_figure_slips(_case_slips(s)))))), style)
                    for s in remarked]
    for i, s in zip(todo, repaired):
        out[i] = s
    return out


def repair_text(s: str, settings=None, ocr: bool = False, before: str = "", after: str = "") -> str:
    """Repaired form of one cell or line of text; idempotent. ``ocr``: the text was
    read by Tesseract 'vie', whose slips of a mark are settled too. ``before`` and
    ``after``: the text around it (a wrapped line's neighbours), which conditions the
    decoding of its first and last words without being output. A missing model
    is an error (MissingData), never a line passed through unrepaired."""
    return repair_texts([s], settings, ocr, [(before, after)])[0]


def _around(lines: list[str], prev: str = "", following: str = "") -> list[tuple[str, str]]:
    """Each line's (before, after) in a text: the lines next to it, none across a blank line."""
    padded = [prev, *lines, following]
    return [("" if not line.strip() else padded[i], "" if not line.strip() else padded[i + 2])
            for i, line in enumerate(lines)]


def repair_lines(lines: list[str], settings=None, ocr: bool = False) -> list[str]:
    """The lines of one text repaired, each with its neighbours as context (a page wraps
    'kết' / 'quả thực hiện'); a blank line ends a paragraph."""
    return repair_texts(lines, settings, ocr, _around(lines))


def repair_stream(lines: Iterable[str], settings=None, look_ahead: bool = True,
                  ready: Callable[[], bool] = lambda: False) -> Iterator[str]:
    """The lines of one text as they are read, repaired in order, each with its neighbours
    as context. Without ``look_ahead`` (a terminal) a line is given back as soon as it is
    read, its next line unknown; with it, a line waits for the one after it, and while
    ``ready()`` says more can be read without waiting, up to BATCH lines are decoded together."""
    prev, pending = "", []
    for line in lines:
        if not look_ahead:
            yield repair_text(line, settings, before=_around([line], prev)[0][0])
            prev = line
            continue
        pending.append(line)
        if len(pending) <= BATCH and ready():
            continue
        yield from repair_texts(pending[:-1], settings, context=_around(pending[:-1], prev, pending[-1]))
        prev, pending = (pending[-2] if len(pending) > 1 else prev), pending[-1:]
    if pending:
        yield from repair_texts(pending, settings, context=_around(pending, prev))
