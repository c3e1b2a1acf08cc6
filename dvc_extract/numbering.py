"""Numbering: what a row number or list number looks like ("1", "12", "4.1.", "5.1.2",
"II", "a)"), the column of them (STT) and the row numbering the columns ("(1) (2) (3)").

Stages read numbering for different ends, and some accept more than others; each
such variant is named here with what it accepts, so none keeps a pattern of its own:

- :func:`is_numbering`: what starts a body row. Strict: up to three digits a level
  ("5.1.2.", "4)"), a well-formed Roman number ("IV."), one letter ("a)", "b.").
- :func:`is_list_number`: the first word of a numbered line found by layout: decimal
  as above, or any run of Roman letters; no letters.
- :func:`is_row_mark`: a cell holding nothing but a mark or a bare number, read
  loosely (any digits with "." or "," marks, any run of Roman letters, either
  case); what a label is not. Its letter items are chosen by the caller.
- :func:`decimal_numbering`: the printed decimal numbering of an indicator row
  ("5.1.2." → "5.1.2"), any number of digits a level.
- :func:`without_leading_numbering`: a lower-cased label with the numbering it opens
  with removed; a Roman number must end in "." there, lest a word ("xi") go.
- :func:`opens_section`: a paragraph that opens with a section number ("b) ", "2. ",
  "II. "); Roman numbers of I, V and X only.
- :func:`continues` / :func:`follows_exactly`: decimal numbering that plausibly follows
  another (a jump to a parent's next, "4.2" → "5"), or is exactly its next.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

_DECIMAL = r"\d{1,3}(?:\.\d{1,3})*"  # 1, 4.1, 5.1.2: at most three digits a level
_DECIMAL_NUMBERING = re.compile(rf"^{_DECIMAL}[.)]?$")
_ROMAN = re.compile(r"^(?=[IVXLC])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})\.?$")
_LETTER = re.compile(r"^[a-zđ][).]$")
_LIST_NUMBER = re.compile(rf"^{_DECIMAL}[.)]?$|^[IVXLC]+\.?$")
# Numbering or a bare number, loosely: "5", "5.1.", "1.648", "12,5", "IV", "iv.".
_LOOSE_MARK = r"\d+(?:[.,]\d+)*\.?|[IVXLC]+\.?"
_DECIMAL_STT = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s*$")
_LEADING_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[ivxlc]+\.|[a-z]\))\s+")
_SECTION_NUMBER = re.compile(r"^(?:[a-zđ]\)|\d+\.|[IVX]+\.)\s")
_INDEX_TOKEN = re.compile(r"^\(?(\d{1,2}|[A-Z])\)?(?:\s*=.*)?$")
# Header words of the numbering column: as printed ("STT", "Số TT", "No."), and as the
# schema stage folds them (no diacritics, no punctuation: "so tt").
_NUMBERING_HEADER = re.compile(r"^\s*(stt|tt|số tt|số thứ tự|no\.?)\s*$", re.IGNORECASE)
_NUMBERING_HEADERS_FOLDED = ("stt", "tt", "so tt", "so thu tu")


def clean(text: Optional[str]) -> str:
    return " ".join((text or "").split())


def is_numbering(text: Optional[str]) -> bool:
    """"5", "4.1.", "12)", "IV.", "a)": the numbering that starts a body row."""
    s = clean(text)
    return bool(s) and bool(_DECIMAL_NUMBERING.match(s) or _ROMAN.match(s) or _LETTER.match(s))


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(text: str) -> Optional[int]:
    """"IV" → 4, "XII." → 12; None for anything but a well-formed Roman number."""
    s = clean(text)
    if not s or not _ROMAN.match(s):
        return None
    digits = [_ROMAN_VALUES[ch] for ch in s.rstrip(".")]
    return sum(-d if d < e else d for d, e in zip(digits, digits[1:] + [0]))


def roman(value: int) -> str:
    """4 → "IV": a section's Roman number."""
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        n, value = divmod(value, v)
        out += s * n
    return out


