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
from . import acronyms, frames
from .column import table_read_as
from .repair import decode_legacy, repair_text, repair_texts

__all__ = ["decode_legacy", "repair_text", "repair_tables"]


def repair_tables(tables: list[Table], settings: Settings | None = None) -> list[Table]:
    # Every text of the report's tables repaired at once: decoding many together is much
    # faster, and text read by OCR is evidence of its own words where it prints them again.
    texts = [list(t.header) + [c for r in t.rows for c in r.cells] for t in tables]
    repaired = iter(_repaired([c for cells in texts for c in cells], settings))
    return frames.settle(acronyms.settle([_repair_table(t, [next(repaired) for _ in cells], settings)
                                          for t, cells in zip(tables, texts)]))


def _repair_table(table: Table, cells: list[Cell], settings: Settings | None) -> Table:
    """The table with its header and body cells as repaired (``cells``, in that order)."""
    header, rest = cells[:len(table.header)], iter(cells[len(table.header):])
    rows = [replace(r, cells=[next(rest) for _ in r.cells]) for r in table.rows]
    # The column paths are the header's words: read by OCR, their slips are settled as the cells' are.
    ocr = any(c.source == "ocr" for c in table.header)
    levels = iter(repair_texts([level for path in table.column_paths for level in path], settings, ocr=ocr))
    paths = [tuple(next(levels) for _ in path) for path in table.column_paths]
    repaired = replace(table, header=header, column_paths=paths, rows=rows)
    read_as = table_read_as(repaired)
    rows = [
        replace(r, cells=[_with_value(c, read_as[c.col] if c.col < len(read_as) else ColumnType.TEXT)
                          for c in r.cells])
        for r in repaired.rows
    ]
    return replace(repaired, rows=rows)


def _repaired(cells: list[Cell], settings: Settings | None) -> list[Cell]:
    """The cells with their text repaired, those read by OCR with its slips settled too.
    `raw_text` stays as read; repair is idempotent, so a second pass changes nothing."""
    out = list(cells)
    for ocr in (False, True):
        which = [i for i, c in enumerate(cells) if (c.source == "ocr") == ocr]
        for i, text in zip(which, repair_texts([cells[i].text for i in which], settings, ocr=ocr)):
            out[i] = replace(cells[i], text=text)
    return out


def _with_value(cell: Cell, read_as: ColumnType) -> Cell:
    return replace(cell, value=parse_number(cell.text, read_as).value)
