"""Row numbering (STT): a list numbered 1, 2, 3 … that skips, repeats or mistypes a number.

Only a table's own numbering column is read, and only its top-level numbers ("5", "5.");
a list may start again from 1 (a new section). Against the number expected after the one
before it (p + 1):

    typo    "121" where 12 is expected and 13 follows: a number mistyped (two in a row,
            "10, 1, 121, 13", are both mistyped)
    repeat  "5" after "5", the list going on from 5
    gap     "7" after "5", the list going on from 7: row 6 is missing

A number that fits none of these (a jump the next row does not confirm) is not judged: the
numbering may be the source's own (a unit's code, a continuation page read out of order).
"""
from __future__ import annotations

from typing import Optional

from ..model import ColumnType, Evidence, Finding, Report, Table
from ..numbering import numbering_key
from ..settings import Settings
from .tally import DISCARD, Tally


def _marks(table: Table, sure: float) -> list[tuple[int, Optional[int], object]]:
    """(row index, number, cell) for each row numbered at the top level; number None for a
    row number read below ``sure`` as no number at all (it has an ``unreadable`` finding)."""
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
        elif cell is not None and key is None and cell.confidence < sure:
            out.append((i, None, cell))
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
    out = []
    paired = set()
    for k in range(1, len(numbers)):
        p, n = numbers[k - 1], numbers[k]
        after: Optional[int] = numbers[k + 1] if k + 1 < len(numbers) else None
        if k in paired or n == p + 1:
            continue
        if after is not None and after not in (p + 2, n + 1) and numbers[k + 2:k + 3] == [p + 3]:
            # two numbers wrong in a row between two that agree ("10, 1, 121, 13")
            out += [(k, "typo", p + 1), (k + 1, "typo", p + 2)]
            paired.add(k + 1)
            continue
        if n == 1:
            continue
        if after == p + 2:
            out.append((k, "typo", p + 1))
        elif n == p and after == p + 1:
            out.append((k, "repeat", p + 1))
        elif n > p + 1 and after == n + 1 and n - p <= 3:
            out.append((k, "gap", p + 1))
    return out


_WHAT = {
    "typo": ("số thứ tự {n} in nhầm: theo sau {p} và trước {a}, phải là {e}",
             "row number {n} is mistyped: after {p} and before {a} it should be {e}"),
    "repeat": ("số thứ tự {n} lặp lại", "row number {n} is repeated"),
    "gap": ("số thứ tự nhảy từ {p} lên {n}: thiếu {e}", "row numbers jump from {p} to {n}: {e} is missing"),
}


def row_numbering(report: Report, settings: Settings, tally: Tally = DISCARD) -> list[Finding]:
    findings = []
    for table in report.tables:
        marks = _marks(table, settings.min_cell_confidence)
        while marks and marks[0][1] is None:  # the list is judged from its first number read
            marks.pop(0)
        read = [n for _, n, _ in marks]
        numbers = _unread_in_place(read)
        tally.add(table.id, "row-numbering", max(0, len(numbers) - 1))  # each number after the first
        for k, what, expected in _verdicts(numbers):
            if read[k] is None:
                continue  # given its place, not read
            i, n, cell = marks[k]
            p = numbers[k - 1]
            a = numbers[k + 1] if k + 1 < len(numbers) else ""
            vi, en = _WHAT[what]
            fill = dict(n=n, p=p, a=a, e=expected)
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
                evidence=[Evidence(page=cell.page, bbox=cell.bbox), Evidence(page=marks[k - 1][2].page,
                                                                              bbox=marks[k - 1][2].bbox)],
            ))
    return findings
