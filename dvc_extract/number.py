"""Vietnamese printed numbers: "1.648" → 1648, "39,2%" → 39.2, "-" → missing.

Vietnamese reports write thousands with "." and decimals with ",", but Word
templates and copied figures mix in the English style ("57.68%"). Which one a
lone separator means is decided by the column (a count cannot have decimals, a
rate is rarely above a thousand) and by its digit groups ("1.5" cannot be a
thousands group; "1.247.855" cannot be a decimal). The printed string is always
kept beside the value, so a wrong reading stays visible.

Besides the parser, this module holds every other test of what a printed
number looks like (a figure among a line's words, an OCR reading, a count or
a rate in prose, a year), and how findings print numbers back in both
conventions. The stages only ask; none keeps a pattern of its own.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal, Optional, Union

from .model import ColumnType

Reason = Literal["number", "percent", "missing", "ratio", "not-a-number"]

# Printed placeholders for "no value".
_MISSING = {"", "-", "--", "—", "–", "−", "x", "X", "…", "...", "_", "n/a", "N/A"}
# Wrappers that are never part of a number: OCR rule fragments, quotes, stars.
_WRAPPERS = "|¦‖\"'“”‘’`*"
_MINUS = "-−–‒"
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_DIGITS_AND_SEPS = re.compile(r"^\d+(?:[.,]\d+)*$")
_SPACED_GROUPS = re.compile(r"^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$")
_SPACE_BY_MARK = re.compile(r"(?<=\d) ?([.,]) ?(?=\d)")
_YEAR = re.compile(r"^(19|20)\d\d$")
# An amount in brackets is negative, as accounts print it: "(2.616.000.640)". A bare
# bracketed number of one to three digits is a column's or a note's index ("(1)", "(12)").
_BRACKETED_AMOUNT = re.compile(r"^\((?=[^)]*(?:[.,]|\d{4}))([^()]+)\)$")

# The tests below tell a number by its look alone, before (or instead of) parsing it.
# They differ on purpose, each fitted to what it looks at:
# a word of a table line: brackets, a sign, a currency or per cent sign, a trailing
# dot, or a lone dash ("$49,497", "1.500đ", "(12)", "–");
_FIGURE = re.compile(r"^[(\[]?[-+]?[$€£¥]?\d[\d.,]*(%|đ|₫|€)?[)\]]?\.?$|^[-–—]$")
# an OCR reading with its spaces removed: a sign, digits with marks, a per cent sign;
_BARE_NUMBER = re.compile(r"^[-+]?\d[\d.,]*%?$")
# a reference word an OCR score counts as a number: digits, marks and per cent signs only.
_NUMBER_CHARS = re.compile(r"^[\d.,%]+$")
# Figures printed together in one cell: "862/1.266 (68,1%)", "1.700/2.912/3.141", "9,49/ 9,5".
_FIGURES = re.compile(r"^\d[\d.,]*(?:\s*/\s*\d[\d.,]*)+(?:\s*\(\s*\d[\d.,]*\s*%?\s*\))?$")
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")
# A number inside a word, its figures and the marks between them ("đa)/100.", "1.011443)").
NUMBER_IN_WORD = re.compile(r"\d(?:[\d.,]*\d)?")


def figure_shape(number: str) -> str:
    """A number's marks where they stand, its figures as "d" ("1.011443": "d.dddddd")."""
    return re.sub(r"\d", "d", number)

# Numbers inside prose, as regular-expression parts for the claim patterns: a count
# (thousands grouped by "." or ",", or bare digits) and a rate (one decimal mark).
PROSE_COUNT = r"\d{1,3}(?:[.,]\d{3})+|\d+"
PROSE_RATE = r"\d{1,3}(?:[.,]\d+)?"
# The words before a year in prose ("kế hoạch năm 2025", "giai đoạn 2020 - 2022"):
# such a number names a time, it is no amount.
_PROSE_YEAR_CUE = re.compile(r"(?:\bnăm|giai\s+đoạn|đến|từ|[-–])\s*$", re.IGNORECASE)
# A unit that scales an amount ("19.596 tỷ đồng", "398.497 triệu đồng"): such amounts are
# printed rounded to their last digit, so a total may miss the sum of its parts by rounding.
_SCALED_UNIT = re.compile(r"^(?:tỷ|tỉ|triệu|nghìn|ngàn)\b", re.IGNORECASE)