def is_list_number(word: str) -> bool:
    """"4.", "4.1.", "12)", "II.": a word opening a line of a numbered list."""
    return bool(_LIST_NUMBER.match(word))


@lru_cache(maxsize=None)
def _row_mark(letters: str) -> re.Pattern:
    items = rf"|[{letters}]\)" if letters else ""
    return re.compile(rf"^\s*(?:{_LOOSE_MARK}{items})\s*$", re.IGNORECASE)


def is_row_mark(text: str, letters: str = "a-zđ") -> bool:
    """A cell holding only a row's mark or a bare number: "5.1.", "IV", "a)", "1.648".

    ``letters`` are the letters a lettered item ("a)") may use: the units stage takes
    "đ)" too, the schema stage's numbering columns count only "a-z", and a total row
    ("a) Tổng …" may still be one) takes none ("").
    """
    return bool(_row_mark(letters).match(text))


def decimal_numbering(text: str) -> Optional[str]:
    """"5.1.2." → "5.1.2": an indicator row's decimal numbering as printed, None for any other text."""
    m = _DECIMAL_STT.match(text)
    return m[1] if m else None


def without_leading_numbering(text: str) -> str:
    """"1. sở y tế" → "sở y tế": a lower-cased label without the numbering it opens with."""
    return _LEADING_NUMBERING.sub("", text)


def opens_section(text: str) -> bool:
    """A paragraph opening with a section number: "b) …", "2. …", "II. …"."""
    return bool(_SECTION_NUMBER.match(text))


def is_numbering_header(text: str) -> bool:
    """A header naming the numbering column as printed: "STT", "TT", "Số TT", "No."."""
    return bool(_NUMBERING_HEADER.match(text))


def is_numbering_header_folded(folded: str) -> bool:
    """The same, for a header already folded: "stt", "so tt", "so thu tu"."""
    return folded in _NUMBERING_HEADERS_FOLDED


_SECTION_LETTER = re.compile(r"^[A-H]\s*[.\-–)]?$")
_SUB_ROW = re.compile(r"^[-+–•]$")


def outline_level(text: Optional[str]) -> Optional[int]:
    """A row's depth in a statement's outline by the mark it opens with: a section letter
    ("A-", "D.") 0, a Roman number ("II.") 1, a decimal number ("1.", "1.2.") 2 and up, a
    sub-row's dash ("- Cổ phiếu …") below them all; None for a row without a mark."""
    s = clean(text)
    if not s:
        return None
    if _SECTION_LETTER.match(s):
        return 0
    if _ROMAN.match(s):
        return 1
    key = numbering_key(s)
    if key is not None:
        return 1 + len(key)
    return 9 if _SUB_ROW.match(s) else None


def is_numbering_sequence(texts: list[str]) -> bool:
    """1, 2, 3, … (gaps and restarts allowed): the STT column of an unlabelled table."""
    ints = [int(t.strip()) for t in texts if t and t.strip().isdigit()]
    if len(ints) < 3 or len(ints) < 0.8 * len([t for t in texts if t and t.strip()]):
        return False
    steps = sum(1 for a, b in zip(ints, ints[1:]) if b == a + 1)
    return ints[0] <= 1 and steps >= 0.8 * (len(ints) - 1)


def numbering_key(text: Optional[str]) -> Optional[tuple[int, ...]]:
    """"5.1.2." → (5, 1, 2); None for roman/letter numbering and non-numbering."""
    s = clean(text).rstrip(".)")
    if not s or not _DECIMAL_NUMBERING.match(s):
        return None
    return tuple(int(p) for p in s.split("."))


def figure_levels(figures: str) -> list[tuple[str, ...]]:
    """The ways of dividing figures that lost their stops into levels of one or two figures:
    "253" → (25, 3), (2, 53), (2, 5, 3)."""
    if not figures:
        return [()]
    return [(figures[:n],) + rest for n in (1, 2) if n <= len(figures) for rest in figure_levels(figures[n:])]


