"""Body rows: grid rows of a ruled table; text lines joined into rows for an unruled one.

In an unruled table every text line is a raw row. A logical row has one
anchor line: the one carrying its numbering (STT) or, in a table without
numbering, its figures. The other lines (the wrapped rest of a long name)
join an anchor: between two anchors the rows part where the blank band
between lines is widest, so a name wrapped below a top-aligned number and a
name centred around its number both join the right row. Where rows have no
padding the bands are all equal; then a table whose cells are centred on their
rows (a name split around its number) parts each row where it is balanced about
its anchor, and any other table after the wrapped lines (top-aligned figures).
Whatever the bands, a row opening with a sub-row's dash starts on that line, and
a line opening in small letters goes on the name above it when no row of the
table opens so.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Optional

from ..model import BBox, Cell
from ..number import is_value
from ..numbering import clean, is_numbering

# Blank bands between lines differing by less than this (points) are equal.
BAND_TIE = 0.5
# Lines overlapping by more than this share of their height are printed interleaved.
INTERLEAVED = 0.25
# The marks that open a sub-row ("- of which …", "+ …").
SUB_ROW_MARKS = {"-", "–", "+", "•"}


def group_grid_rows(raw_rows: list[list[Cell]]) -> list[list[Cell]]:
    """Ruled grid: one raw row is one logical row; empty rows are dropped."""
    return [sorted(r, key=lambda c: c.col) for r in raw_rows if any(clean(c.text) for c in r)]


def numbering_column(lines: list[list[Cell]]) -> Optional[int]:
    """The column (0 or 1) whose filled cells, sub-row dashes aside, are mostly row numbering."""
    best, best_hits = None, 0
    for col in (0, 1):
        # A sub-row's dash stands in the column too, and is no numbering misread.
        texts = [t for line in lines for c in line
                 if c.col == col and (t := clean(c.text)) and t not in SUB_ROW_MARKS]
        hits = sum(1 for t in texts if is_numbering(t))
        if texts and hits >= 2 and hits >= 0.5 * len(texts) and hits > best_hits:
            best, best_hits = col, hits
    return best


def _numbered(line: list[Cell], stt_col: Optional[int]) -> bool:
    return stt_col is not None and any(c.col == stt_col and is_numbering(c.text) for c in line)


def value_columns(lines: list[list[Cell]], stt_col: Optional[int]) -> set[int]:
    """Columns holding a figure on most numbered lines: where a row's figures stand."""
    numbered = [l for l in lines if _numbered(l, stt_col)]
    counts: dict[int, int] = {}
    for line in numbered:
        for col in {c.col for c in line if is_value(c.text) and c.col != stt_col}:
            counts[col] = counts.get(col, 0) + 1
    return {col for col, n in counts.items() if n >= 0.5 * len(numbered)}


def _is_anchor(line: list[Cell], stt_col: Optional[int], figures: set[int]) -> bool:
    if _numbered(line, stt_col):
        return True
    numbers = [c for c in line if is_value(c.text) and c.col != stt_col]
    if stt_col is not None:
        # Without its numbering a line is a new row only when it carries the row's
        # figures (a total row, a sub-row "- of which …"), not one stray number of a
        # wrapped note: most of its cells are figures, or one stands where the numbered
        # rows print theirs.
        texts = [c for c in line if clean(c.text) and c.col != stt_col]
        return len(numbers) >= 1 and (len(numbers) >= 0.5 * len(texts)
                                      or any(c.col in figures for c in numbers))
    return bool(numbers)


def _marked(line: list[Cell], stt_col: Optional[int]) -> bool:
    """The line opens a row of its own: numbering, or a sub-row's dash ("- Cổ phiếu ưu đãi")."""
    return _numbered(line, stt_col) or _dashed(line, stt_col)


def _dashed(line: list[Cell], stt_col: Optional[int]) -> bool:
    """The line opens with a sub-row's dash: in the numbering column, or opening its first words."""
    if stt_col is not None and any(c.col == stt_col and clean(c.text) in SUB_ROW_MARKS for c in line):
        return True
    return _first_words(line, stt_col)[:2] in {m + " " for m in SUB_ROW_MARKS}


def _first_words(line: list[Cell], skip: Optional[int] = None) -> str:
    """The text of the line's leftmost filled cell (the numbering column ``skip`` passed over)."""
    first = min((c for c in line if clean(c.text) and c.col != skip), key=lambda c: c.col, default=None)
    return clean(first.text) if first is not None else ""


def _interleaved_dropped(lines: list[list[Cell]], anchors: list[int],
                         stt_col: Optional[int]) -> list[int]:
    """Anchors without numbering printed between the lines of a numbered one are its row's:
    cells of one row centred on it interleave their lines ("Phiên bản" over "1.0" beside
    a one-line "Phiên bản 2.0"); lines of two rows never overlap."""
    if stt_col is None:
        return anchors
    numbered = [i for i in anchors if any(c.col == stt_col and is_numbering(c.text) for c in lines[i])]
    return [i for i in anchors if i in numbered or not any(
        _overlap(lines[i], lines[k]) > INTERLEAVED * min(_height(lines[i]), _height(lines[k]))
        for k in numbered if abs(k - i) == 1)]


def _overlap(a: list[Cell], b: list[Cell]) -> float:
    (a0, a1), (b0, b1) = _extent(a), _extent(b)
    return min(a1, b1) - max(a0, b0)