# The "no value" marks a sum reads as nothing to add. Narrower than _MISSING: a row
# printing "…" or "n/a" among the parts of a sum is not checked.
_NOTHING_TO_ADD = {"", "-", "–", "—", "x"}


@dataclass(frozen=True)
class ParsedNumber:
    """What a printed cell means as a number. ``text`` is exactly what was printed."""

    text: str
    value: Optional[Union[int, float]]
    reason: Reason
    percent: bool = False

    @property
    def is_number(self) -> bool:
        return self.value is not None


def parse_number(text: Optional[str], read_as: Optional[ColumnType] = None) -> ParsedNumber:
    """Parse one printed cell; ``read_as`` is the type its column's numbers are read as
    (see :mod:`dvc_extract.text.column`).

    - count: a "." or "," followed by exactly three digits is a thousands mark;
    - rate: a lone separator is a decimal mark; the value is a float;
    - label: only a plain integer is a number (STT "5" → 5, "5.1.2." → None);
    - text or None: the cell's own shape decides, Vietnamese convention first.
    An amount in brackets is negative ("(2.616.000.640)" → -2616000640). Never raises.
    """
    printed = "" if text is None else str(text)
    s = unicodedata.normalize("NFKC", printed).strip().strip(_WRAPPERS).strip()
    if s in _MISSING:
        return ParsedNumber(printed, None, "missing")
    if "/" in s:
        # "72,09/100", "213/338": a score or a fraction, not one number.
        return ParsedNumber(printed, None, "ratio")
    if read_as == ColumnType.LABEL:
        return (ParsedNumber(printed, int(s), "number") if s.isascii() and s.isdigit()
                else ParsedNumber(printed, None, "not-a-number"))

    percent = s.endswith("%")
    if percent:
        s = s[:-1].rstrip()
    sign = 1
    bracketed = _BRACKETED_AMOUNT.match(s)
    if bracketed:
        s, sign = bracketed.group(1).strip(), -1
    elif s and s[0] in _MINUS + "+":
        sign = 1 if s[0] == "+" else -1
        s = s[1:].lstrip()
    s = _SPACES.sub(" ", s)
    if _SPACED_GROUPS.match(s):
        s = s.replace(" ", "")  # "33 616": a space as thousands mark
    s = _SPACE_BY_MARK.sub(r"\1", s)  # "8. 787", "39 ,2": print artefacts
    if not s or not _DIGITS_AND_SEPS.match(s):
        return ParsedNumber(printed, None, "not-a-number")

    number = _read_digits(s, ColumnType.RATE if percent else read_as)
    if number is None:
        return ParsedNumber(printed, None, "not-a-number")
    number = sign * number
    if percent or read_as == ColumnType.RATE:
        return ParsedNumber(printed, float(number), "percent" if percent else "number", percent)
    return ParsedNumber(printed, number, "number")


def _read_digits(s: str, read_as: Optional[ColumnType]) -> Optional[Union[int, float]]:
    """Digits with "." / "," marks → value; None when the marks make no sense."""
    marks = [c for c in s if c in ".,"]
    if not marks:
        return int(s)
    groups = re.split(r"[.,]", s)
    if len(set(marks)) == 2:
        # Both marks: the last one is the decimal mark, the other groups thousands.
        decimal = s[max(s.rfind("."), s.rfind(","))]
        head, _, tail = s.rpartition(decimal)
        head_groups = re.split(r"[.,]", head)
        if decimal in head or not _thousands(head_groups):
            return None
        return float("".join(head_groups) + "." + tail)
    if len(marks) > 1:
        # "1.247.855": only thousands marks repeat.
        return int("".join(groups)) if _thousands(groups) else None
    head, tail = groups
    if not head:
        return None
    if _thousands(groups) and _means_thousands(marks[0], read_as):
        return int(head + tail)
    value = float(head + "." + tail)
    return value


def _thousands(groups: list[str]) -> bool:
    head = groups[0]
    return (1 <= len(head) <= 3 and not (head.startswith("0") and len(groups) > 1)
            and all(len(g) == 3 for g in groups[1:]))


