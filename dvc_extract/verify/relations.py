"""Relations inside a table, recomputed from its own cells.

The relations come from the table's kind (``schema.relations(table)``, resolved
to column and row indices):

    RateRelation           rate = Σ numerator / denominator × scale, on every row
    SumRelation            total = Σ parts, on every row
    TotalRowRelation       the total row = Σ the unit rows above it, per column
    IndicatorRateRelation  an indicator's rate row = its numerator row / denominator row × scale

A table of no known kind still gets the one relation that needs no kind: its
single closing total row (``Row.is_total``) against the rows above it, in the
columns typed 'count'. Nothing here guesses which rows are totals or which
columns are counts; earlier stages established that.
"""
from __future__ import annotations

from typing import Optional, Sequence

from ..labels import row_label
from ..model import Cell, ColumnType, Evidence, Finding, Report, Table, join_path
from ..number import adds_nothing, decimals, format_en, format_vi
from ..numbering import is_numbering, numbering_key
from ..typed import IndicatorRateRelation, RateRelation, Relation, SumRelation, TotalRowRelation, relations
from ..settings import Settings
from .discover import Basis, code_column, discover
from .rounding import rate_verdict
from .tally import DISCARD, Tally

_COUNT_TOLERANCE = 0.5  # counts are whole numbers


# --------------------------------------------------------------------------- helpers

def _cell(table: Table, row: int, col: int) -> Optional[Cell]:
    return next((c for c in table.rows[row].cells if c.col == col), None)


def _label(table: Table, row: int) -> str:
    return row_label(table, table.rows[row]) or f"{row + 1}"


def _name(table: Table, col: int) -> str:
    """A column as messages name it: its path as printed, or its number."""
    return join_path(table.column_paths[col]) if col < len(table.column_paths) else str(col + 1)


def _leaf(table: Table, col: int) -> str:
    """The lowest level of a column's path ("Trực tuyến" of "Tiếp nhận / Trực tuyến")."""
    if col >= len(table.column_paths):
        return str(col + 1)
    path = table.column_paths[col]
    return path[-1] if path else ""


def _values(table: Table, row: int, cols: Sequence[int]) -> Optional[list[Cell]]:
    """The cells of ``cols`` in ``row`` with a value; None when one holds text that is not a number
    (an unparsed cell cannot take part in a sum)."""
    out = []
    for col in cols:
        cell = _cell(table, row, col)
        if cell is None or cell.value is None:
            if cell is not None and not adds_nothing(cell.text):
                return None
            continue
        out.append(cell)
    return out


def _finding(table: Table, row: int, stated: Cell, others: list[Cell], recomputed: Optional[float],
             verdict: str, rule: str, vi: str, en: str) -> Finding:
    """A finding on one cell of ``table``, with evidence on it and on ``others``; ``recomputed``
    is None when no value could stand in the cell (a rate over a zero denominator)."""
    involved = [stated, *others]
    return Finding(
        rule=rule,
        severity="info" if verdict == "rounding" else "error",
        verdict=verdict,
        cause="ocr" if any(c.source == "ocr" for c in involved) else "source",
        message_vi=vi,
        message_en=en,
        table=table.id,
        row=row,
        columns=[stated.col],
        stated=stated.value,
        recomputed=None if recomputed is None else round(recomputed, 6),
        difference=None if recomputed is None else round(stated.value - recomputed, 6),
        evidence=[Evidence(page=c.page, bbox=c.bbox) for c in involved],
    )


# --------------------------------------------------------------------------- relations

def _rate(table: Table, rel: RateRelation, tally: Tally) -> list[Finding]:
    out = []
    for i in range(len(table.rows)):
        rate = _cell(table, i, rel.rate)
        nums = _values(table, i, rel.numerator)
        den = _cell(table, i, rel.denominator)
        if rate is None or rate.value is None or not nums or den is None or den.value is None:
            continue
        if den.value == 0 and sum(c.value for c in nums) <= 0:
            continue  # 0/0 has no rate to check
        tally.add(table.id, "table-rate")
        if den.value == 0:  # n/0 has no rate that is right
            out.append(_zero_denominator(table, i, rate, nums, den))
            continue
        recomputed = sum(c.value for c in nums) / den.value * rel.scale
        places = decimals(rate.text or rate.raw_text)
        verdict = rate_verdict(rate.value, recomputed, places)
        if verdict is None:
            continue
        shown = max(places, 2) + (1 if verdict == "rounding" else 0)
        parts_vi = " + ".join(format_vi(c.value) for c in nums)
        parts_en = " + ".join(format_en(c.value) for c in nums)
        if len(nums) > 1:
            parts_vi, parts_en = f"({parts_vi})", f"({parts_en})"
        what_vi = "làm tròn chưa đúng" if verdict == "rounding" else "không khớp"
        what_en = "is not correctly rounded" if verdict == "rounding" else "does not match"
        out.append(_finding(
            table, i, rate, [*nums, den], recomputed, verdict, "table-rate",
            f"Bảng {table.id}, dòng “{_label(table, i)}”: {_name(table, rate.col)} = "
            f"{format_vi(rate.value, places)} {what_vi}: {parts_vi}/{format_vi(den.value)} × 100 = "
            f"{format_vi(recomputed, shown)}.",
            f"Table {table.id}, row “{_label(table, i)}”: {_name(table, rate.col)} = "
            f"{format_en(rate.value, places)} {what_en}: {parts_en}/{format_en(den.value)} × 100 = "
            f"{format_en(recomputed, shown)}.",
        ))
    return out


