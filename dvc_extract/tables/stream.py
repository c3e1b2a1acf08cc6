"""Unruled tables: columns from the gaps the row lines share, one row per line.

Wrapped lines are not joined here (the structure stage does it); a header
phrase running across a column gap becomes one cell spanning those columns.
Two things only the page shows are settled here: a column of words left of
every row line's figures (a total row's label wrapped around its
figures), and the lines between the rule under the header and the first row
line, which are that row's, not the header's.
"""
from __future__ import annotations

from bisect import bisect
from dataclasses import replace

from ..layout.columns import column_bounds, is_misread_row_line, is_row_line, min_column_gap
from ..layout.lines import Line, text_lines
from ..model import Cell, Page, RawTable, Region, Ruling, Word

# A rule under the header spans the table (at least this share of its width); one under
# a spanning header cell, over its sub-columns only, is inside the header.
RULE_WIDTH_SHARE = 0.9
# Blank bands between lines differing by less than this (points) are equal.
BAND_TIE = 0.5


def unruled_table(page: Page, region: Region, columns: list[float] | None = None) -> RawTable | None:
    """The region's table, one row per text line; its columns where the row lines' gaps
    say, or at ``columns`` (x in points) where they are drawn."""
    x0, top, x1, bottom = region.bbox
    words = [w for w in page.words
             if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and top - 1 <= (w.top + w.bottom) / 2 <= bottom + 1]
    lines = text_lines(words)
    if not lines:
        return None
    body = [l for l in lines if is_row_line(l)] or lines
    bounds = columns if columns is not None else column_bounds(lines, body)
    gap = min_column_gap(body)
    rows = [_line_cells(page, line, bounds, gap) for line in lines]
    if columns is None:  # drawn columns stand under a header drawn apart (its rules are no header's end)
        rows = _first_row_below_rule(rows, lines, body, page.rulings, region.bbox)
    cells = [replace(c, row=r) for r, row in enumerate(rows) for c in row]
    if not cells:
        return None
    return RawTable(page=page.number, bbox=region.bbox, cells=cells, n_rows=len(rows),
                    n_cols=len(bounds) + 1, ruled=False, caption=region.caption)


def _line_cells(page: Page, line: Line, bounds: list[float], gap: float) -> list[Cell]:
    out = []
    for group, (c0, c1) in _cells_of_line(line, bounds, 0.0 if is_row_line(line) else gap):
        text = " ".join(w.text for w in group)
        bbox = (min(w.x0 for w in group), min(w.top for w in group),
                max(w.x1 for w in group), max(w.bottom for w in group))
        out.append(Cell(row=0, col=c0, text=text, raw_text=text, bbox=bbox,
                        page=page.number, col_span=c1 - c0 + 1, source=group[0].source,
                        confidence=min(w.confidence for w in group)))
    return out


def _first_row_below_rule(rows: list[list[Cell]], lines: list[Line], body: list[Line],
                          rulings: list[Ruling], bbox) -> list[list[Cell]]:
    """Lines between the rule closing the header (or the end of a header set in its own
    face) and the first row line are the start of that row (a long name centred on its
    figures): merged into it."""
    width = bbox[2] - bbox[0]
    drawn = [r.top for r in rulings if r.orientation == "h"
             and min(r.x1, bbox[2]) - max(r.x0, bbox[0]) > RULE_WIDTH_SHARE * width
             and lines[0].bottom <= r.top]
    rules = sorted(drawn + _header_print_end(lines))
    # The topmost rule with lines over it and row lines under it closes the header
    # (a header line of figures, "2021 2022 2023", may look like a row line), or the last
    # rule before that row line does (one under a header row of spanning cells is above it).
    for rule in rules:
        first = next((i for i, l in enumerate(lines)
                      if (l in body or is_misread_row_line(l)) and _below(l, rule)), None)
        if first is None:
            continue
        rule = max([rule] + [r for r in drawn if _below(lines[first], r)])
        k = next(i for i, l in enumerate(lines) if _below(l, rule))
        if k >= first:
            return rows
        k = _after_row_padding(lines, k, first)
        return rows[:k] + [_merged(rows[k:first + 1])] + rows[first + 1:]
    return rows


