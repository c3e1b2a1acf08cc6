"""Columns of a continuation read with a different column count.

Columns of an unruled table are found from the gaps its lines share, so a
page where one column is empty throughout (the rest of a merged cell) yields a
grid with one column fewer. Its cells are placed back on the table's columns
by where they sit on the page.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from ..model import Cell
from ..numbering import clean
from .header import column_borders
from .part import Part


def realign(table: Part, nxt: Part) -> Optional[Part]:
    """``nxt`` with its cells on ``table``'s columns, or None if they do not fit."""
    borders = column_borders(table.body + [table.header], table.n_cols)
    if borders is None:
        return None

    def column_at(x: float) -> int:
        return next((j for j, (_, right) in enumerate(borders) if x < right), len(borders) - 1)

    def place(c: Cell) -> Cell:
        first = column_at((c.bbox[0] + c.bbox[2]) / 2) if c.col_span == 1 else column_at(c.bbox[0] + 1)
        last = first if c.col_span == 1 else column_at(c.bbox[2] - 1)
        return replace(c, col=first, col_span=max(1, last - first + 1))

    body = []
    for row in nxt.body:
        placed = [place(c) for c in row if clean(c.text)]
        cols = [c.col for c in placed]
        if len(cols) != len(set(cols)):
            return None  # two cells on one column: the grids do not match
        body.append(placed)
    header = [place(c) for c in nxt.header]
    return replace(nxt, body=body, header=header, n_cols=table.n_cols)