def _height(line: list[Cell]) -> float:
    top, bottom = _extent(line)
    return bottom - top


def group_lines(lines: list[list[Cell]], breaks: Iterable[int] = ()) -> list[list[Cell]]:
    """Unruled body: text lines → logical rows (cells of one column joined with a space).
    ``breaks``: lines a drawn rule parts from the line above; no row runs across one."""
    kept = [i for i, l in enumerate(lines) if any(clean(c.text) for c in l)]
    breaks = {n for b in breaks for n, i in enumerate(kept) if i >= b and (n == 0 or kept[n - 1] < b)}
    lines = [sorted(lines[i], key=lambda c: c.col) for i in kept]
    if not lines:
        return []
    stt_col = numbering_column(lines)
    figures = value_columns(lines, stt_col)
    anchors = _interleaved_dropped(lines, [i for i, l in enumerate(lines) if _is_anchor(l, stt_col, figures)],
                                   stt_col)
    if not anchors:
        return _parted([0, len(lines)], breaks, lines)
    # Lines before the first anchor belong to it, lines after the last one to it;
    # between two anchors the rows part at the widest blank band.
    centred = _centred(lines, anchors)
    # Where every row's first line opens with a capital or a number, a line opening in
    # small letters goes on the name above ("… chưa thực hiện" / "ngắn hạn"): no row starts there.
    going_on = set() if any(_opens_small(lines[a]) for a in anchors) else \
        {i for i in range(len(lines)) if _opens_small(lines[i])}
    bounds = [0]
    for a, b in zip(anchors, anchors[1:]):
        # A line opening with its own mark ("- Lợi nhuận …", its figures on the wrapped
        # line below) starts a row, with or without figures of its own.
        marked = [i for i in range(a + 1, b) if _marked(lines[i], stt_col)]
        if marked:
            bounds += marked + ([b] if _marked(lines[b], stt_col) else [])
        elif _dashed(lines[b], stt_col):
            bounds.append(b)  # a sub-row opening with its dash has nothing over it ("Trong đó:" / "- Phí …")
        else:
            bounds.append(_row_boundary(lines, a, b, bounds[-1] if centred else None, going_on))
    bounds += [i for i in range(anchors[-1] + 1, len(lines)) if _marked(lines[i], stt_col)]
    bounds.append(len(lines))
    return _parted(bounds, breaks, lines)


def _parted(bounds: list[int], breaks: set[int], lines: list[list[Cell]]) -> list[list[Cell]]:
    """The rows between ``bounds``, parted at the drawn ``breaks`` too."""
    bounds = sorted(set(bounds) | {b for b in breaks if 0 < b < len(lines)})
    return [_merge(lines[lo:hi]) for lo, hi in zip(bounds, bounds[1:])]


def _centred(lines: list[list[Cell]], anchors: list[int]) -> bool:
    """Cells are centred on their rows: some anchor line leaves a column empty that
    the lines just above and just below it fill (a two-line name split around its
    number). Top-aligned cells always start on their anchor line."""
    marks = set(anchors)
    for a in anchors:
        if a == 0 or a + 1 >= len(lines) or a - 1 in marks or a + 1 in marks:
            continue
        cols = {c.col for c in lines[a] if clean(c.text)}
        above = {c.col for c in lines[a - 1] if clean(c.text)}
        below = {c.col for c in lines[a + 1] if clean(c.text)}
        if (above & below) - cols:
            return True
    return False


def _opens_small(line: list[Cell]) -> bool:
    """The line's first words open with a small letter."""
    return _first_words(line)[:1].islower()


def _row_boundary(lines: list[list[Cell]], a: int, b: int, start: Optional[int] = None,
                  going_on: frozenset[int] | set[int] = frozenset()) -> int:
    """Index of the first line of anchor ``b``'s row, given the lines between anchors a and b.

    Lines of one cell sit close (or, centred against each other, overlap); rows
    are apart by their padding. Equal bands: with ``start`` (the first line of
    anchor ``a``'s row, in a table of centred cells) where row ``a`` is balanced
    about its anchor, else the later one (figures printed at the top of their
    row, the usual Word default).
    """
    gaps = []
    reach = _extent(lines[a])[1]
    for i in range(a + 1, b + 1):
        top, bottom = _extent(lines[i])
        gaps.append((i, top - reach))
        reach = max(reach, bottom)
    gaps = [(i, g) for i, g in gaps if i not in going_on] or gaps
    widest = max(g for _, g in gaps)
    ties = [i for i, g in gaps if g >= widest - BAND_TIE]
    if start is None or len(ties) == 1:
        return ties[-1]
    a_top, a_bottom = _figures_extent(lines[a])
    above = a_top - _extent(lines[start])[0]

    def imbalance(i: int) -> float:
        below = max(_extent(line)[1] for line in lines[a:i]) - a_bottom
        return abs(above - below)

    return min(reversed(ties), key=imbalance)


def _extent(line: list[Cell]) -> tuple[float, float]:
    return min(c.bbox[1] for c in line), max(c.bbox[3] for c in line)


def _figures_extent(line: list[Cell]) -> tuple[float, float]:
    """The extent of the anchor's numbering and figures: the line a row is balanced about,
    even when the name lines over it were already joined to it (under a header rule)."""
    marks = [c for c in line if is_value(c.text) or is_numbering(c.text)]
    return _extent(marks or line)


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

