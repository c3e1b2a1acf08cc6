"""The single entry point for Vietnamese text repair: `repair_text`.

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
from functools import lru_cache

import numpy as np

from .confusion import Neighbours, channel
from .diacritics import MAX_CANDIDATES, apply_case, at_sentence_start, beam_decode, case_evidence, index
from ..vietnamese.legacy import decode_legacy, detect_and_decode
from ..vietnamese.lm import OTHER, load, repairable_words
from ..vietnamese.syllable import has_marks, is_valid, strip_marks
from .unicode import normalize

__all__ = ["repair_text", "restore_marks", "decode_legacy"]

_CHUNK = re.compile(r"\S+")
_EDGE = re.compile(r"^([\"'“”‘(\[{]*)(.*?)([\"'“”’)\]}.,;:!?…]*)$", re.S)
_VOWELS = set("aăâeêioôơuưy")
# Marked share below which a line counts as typed without marks: correct
# Vietnamese has marks on about two words in three.
MIN_MARKED_SHARE = 0.5
KEEP_PENALTY = -9.0  # log-score cost of leaving an unexplained OCR word as read
MARK_SLIP = -4.0  # log-score cost of marking a word otherwise than a Vietnamese OCR read it
MAX_OCR_CANDIDATES = 16
# Share of a line's words with letters beyond Latin-1 from which it is not an English
# OCR's reading (correct Vietnamese has such letters in about half its words).
VIETNAMESE_SHARE = 0.2


_ROMAN = re.compile(r"[IVXLC]+")
_ROMAN_LETTERS = set("IVXLCDM")
_CODE_SEP = re.compile(r"[-/]")
# A speck read as a full stop between two words of one phrase ("hành chính. nhà nước"):
# after a word, not a letter of an abbreviation ("v.v."), before one in small letters.
_STRAY_STOP = re.compile(r"(?<=[^\W\d_]{2})\.(?= ([^\W\d_]))")
_FOOTNOTE = re.compile(r"([^\W\d_]{2,})(\d{1,2})")
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


def _split(line: str, vocab: set[str]) -> list[_Word | None]:
    """Words of the line with a form each; None for a break (numbers, punctuation).

    Punctuation is a break as it is in the training text (`lm_tokens`): 'huyện,
    thị xã' must not be scored as the pair 'huyện thị'. Codes are split into
    their parts ('321/QĐ-UBND': a number, then QĐ and UBND)."""
    out: list[_Word | None] = []

    def brk() -> None:
        if out and out[-1] is None:
            return
        out.append(None)

    for m in _CHUNK.finditer(line):
        lead, core, trail = _EDGE.match(m.group(0)).groups()
        start = m.start() + len(lead)
        if lead:
            brk()
        foot = _FOOTNOTE.fullmatch(core)
        if foot and (is_valid(foot.group(1).lower()) or foot.group(1).lower() in vocab):
            core = foot.group(1)  # 'vụ1': a footnote number glued to its word
            trail = trail or foot.group(2)
        parts = [(start, core)]
        if _CODE_SEP.search(core) and all(p.isalnum() for p in _CODE_SEP.split(core) if p):
            parts, pos = [], start
            for piece in re.split(f"({_CODE_SEP.pattern})", core):
                if piece and piece.isalnum():
                    parts.append((pos, piece))
                pos += len(piece)
        for i, (pstart, part) in enumerate(parts):
            if i:
                brk()
            w = _word(pstart, part, vocab, list_marker=trail[:1] in (")", ".") or lead[-1:] == "(")
            if w is None:
                brk()
            else:
                out.append(w)
        if trail:
            brk()
    return out


def _word(start: int, core: str, vocab: set[str], list_marker: bool) -> _Word | None:
    """One chunk as a word of some form, or None when it is no word (numbers, codes)."""
    if not core or any(c in "/-.=+:" for c in core) or not any(c.isalpha() or c in _LETTER_LIKE for c in core):
        return None
    if len(core) == 1:
        # One-letter words are real ('ở', 'ý', 'Y tế'); list letters ('a)', 'b.') and
        # Roman numerals ('I', 'V') are not.
        if list_marker or core in _ROMAN_LETTERS or not is_valid(core.lower()):
            return None
    w = _Word(start, start + len(core), core, "")
    letters_only = all(c.isalpha() or c in "'’" for c in core)
    if _is_abbreviation(core):
        w.form = "abbr"
    elif letters_only and (w.low in vocab or is_valid(w.low)):
        w.form = "marked" if has_marks(w.low) else "bare"
    elif letters_only and strip_marks(w.low) in index().by_key and not has_marks(w.low):
        w.form = "bare"
    else:
        w.form = "noisy"
    return w


def _ocr_damaged(words: list[_Word | None]) -> bool:
    for w in words:
        if w is None or w.form != "noisy":
            continue
        # Symbols or digits inside a word ('S&', 'd9'), or accents on a word no
        # Vietnamese has ('nghiép'); plain unknown words (names, English) are not evidence.
        if not all(c.isalpha() or c in "'’" for c in w.core) or has_marks(w.low):
            return True
    return False


def _latin1_marks_only(line: str) -> bool:
    return all(ord(c) < 0x100 for c in line if c.isalpha())


def _slot_stripped(w: _Word, vocab: set[str], start: bool) -> list[tuple[str, float]]:
    if w.form == "bare" or (w.form == "marked" and w.low not in vocab):
        cands = index().candidates(w.low)[:MAX_CANDIDATES]
        if len(cands) > 1:
            return [(c, case_evidence(load(), w.core, c, start)) for c in cands]
        if cands:
            return [(c, 0.0) for c in cands]
    return [(w.low if w.low in vocab else OTHER, 0.0)]


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
        slot.append((OTHER, KEEP_PENALTY))  # keep as read
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
    return [lm.vocab_list[i] for i in ids[np.isin(codes[ids], want)]]


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


def _decode(line: str, force_stripped: bool = False) -> str:
    vocab = repairable_words()
    words = _split(line, vocab)
    real = [w for w in words if w is not None and w.form != "abbr"]
    if not real:
        return line
    marked = sum(w.form == "marked" for w in real)
    bare = sum(w.form == "bare" for w in real)
    # Without any mark, one word alone is no evidence that marks were lost.
    stripped = (bare > 1 or marked > 0) and bare > 0 and marked < MIN_MARKED_SHARE * (marked + bare)
    # An English OCR writes only Latin-1 accents (é, ó, â): a line short of marks
    # whose marks are all of that kind was read by one ('Sé Tu phap').
    ocr = _ocr_damaged(words) or (stripped and marked > 0 and _latin1_marks_only(line))
    # ... and a line of which many words have letters beyond Latin-1 (ư, ạ, đ) was not:
    # its 'A5', 'm2' are codes and units, not an English OCR's misreadings.
    ocr = ocr and sum(not _latin1_marks_only(w.core) for w in real) < VIETNAMESE_SHARE * len(real)
    if force_stripped:
        stripped, ocr = True, False
    if not ocr and not stripped:
        return line

    def slot_of(w: _Word, before: list[tuple[str, float]]) -> list[tuple[str, float]]:
        if w.form == "abbr":
            # Capitals keep their letters, but a stripped 'QD' may still be 'QĐ'.
            known = [c for c in index().candidates(w.low) if c != w.low]
            return [(w.low, 0.0)] if w.low in vocab else [(c, 0.0) for c in known] or [(OTHER, 0.0)]
        if ocr and _latin1_marks_only(w.core):
            return _slot_ocr(w, vocab, before)
        if ocr:
            # Letters beyond Latin-1 (ơ, ư, đ, ạ, ...) never come from an English
            # OCR: such a word is already right (and a second pass keeps it).
            return [(w.low if w.low in vocab else OTHER, 0.0)]
        return _slot_stripped(w, vocab, at_sentence_start(line, w.start))

    return _best(line, words, slot_of)


def _best(line: str, words: list[_Word | None], slot_of) -> str:
    """``line`` with its words as the language model reads them best, each among the
    candidates ``slot_of(word, previous slot)`` gives it; a run of breaks is one break."""
    slots: list[list[tuple[str, float]]] = []
    owners: list[_Word | None] = []
    for w in words:
        if w is None:
            if not slots or slots[-1] != [(OTHER, 0.0)]:
                slots.append([(OTHER, 0.0)])
                owners.append(None)
            continue
        slots.append(slot_of(w, slots[-1] if slots else []))
        owners.append(w)
    return _apply(line, beam_decode(load(), slots), owners)


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


def _without_stray_stops(line: str) -> str:
    return _STRAY_STOP.sub(lambda m: "" if m[1].islower() else m[0], line)


def _remark(line: str) -> str:
    """A line read by a Vietnamese OCR, each word's marks settled by the language model:
    Tesseract 'vie' keeps a word's letters but may drop or change a mark ('Cô phiếu'
    for 'Cổ phiếu', 'TỎNG' for 'TỔNG'). Another marking of a word costs MARK_SLIP, so
    only a clear preference of the model changes what was read."""
    vocab = load().words

    def slot_of(w: _Word, before: list[tuple[str, float]]) -> list[tuple[str, float]]:
        if w.form == "abbr":
            return [(w.low if w.low in vocab else OTHER, 0.0)]
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
            return list(slot.items())
        slot = [(c, 0.0 if c == w.low else MARK_SLIP) for c in cands]
        if w.low not in cands:
            slot.append((w.low if w.low in vocab else OTHER, 0.0 if w.low in vocab else MARK_SLIP))
        return slot

    return _best(line, _split(line, vocab), slot_of)


def restore_marks(line: str) -> str:
    """`line` with diacritics restored on every word that lacks some, however
    many words keep theirs (`repair_text` first judges whether marks were lost)."""
    return _decode(normalize(line, "old"), force_stripped=True)


def _repair(s: str, style: str) -> str:
    # Legacy bytes first: moving a tone would break them ('hoà' is VNI for 'hồ').
    s = normalize(detect_and_decode(unicodedata.normalize("NFC", " ".join(s.split()))), "old")
    # Repeat until nothing changes (a decoded legacy run may then need marks, a
    # repaired word may settle its neighbour), so a second call is a no-op.
    for _ in range(4):
        t = _decode(normalize(detect_and_decode(s), "old"))
        if t == s:
            break
        s = t
    return normalize(s, style)


def repair_text(s: str, settings=None, ocr: bool = False) -> str:
    """Repaired form of one cell or line of text; idempotent. ``ocr``: the text was
    read by Tesseract 'vie', whose slips of a mark are settled too. A missing model
    is an error (MissingData), never a line passed through unrepaired."""
    if not isinstance(s, str):
        return "" if s is None else str(s)
    style = settings.tone_style if settings is not None else "old"
    repaired = _repair(s, style)
    if ocr:
        repaired = normalize(_remark(normalize(_without_stray_stops(repaired), "old")), style)
    return repaired
