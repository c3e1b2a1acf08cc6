"""Numeric statements in prose: a rate stated next to the fraction it comes from.

Two explicit shapes are recognised, because a rate without its operands
cannot be recomputed:

    rate then fraction   "đạt tỷ lệ 63.02% (213/338)", "đạt 21,7% (198.848/916.146)"
    fraction then rate   "1.317/1.648 TTHC đạt tỷ lệ 79,92%", "115/214 đạt tỷ lệ 53,74%"

and one contextual shape, common in monthly reports, where the denominator is
a total stated just before:

    "Tổng số hồ sơ …: 77.390 hồ sơ. … Có 77.021 hồ sơ …, chiếm tỷ lệ 99,52%."

Numbers follow Vietnamese print conventions, which reports mix freely: in a
count "." or "," followed by exactly three digits groups thousands ("1.264.340");
in a rate the single separator is the decimal mark ("39,2%", "57.68%").
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from ..model import Claim, TextBlock
from ..number import PROSE_COUNT, PROSE_RATE, parse_count, parse_rate
from ..numbering import opens_section
from ..units.normalize import fold

# A fraction of counts, not part of a date ("7/12/2023") or a longer number.
_FRACTION = rf"(?<![\d/.,])(?P<a>{PROSE_COUNT})\s*/\s*(?P<b>{PROSE_COUNT})(?![\d/]|[.,]\d)"
_RATE_WORD = r"(?:t[ỷỉ]\s*l[ệe]|chiếm)"  # "tỉ lệ": old tone placement
_MAX_GAP = 80  # characters between a fraction and its rate
# One character of a gap inside a clause: no digit, no bracket, no sentence or clause end.
_GAP = r"(?:(?![.;]\s)[^\d%();])"

RATE_THEN_FRACTION = re.compile(
    rf"(?P<rate>{PROSE_RATE})\s*%\s*\(\s*{_FRACTION}\s*\)"
)
# The gap holds no digit, so the rate belongs to the nearest fraction and not to
# one further back ("1.201/1.317 TTHC (Cấp tỉnh 1.075/1.217 TTHC đạt tỷ lệ 91,19%").
FRACTION_THEN_RATE = re.compile(
    rf"{_FRACTION}(?P<gap>{_GAP}{{0,{_MAX_GAP}}}?{_RATE_WORD}\s*:?\s*(?:là\s*)?)"
    rf"(?P<rate>{PROSE_RATE})(?![\d/])(?:\s*%)?"
)
# Words before "a/b" that make it a date, a document number or a rank, not a fraction.
NOT_A_FRACTION = re.compile(r"(?:tháng|ngày|năm|quý|số|hạng|thứ|kỳ)\s*:?\s*$", re.IGNORECASE)
# "Tổng số … : 77.390 hồ sơ" or "Trong 276 hồ sơ …" — remembered as the denominator of later shares.
TOTAL = re.compile(
    rf"(?:T[ổô]ng\s+s[ốo][^:]{{0,120}}:\s*(?:là\s*:?\s*)?|\bTrong\s+)"
    rf"(?<![\d/.,])(?P<total>{PROSE_COUNT})(?![\d/]|[.,]\d)"
    rf"\s+(?P<noun>\w+(?:\s+\w+)?)"
)
# "77.021 hồ sơ …, chiếm tỷ lệ 99,52%" — a part with its share of that total.
SHARE = re.compile(
    rf"(?<![\d/.,])(?P<part>{PROSE_COUNT})(?![\d/]|[.,]\d)\s+(?P<noun>\w+(?:\s+\w+)?)"
    rf"(?P<gap>{_GAP}{{0,{_MAX_GAP}}}?chiếm\s+t[ỷỉ]\s*l[ệe]\s*:?\s*)"
    rf"(?P<rate>{PROSE_RATE})\s*%"
)


def _normalise(text: str) -> str:
    # Prose blocks keep their line breaks; a claim often straddles one.
    return " ".join(text.split())


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start), text.rfind("- ", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("; ", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 2 if left >= 0 else 0:right].strip()


def _claim(block: TextBlock, text: str, m: re.Match, rate: str, a: str, b: str) -> Claim:
    return Claim(
        text=m.group(0).strip(),
        sentence=_sentence(text, m.start(), m.end()),
        page=block.page,
        bbox=block.bbox,
        rate=parse_rate(rate),
        numerator=parse_count(a),
        denominator=parse_count(b),
        rate_text=rate,
    )


def claims_in_block(block: TextBlock, context_total: Optional[tuple[str, str]] = None) -> tuple[list[Claim], Optional[tuple[str, str]]]:
    """Claims of one block, and the last stated total (carried to the next block)."""
    text = _normalise(block.text)
    found: list[tuple[int, Claim]] = []
    taken: list[range] = []

    def free(m: re.Match) -> bool:
        return all(m.start() >= r.stop or m.end() <= r.start for r in taken)

    def fraction(m: re.Match) -> bool:
        a, b = parse_count(m["a"]), parse_count(m["b"])
        if 1 <= a <= 12 and 1900 <= b <= 2100:  # "7/2024": a month
            return False
        return not NOT_A_FRACTION.search(text[max(0, m.start() - 12):m.start()])

    for m in RATE_THEN_FRACTION.finditer(text):
        if not fraction(m):
            continue
        found.append((m.start(), _claim(block, text, m, m["rate"], m["a"], m["b"])))
        taken.append(range(m.start(), m.end()))
    for m in FRACTION_THEN_RATE.finditer(text):
        if free(m) and fraction(m):
            found.append((m.start(), _claim(block, text, m, m["rate"], m["a"], m["b"])))
            taken.append(range(m.start(), m.end()))

    # Totals and shares in reading order: a share uses the latest total before it.
    events = sorted(
        [(m.start(), "total", m) for m in TOTAL.finditer(text)]
        + [(m.start(), "share", m) for m in SHARE.finditer(text)],
        key=lambda e: e[0],
    )
    total = context_total
    for _, what, m in events:
        if what == "total":
            total = (m["total"], m["noun"])
        elif total and free(m) and _same_noun(m["noun"], total[1]):
            # A part larger than its total is checked too: its share then cannot be right.
            found.append((m.start(), _claim(block, text, m, m["rate"], m["part"], total[0])))
            taken.append(range(m.start(), m.end()))
    return [c for _, c in sorted(found, key=lambda f: f[0])], total


def _same_noun(a: str, b: str) -> bool:
    # "hồ sơ giải" vs "hồ sơ." — compare the first word pair only as far as both go; without
    # marks, as OCR loses them ("hồ SƠ", "hỗ sơ", "hô sơ" are one noun).
    wa, wb = fold(a).split(), fold(b).split()
    n = min(len(wa), len(wb), 2)
    return n > 0 and wa[:n] == wb[:n]


def find_claims(prose: Iterable[TextBlock]) -> list[Claim]:
    """Every recomputable numeric statement in the report's prose, in reading order."""
    claims: list[Claim] = []
    total = None
    for block in prose:
        if opens_section(block.text.strip()):
            total = None  # a new section: an earlier total no longer applies
        found, total = claims_in_block(block, total)
        claims.extend(found)
    return claims
