"""Column types from what the cells hold, for columns no kind explains."""
from __future__ import annotations

from ..model import ColumnPath, ColumnType, Table, join_path
from ..number import adds_nothing
from ..numbering import is_numbering_header_folded, is_row_mark
from .headers import fold_level


def cells_of(table: Table, col: int) -> list:
    return [c for r in table.rows for c in r.cells if c.col == col and c.text.strip()]


def infer_type(table: Table, col: int, label_col) -> ColumnType:
    cells = cells_of(table, col)
    printed = join_path(table.column_paths[col]) if col < len(table.column_paths) else ""
    header = fold_level(printed)
    if not cells:
        return ColumnType.TEXT
    if col == label_col:
        return ColumnType.LABEL
    if is_numbering_header_folded(header) or (
            sum(is_row_mark(c.text, letters="a-z") for c in cells) >= 0.8 * len(cells) and col < (label_col or 1)):
        return ColumnType.NUMBERING
    numeric = [c for c in cells if c.value is not None]
    # A nil printed as "-" is an amount too: a statement's column may hold more of them than figures.
    nil = [c for c in cells if c.value is None and adds_nothing(c.text)]
    if not numeric or len(numeric) + len(nil) < 0.6 * len(cells):
        return ColumnType.TEXT
    if "ty le" in header or "%" in printed or sum("%" in c.text for c in cells) >= 0.5 * len(cells):
        return ColumnType.RATE
    if header.startswith("diem") or " diem" in header:
        return ColumnType.SCORE
    return ColumnType.COUNT


def slug(path: ColumnPath) -> str:
    return "__".join("_".join(fold_level(p).split()) for p in path if fold_level(p)) or "column"
