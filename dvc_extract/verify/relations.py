"""Relations inside a table, recomputed from its own cells.

Each rule here reads what earlier stages established — ``Row.is_total`` and the
column types ('count', 'rate', …) — and never guesses them. Relations that
need a table's kind (rate = part / total × 100, total = Σ channels) are added
here as the schema stage provides them for each kind.
"""
from __future__ import annotations

from typing import Optional

from ..model import Cell, Evidence, Finding, Report, Table
from ..settings import Settings

_MISSING = {"", "-", "–", "—", "x"}  # printed blanks that add nothing to a sum


def _vi(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".")


def _en(x: float) -> str:
    return f"{x:,.0f}"


def _column_values(table: Table, body: list[int], col: int) -> Optional[list[Cell]]:
    """The body cells of a column, or None when one holds text that is not a number."""
    cells = []
    for r in body:
        cell = next((c for c in table.rows[r].cells if c.col == col), None)
        if cell is None or cell.value is None:
            if cell is not None and cell.text.strip().lower() not in _MISSING:
                return None
            continue
        cells.append(cell)
    return cells


def total_row_sums(report: Report, settings: Settings) -> list[Finding]:
    """The one total row (TỔNG / Tổng cộng) of a table equals the sum of the rows above it,
    in every count column. Tables with several total rows (subtotals) are left alone:
    which rows each one sums is a matter of the table's kind."""
    findings = []
    for table in report.tables:
        totals = [i for i, row in enumerate(table.rows) if row.is_total]
        if len(totals) != 1 or totals[0] != len(table.rows) - 1 or len(table.rows) < 3:
            continue
        t = totals[0]
        body = list(range(t))
        for col, kind in enumerate(table.column_types):
            if kind != "count":
                continue
            total_cell = next((c for c in table.rows[t].cells if c.col == col and c.value is not None), None)
            cells = _column_values(table, body, col)
            if total_cell is None or not cells:
                continue
            recomputed = sum(c.value for c in cells)
            if abs(recomputed - total_cell.value) < 0.5:  # counts are whole numbers
                continue
            findings.append(_finding(table, t, col, total_cell, cells, recomputed))
    return findings


def _finding(table: Table, t: int, col: int, total: Cell, cells: list[Cell], recomputed: float) -> Finding:
    name = table.columns[col] if col < len(table.columns) else str(col + 1)
    ocr = any(c.source == "ocr" for c in [total, *cells])
    return Finding(
        rule="total-row-sum",
        severity="error",
        verdict="inconsistent",
        cause="ocr" if ocr else "source",
        message_vi=(f"Dòng tổng của bảng {table.id}, cột “{name}”: ghi {_vi(total.value)}, "
                    f"nhưng tổng các dòng là {_vi(recomputed)}."),
        message_en=(f"Total row of table {table.id}, column “{name}”: states {_en(total.value)}, "
                    f"but the rows sum to {_en(recomputed)}."),
        table=table.id,
        row=t,
        columns=[col],
        stated=total.value,
        recomputed=recomputed,
        difference=total.value - recomputed,
        evidence=[Evidence(page=total.page, bbox=total.bbox)]
        + [Evidence(page=c.page, bbox=c.bbox) for c in cells],
    )
