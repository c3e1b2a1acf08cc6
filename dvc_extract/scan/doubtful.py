"""After the tables stage: the cells of scanned pages that need a second
reading get one (:func:`reread_cell`), with what the grid now tells: which
columns hold numbers.

A cell needs it when its confidence is below ``settings.min_cell_confidence``,
or when it sits in a numeric column and holds other characters. The second
reading replaces the first only when Tesseract is more sure of it, and never
when the first has its column's shape (a number in a numeric column, a row
number in a numbering column) and the second has not: Tesseract's confidence
in a short token ("2.", "12.") says little, its column says more. Either way
the cell keeps the confidence of the reading it shows, so a cell still below
the threshold is reported ``unreadable`` by the verify stage, never passed as
a clean value.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Document, RawTable
from ..number import is_bare_number
from ..numbering import is_numbering
from ..settings import Settings
from .reread import reread_cell

# A column is numeric when this share of its non-empty body cells are numbers.
NUMERIC_COLUMN = 0.6


def numeric_columns(table: RawTable) -> set[int]:
    return _columns_shaped(table, is_bare_number)


def numbering_columns(table: RawTable) -> set[int]:
    return _columns_shaped(table, is_numbering)


def _columns_shaped(table: RawTable, shaped) -> set[int]:
    by_col: dict[int, list[str]] = {}
    for c in table.cells:
        if c.text.strip():
            by_col.setdefault(c.col, []).append(c.text.replace(" ", ""))
    return {
        col for col, texts in by_col.items()
        if len(texts) >= 3 and sum(bool(shaped(t)) for t in texts) / len(texts) >= NUMERIC_COLUMN
    }


def reread_tables(raw: list[RawTable], document: Document, settings: Settings | None = None) -> list[RawTable]:
    """The raw tables with their doubtful scanned cells read again."""
    settings = settings or Settings()
    pages = {p.number: p for p in document.pages}
    out = []
    for table in raw:
        page = pages.get(table.page)
        if page is None or page.ocr_image is None:
            out.append(table)
            continue
        numeric, numbering = numeric_columns(table), numbering_columns(table)
        cells = []
        for c in table.cells:
            text = c.text.replace(" ", "")
            in_numeric = c.col in numeric and c.col_span == 1
            doubtful = c.confidence < settings.min_cell_confidence or (
                in_numeric and text and not is_bare_number(text)
            )
            if doubtful:
                again, conf = reread_cell(page, c.bbox, in_numeric, settings, table.ruled)
                # In a numeric column a sure number beats a reading that is no number.
                number_wins = in_numeric and is_bare_number(again.replace(" ", "")) \
                    and conf >= settings.min_cell_confidence
                shape = is_bare_number if in_numeric else is_numbering if c.col in numbering else None
                loses_shape = shape is not None and shape(text) and not shape(again.replace(" ", ""))
                if again and not loses_shape and (number_wins or conf > c.confidence):
                    c = replace(c, text=again, raw_text=again, confidence=conf)
            cells.append(c)
        out.append(replace(table, cells=cells))
    return out
