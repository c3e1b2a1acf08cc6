"""The long, tidy form of a report: one row per number.

report, table, row, col, label, unit_id, unit_name, is_total, metric, type, value, period,
page, confidence, successor_id, successor_name, findings.
``metric`` is the column's canonical name (its series base name for a series
column); in an indicator table it is the indicator itself ("5.1.1 Tổng số TTHC
…") and the unit is the entity its column group names ("Tỉnh Đắk Lắk").
``period`` is the column's period when it has one, else the report's period.
``successor_id``/``successor_name``: the unit that took the row's unit over in the 2025
reorganisation (Sở Tài nguyên và Môi trường -> Sở Nông nghiệp và Môi trường), so a series
can be compared across it; stated beside the unit, never in its place.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..model import COUNT_FROM, Report, Table
from ..units import column_group
from ..units.registry import successor
from .headers import fold_level
from .kinds import get

COLUMNS = ["report", "table", "row", "col", "label", "unit_id", "unit_name", "is_total", "metric", "type",
           "value", "period", "page", "confidence", "successor_id", "successor_name"]
VALUE_TYPES = {"count", "rate", "score", "value"}


def _cell_text(row, col) -> str:
    return " ".join(c.text for c in row.cells if c.col == col).strip()


def _group_unit(table: Table, j: int):
    """An indicator table's unit: the one its column group names, as the units stage
    matched it, else the group's own words."""
    found = table.column_units[j] if j < len(table.column_units) else None
    group = column_group(table.column_paths[j]) if j < len(table.column_paths) else ""
    return (found.id, found.name) if found else (None, group or None)


def _records(report_id: str, table: Table, period) -> list[dict]:
    kind = get(table.kind)
    types = table.column_types
    names = table.column_names or [f"column_{j}" for j in range(len(types))]
    label_col = next((j for j, t in enumerate(types) if t == "label"), None)
    stt_col = next((j for j, t in enumerate(types) if t == "numbering"), None)
    indicator = kind is not None and kind.rows == "indicator"
    out = []
    for i, row in enumerate(table.rows):
        label = _cell_text(row, label_col) if label_col is not None else ""
        for cell in row.cells:
            j = cell.col
            if cell.value is None or j >= len(types) or types[j] not in VALUE_TYPES:
                continue
            name = names[j]
            base, _, when = name.partition("[")
            rec = {"report": report_id, "table": table.id, "row": i + COUNT_FROM, "col": j + COUNT_FROM,
                   "label": label or None,
                   "unit_id": row.unit.id if row.unit else None, "unit_name": row.unit.name if row.unit else None,
                   "is_total": row.is_total, "metric": base, "type": types[j], "value": float(cell.value),
                   "period": when.rstrip("]") or period, "page": cell.page, "confidence": cell.confidence}
            if indicator:
                number = _cell_text(row, stt_col).rstrip(".") if stt_col is not None else ""
                rec["metric"] = f"{number} {label}".strip()
                rec["type"] = "rate" if fold_level(label).startswith("ty le") else "count"
                rec["unit_id"], rec["unit_name"] = _group_unit(table, j)
            heir = successor(rec["unit_id"]) if rec["unit_id"] else None
            rec["successor_id"], rec["successor_name"] = (heir.id, heir.name) if heir else (None, None)
            out.append(rec)
    return out


def _flags(report: Report) -> dict[tuple[str, int, int], str]:
    out: dict[tuple[str, int, int], set[str]] = {}
    for f in report.findings:
        if f.table is None or f.row is None:
            continue
        for col in f.columns:
            out.setdefault((f.table, f.row + COUNT_FROM, col + COUNT_FROM), set()).add(f.verdict)
    return {k: ",".join(sorted(v)) for k, v in out.items()}


def tidy(report: Report) -> pd.DataFrame:
    """Every number of every typed table of the report, one per row, with ``findings``: the
    verdicts of the report's findings that involve the number, so a flagged or unreadable
    value never travels without its flag (empty before the verify stage has run)."""
    doc = report.document
    report_id = Path(doc.path).stem if doc and doc.path else ""
    records = []
    for table in report.tables:
        records += _records(report_id, table, doc.period if doc else None)
    df = pd.DataFrame.from_records(records, columns=COLUMNS)
    flags = _flags(report)
    df["findings"] = [flags.get((t, r, c), "") for t, r, c in zip(df["table"], df["row"], df["col"])]
    return df
