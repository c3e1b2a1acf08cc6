"""Text stage: Vietnamese repair of every cell, and numbers parsed (vi locale).

`raw_text` always keeps what was read; `text` is the repaired form and
`value` the number it means in its column (see :mod:`.column`, :mod:`dvc_extract.number`).
Column types are not set here: the schema stage sets them, once.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Cell, ColumnType, Table
from ..number import parse_number
from ..settings import Settings
from .column import table_read_as
from .repair import decode_legacy, repair_text

__all__ = ["decode_legacy", "repair_text", "repair_tables"]


def repair_tables(tables: list[Table], settings: Settings | None = None) -> list[Table]:
    return [_repair_table(t, settings) for t in tables]


def _repair_table(table: Table, settings: Settings | None) -> Table:
    header = [_repair(c, settings) for c in table.header]
    paths = [tuple(repair_text(level, settings) for level in path) for path in table.column_paths]
    rows = [replace(r, cells=[_repair(c, settings) for c in r.cells]) for r in table.rows]
    repaired = replace(table, header=header, column_paths=paths, rows=rows)
    read_as = table_read_as(repaired)
    rows = [
        replace(r, cells=[_with_value(c, read_as[c.col] if c.col < len(read_as) else ColumnType.TEXT)
                          for c in r.cells])
        for r in repaired.rows
    ]
    return replace(repaired, rows=rows)


def _repair(cell: Cell, settings: Settings | None) -> Cell:
    # `raw_text` stays as read; repair is idempotent, so a second pass changes nothing.
    return replace(cell, text=repair_text(cell.text, settings, ocr=cell.source == "ocr"))


def _with_value(cell: Cell, read_as: ColumnType) -> Cell:
    return replace(cell, value=parse_number(cell.text, read_as).value)
