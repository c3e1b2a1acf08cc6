"""Schema stage: table kinds, typed and named columns, total rows.

    type_tables(tables) -> tables   Table.kind (a kind id or 'inferred'), column_types,
                                    column_names, Row.is_total
    relations(table) -> [Relation]  the kind's relations on this table's indices (for verify)
    tidy(report) -> DataFrame       one row per value: report, table, unit_id, unit_name, metric,
                                    value, period (and label, row, is_total, type)
"""
from __future__ import annotations

from dataclasses import replace

from ..labels import label_column
from ..model import ColumnType, Table
from .columns import infer_type, slug
from .kinds import INFERRED, get, kinds
from .recognise import recognise
from .relations import IndicatorRateRelation, RateRelation, Relation, SumRelation, TotalRowRelation, relations
from .tidy import tidy
from .totals import is_total

__all__ = ["type_tables", "type_table", "relations", "tidy", "kinds", "get", "INFERRED", "Relation", "RateRelation",
           "SumRelation", "TotalRowRelation", "IndicatorRateRelation"]


def type_table(table: Table) -> Table:
    n = max([len(table.column_paths)] + [c.col + 1 for r in table.rows for c in r.cells])
    paths = list(table.column_paths) + [()] * (n - len(table.column_paths))
    by_cells = label_column(table)
    found = recognise(paths, by_cells)
    taken = found.columns if found else {}
    # The label column is the one the kind names, else the one the cells show.
    label_col = next((j for j, (spec, _) in sorted(taken.items()) if spec.type == ColumnType.LABEL), by_cells)
    types, names = [], []
    for j in range(n):
        if j in taken:
            spec, when = taken[j]
            types.append(spec.type)
            names.append(f"{spec.name}[{when}]" if when else spec.name)
        else:
            types.append(infer_type(replace(table, column_paths=paths), j, label_col))
            names.append(slug(paths[j]) if paths[j] else f"column_{j}")
    rows = [replace(r, is_total=is_total(r, label_col)) for r in table.rows]
    return replace(table, kind=found.kind.id if found else INFERRED, column_types=types, column_names=names,
                   rows=rows)


def type_tables(tables: list[Table]) -> list[Table]:
    return [type_table(t) for t in tables]
