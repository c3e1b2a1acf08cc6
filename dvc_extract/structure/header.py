"""The header of a grid: which top rows it takes, its cells, its column paths.

A header row carries words, not data: no row numbering, no printed numbers
(years excepted). A cell spanning down from a header row pulls the rows it
covers into the header. Paths follow the ground-truth rule: the texts covering
a column top to bottom, consecutive duplicates dropped; a header text that
prints " / " itself is two levels, as the printed path reads.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from ..model import PATH_SEPARATOR, Cell, ColumnPath, split_path
from ..number import is_figures, is_value
from ..numbering import clean, is_column_index_row, is_numbering

# Header height limits: grid rows of a ruled header; text lines of an unruled one
# (narrow columns wrap a header phrase over many lines).
MAX_HEADER_ROWS = 6
MAX_HEADER_LINES = 14
# A cell of this many words is a paragraph (a scoring rule, a comment and its answer): a
# body cell. Column heads run to 15 words in every table measured.
PARAGRAPH_WORDS = 30


def is_data_row(cells: list[Cell]) -> bool:
    """Numbering in the leftmost filled cell, a printed number (or figures) anywhere, or a
    paragraph beside other cells (its row number lost: no head is so long)."""
    filled = sorted((c for c in cells if clean(c.text)), key=lambda c: c.col)
    if not filled:
        return False
    if is_column_index_row([c.text for c in filled]):
        return False
    if is_numbering(filled[0].text) and filled[0].col <= 1 and len(filled) > 1:
        return True
    if len(filled) > 1 and any(len(c.text.split()) >= PARAGRAPH_WORDS for c in filled):
        return True
    return any(is_value(c.text) or is_figures(c.text) for c in filled)


def header_row_count(rows: list[list[Cell]], ruled: bool = True) -> int:
    """Rows (grid rows or text lines) at the top that form the header."""
    first_data = next((i for i, r in enumerate(rows) if is_data_row(r)), None)
    if first_data is None or first_data > (MAX_HEADER_ROWS if ruled else MAX_HEADER_LINES):
        return 0
    h = first_data
    # The row numbering the columns ("1 2 3 … 7") closes the header: what is under it is
    # body, a section's heading across the name column too ("LOẠI TK 1").
    h = next((i + 1 for i in range(h) if is_column_index_row(
        [c.text for c in sorted(rows[i], key=lambda c: c.col) if clean(c.text)])), h)
    while ruled and h > 1 and _is_section_row(rows, h - 1):
        h -= 1
    if not ruled:
        h = _above_first_row(rows, h)
    # A cell spanning down from the header keeps the rows it covers in the header; one
    # reaching down over data rows is a body cell ("Sinh viên …" beside five rows), and
    # the row it starts in is data too, its numbering misread or not. (Over one row only,
    # the header cell may cover a header row misread as data: "21/7" as "217".)
    for i in range(h):
        for c in rows[i]:
            if sum(is_data_row(rows[k]) for k in range(h, min(i + c.row_span, len(rows)))) >= 2:
                return max(i, 1)
    for i in range(h):
        for c in rows[i]:
            h = max(h, i + c.row_span)
    return min(h, len(rows))


def _above_first_row(lines: list[list[Cell]], h: int) -> int:
    """Lines just above the first data line that belong to its row.

    A long name centred against its row's figures starts above the figures'
    line, as close to it as lines of one cell are; the header ends farther up.
    """
    heights = sorted(c.bbox[3] - c.bbox[1] for line in lines for c in line if clean(c.text))
    if not heights or h == 0:
        return h
    close = 0.35 * heights[len(heights) // 2]
    anchor_cols = {c.col for c in lines[h] if clean(c.text)}
    top = anchor_top = min(c.bbox[1] for c in lines[h])
    marks = [c for c in lines[h] if is_value(c.text) or is_numbering(c.text)]
    if marks and min(c.bbox[1] for c in marks) - anchor_top > close:
        return h  # the row's lines over its figures were joined to it under the header's end
    reach = _reach_below(lines, h, close)
    while h > 0:
        above = [c for c in lines[h - 1] if clean(c.text)]
        if not above or any(c.col in anchor_cols for c in above):
            break
        if top - max(c.bbox[3] for c in above) >= close:
            break
        if anchor_top - min(c.bbox[1] for c in above) > reach + close:
            break
        h -= 1
        top = min(c.bbox[1] for c in above)
    return h


def _reach_below(lines: list[list[Cell]], h: int, close: float) -> float:
    """How far below data line ``h`` the lines close under it run before the next data line."""
    bottom = anchor_bottom = max(c.bbox[3] for c in lines[h])
    for line in lines[h + 1:]:
        filled = [c for c in line if clean(c.text)]
        top = min(c.bbox[1] for c in filled) if filled else bottom
        if not filled or top - bottom >= close:
            break
        if is_data_row(line) and top > bottom - close / 2:
            break  # the next row; figures wrapped in a cell interleave with the anchor's line
        bottom = max(bottom, max(c.bbox[3] for c in filled))
    return bottom - anchor_bottom


def _is_section_row(rows: list[list[Cell]], r: int) -> bool:
    """A lone label at the left ("Khối sở, ban, ngành") under a complete header: body."""
    filled = [c for c in rows[r] if clean(c.text)]
    if len(filled) != 1 or filled[0].col > 1 or is_column_index_row([filled[0].text]):
        return False
    return not any(i + c.row_span > r for i in range(r) for c in rows[i])


def header_from_grid(rows: list[list[Cell]], h: int) -> list[Cell]:
    """Header cells of a ruled grid: spans as drawn, rows numbered from 0."""
    out = []
    for i in range(h):
        for c in rows[i]:
            if clean(c.text):
                out.append(replace(c, row=i, row_span=min(c.row_span, h - i), text=clean(c.text)))
    return out


def header_from_lines(lines: list[list[Cell]], n_cols: int,
                      borders: Optional[list[tuple[float, float]]] = None) -> list[Cell]:
    """Header cells of an unruled table, from its header text lines.

    Lines of one wrapped header cell are joined; a cell spanning columns opens a
    new level below it; the lowest cell of every column reaches the header's bottom.
    ``borders`` (left, right of every column) lets a spanning phrase, printed
    centred over its columns, reach the columns it heads but does not touch.
    """
    fragments = sorted((c for line in lines for c in line if clean(c.text)),
                       key=lambda c: (round(c.bbox[1]), c.col))
    if borders and len(borders) == n_cols:
        fragments = _extend_spans(fragments, borders)
    depth = [0] * n_cols
    last: list[Optional[int]] = [None] * n_cols  # the cell a column ends with so far
    placed: list[Cell] = []
    for frag in fragments:
        cols = range(frag.col, min(frag.col + frag.col_span, n_cols))
        k = last[frag.col]
        if (k is not None and (placed[k].col, placed[k].col_span) == (frag.col, frag.col_span)
                and all(last[j] == k for j in cols) and _next_line(placed[k], frag)):
            placed[k] = _join_vertically(placed[k], frag)  # the next line of the same cell
            continue
        level = max(depth[j] for j in cols)
        placed.append(replace(frag, row=level, row_span=1, text=clean(frag.text)))
        for j in cols:
            depth[j] = level + 1
            last[j] = len(placed) - 1
    height = max(depth, default=0)
    out = []
    for cell in placed:
        cols = range(cell.col, cell.col + cell.col_span)
        bottom = all(depth[j] == cell.row + 1 for j in cols if j < n_cols)
        out.append(replace(cell, row_span=height - cell.row) if bottom else cell)
    return sorted(out, key=lambda c: (c.row, c.col))


def _extend_spans(fragments: list[Cell], borders: list[tuple[float, float]]) -> list[Cell]:
    """Widen each spanning phrase over the neighbouring columns whose headers all
    start below it, as far as keeps the phrase centred over its columns."""
    out = list(fragments)
    for i, s in enumerate(out):
        if s.col_span < 2:
            continue
        height = s.bbox[3] - s.bbox[1]

        def under(j: int) -> bool:
            return all(f.bbox[1] >= s.bbox[3] - 0.3 * height for f in out
                       if f is not s and f.col <= j < f.col + f.col_span)

        lo, hi = s.col, s.col + s.col_span - 1
        left = lo
        while left - 1 >= 0 and under(left - 1):
            left -= 1
        right = hi
        while right + 1 < len(borders) and under(right + 1):
            right += 1
        centre = (s.bbox[0] + s.bbox[2]) / 2

        def off(ab: tuple[int, int]) -> float:
            return abs((borders[ab[0]][0] + borders[ab[1]][1]) / 2 - centre)

        ranges = [(a, b) for a in range(left, lo + 1) for b in range(hi, right + 1)]
        # Many ranges are centred alike (a phrase centred over columns 2..20 is also
        # centred over 7..15): the widest one that keeps it centred is what it heads.
        widths = sorted(r - l for l, r in borders)
        tolerance = max(3.0, 0.3 * widths[len(widths) // 2])
        centred = [ab for ab in ranges if off(ab) <= tolerance]
        best = (max(centred, key=lambda ab: (ab[1] - ab[0], -off(ab))) if centred
                else min(ranges, key=lambda ab: (off(ab), ab[1] - ab[0])))
        out[i] = replace(s, col=best[0], col_span=best[1] - best[0] + 1)
    return out


def column_borders(lines: list[list[Cell]], n_cols: int) -> Optional[list[tuple[float, float]]]:
    """Left and right border of every column: halfway between neighbouring texts."""
    lo: dict[int, float] = {}
    hi: dict[int, float] = {}
    for line in lines:
        for c in line:
            if c.col_span == 1 and clean(c.text):
                lo[c.col] = min(lo.get(c.col, c.bbox[0]), c.bbox[0])
                hi[c.col] = max(hi.get(c.col, c.bbox[2]), c.bbox[2])
    if len(lo) != n_cols:
        return None
    out = []
    for j in range(n_cols):
        left = lo[j] if j == 0 else (hi[j - 1] + lo[j]) / 2
        right = hi[j] if j == n_cols - 1 else (hi[j] + lo[j + 1]) / 2
        out.append((left, right))
    return out


def _next_line(upper: Cell, lower: Cell) -> bool:
    """``lower`` is the next line of the cell ``upper``: closer than a line's height under it.
    Words further down (the end of a row the page break cut, under a repeated header) are
    a cell of their own."""
    return lower.bbox[1] - upper.bbox[3] < lower.bbox[3] - lower.bbox[1]


def _join_vertically(upper: Cell, lower: Cell) -> Cell:
    return replace(
        upper,
        text=clean(upper.text + " " + lower.text),
        raw_text=upper.raw_text + "\n" + lower.raw_text,
        bbox=_union(upper.bbox, lower.bbox),
    )


def _union(a, b):
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def column_paths(header: list[Cell], n_cols: int) -> list[ColumnPath]:
    """One path per column: covering header texts top to bottom, duplicates dropped."""
    index_rows = _column_index_rows(header)
    paths = []
    for j in range(n_cols):
        parts: list[str] = []
        for c in sorted(header, key=lambda c: c.row):
            if c.row in index_rows or not (c.col <= j < c.col + c.col_span):
                continue
            text = clean(c.text)
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        paths.append(split_path(PATH_SEPARATOR.join(parts)))
    return paths


def _column_index_rows(header: list[Cell]) -> set[int]:
    rows: dict[int, list[Cell]] = {}
    for c in header:
        rows.setdefault(c.row, []).append(c)
    return {r for r, cs in rows.items()
            if is_column_index_row([c.text for c in sorted(cs, key=lambda c: c.col)])}


def header_texts(header: list[Cell]) -> list[str]:
    """The header as a comparable sequence (a repeated header has the same one)."""
    return [clean(c.text).casefold() for c in sorted(header, key=lambda c: (c.row, c.col))]
