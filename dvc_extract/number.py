"""Vietnamese printed numbers: "1.648" → 1648, "39,2%" → 39.2, "-" → missing.

Vietnamese reports write thousands with "." and decimals with ",", but Word
templates and copied figures mix in the English style ("57.68%"). Which one a
lone separator means is decided by the column (a count cannot have decimals, a
rate is rarely above a thousand) and by its digit groups ("1.5" cannot be a
thousands group; "1.247.855" cannot be a decimal). The printed string is always
kept beside the value, so a wrong reading stays visible.
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
    (see :mod:`.text.column`).

    - count: a "." or "," followed by exactly three digits is a thousands mark;
    - rate: a lone separator is a decimal mark; the value is a float;
    - label: only a plain integer is a number (STT "5" → 5, "5.1.2." → None);
    - text or None: the cell's own shape decides, Vietnamese convention first.
    Never raises.
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
    if s and s[0] in _MINUS + "+":
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
