"""Side-by-side blocks: one grid holding two (or more) tables next to each other.

The sign is in the header: its top row is made of cells each spanning several
columns ("HỒ SƠ TRỰC TUYẾN CAO NHẤT" | "HỒ SƠ TRỰC TUYẾN THẤP NHẤT"), and
the sub-headers under them repeat the same sequence. Each spanning cell is
then a table of its own: its text is the caption, its sub-headers the columns.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Cell
from ..numbering import clean
from .part import Part


def split_side_by_side(part: Part) -> list[Part]:
    blocks = _blocks(part)
    if blocks is None:
        return [part]
    out = []
    for cell in blocks:
        lo, hi = cell.col, cell.col + cell.col_span
        header = [replace(c, row=c.row - 1, col=c.col - lo)
                  for c in part.header if c.row >= 1 and lo <= c.col < hi]
        body = []
        for row in part.body:
            cells = [replace(c, col=c.col - lo) for c in row if lo <= c.col < hi and clean(c.text)]
            if cells:
                body.append(cells)
        absorbed = [c for c in part.absorbed if lo <= c.col < hi]
        out.append(replace(part, header=header, header_rows=max(part.header_rows - 1, 0),
                           body=body, n_cols=hi - lo, caption=clean(cell.text), absorbed=absorbed))
    return out


def _blocks(part: Part) -> list[Cell] | None:
    """The spanning top-row cells if they split the grid into same-shaped tables."""
    top = sorted((c for c in part.header if c.row == 0), key=lambda c: c.col)
    if len(top) < 2 or part.header_rows < 2 or any(c.col_span < 2 for c in top):
        return None
    # Their spans must tile the columns with no gaps and no overlap.
    edge = 0
    for c in top:
        if c.col != edge:
            return None
        edge = c.col + c.col_span
    if edge != part.n_cols:
        return None
    subs = [_sub_header(part.header, c) for c in top]
    if any(not s for s in subs) or any(s != subs[0] for s in subs[1:]):
        return None
    return top


def _sub_header(header: list[Cell], block: Cell) -> list[tuple[int, int, str]]:
    lo, hi = block.col, block.col + block.col_span
    return sorted((c.row, c.col - lo, clean(c.text).casefold())
                  for c in header if c.row >= 1 and lo <= c.col < hi)
