"""Ruled table regions: connected grids of drawn cells holding text."""
from __future__ import annotations

from ..model import BBox, Page, Region
from .grids import cell_groups, group_bbox

# A grid is a table when at least this many of its cells hold words; a framed
# paragraph or a form box with one filled field is not.
MIN_FILLED_CELLS = 2


def ruled_regions(page: Page) -> list[Region]:
    regions = []
    for cells in cell_groups(page.rulings):
        filled = sum(1 for c in cells if any(_centre_in(w.bbox, c) for w in page.words))
        if filled >= MIN_FILLED_CELLS and _rows_and_columns(cells):
            regions.append(Region(page=page.number, bbox=group_bbox(cells), ruled=True))
    # A grid drawn inside another one's cell (a boxed label) is part of that table.
    return [r for r in regions
            if not any(o is not r and _contains(o.bbox, r.bbox) for o in regions)]


def _rows_and_columns(cells: list[BBox]) -> bool:
    """A grid of at least two rows and two columns. A stack of one-column boxes is a
    framed text, a single row of boxes a banner; if their words line up in columns,
    the unruled reading finds them."""
    xs = {round(c[0]) for c in cells}
    tops = {round(c[1]) for c in cells}
    return len(xs) >= 2 and len(tops) >= 2


def _contains(outer: BBox, inner: BBox, slack: float = 1.0) -> bool:
    return (outer[0] - slack <= inner[0] and outer[1] - slack <= inner[1]
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


def _centre_in(b: BBox, cell: BBox) -> bool:
    cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
    return cell[0] <= cx <= cell[2] and cell[1] <= cy <= cell[3]


def inside(b: BBox, region: BBox, slack: float = 1.0) -> bool:
    """The centre of ``b`` lies within ``region``."""
    cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
    return (region[0] - slack <= cx <= region[2] + slack
            and region[1] - slack <= cy <= region[3] + slack)
