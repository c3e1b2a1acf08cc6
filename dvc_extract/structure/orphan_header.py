"""A table header left alone at the bottom of a page, its body on the next page.

Word processors move a table's first body row to the next page when it does not fit, and keep
the header (and the caption above it) where it was; they may even break a tall header row, so
the first grid row on the next page holds the rest of its cells' words. The lone header grid
and the next page's first grid are one table: the grids are joined before they are read, and
the words of a cut header row go back into the header cells they continue.
"""
from __future__ import annotations

from dataclasses import replace
from statistics import median

from ..model import Cell, RawTable
from ..numbering import clean
from .header import is_data_row

# Column edges of the two grids may differ by a rule's width and rounding.
EDGE_TOLERANCE = 6.0


def attach_orphan_headers(ordered: list[RawTable]) -> list[RawTable]:
    """Raw grids in document order, each lone header joined to the grid it heads."""
    last_on_page = {r.page: i for i, r in enumerate(ordered)}
    first_on_page: dict[int, int] = {}
    for i, r in enumerate(ordered):
        first_on_page.setdefault(r.page, i)
    out: list[RawTable] = []
    skip = set()
    for i, r in enumerate(ordered):
        if i in skip:
            continue
        j = first_on_page.get(r.page + 1)
        if (j is not None and last_on_page[r.page] == i and _header_only(r)
                and _continues_below(r, ordered[j])):
            out.append(_join(r, ordered[j]))
            skip.add(j)
        else:
            out.append(r)
    return out


def _header_only(r: RawTable) -> bool:
    rows = r.rows()
    return r.ruled and bool(r.cells) and not any(is_data_row(row) for row in rows)


def _continues_below(head: RawTable, body: RawTable) -> bool:
    if body.caption is not None or body.n_cols != head.n_cols or not body.ruled:
        return False
    a, b = _column_lefts(head), _column_lefts(body)
    pairs = [(a[k], b[k]) for k in a.keys() & b.keys()]
    return len(pairs) >= 2 and all(abs(x - y) <= EDGE_TOLERANCE for x, y in pairs)


def _column_lefts(r: RawTable) -> dict[int, float]:
    xs: dict[int, list[float]] = {}
    for c in r.cells:
        if c.col_span == 1:
            xs.setdefault(c.col, []).append(c.bbox[0])
    return {k: median(v) for k, v in xs.items()}


def _join(head: RawTable, body: RawTable) -> RawTable:
    rows = body.rows()
    first_data = next((k for k, row in enumerate(rows) if is_data_row(row)), 0)
    cells = list(head.cells)
    drop = 0   # grid rows of `body` that continue the header's cut bottom row
    for row in rows[:first_data]:
        joined = _continue_header(cells, head.n_rows, row)
        if joined is None:
            break
        cells = joined
        drop += 1
    shift = head.n_rows - drop
    cells += [replace(c, row=c.row + shift) for c in body.cells if c.row >= drop]
    return replace(body, cells=cells, n_rows=head.n_rows + body.n_rows - drop,
                   caption=head.caption)


def _continue_header(cells: list[Cell], n_rows: int, row: list[Cell]):
    """Header cells with the words of `row` appended to the bottom header cell above each,
    or None when a word of `row` has no header cell ending right above it."""
    out = list(cells)
    for c in row:
        if not clean(c.text):
            continue
        k = next((k for k, h in enumerate(out) if h.row + h.row_span == n_rows
                  and h.col <= c.col < h.col + h.col_span), None)
        if k is None:
            return None
        h = out[k]
        out[k] = replace(h, text=clean(h.text + " " + c.text), raw_text=h.raw_text + "\n" + c.raw_text)
    return out
