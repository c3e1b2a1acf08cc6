"""Units stage: row labels matched to the canonical unit registry.

    match_tables(tables, document) -> tables   Row.unit and Table.column_units set where
                                               a match passes
    match_name(name, date=None) -> [Candidate] best first (see match.py)
    review(tables, document) -> [dict]        rows whose label found no unit

The label column is :func:`dvc_extract.labels.label_column`.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from ..labels import is_label_text, label_column
from ..model import ColumnPath, Document, Row, Table, UnitMatch, join_path
from ..settings import Settings
from .match import Candidate, best_match, match_name
from .registry import date_window

__all__ = ["match_tables", "match_name", "best_match", "review", "column_group", "Candidate"]


def _report_date(document: Optional[Document]) -> Optional[str]:
    when = getattr(document, "date", None) if document is not None else None
    if not when:
        return None
    try:
        date_window(when)
    except ValueError:
        return None  # a date we cannot read restricts nothing
    return when


def row_label(row: Row, col: Optional[int], raw: bool = False) -> str:
    if col is None:
        return ""
    return " ".join((c.raw_text if raw else c.text) or "" for c in row.cells if c.col == col).strip()


def _match_row(row: Row, col: Optional[int], when, settings) -> Optional[Candidate]:
    """The label as repaired by the text stage, checked against the label as read: a repair
    can only add a match, never turn one unit into another (if the two disagree: no match)."""
    label, raw = row_label(row, col), row_label(row, col, raw=True)
    found = best_match(label, when, settings) if is_label_text(label) else None
    if raw and raw != label and is_label_text(raw):
        as_read = best_match(raw, when, settings)
        if found is None:
            return as_read
        if as_read is not None and as_read.id != found.id:
            return None
    return found


def column_group(path: ColumnPath) -> str:
    """The header levels above a column's own ("Tỉnh Đắk Lắk" of "Tỉnh Đắk Lắk / Tổng số")."""
    return join_path(path[:-1])


def _unit(found: Optional[Candidate]) -> Optional[UnitMatch]:
    return UnitMatch(id=found.id, name=found.name, score=found.score) if found else None


def _column_units(table: Table, when, settings) -> list[Optional[UnitMatch]]:
    found: dict[str, Optional[UnitMatch]] = {}
    for path in table.column_paths:
        group = column_group(path)
        if group not in found:
            found[group] = _unit(best_match(group, when, settings)) if group else None
    return [found[column_group(path)] for path in table.column_paths]


def match_tables(tables: list[Table], document: Optional[Document] = None,
                 settings: Optional[Settings] = None) -> list[Table]:
    """Each row's label and each column's group matched; rows and columns without a
    passing match keep None."""
    when = _report_date(document)
    out = []
    for table in tables:
        col = label_column(table)
        rows = [replace(row, unit=_unit(_match_row(row, col, when, settings))) for row in table.rows]
        out.append(replace(table, rows=rows, column_units=_column_units(table, when, settings)))
    return out


def review(tables: list[Table], document: Optional[Document] = None,
           settings: Optional[Settings] = None) -> list[dict]:
    """Rows with a text label but no unit (totals excepted): what a person should look at."""
    when = _report_date(document)
    items = []
    for table in tables:
        col = label_column(table)
        for i, row in enumerate(table.rows):
            label = row_label(row, col)
            if row.unit is not None or row.is_total or not is_label_text(label):
                continue
            found = match_name(label, when, settings)
            top = found[0] if found else None
            items.append({"table": table.id, "row": i, "label": label,
                          "best": None if top is None else {"id": top.id, "name": top.name, "score": top.score,
                                                            "margin": top.margin, "reason": top.reason}})
    return items
