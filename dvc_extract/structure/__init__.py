"""Structure stage: raw grids become logical tables.

    raw grids ─attach_orphan_headers─▶ a header left at a page bottom joined to its body
    raw grid ──read_part──▶ header + logical rows (wrapped lines joined)
             ──stitch─────▶ page continuations joined, repeated headers dropped
             ──split──────▶ side-by-side blocks separated
             ──_to_table──▶ Table: column paths, cells renumbered, ids t1, t2, …
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Cell, PageBox, RawTable, Row, Table
from ..numbering import clean
from .header import column_paths
from .orphan_header import attach_orphan_headers
from .part import Part, read_part
from .split import split_side_by_side
from .stitch import stitch

__all__ = ["build"]


def build(raw_tables: list[RawTable]) -> list[Table]:
    ordered = sorted(raw_tables, key=lambda r: (r.page, r.bbox[1], r.bbox[0]))
    parts = [read_part(r) for r in attach_orphan_headers(ordered) if r.cells]
    tables = []
    for part in stitch(parts):
        for piece in split_side_by_side(part):
            tables.append(_to_table(piece, f"t{len(tables) + 1}"))
    return tables


def _to_table(part: Part, table_id: str) -> Table:
    rows = []
    for i, cells in enumerate(part.body):
        # Empty cells are left out (as in the ground truth); a text keeps one space per gap.
        kept = [replace(c, row=i, text=clean(c.text)) for c in sorted(cells, key=lambda c: c.col)
                if clean(c.text)]
        rows.append(Row(cells=kept))
    # The parts' pages too: a row's tail cut onto the next page is joined into a cell
    # of the page before, yet the table is printed on that page.
    pages = sorted({c.page for c in part.header} | {c.page for r in rows for c in r.cells}
                   | set(part.pages))
    return Table(
        id=table_id,
        caption=part.caption,
        pages=pages,
        column_paths=column_paths(part.header, part.n_cols),
        rows=rows,
        header=sorted(part.header, key=lambda c: (c.row, c.col)),
        regions=regions(part.header + part.absorbed + [c for r in part.body for c in r]),
    )


def regions(cells: list[Cell]) -> list[PageBox]:
    """One box per page around the cells printed there."""
    boxes: dict[int, list[float]] = {}
    for c in cells:
        b = boxes.setdefault(c.page, list(c.bbox))
        b[:] = [min(b[0], c.bbox[0]), min(b[1], c.bbox[1]), max(b[2], c.bbox[2]), max(b[3], c.bbox[3])]
    return [PageBox(page, tuple(b)) for page, b in sorted(boxes.items())]
