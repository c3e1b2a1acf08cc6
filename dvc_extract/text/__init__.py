"""Text stage: Vietnamese repair of every cell, and numbers parsed (vi locale).

`raw_text` always keeps what was read; `text` is the repaired form and
`value` the number it means in its column (see :mod:`.column`, :mod:`..number`).
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Cell, Table
from ..settings import Settings
from .column import parse_cell, table_kinds
from .repair import decode_legacy, repair_text

__all__ = ["decode_legacy", "repair_text", "repair_tables"]


def repair_tables(tables: list[Table], settings: Settings | None = None) -> list[Table]:
    return [_repair_table(t, settings) for t in tables]


def _repair_table(table: Table, settings: Settings | None) -> Table:
    header = [_repair(c, settings) for c in table.header]
    columns = [" / ".join(repair_text(part, settings) for part in path.split(" / ")) for path in table.columns]
    rows = [replace(r, cells=[_repair(c, settings) for c in r.cells]) for r in table.rows]
    repaired = replace(table, header=header, columns=columns, rows=rows)
    kinds = table_kinds(repaired)
    rows = [
        replace(r, cells=[_with_value(c, kinds[c.col] if c.col < len(kinds) else "text") for c in r.cells])
        for r in repaired.rows
    ]
    return replace(repaired, rows=rows, column_types=list(kinds))


def _repair(cell: Cell, settings: Settings | None) -> Cell:
    # `raw_text` stays as read; repair is idempotent, so a second pass changes nothing.
    return replace(cell, text=repair_text(cell.text, settings))


def _with_value(cell: Cell, kind: str) -> Cell:
    return replace(cell, value=parse_cell(cell.text, kind).value)