def _means_thousands(mark: str, read_as: Optional[ColumnType]) -> bool:
    """A lone mark before exactly three digits: thousands or decimal?"""
    if read_as == ColumnType.COUNT:
        return True  # a count has no fractional part
    if read_as == ColumnType.RATE:
        return False
    # Unknown column: Vietnamese print uses "." for thousands, "," for decimals.
    return mark == "."


def parse_value(text: Optional[str], read_as: Optional[ColumnType] = None) -> Optional[float]:
    """The value alone, for callers that do not need the reason."""
    return parse_number(text, read_as).value


def is_year(text: str) -> bool:
    """"2021": a year, which in a header is a word, not data."""
    return bool(_YEAR.match(text))


def is_prose_year(printed: str, before: str) -> bool:
    """A number in prose that is a year: four bare digits after "năm", "giai đoạn", "từ", "-"."""
    return is_year(printed) and bool(_PROSE_YEAR_CUE.search(before))


def is_scaled_unit(words: str) -> bool:
    """The unit after an amount scales it ("tỷ đồng", "triệu"): the amount is rounded."""
    return bool(_SCALED_UNIT.match(words.strip()))


def is_number(text: Optional[str]) -> bool:
    """A printed number that marks data (years alone are header words: "2021")."""
    s = " ".join((text or "").split())
    if not s or is_year(s):
        return False
    return parse_number(s).value is not None


def is_value(text: Optional[str]) -> bool:
    """A printed number or a printed "no value" dash: what data cells hold."""
    s = " ".join((text or "").split())
    return is_number(s) or (bool(s) and parse_number(s).reason == "missing")


def is_figures(text: Optional[str]) -> bool:
    """Several figures in one cell, "a/b" or "a/b/c" with or without a bracketed rate: what
    a data cell prints and a header cell does not. A date ("31/12/2021", a balance sheet's
    column head) is not: day and month in range; nor are years ("2024/2025")."""
    s = " ".join((text or "").split())
    if not _FIGURES.match(s) or all(is_year(p.strip()) for p in s.split("/")):
        return False
    date = _DATE.match(s)
    return not (date and 1 <= int(date[1]) <= 31 and 1 <= int(date[2]) <= 12)


def adds_nothing(text: str) -> bool:
    """A cell without a value that a sum may pass over: printed blank, a dash or an "x"."""
    return text.strip().lower() in _NOTHING_TO_ADD


def is_figure(word: str) -> bool:
    """One word of a table line printed as a figure ("1.648", "63,02%", "(12)", "–")."""
    return bool(_FIGURE.match(word))


def is_bare_number(text: str) -> bool:
    """An OCR reading that is a number and nothing else: "-12", "1.648", "63,02%"."""
    return bool(_BARE_NUMBER.match(text))


def is_number_chars(text: str) -> bool:
    """Digits with marks and per cent signs only, at least one digit: "1.648", "63,02%"."""
    return bool(_NUMBER_CHARS.match(text)) and any(c.isdigit() for c in text)


def parse_count(s: str) -> float:
    """A count matched by :data:`PROSE_COUNT`: '1.264.340' -> 1264340; '338' -> 338.
    Every mark in it groups thousands."""
    return float(re.sub(r"[.,]", "", s))


def parse_rate(s: str) -> float:
    """A rate matched by :data:`PROSE_RATE`: '39,2' -> 39.2; '57.68' -> 57.68; '100' -> 100.0."""
    return float(s.replace(",", "."))


def decimals(printed: str) -> int:
    """How many digits a number was printed with after its decimal mark ("63,02%" → 2)."""
    m = re.search(r"[.,](\d+)\s*%?\s*$", printed.strip())
    return len(m.group(1)) if m else 0


def format_vi(x: float, places: int = 0) -> str:
    """Vietnamese print: '.' groups thousands, ',' marks decimals (138.055; 69,42)."""
    return f"{x:,.{places}f}".translate(str.maketrans(",.", ".,"))


def format_en(x: float, places: int = 0) -> str:
    """English print: ',' groups thousands, '.' marks decimals (138,055; 69.42)."""
    return f"{x:,.{places}f}"