def _zero_denominator(table: Table, row: int, rate: Cell, nums: list[Cell], den: Cell) -> Finding:
    """A rate whose numerator is positive over a denominator of 0: no printed rate can follow."""
    places = decimals(rate.text or rate.raw_text)
    parts_vi = " + ".join(format_vi(c.value) for c in nums)
    parts_en = " + ".join(format_en(c.value) for c in nums)
    return _finding(
        table, row, rate, [*nums, den], None, "inconsistent", "table-rate",
        f"Bảng {table.id}, dòng “{_label(table, row)}”: {_name(table, rate.col)} = "
        f"{format_vi(rate.value, places)}, nhưng mẫu số {_name(table, den.col)} là 0 trong khi tử số "
        f"là {parts_vi}: không có tỷ lệ nào đúng.",
        f"Table {table.id}, row “{_label(table, row)}”: {_name(table, rate.col)} = "
        f"{format_en(rate.value, places)}, but the denominator {_name(table, den.col)} is 0 while the "
        f"numerator is {parts_en}: no rate can be right.",
    )


def _sum(table: Table, rel: SumRelation, tally: Tally) -> list[Finding]:
    out = []
    for i in range(len(table.rows)):
        total = _cell(table, i, rel.total)
        parts = _values(table, i, rel.parts)
        if total is None or total.value is None or not parts:
            continue
        tally.add(table.id, "table-sum")
        recomputed = sum(c.value for c in parts)
        if abs(recomputed - total.value) < _COUNT_TOLERANCE:
            continue
        names = ", ".join(_leaf(table, c.col) for c in parts)
        out.append(_finding(
            table, i, total, parts, recomputed, "inconsistent", "table-sum",
            f"Bảng {table.id}, dòng “{_label(table, i)}”: {_name(table, total.col)} ghi "
            f"{format_vi(total.value)}, nhưng tổng các thành phần ({names}) là {format_vi(recomputed)}.",
            f"Table {table.id}, row “{_label(table, i)}”: {_name(table, total.col)} states "
            f"{format_en(total.value)}, but its parts ({names}) sum to {format_en(recomputed)}.",
        ))
    return out


def _total_row(table: Table, rel: TotalRowRelation, tally: Tally) -> list[Finding]:
    out = []
    row = rel.row
    rule = "total-row-sum" if table.rows[row].is_total else "row-sum"
    for col in rel.columns:
        total = _cell(table, row, col)
        cells = []
        for r in rel.over_rows:
            got = _values(table, r, [col])
            if got is None:
                cells = None
                break
            cells.extend(got)
        if total is None or total.value is None or not cells:
            continue
        tally.add(table.id, rule)
        recomputed = sum(c.value for c in cells)
        if abs(recomputed - total.value) < _COUNT_TOLERANCE:
            continue
        if rule == "total-row-sum":
            out.append(_finding(
                table, row, total, cells, recomputed, "inconsistent", rule,
                f"Dòng tổng “{_label(table, row)}” của bảng {table.id}, cột “{_name(table, col)}”: "
                f"ghi {format_vi(total.value)}, nhưng tổng các dòng là {format_vi(recomputed)}.",
                f"Total row “{_label(table, row)}” of table {table.id}, column “{_name(table, col)}”: "
                f"states {format_en(total.value)}, but the rows sum to {format_en(recomputed)}.",
            ))
            continue
        names = ", ".join(_label(table, r) for r in rel.over_rows)
        out.append(_finding(
            table, row, total, cells, recomputed, "inconsistent", rule,
            f"Bảng {table.id}, dòng “{_label(table, row)}”, cột “{_name(table, col)}”: ghi "
            f"{format_vi(total.value)}, nhưng tổng các dòng thành phần ({names}) là {format_vi(recomputed)}.",
            f"Table {table.id}, row “{_label(table, row)}”, column “{_name(table, col)}”: states "
            f"{format_en(total.value)}, but its rows ({names}) sum to {format_en(recomputed)}.",
        ))
    return out


