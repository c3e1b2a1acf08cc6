"""Ruled tables: the cell grid drawn by the rulings, spans from the grid lines.

The grid's distinct x and y cell edges cut it into intervals; a cell covering
k intervals spans k columns (or rows). Each word goes to the cell holding its
centre (ingest already split words at vertical rulings).
"""
from __future__ import annotations

from ..layout.centres import Centres
from ..layout.grids import cell_groups, contains, group_bbox
from ..layout.lines import reading_text
from ..model import BBox, Cell, Page, RawTable, Region, Ruling, Word

# Cell edges closer than this (points) are one grid line.
EDGE_TOLERANCE = 2.0


def ruled_table(page: Page, region: Region) -> RawTable | None:
    cells = _region_cells(page, region.bbox)
    if not cells:
        return None
    xs = grid_lines([c[0] for c in cells] + [c[2] for c in cells])
    ys = grid_lines([c[1] for c in cells] + [c[3] for c in cells])
    words = [w for w in page.words if centre_in(w, region.bbox)]
    placed: dict[BBox, list[Word]] = {c: [] for c in cells}
    for c, found in zip(cells, Centres(words).first_box(cells)):
        placed[c] += found
    out = []
    for c in sorted(cells, key=lambda c: (c[1], c[0])):
        col, col_end = _index(xs, c[0]), _index(xs, c[2])
        row, row_end = _index(ys, c[1]), _index(ys, c[3])
        inside = placed[c]
        text = reading_text(inside)
        # A cell is as sure as its least sure word (OCR); text-layer words are 1.0.
        out.append(Cell(row=row, col=col, text=text, raw_text=text, bbox=c, page=page.number,
                        row_span=max(1, row_end - row), col_span=max(1, col_end - col),
                        source=inside[0].source if inside else _page_source(page),
                        confidence=min((w.confidence for w in inside), default=1.0)))
    return RawTable(page=page.number, bbox=region.bbox, cells=out, n_rows=len(ys) - 1,
                    n_cols=len(xs) - 1, ruled=True, caption=region.caption)


def _page_source(page: Page) -> str:
    return "text-layer" if page.source == "text-layer" else "ocr"


def _region_cells(page: Page, bbox: BBox) -> list[BBox]:
    """The ruled cells of the grid that makes up ``bbox``."""
    x0, top, x1, bottom = bbox
    slack = EDGE_TOLERANCE
    # Rulings clipped to the region: a frame around a table's title or notes
    # reaches beyond it, and its sides still border the table's rows.
    rulings = []
    for r in page.rulings:
        cx0, ctop = max(r.x0, x0 - slack), max(r.top, top - slack)
        cx1, cbottom = min(r.x1, x1 + slack), min(r.bottom, bottom + slack)
        if r.orientation == "h" and top - slack <= r.top <= bottom + slack and cx1 - cx0 > slack:
            rulings.append(Ruling(cx0, r.top, cx1, r.bottom, "h"))
        elif r.orientation == "v" and x0 - slack <= r.x0 <= x1 + slack and cbottom - ctop > slack:
            rulings.append(Ruling(r.x0, ctop, r.x1, cbottom, "v"))
    groups = cell_groups(rulings)
    # The region may be several grids stacked (a table drawn row by row); a grid
    # drawn inside another's cell is that cell's decoration, not more cells.
    boxes = [group_bbox(g) for g in groups]
    return [c for g, b in zip(groups, boxes)
            if not any(o is not b and contains(o, b) for o in boxes) for c in g]


def grid_lines(values: list[float]) -> list[float]:
    """The values sorted, each within EDGE_TOLERANCE of the one kept before it dropped: the
    distinct edges of a grid's cells."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= EDGE_TOLERANCE:
            continue
        out.append(v)
    return out


def _index(lines: list[float], v: float) -> int:
    return min(range(len(lines)), key=lambda i: abs(lines[i] - v))


def centre_in(w: Word, b: BBox) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return b[0] <= cx <= b[2] and b[1] <= cy <= b[3]
