"""Cell grids from rulings, with pdfplumber's table functions.

The functions are pure (edges in, cell boxes out), so the same code serves
rulings read from a text layer and rulings found by OpenCV in a scan.
"""
from __future__ import annotations

from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells

from ..ingest.rulings import ruling_edges
from ..model import BBox, Ruling

# Line ends that miss a crossing line by this much (points) still meet it: Word
# stops a cell border at the middle of a thick neighbour.
INTERSECTION_TOLERANCE = 2.0


def cell_groups(rulings: list[Ruling]) -> list[list[BBox]]:
    """Connected groups of ruled cells, top to bottom; lone boxes are dropped."""
    edges = ruling_edges(rulings + open_sides(rulings))
    if not any(e["orientation"] == "v" for e in edges) or not any(
        e["orientation"] == "h" for e in edges
    ):
        return []
    points = edges_to_intersections(edges, INTERSECTION_TOLERANCE, INTERSECTION_TOLERANCE)
    cells = intersections_to_cells(points)
    return [[tuple(float(v) for v in c) for c in group] for group in cells_to_tables(cells)]


def open_sides(rulings: list[Ruling]) -> list[Ruling]:
    """Virtual side borders of tables drawn without them.

    A common table style has no outer vertical borders: the row rules run past the
    first and last vertical lines, and the outer columns would fall outside the grid.
    Between two consecutive row rules ending at the same x, with a real vertical
    line crossing that band, the end is a border.
    """
    hs = [r for r in rulings if r.orientation == "h"]
    vs = [r for r in rulings if r.orientation == "v"]
    out: list[Ruling] = []
    for side in ("x0", "x1"):
        for x, group in _by_end(hs, side):
            group.sort(key=lambda r: r.top)
            for upper, lower in zip(group, group[1:]):
                lo, hi = min(upper.x0, lower.x0), max(upper.x1, lower.x1)
                crossed = [v for v in vs if v.top <= upper.top + INTERSECTION_TOLERANCE
                           and v.bottom >= lower.top - INTERSECTION_TOLERANCE]
                if any(abs(v.x0 - x) <= INTERSECTION_TOLERANCE for v in crossed):
                    continue  # the side is drawn
                if any(lo + INTERSECTION_TOLERANCE < v.x0 < hi - INTERSECTION_TOLERANCE
                       for v in crossed):
                    out.append(Ruling(x, upper.top, x, lower.top, "v"))
    return out


def _by_end(hs: list[Ruling], side: str) -> list[tuple[float, list[Ruling]]]:
    """Row rules grouped by a shared end (x0 or x1), groups of at least two."""
    groups: list[tuple[float, list[Ruling]]] = []
    for r in sorted(hs, key=lambda r: getattr(r, side)):
        x = getattr(r, side)
        if groups and abs(x - groups[-1][0]) <= INTERSECTION_TOLERANCE:
            groups[-1][1].append(r)
        else:
            groups.append((x, [r]))
    return [(x, g) for x, g in groups if len(g) >= 2]


def group_bbox(cells: list[BBox]) -> BBox:
    return (min(c[0] for c in cells), min(c[1] for c in cells),
            max(c[2] for c in cells), max(c[3] for c in cells))


def contains(outer: BBox, inner: BBox, slack: float = 1.0) -> bool:
    """``inner`` lies within ``outer``, give or take ``slack`` points."""
    return (outer[0] - slack <= inner[0] and outer[1] - slack <= inner[1]
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)
