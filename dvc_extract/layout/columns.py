"""Columns of lines without rulings: the gaps a table's row lines share.

The one place that says which lines are a table's rows and where its columns
run, for the layout stage finding unruled tables (:mod:`.unruled`) and the
tables stage cutting their cells (:mod:`dvc_extract.tables.stream`).
"""
from __future__ import annotations

import math

from ..number import is_figure, is_year
from .lines import Line, column_gap

# A table row line has at least this many column segments, this many of them numbers.
MIN_ROW_SEGMENTS = 3
MIN_NUMERIC_SEGMENTS = 2
# A column gap is empty in at least this share of the row lines.
GAP_SUPPORT = 0.85
# From this many row lines on, one line may run across a gap (a total row's label,
# two cells printed too close to part) without erasing the column.
GAP_TOLERANT_LINES = 4
# A column gap is at least this many of the text's own word spaces: a numbering column
# ("5.1.1.") may stand closer to its name than the column gap the print size suggests.
GAP_SPACES = 2.0
# Word spaces measured on fewer lines than this leave the gap to the print size.
MIN_SPACES = 4


def numeric_segments(line: Line) -> int:
    return sum(1 for s in line.segments() if all(is_figure(w.text) for w in s))


def is_row_line(line: Line) -> bool:
    return (len(line.segments()) >= MIN_ROW_SEGMENTS and numeric_segments(line) >= MIN_NUMERIC_SEGMENTS
            and not _years(line))


def is_misread_row_line(line: Line) -> bool:
    """A row line with its figures misread but one ("Toàn thế giới  4,1  2>"): as many
    cells as a row line, one of them a number. A name's first line, centred over its
    figures, has one cell."""
    return len(line.segments()) >= MIN_ROW_SEGMENTS and numeric_segments(line) >= 1


def _years(line: Line) -> bool:
    """Only years ("2021 2022 2023", wrapped out of "Năm 2021" headings): a header line."""
    return all(is_year(w.text) for w in line.words)


def shared_gaps(lines: list[Line]) -> list[tuple[float, float]]:
    """X intervals left empty by (nearly) every line, wider than a column gap.

    Nearly: a total row's label ("Tổng cộng") may run across the first column gap;
    that one line must not erase the column for the whole table.
    """
    if not lines:
        return []
    min_gap = min_column_gap(lines)
    x0 = math.floor(min(l.x0 for l in lines))
    x1 = math.ceil(max(l.x1 for l in lines))
    covered = [0] * (x1 - x0 + 1)
    for line in lines:
        for w in line.words:
            for x in range(math.ceil(w.x0) - x0, math.floor(w.x1) - x0 + 1):
                covered[x] += 1
    strict = _empty_runs(covered, int(len(lines) * (1 - GAP_SUPPORT)), x0, min_gap)
    if len(lines) < GAP_TOLERANT_LINES:
        return strict
    # A run empty but for one line is a column only where no stricter gap lies in
    # it: one line's cell in an otherwise empty column must not merge two gaps. Its
    # width is the print size's: word spaces of two names side by side chain into runs
    # wider than two spaces.
    loose = [g for g in _empty_runs(covered, 1, x0, column_gap(body_size(lines)))
             if not any(a < g[1] and b > g[0] for a, b in strict)]
    return sorted(strict + loose)


def min_column_gap(lines: list[Line]) -> float:
    """The narrowest column gap: the print size's, or less when the lines' own word spaces,
    measured between the words of their cells, tell a column from a space at a smaller
    distance."""
    gap = column_gap(body_size(lines))
    spaces = sorted(b.x0 - a.x1 for l in lines for a, b in zip(l.words, l.words[1:])
                    if 0 < b.x0 - a.x1 <= gap)
    if len(spaces) < MIN_SPACES:
        return gap
    return max(3.0, min(gap, GAP_SPACES * spaces[len(spaces) // 2]))


def _empty_runs(covered: list[int], allowed: int, x0: int, min_gap: float):
    gaps, start = [], None
    for x, n in enumerate(covered):
        if n <= allowed and start is None:
            start = x
        elif n > allowed and start is not None:
            if x - start > min_gap:
                gaps.append((x0 + start, x0 + x))
            start = None
    return gaps


def body_size(lines: list[Line]) -> float:
    """The lines' middle print size."""
    return sorted(l.size for l in lines)[len(lines) // 2]


def column_bounds(lines: list[Line], body: list[Line]) -> list[float]:
    """The middle of each gap the row lines share, plus a boundary left of them where
    lines running alongside the rows print words wholly left of every row line's
    (a total row's label wrapped around its figures)."""
    bounds = [(a + b) / 2 for a, b in shared_gaps(body)]
    left = min(w.x0 for l in body for w in l.words)
    others = [w for l in lines if l not in body and _beside_row(l, body) for w in l.words]
    if any(w.x1 < left - 1 for w in others):
        bounds.insert(0, left - 1)
    return bounds


def _beside_row(line: Line, body: list[Line]) -> bool:
    """The line runs alongside a row line (the wrapped rest of a cell centred on its
    row), within half a line height; header lines sit farther up."""
    return any(line.top < r.bottom + r.height / 2 and line.bottom > r.top - r.height / 2
               for r in body)
