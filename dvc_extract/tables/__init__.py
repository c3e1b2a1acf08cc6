"""Tables stage: a cell grid (RawTable) for every region the layout found.

Ruled regions are read from their rulings (:mod:`.lattice`), unruled ones from
word alignment (:mod:`.stream`) — two strategies behind one entry point.
"""
from __future__ import annotations

from dataclasses import replace

from ..layout.centres import Centres
from ..layout.lines import Line, text_lines
from ..model import Document, Layout, Page, RawTable, Region
from ..number import is_figure
from ..numbering import is_column_index_row
from .lattice import EDGE_TOLERANCE, centre_in, grid_lines, ruled_table
from .stream import unruled_table

# A drawn grid whose cells hold lines split by column gaps in at least this share
# of its filled cells draws only part of its columns (rules between row groups,
# a box round the table): the words' alignment reads it better.
UNDRAWN_COLUMNS_SHARE = 0.5
# A justified line's spaces are stretched alike, in a narrow column past a column gap
# ("định   thủ   tục   hành"): a line of words whose gaps are all within JUSTIFIED_SPREAD of
# each other and at most JUSTIFIED_GAP ems parts no columns. Measured: justified lines on
# the real pages 1.0-1.45 and up to 2 ems; a label beside its figures has a word space and
# a column gap (3 and more), and a row of figures set in even columns ("Austria  86.2  13.8")
# is figures, not words.
JUSTIFIED_SPREAD, JUSTIFIED_GAP = 1.6, 3.0
# A drawn cell holding this many lines of figures one under another, beside a cell of
# as many lines, stacks the rows of a grid that draws its columns only (a statement
# form ruled down its columns: codes 100, 110, 111 … under one another).
STACKED_ROWS = 3


def read(document: Document, layout: Layout) -> list[RawTable]:
    pages = {p.number: p for p in document.pages}
    out = []
    for region in layout.regions:
        page = pages[region.page]
        table = ruled_table(page, region) if region.ruled else unruled_table(page, region)
        if region.ruled and table is not None:
            if _undrawn_columns(page, table):
                table = unruled_table(page, region) or table
            elif (first := _first_stacked_row(page, table)) is not None:
                table = _lines_under_drawn_header(page, region, table, first) or table
        if table is not None:
            out.append(table)
    return sorted(out, key=lambda t: (t.page, t.bbox[1], t.bbox[0]))


def _first_stacked_row(page: Page, table: RawTable) -> int | None:
    """The first grid row whose cells stack several rows each: one cell lines of figures,
    a cell beside it as many lines level with them. A ruled cell of a paragraph beside a
    paragraph holds no figure lines; a figure cell of a drawn row holds one."""
    inside = Centres([w for w in page.words if centre_in(w, table.bbox)])
    by_row: dict[int, list[list[Line]]] = {}
    for c in table.cells:
        lines = text_lines(inside.within(c.bbox))
        if len(lines) >= STACKED_ROWS:
            by_row.setdefault(c.row, []).append(lines)
    for row, cells in sorted(by_row.items()):
        for lines in cells:
            figures = [l for l in lines if all(is_figure(w.text) for w in l.words)]
            if len(figures) < STACKED_ROWS:
                continue
            for other in cells:
                level = sum(any(abs(_middle(f) - _middle(o)) < f.height / 2 for o in other) for f in figures)
                if other is not lines and level >= STACKED_ROWS:
                    return row
    return None


def _lines_under_drawn_header(page: Page, region: Region, grid: RawTable, first: int) -> RawTable | None:
    """A grid that draws its columns but not its rows: its header as drawn (the grid rows
    above ``first``), its body one row per text line, cut at the drawn columns."""
    top = min(c.bbox[1] for c in grid.cells if c.row >= first)
    body = unruled_table(page, replace(region, bbox=(region.bbox[0], top, *region.bbox[2:])),
                         _drawn_columns(grid))
    if body is None:
        return None
    header = [c for c in grid.cells if c.row < first]
    # A row numbering the columns ("1 2 3 4 5") under the drawn header is the header's.
    rows = body.rows()
    while rows and is_column_index_row([c.text for c in rows[0]]):
        header += [replace(c, row=first) for c in rows.pop(0)]
        first += 1
    # The rules the grid draws across its body (a total row, a heading row drawn apart).
    rules = sorted({c.bbox[1] for c in grid.cells if c.row > first})
    breaks = tuple(first + r for r in range(1, len(rows))
                   if any(_bottom(rows[r - 1]) <= y <= _top(rows[r]) for y in rules))
    return replace(body, bbox=region.bbox, caption=region.caption, n_rows=first + len(rows), header_rows=first,
                   breaks=breaks, cells=header + [replace(c, row=first + r) for r, row in enumerate(rows) for c in row])


def _top(row: list) -> float:
    return min(c.bbox[1] for c in row)


def _bottom(row: list) -> float:
    return max(c.bbox[3] for c in row)


def _middle(line: Line) -> float:
    return (line.top + line.bottom) / 2


def _drawn_columns(table: RawTable) -> list[float]:
    """The x of the column rules inside the grid (its cells' left edges, its frame's left
    side left out)."""
    left = min(c.bbox[0] for c in table.cells)
    return grid_lines([c.bbox[0] for c in table.cells if c.bbox[0] > left + EDGE_TOLERANCE])


def _undrawn_columns(page, table: RawTable) -> bool:
    # Only the words inside the grid can be in one of its cells.
    grid = (min(c.bbox[0] for c in table.cells), min(c.bbox[1] for c in table.cells),
            max(c.bbox[2] for c in table.cells), max(c.bbox[3] for c in table.cells))
    inside = Centres([w for w in page.words if centre_in(w, grid)])
    filled = split = 0
    for c in table.cells:
        words = inside.within(c.bbox)
        if not words:
            continue
        filled += 1
        split += any(_parted_by_column(l) for l in text_lines(words))
    return filled > 0 and split >= UNDRAWN_COLUMNS_SHARE * filled


def _parted_by_column(line: Line) -> bool:
    """A gap wider than a word space parts the line, and it is not a justified line's (see
    JUSTIFIED_SPREAD)."""
    if len(line.segments()) < 2:
        return False
    gaps = [b.x0 - a.x1 for a, b in zip(line.words, line.words[1:])]
    figures = sum(any(ch.isdigit() for ch in w.text) for w in line.words)
    justified = len(gaps) >= 2 and max(gaps) <= min(JUSTIFIED_SPREAD * min(gaps), JUSTIFIED_GAP * line.size) \
        and figures < len(line.words) / 2
    return not justified
