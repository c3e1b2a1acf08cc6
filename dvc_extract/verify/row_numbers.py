"""Row numbering (STT): a list numbered 1, 2, 3 … that skips, repeats or mistypes a number.

Only a table's own numbering column is read, and only its top-level numbers ("5", "5.");
a list may start again from 1 (a new section). Against the number expected after the one
before it (p + 1):

    typo    "121" where 12 is expected and 13 follows: a number mistyped (two in a row,
            "10, 1, 121, 13", are both mistyped)
    repeat  "5" after "5", the list going on from 5
    gap     "7" after "5", the list going on from 7: row 6 is missing

The first and the last number have a neighbour on one side only, and the list on that side
decides: "7" before 2, 3 is a typo of 1 (a list that goes on from 2 started at 1; a continuation
page starts at 2 and goes on with 3; a first 1 is right, what follows it is judged); a last number after a run p - 1, p is judged when it
repeats p, skips at most three (a gap) or goes back (a typo of p + 1). A number judged a typo is
read as the expected one for the rows after it, so that one misprint makes one finding.

A number that fits none of these (a jump the next row does not confirm, a last number far
beyond the run) is not judged: the numbering may be the source's own (a unit's code, a
continuation page read out of order).
"""
from __future__ import annotations

from typing import Optional

from ..model import ColumnType, Evidence, Finding, Report, Table
from ..numbering import numbering_key
from ..settings import Settings
from .tally import DISCARD, Tally


def _marks(table: Table, sure: float) -> list[tuple[int, Optional[int], object]]:
    """(row index, number, cell) for each row numbered at the top level; number None for a
    row number read as no number at all below ``sure`` (it has an ``unreadable`` finding),
    or by OCR at all ("s" for "5."): it may be any number."""
    cols = [j for j, t in enumerate(table.column_types) if t == ColumnType.NUMBERING]
    if not cols:
        return []
    out = []
    for i, row in enumerate(table.rows):
        if row.is_total:
            continue
        cell = next((c for c in row.cells if c.col == cols[0] and c.text.strip()), None)
        key = numbering_key(cell.text) if cell else None
        if key is not None and len(key) == 1:
            out.append((i, key[0], cell))
        elif cell is not None and key is None and (cell.confidence < sure or cell.source == "ocr"):
            out.append((i, None, cell))
    return out


def _unread_that_count(marks: list) -> list:
    """The marks without the rows read as no number where the list goes on without them
    ("4", unread, "5"): such a row is numbered below the top level ("4.2"), or not at all."""
    out = []
    for k, mark in enumerate(marks):
        if mark[1] is None:
            before = next((m[1] for m in reversed(marks[:k]) if m[1] is not None), None)
            after = next((m[1] for m in marks[k + 1:] if m[1] is not None), None)
            if before is not None and after == before + 1:
                continue
        out.append(mark)
    return out


def _unread_in_place(numbers: list[Optional[int]]) -> list[int]:
    """A number read as nothing stands in its place in the list (the next of the one before),
    so that its neighbours are judged against the list, not against the misreading."""
    out = list(numbers)
    for k in range(1, len(out)):
        if out[k] is None:
            out[k] = out[k - 1] + 1
    return out


def _verdicts(numbers: list[int]) -> list[tuple[int, str, int]]:
    """(position, what, expected) for each number the list around it shows to be wrong."""
    seq = list(numbers)
    out = _first(seq)
    paired = set()
    for k in range(1, len(seq)):
        p, n = seq[k - 1], seq[k]
        after: Optional[int] = seq[k + 1] if k + 1 < len(seq) else None
        if k in paired or n == p + 1:
            continue  # the list goes on
        if after is not None and after not in (p + 2, n + 1) and seq[k + 2:k + 3] == [p + 3]:
            # two numbers wrong in a row between two that agree ("10, 1, 121, 13")
            out += [(k, "typo", p + 1), (k + 1, "typo", p + 2)]
            seq[k], seq[k + 1] = p + 1, p + 2
            paired.add(k + 1)
            continue
        if n == 1 and after in (None, 2):
            continue  # a new list starts from 1
        if after == p + 2:
            out.append((k, "typo", p + 1))
            seq[k] = p + 1  # read as meant, so the next row is judged against it
        elif n == p and after == p + 1:
            out.append((k, "repeat", p + 1))
        elif n > p + 1 and after == n + 1 and n - p <= 3:
            out.append((k, "gap", p + 1))
        elif after is None and k >= 2 and seq[k - 2] == p - 1:
            out += _last(k, p, n)
    return out


