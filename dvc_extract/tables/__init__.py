"""Tables stage: a cell grid (RawTable) for every region the layout found.

Ruled regions are read from their rulings (:mod:`.lattice`), unruled ones from
word alignment (:mod:`.stream`) — two strategies behind one entry point.
"""
from __future__ import annotations

from ..model import Document, Layout, RawTable
from .lattice import ruled_table
from .stream import unruled_table


def read(document: Document, layout: Layout) -> list[RawTable]:
    pages = {p.number: p for p in document.pages}
    out = []
    for region in layout.regions:
        page = pages[region.page]
        table = ruled_table(page, region) if region.ruled else unruled_table(page, region)
        if table is not None:
            out.append(table)
    return sorted(out, key=lambda t: (t.page, t.bbox[1], t.bbox[0]))