def _after_row_padding(lines: list[Line], k: int, first: int) -> int:
    """The first of lines ``k``…``first`` in the first row: after a blank band clearly wider
    than the others there (a row's padding), the lines above it end a row the page break
    cut, left for stitching to join to the page before."""
    bands = [(i, lines[i].top - max(l.bottom for l in lines[k:i])) for i in range(k + 1, first + 1)]
    # Only bands between lines one under the other compare (interleaved lines overlap).
    bands = [(i, g) for i, g in bands if g >= 0]
    if len(bands) < 2:
        return k  # nothing to compare a band with
    i, widest = max(bands, key=lambda b: b[1])
    if all(g < widest - BAND_TIE for j, g in bands if j != i):
        return i
    return k


def _header_print_end(lines: list[Line]) -> list[float]:
    """Where a header set in its own face (bold over regular rows) ends, as a rule would
    mark it: between its last line and the first line in the rows' face. A header and rows
    without padding, shaded instead of ruled, show no other boundary."""
    faces = [{w.fontname for w in l.words} for l in lines]
    k = next((i for i, f in enumerate(faces) if not f & faces[0]), None)
    if not k or any(f & faces[0] for f in faces[k:]):
        return []
    return [(lines[k - 1].bottom + lines[k].top) / 2]


def _below(line: Line, rule: float) -> bool:
    """The line's middle is under the rule (a line's box may start on the rule above it)."""
    return (line.top + line.bottom) / 2 >= rule


def _merged(rows: list[list[Cell]]) -> list[Cell]:
    by_col: dict[int, list[Cell]] = {}
    for row in rows:
        for c in row:
            by_col.setdefault(c.col, []).append(c)
    out = []
    for col in sorted(by_col):
        parts = sorted(by_col[col], key=lambda c: c.bbox[1])
        text = " ".join(c.text for c in parts)
        bbox = (min(c.bbox[0] for c in parts), min(c.bbox[1] for c in parts),
                max(c.bbox[2] for c in parts), max(c.bbox[3] for c in parts))
        out.append(replace(parts[0], text=text, raw_text="\n".join(c.raw_text for c in parts),
                           bbox=bbox, col_span=max(c.col_span for c in parts),
                           confidence=min(c.confidence for c in parts)))
    return out


def _split_at_bounds(seg: list[Word], bounds: list[float], gap: float) -> list[list[Word]]:
    """A segment cut where a column boundary falls between two of its words further apart
    than ``gap``: two cells set too close to show the print size's column gap, not one
    spanning cell (a header phrase across columns keeps its word spaces)."""
    out = [[seg[0]]]
    for prev, w in zip(seg, seg[1:]):
        if w.x0 - prev.x1 > gap and any(prev.x1 <= b <= w.x0 for b in bounds):
            out.append([])
        out[-1].append(w)
    return out


def _cells_of_line(line, bounds: list[float], gap: float) -> list[tuple[list[Word], tuple[int, int]]]:
    """Segments of the line placed on columns by their words' centres; a segment
    whose words fall on both sides of a boundary spans those columns (a header
    phrase), unless its words part there by more than ``gap`` (0 for a row line,
    whose cells are cut at every boundary)."""
    merged: list[tuple[list[Word], tuple[int, int]]] = []
    segments = [part for seg in line.segments() for part in _split_at_bounds(seg, bounds, gap)]
    for seg in segments:
        c0 = bisect(bounds, (seg[0].x0 + seg[0].x1) / 2)
        c1 = bisect(bounds, (seg[-1].x0 + seg[-1].x1) / 2)
        if merged and c0 <= merged[-1][1][1]:
            prev_words, (p0, p1) = merged[-1]
            merged[-1] = (prev_words + list(seg), (p0, max(p1, c1)))
        else:
            merged.append((list(seg), (c0, c1)))
    return merged