def _indicator_rate(table: Table, rel: IndicatorRateRelation, tally: Tally) -> list[Finding]:
    out = []
    for col in rel.columns:
        rate = _cell(table, rel.row, col)
        num = _cell(table, rel.numerator_row, col)
        den = _cell(table, rel.denominator_row, col)
        if None in (rate, num, den) or None in (rate.value, num.value, den.value):
            continue
        if den.value == 0 and num.value <= 0:
            continue  # 0/0 has no rate to check
        tally.add(table.id, "indicator-rate")
        if den.value == 0:
            out.append(_zero_denominator(table, rel.row, rate, [num], den))
            continue
        recomputed = num.value / den.value * rel.scale
        places = decimals(rate.text or rate.raw_text)
        verdict = rate_verdict(rate.value, recomputed, places)
        if verdict is None:
            continue
        shown = max(places, 2) + (1 if verdict == "rounding" else 0)
        out.append(_finding(
            table, rel.row, rate, [num, den], recomputed, verdict, "indicator-rate",
            f"Bảng {table.id}, chỉ tiêu “{_label(table, rel.row)}”, cột “{_name(table, col)}”: "
            f"{format_vi(rate.value, places)} nhưng {format_vi(num.value)}/{format_vi(den.value)} × 100 = "
            f"{format_vi(recomputed, shown)}.",
            f"Table {table.id}, indicator “{_label(table, rel.row)}”, column “{_name(table, col)}”: "
            f"{format_en(rate.value, places)} but {format_en(num.value)}/{format_en(den.value)} × 100 = "
            f"{format_en(recomputed, shown)}.",
        ))
    return out


def _closing_total(table: Table) -> list[Relation]:
    """The relation every table has without a kind: one closing total row over the rows
    above, when they are one list (not sections holding their own subtotals)."""
    totals = [i for i, row in enumerate(table.rows) if row.is_total]
    if len(totals) != 1 or totals[0] != len(table.rows) - 1 or len(table.rows) < 3:
        return []
    if _sectioned(table) or code_column(table) is not None:
        return []  # sections and codes hold their own subtotals (discover.py adds them up)
    cols = tuple(j for j, t in enumerate(table.column_types) if t == ColumnType.COUNT)
    return [TotalRowRelation(totals[0], tuple(range(totals[0])), cols)]


_CHECKS = {RateRelation: _rate, SumRelation: _sum, TotalRowRelation: _total_row,
           IndicatorRateRelation: _indicator_rate}


def _row_numbers(table: Table) -> list[str]:
    """The row numbers printed in the table's first two columns, where they hold no
    figures (a count column's "338" is no row number), top to bottom."""
    labels = {j for j, t in enumerate(table.column_types[:2]) if t not in (ColumnType.COUNT, ColumnType.RATE)}
    out = []
    for row in table.rows:
        mark = next((c.text for c in sorted(row.cells, key=lambda c: c.col)
                     if c.col in labels and is_numbering(c.text)), None)
        if mark is not None:
            out.append(mark)
    return out


def _sectioned(table: Table) -> bool:
    """Rows numbered in sections ("I.", "II." over "1.", "2."; "1." over "1.1."; a list
    numbered again from 1): a balance sheet's, whose section rows are subtotals, so the
    closing total is no plain sum of the rows above it."""
    keys = [numbering_key(m) for m in _row_numbers(table)]
    if any(k is None for k in keys) and any(k is not None for k in keys):
        return True  # Roman or lettered sections over numbered rows
    keys = [k for k in keys if k is not None]
    return any(len(k) > 1 for k in keys) or any(b[0] < a[0] for a, b in zip(keys, keys[1:]))


def _starts_midway(table: Table) -> bool:
    """The tail of a table whose start is on a page not read (a scan of its last page): no
    header, and its rows numbered from further on than 1. Its total covers rows not here."""
    if any(level for path in table.column_paths for level in path):
        return False
    marks = _row_numbers(table)
    key = numbering_key(marks[0]) if marks else None
    return key is not None and key[0] > 1


def table_relations(report: Report, settings: Settings, tally: Tally = DISCARD) -> list[Finding]:
    """Each table's declared relations (its kind's, its closing total row), then those its
    numbers show (discover.py). A cell a declared relation flags is not flagged again, and
    that second check of it is not counted: the cell was judged once."""
    findings: list[Finding] = []
    for table in report.tables:
        declared = [(r, Basis(f"kind {table.kind}")) for r in relations(table)]
        if not any(isinstance(r, TotalRowRelation) for r, _ in declared):
            declared += [(r, Basis("total row label")) for r in _closing_total(table)]
        found = discover(table, [r for r, _ in declared], settings)
        flagged: set[tuple[int, int]] = set()
        for rel, basis in declared + found:
            if _starts_midway(table) and isinstance(rel, TotalRowRelation):
                continue
            for f in _CHECKS[type(rel)](table, rel, tally):
                where = (f.row, f.columns[0])
                if where in flagged:
                    tally.add(table.id, f.rule, -1)
                    continue
                flagged.add(where)
                f.established_by, f.support, f.tried = basis.how, basis.support, basis.tried
                if basis.support is not None:
                    f.message_vi += (f" (Quan hệ tìm thấy từ số liệu: đúng ở {basis.support}/{basis.tried} "
                                     f"trường hợp.)")
                    f.message_en += f" (Relation found in the numbers: holds in {basis.support} of {basis.tried}.)"
                findings.append(f)
    return findings