def continues(before: Optional[str], after: Optional[str]) -> bool:
    """Does numbering ``after`` plausibly follow ``before`` ("5" → "6", "5.1." → "5.1.1.", "4.2" → "5")?"""
    a, b = numbering_key(before), numbering_key(after)
    if a is None or b is None or b <= a:
        return False
    if b[: len(a)] == a and len(b) == len(a) + 1 and b[-1] <= 1:
        return True  # first child: "5.1." → "5.1.1."
    for depth in range(min(len(a), len(b)), 0, -1):
        if a[: depth - 1] == b[: depth - 1] and b[depth - 1] == a[depth - 1] + 1:
            return all(x <= 1 for x in b[depth:])
    return False


def follows_exactly(before: Optional[tuple[int, ...]], after: Optional[tuple[int, ...]]) -> bool:
    """Numbering key ``after`` is the very next after ``before``: its first child ((2, 4) →
    (2, 4, 1)) or the next at one of its levels ((2, 4, 2) → (2, 4, 3), (2, 5), (3,)).
    Stricter than :func:`continues`: it tells one reading of a row number from another."""
    if not before or after is None:
        return False
    if after == before + (1,):
        return True
    return any(after == before[:i] + (before[i] + 1,) for i in range(len(before)))


# What OCR reads for a "1" (a lone one in a narrow cell, a figure of a number).
ONE_LOOKALIKES = frozenset("lI|]J")


def is_column_index_row(texts: list[str]) -> bool:
    """A row numbering the columns under a header: "(1) (2) (3) …", "A B 1 2 3", "(4)=(2)+(3)";
    read from a scan, its "1" may be a look-alike ("] 2 3 4 5")."""
    tokens = []
    for t in texts:
        s = clean(t)
        if not s:
            continue
        m = _INDEX_TOKEN.match(s)
        if not m and s not in ONE_LOOKALIKES:
            return False
        tokens.append(m.group(1) if m else s)
    return _numbers_columns(tokens) or (
        bool(ONE_LOOKALIKES & set(tokens)) and _numbers_columns(["1" if t in ONE_LOOKALIKES else t for t in tokens]))


def _numbers_columns(tokens: list[str]) -> bool:
    """Letters first, each the next, then figures from 0 or 1, each the next."""
    letters = [t for t in tokens if not t.isdigit()]
    digits = [int(t) for t in tokens if t.isdigit()]
    if tokens[: len(letters)] != letters:
        return False  # letters (row-label columns) come first
    letters_ok = all(ord(b) == ord(a) + 1 for a, b in zip(letters, letters[1:]))
    digits_ok = all(b == a + 1 for a, b in zip(digits, digits[1:]))
    return (len(tokens) >= 3 and len(digits) >= 2 and digits[0] <= 1
            and letters_ok and digits_ok)


# The outline ranks of a report's list marks, outermost first: "II." over "2." over "2.1."
# over "a)" over "-" over "+".
_ROMAN_RANK, _DECIMAL_RANK, _LETTER_RANK, _BULLET_RANK = 1, 2, 6, 7
_BULLETS = {"-": 0, "–": 0, "•": 0, "+": 1, "*": 2}


def outline_rank(mark: str) -> Optional[int]:
    """How deep a list mark opens a line in a report's outline (smaller is outer):
    "II." 1, "2." 2, "2.1." 3, "a)" 6, "-" 7, "+" 8; None for a word that is no mark."""
    s = clean(mark)
    if s in _BULLETS:
        return _BULLET_RANK + _BULLETS[s]
    if _LETTER.match(s):
        return _LETTER_RANK
    if _ROMAN.match(s) and s.endswith("."):
        return _ROMAN_RANK
    key = numbering_key(s) if s.endswith((".", ")")) else None
    if key is not None:
        return _DECIMAL_RANK + min(len(key) - 1, _LETTER_RANK - _DECIMAL_RANK - 1)
    return None
