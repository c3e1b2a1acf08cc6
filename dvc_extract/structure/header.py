"""The header of a grid: which top rows it takes, its cells, its column paths.

A header row carries words, not data: no row numbering, no printed numbers
(years excepted). A cell spanning down from a header row pulls the rows it
covers into the header. Paths follow the ground-truth rule: the texts covering
a column top to bottom, consecutive duplicates dropped, joined with " / ".
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from ..model import Cell
from .numbering import clean, is_column_index_row, is_numbering, is_value

# Header height limits: grid rows of a ruled header; text lines of an unruled one
# (narrow columns wrap a header phrase over many lines).
MAX_HEADER_ROWS = 6
MAX_HEADER_LINES = 14


def is_data_row(cells: list[Cell]) -> bool:
    """Numbering in the leftmost filled cell, or a printed number anywhere."""
    filled = sorted((c for c in cells if clean(c.text)), key=lambda c: c.col)
    if not filled:
        return False
    if is_column_index_row([c.text for c in filled]):
        return False
    if is_numbering(filled[0].text) and filled[0].col <= 1 and len(filled) > 1:
        return True
    return any(is_value(c.text) for c in filled)


def header_row_count(rows: list[list[Cell]], ruled: bool = True) -> int:
    """Rows (grid rows or text lines) at the top that form the header."""
    first_data = next((i for i, r in enumerate(rows) if is_data_row(r)), None)
    if first_data is None or first_data > (MAX_HEADER_ROWS if ruled else MAX_HEADER_LINES):
        return 0
    h = first_data
    while ruled and h > 1 and _is_section_row(rows, h - 1):
        h -= 1
    # A cell spanning down from the header keeps the rows it covers in the header.
    for i in range(h):
        for c in rows[i]:
            h = max(h, i + c.row_span)
    return min(h, len(rows))


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


def header_from_lines(lines: list[list[Cell]], n_cols: int) -> list[Cell]:
    """Header cells of an unruled table, from its header text lines.

    Lines of one wrapped header cell are joined; a cell spanning columns opens a
    new level below it; the lowest cell of every column reaches the header's bottom.
    """
    depth = [0] * n_cols
    last: list[Optional[int]] = [None] * n_cols  # index into placed, single-column cells only
    placed: list[Cell] = []
    fragments = sorted((c for line in lines for c in line if clean(c.text)),
                       key=lambda c: (round(c.bbox[1]), c.col))
    for frag in fragments:
        cols = range(frag.col, min(frag.col + frag.col_span, n_cols))
        if frag.col_span == 1 and last[frag.col] is not None:
            k = last[frag.col]
            placed[k] = _join_vertically(placed[k], frag)
            continue
        level = max(depth[j] for j in cols)
        placed.append(replace(frag, row=level, row_span=1, text=clean(frag.text)))
        for j in cols:
            depth[j] = level + 1
            last[j] = len(placed) - 1 if frag.col_span == 1 else None
    height = max(depth, default=0)
    out = []
    for cell in placed:
        cols = range(cell.col, cell.col + cell.col_span)
        bottom = all(depth[j] == cell.row + 1 for j in cols if j < n_cols)
        out.append(replace(cell, row_span=height - cell.row) if bottom else cell)
    return sorted(out, key=lambda c: (c.row, c.col))


def _join_vertically(upper: Cell, lower: Cell) -> Cell:
    return replace(
        upper,
        text=clean(upper.text + " " + lower.text),
        raw_text=upper.raw_text + "\n" + lower.raw_text,
        bbox=_union(upper.bbox, lower.bbox),
    )


def _union(a, b):
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def column_paths(header: list[Cell], n_cols: int) -> list[str]:
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
        paths.append(" / ".join(parts))
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
