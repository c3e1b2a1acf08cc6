"""Body rows: grid rows of a ruled table; text lines joined into rows for an unruled one.

In an unruled table every text line is a raw row. A logical row has one
anchor line: the one carrying its numbering (STT) or, in a table without
numbering, its numbers. Other lines (the wrapped rest of a long name) belong to
the anchor they are vertically nearest to, measured from the edges of the
line group each anchor has gathered so far — so a name wrapped below a
top-aligned number and a name centred around its number both join the right row.
"""
from __future__ import annotations

from dataclasses import replace
from statistics import median
from typing import Optional

from ..model import BBox, Cell
from .numbering import clean, is_numbering, is_value


def group_grid_rows(raw_rows: list[list[Cell]]) -> list[list[Cell]]:
    """Ruled grid: one raw row is one logical row; empty rows are dropped."""
    return [sorted(r, key=lambda c: c.col) for r in raw_rows if any(clean(c.text) for c in r)]


def numbering_column(lines: list[list[Cell]]) -> Optional[int]:
    """The column (0 or 1) whose filled cells are mostly row numbering."""
    best, best_hits = None, 0
    for col in (0, 1):
        texts = [clean(c.text) for line in lines for c in line if c.col == col and clean(c.text)]
        hits = sum(1 for t in texts if is_numbering(t))
        if texts and hits >= 2 and hits >= 0.5 * len(texts) and hits > best_hits:
            best, best_hits = col, hits
    return best


def _is_anchor(line: list[Cell], stt_col: Optional[int]) -> bool:
    if stt_col is not None and any(c.col == stt_col and is_numbering(c.text) for c in line):
        return True
    numbers = [c for c in line if is_value(c.text) and c.col != stt_col]
    if stt_col is not None:
        # Without its numbering a line is a new row only when it carries the row's
        # figures (a total row), not one stray number of a wrapped note.
        texts = [c for c in line if clean(c.text) and c.col != stt_col]
        return len(numbers) >= 1 and len(numbers) >= 0.5 * len(texts)
    return bool(numbers)


def group_lines(lines: list[list[Cell]]) -> list[list[Cell]]:
    """Unruled body: text lines → logical rows (cells of one column joined with a space)."""
    lines = [sorted(l, key=lambda c: c.col) for l in lines if any(clean(c.text) for c in l)]
    if not lines:
        return []
    stt_col = numbering_column(lines)
    anchors = [i for i, l in enumerate(lines) if _is_anchor(l, stt_col)]
    if not anchors:
        return [_merge(lines)]
    spans = {a: [a, a] for a in anchors}  # first/last line index each anchor has gathered
    owner = {a: a for a in anchors}
    for i, line in enumerate(lines):
        if i in owner:
            continue
        owner[i] = _nearest(i, lines, anchors, spans)
        lo, hi = spans[owner[i]]
        spans[owner[i]] = [min(lo, i), max(hi, i)]
    groups: dict[int, list[list[Cell]]] = {}
    for i, line in enumerate(lines):
        groups.setdefault(owner[i], []).append(line)
    return [_merge(groups[a]) for a in sorted(groups)]


def _nearest(i: int, lines, anchors: list[int], spans) -> int:
    """The anchor whose gathered lines lie vertically closest to line ``i``."""
    top, bottom = _extent(lines[i])
    above = [a for a in anchors if a < i]
    below = [a for a in anchors if a > i]
    if not below:
        return above[-1]
    if not above:
        return below[0]
    a, b = above[-1], below[0]
    gap_up = top - _extent(lines[spans[a][1]])[1]
    gap_down = _extent(lines[spans[b][0]])[0] - bottom
    if _other_lines_between(i, b, anchors):
        return a  # a line below us that is not an anchor continues us, not the next row
    return a if gap_up <= gap_down + 0.5 else b


def _other_lines_between(i: int, b: int, anchors: list[int]) -> bool:
    return b - i > 1 and not any(i < k < b for k in anchors)


def _extent(line: list[Cell]) -> tuple[float, float]:
    return min(c.bbox[1] for c in line), max(c.bbox[3] for c in line)


def _merge(lines: list[list[Cell]]) -> list[Cell]:
    """Cells of the same column across lines → one cell, texts joined with one space."""
    by_col: dict[int, list[Cell]] = {}
    for line in lines:
        for c in line:
            if clean(c.text):
                by_col.setdefault(c.col, []).append(c)
    out = []
    for col in sorted(by_col):
        parts = sorted(by_col[col], key=lambda c: c.bbox[1])
        first = parts[0]
        out.append(replace(
            first,
            text=clean(" ".join(c.text for c in parts)),
            raw_text="\n".join(c.raw_text for c in parts),
            bbox=_union([c.bbox for c in parts]),
            col_span=max(c.col_span for c in parts),
            row_span=1,
            confidence=min(c.confidence for c in parts),
        ))
    return out


def _union(boxes: list[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def line_height(lines: list[list[Cell]]) -> float:
    hs = [c.bbox[3] - c.bbox[1] for l in lines for c in l if clean(c.text)]
    return median(hs) if hs else 12.0
