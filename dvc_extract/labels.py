"""Which column names a table's rows, and the text that names each row.

Before columns are typed, the label column is found from the cells
(:func:`label_column`): the units stage matches its texts to units, and the schema
stage makes it the table's label column unless a known kind names one. From then
on a row's label is read from the columns typed ``label`` (:func:`row_label`),
never looked for again.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from .model import Cell, ColumnType, Row, Table
from .numbering import is_row_mark

_LETTER = re.compile(r"[^\W\d_]")


def has_letters(text: str) -> bool:
    return bool(_LETTER.search(text))


def is_label_text(text: str) -> bool:
    """Words that can name a row: not a mark or a number, at least two letters."""
    text = text.strip()
    return bool(text) and not is_row_mark(text) and sum(c.isalpha() for c in text) >= 2


def label_column(table: Table) -> Optional[int]:
    """The first column whose body cells are mostly label text (not numbering, not numbers)."""
    n_cols = max([len(table.column_paths)] + [c.col + 1 for r in table.rows for c in r.cells])
    for col in range(n_cols):
        texts = [c.text for r in table.rows for c in r.cells if c.col == col and c.text.strip()]
        if not texts:
            continue
        labels = sum(is_label_text(t) for t in texts)
        if labels >= max(1, 0.5 * len(texts)):
            return col
    return None


def words_column(cells: Iterable[Cell]) -> Optional[int]:
    """The first column of a cell grid whose cells are mostly label text: where rows are
    named, before any structure is known (header cells counted too)."""
    by_col: dict[int, list[str]] = {}
    for c in cells:
        if c.text.strip():
            by_col.setdefault(c.col, []).append(c.text)
    return next((col for col in sorted(by_col)
                 if sum(is_label_text(t) for t in by_col[col]) >= max(1, 0.5 * len(by_col[col]))), None)


def label_columns(table: Table) -> list[int]:
    """The columns typed ``label``."""
    return [j for j, t in enumerate(table.column_types) if t == ColumnType.LABEL]


def row_label(table: Table, row: Row) -> Optional[str]:
    """The text that names the row: the first cell of a label column with letters in it,
    else the first cell with letters that holds no number."""
    labels = set(label_columns(table))
    cells = sorted(row.cells, key=lambda c: c.col)
    for pool in ([c for c in cells if c.col in labels], cells):
        for c in pool:
            if c.value is None and has_letters(c.text):
                return c.text.strip()
    return None
