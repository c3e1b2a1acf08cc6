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
    edges = ruling_edges(rulings)
    if not any(e["orientation"] == "v" for e in edges) or not any(
        e["orientation"] == "h" for e in edges
    ):
        return []
    points = edges_to_intersections(edges, INTERSECTION_TOLERANCE, INTERSECTION_TOLERANCE)
    cells = intersections_to_cells(points)
    return [[tuple(float(v) for v in c) for c in group] for group in cells_to_tables(cells)]


def group_bbox(cells: list[BBox]) -> BBox:
    return (min(c[0] for c in cells), min(c[1] for c in cells),
            max(c[2] for c in cells), max(c[3] for c in cells))
