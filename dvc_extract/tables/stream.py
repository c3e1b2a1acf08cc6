"""Unruled tables: columns from the gaps the row lines share, one row per line.

Wrapped lines are not joined here (the structure stage does it); a header
phrase running across a column gap becomes one cell spanning those columns.
"""
from __future__ import annotations

from bisect import bisect

from ..layout.lines import text_lines
from ..layout.unruled import is_row_line, shared_gaps
from ..model import Cell, Page, RawTable, Region, Word


def unruled_table(page: Page, region: Region) -> RawTable | None:
    x0, top, x1, bottom = region.bbox
    words = [w for w in page.words
             if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and top - 1 <= (w.top + w.bottom) / 2 <= bottom + 1]
    lines = text_lines(words)
    body = [l for l in lines if is_row_line(l)] or lines
    # Column boundaries: the middle of each gap shared by the row lines.
    bounds = [(a + b) / 2 for a, b in shared_gaps(body)]
    cells: list[Cell] = []
    for r, line in enumerate(lines):
        for group, (c0, c1) in _cells_of_line(line, bounds, split=is_row_line(line)):
            text = " ".join(w.text for w in group)
            bbox = (min(w.x0 for w in group), min(w.top for w in group),
                    max(w.x1 for w in group), max(w.bottom for w in group))
            cells.append(Cell(row=r, col=c0, text=text, raw_text=text, bbox=bbox,
                              page=page.number, col_span=c1 - c0 + 1,
                              source=group[0].source,
                              confidence=min(w.confidence for w in group)))
    if not cells:
        return None
    return RawTable(page=page.number, bbox=region.bbox, cells=cells, n_rows=len(lines),
                    n_cols=len(bounds) + 1, ruled=False, caption=region.caption)


def _split_at_bounds(seg: list[Word], bounds: list[float]) -> list[list[Word]]:
    """A row line's segment cut where a column boundary falls between two of its
    words: two cells set too close to show a column gap, not one spanning cell."""
    out = [[seg[0]]]
    for prev, w in zip(seg, seg[1:]):
        if any(prev.x1 <= b <= w.x0 for b in bounds):
            out.append([])
        out[-1].append(w)
    return out


def _cells_of_line(line, bounds: list[float], split: bool = False) -> list[tuple[list[Word], tuple[int, int]]]:
    """Segments of the line placed on columns by their words' centres; a segment
    whose words fall on both sides of a boundary spans those columns (a header
    phrase), unless the line is a row line, whose cells are cut at the boundaries."""
    merged: list[tuple[list[Word], tuple[int, int]]] = []
    segments = line.segments()
    if split:
        segments = [part for seg in segments for part in _split_at_bounds(seg, bounds)]
    for seg in segments:
        c0 = bisect(bounds, (seg[0].x0 + seg[0].x1) / 2)
        c1 = bisect(bounds, (seg[-1].x0 + seg[-1].x1) / 2)
        if merged and c0 <= merged[-1][1][1]:
            prev_words, (p0, p1) = merged[-1]
            merged[-1] = (prev_words + list(seg), (p0, max(p1, c1)))
        else:
            merged.append((list(seg), (c0, c1)))
    return merged
