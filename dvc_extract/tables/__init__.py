"""Tables stage: a cell grid (RawTable) for every region the layout found.

Ruled regions are read from their rulings (:mod:`.lattice`), unruled ones from
word alignment (:mod:`.stream`) — two strategies behind one entry point.
"""
from __future__ import annotations

from ..layout.centres import Centres
from ..layout.lines import text_lines
from ..model import Document, Layout, RawTable
from .lattice import centre_in, ruled_table
from .stream import unruled_table

# A drawn grid whose cells hold lines split by column gaps in at least this share
# of its filled cells draws only part of its columns (rules between row groups,
# a box round the table): the words' alignment reads it better.
UNDRAWN_COLUMNS_SHARE = 0.5


def read(document: Document, layout: Layout) -> list[RawTable]:
    pages = {p.number: p for p in document.pages}
    out = []
    for region in layout.regions:
        page = pages[region.page]
        table = ruled_table(page, region) if region.ruled else unruled_table(page, region)
        if region.ruled and table is not None and _undrawn_columns(page, table):
            table = unruled_table(page, region) or table
        if table is not None:
            out.append(table)
    return sorted(out, key=lambda t: (t.page, t.bbox[1], t.bbox[0]))


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
        split += any(len(l.segments()) >= 2 for l in text_lines(words))
    return filled > 0 and split >= UNDRAWN_COLUMNS_SHARE * filled