def _first(seq: list[int]) -> list[tuple[int, str, int]]:
    """The first number against the run after it: "7, 2, 3" started at 1 (and is read so)."""
    if len(seq) >= 3 and seq[0] != 1 and seq[1] >= 2 and seq[2] == seq[1] + 1 and seq[0] != seq[1] - 1:
        expected = seq[1] - 1
        seq[0] = expected
        return [(0, "typo", expected)]
    return []


def _last(k: int, p: int, n: int) -> list[tuple[int, str, int]]:
    """The last number after a run ending at p: nothing after it confirms a jump, so only what
    no numbering of the source's own would print is judged."""
    if n == p:
        return [(k, "repeat", p + 1)]
    if p + 1 < n <= p + 3:
        return [(k, "gap", p + 1)]
    if n < p:  # back below the run, and not a new list from 1 (left above)
        return [(k, "typo", p + 1)]
    return []


_WHAT = {
    "typo": ("số thứ tự {n} in nhầm ({around}): phải là {e}",
             "row number {n} is mistyped ({around_en}): it should be {e}"),
    "repeat": ("số thứ tự {n} lặp lại", "row number {n} is repeated"),
    "gap": ("số thứ tự nhảy từ {p} lên {n}: thiếu {e}", "row numbers jump from {p} to {n}: {e} is missing"),
}


def _around(numbers: list[int], k: int) -> tuple[str, str]:
    """The neighbours a number is judged by, in words: "sau 11, trước 13"."""
    vi, en = [], []
    if k > 0:
        vi.append(f"sau {numbers[k - 1]}")
        en.append(f"after {numbers[k - 1]}")
    if k + 1 < len(numbers):
        vi.append(f"trước {numbers[k + 1]}")
        en.append(f"before {numbers[k + 1]}")
    return ", ".join(vi), ", ".join(en)


def row_numbering(report: Report, settings: Settings, tally: Tally = DISCARD) -> list[Finding]:
    findings = []
    for table in report.tables:
        marks = _marks(table, settings.min_cell_confidence)
        while marks and marks[0][1] is None:  # the list is judged from its first number read
            marks.pop(0)
        marks = _unread_that_count(marks)
        read = [n for _, n, _ in marks]
        numbers = _unread_in_place(read)
        tally.add(table.id, "row-numbering", max(0, len(numbers) - 1))  # each number after the first
        for k, what, expected in _verdicts(numbers):
            if read[k] is None:
                continue  # given its place, not read
            i, n, cell = marks[k]
            neighbour = marks[k - 1 if k else k + 1][2]  # the row it is judged against
            around, around_en = _around(numbers, k)
            vi, en = _WHAT[what]
            fill = dict(n=n, p=numbers[k - 1] if k else "", e=expected, around=around, around_en=around_en)
            findings.append(Finding(
                rule="row-numbering",
                severity="warning",
                verdict="inconsistent",
                cause="ocr" if cell.source == "ocr" else "source",
                message_vi=f"Bảng {table.id}, dòng {i + 1}: " + vi.format(**fill) + ".",
                message_en=f"Table {table.id}, row {i + 1}: " + en.format(**fill) + ".",
                table=table.id,
                row=i,
                columns=[cell.col],
                stated=n,
                recomputed=expected,
                difference=n - expected,
                evidence=[Evidence(page=cell.page, bbox=cell.bbox), Evidence(page=neighbour.page,
                                                                              bbox=neighbour.bbox)],
            ))
    return findings
