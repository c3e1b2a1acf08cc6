"""One raw grid read as header + logical body rows: the unit stitching works on."""
from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median
from typing import Optional

from ..model import Cell, RawTable
from ..numbering import clean
from .header import column_borders, header_from_grid, header_from_lines, header_row_count
from .rows import group_grid_rows, group_lines


@dataclass
class Part:
    raw: RawTable
    header: list[Cell]          # header cells, rows numbered from 0
    header_rows: int
    body: list[list[Cell]]      # logical rows; cells keep their grid column
    n_cols: int
    caption: Optional[str] = None
    pages: list[int] = field(default_factory=list)
    # Printed, but not kept as cells of their own: a header repeated on a continuation
    # page, a row's tail joined to its row on the page before. Where the table is
    # printed (its regions) still counts them.
    absorbed: list[Cell] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.raw.bbox[1]

    @property
    def bottom(self) -> float:
        return self.raw.bbox[3]

    def column_lefts(self) -> list[Optional[float]]:
        """Median left edge of each column's single-column body cells."""
        xs: dict[int, list[float]] = {}
        for row in self.body:
            for c in row:
                if c.col_span == 1:
                    xs.setdefault(c.col, []).append(c.bbox[0])
        return [median(xs[j]) if j in xs else None for j in range(self.n_cols)]

    def row_height(self) -> float:
        hs = [max(c.bbox[3] for c in r) - min(c.bbox[1] for c in r) for r in self.body if r]
        return median(hs) if hs else 14.0


def read_part(raw: RawTable) -> Part:
    rows = raw.rows()
    # A header drawn over a body of lines (raw.header_rows) is read as drawn.
    drawn = raw.header_rows is not None
    h = raw.header_rows if drawn else header_row_count(rows, raw.ruled)
    if raw.ruled or drawn:
        header = header_from_grid(rows, h)
    else:
        header = header_from_lines(rows[:h], raw.n_cols, column_borders(rows, raw.n_cols))
    body = group_grid_rows(rows[h:]) if raw.ruled else group_lines(rows[h:], [b - h for b in raw.breaks if b > h])
    header_rows = max((c.row + c.row_span for c in header), default=0)
    caption = clean(raw.caption.text) if raw.caption and clean(raw.caption.text) else None
    return Part(raw=raw, header=header, header_rows=header_rows, body=body,
                n_cols=raw.n_cols, caption=caption, pages=[raw.page])
