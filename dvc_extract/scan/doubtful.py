"""After the tables stage: the cells of scanned pages that need a second
reading get one (:func:`reread_cell`), with what the grid now tells: which
columns hold numbers.

A cell needs it when its confidence is below ``settings.min_cell_confidence``,
or when it sits in a numeric column and holds other characters. The second
reading replaces the first when Tesseract is more sure of it, or when only the
second has its column's shape (a number in a numeric column, the first a
number misread; a row number in a numbering column); never when only the first
has it: Tesseract's confidence in a short token ("2.", "12.") says little, its
column says more. Row numbers and decimal marks are then checked against their
column (:func:`_numbering_dots`, :func:`_column_marks`). Either way the cell
keeps the confidence of the reading it shows, so a cell still below the
threshold is reported ``unreadable`` by the verify stage, never passed as a
clean value.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Document, RawTable
from ..number import is_bare_number
from ..numbering import follows_exactly, is_numbering, numbering_key
from ..settings import Settings
from .reread import reread_cell

# A second reading with the column's shape, of a first without it, is taken from this
# confidence on (it stays below min_cell_confidence, so the cell is still reported).
SHAPE_FLOOR = 0.3
# A column is numeric when this share of its non-empty body cells are numbers.
NUMERIC_COLUMN = 0.6


# Letters an OCR reads for digits: those read back in a column of row numbers, and
# more that mark a number misread ("7]", "4Il", "1O") in a numeric column.
_DIGIT_LOOKALIKES = str.maketrans({"l": "1", "I": "1", "|": "1", "]": "1", "O": "0", "o": "0"})
_MISREAD_DIGITS = {chr(c) for c in _DIGIT_LOOKALIKES} | set("![)(JjSsBZzg")


def _nearly_number(text: str) -> bool:
    """Digits, marks and letters that stand for digits: a number misread, not a date
    ("27/3") or a header's words."""
    return any(ch.isdigit() for ch in text) and all(
        ch.isdigit() or ch in ".,%-" or ch in _MISREAD_DIGITS for ch in text)


def numeric_columns(table: RawTable) -> set[int]:
    return _columns_shaped(table, is_bare_number)


def numbering_columns(table: RawTable) -> set[int]:
    """The first column, or the second, when it holds row numbers (as structure reads them):
    further right, small whole numbers are counts."""
    found = sorted(_columns_shaped(table, is_numbering) & {0, 1})
    return set(found[:1])


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
                had = shape is not None and bool(shape(text))
                has = shape is not None and bool(shape(again.replace(" ", "")))
                # The column's shape read at last, from a first reading that was nearly it
                # ("7]", "4Il" in a numeric column; a header's words never are).
                shaped = has and not had and conf >= SHAPE_FLOOR and (
                    not in_numeric or _nearly_number(text))
                if again and not (had and not has) and (number_wins or conf > c.confidence or shaped):
                    c = replace(c, text=again, raw_text=again, confidence=conf)
            cells.append(c)
        out.append(replace(table, cells=_column_marks(_numbering_dots(cells, numbering), numeric)))
    return out


# A numeric column prints its decimals with one mark: this share of its numbers with one
# or two decimals uses it, and at least this many.
ONE_MARK, MIN_MARKED = 2 / 3, 2


def _column_marks(cells: list, numeric: set[int]) -> list:
    """A number read with the other decimal mark ("7.68" among "6,74", "6,22") takes
    the column's: one column is printed one way, and OCR tells "," from "." worst of
    all its glyphs. A mark lost ("674") is not put back: that would be a guess."""
    out = list(cells)
    for col in numeric:
        decimal = {}
        for k, c in enumerate(out):
            text = c.text.replace(" ", "")
            marks = [ch for ch in text if ch in ".,"]
            if c.col == col and is_bare_number(text) and len(marks) == 1 \
                    and 1 <= len(text) - 1 - text.index(marks[0]) <= 2:
                decimal[k] = marks[0]
        for mark in ".,":
            have = [k for k, m in decimal.items() if m == mark]
            if len(have) >= MIN_MARKED and len(have) >= ONE_MARK * len(decimal):
                other = "," if mark == "." else "."
                for k, m in decimal.items():
                    if m == other:
                        out[k] = replace(out[k], text=out[k].text.replace(other, mark))
    return out


def _numbering_dots(cells: list, numbering: set[int]) -> list:
    """Row numbers the OCR misread by a dot ("22." after "2.1.", "241." after "2.4.") or
    by a look-alike letter ("l" for "1") given back, where exactly one way of reading them
    makes the number the next of the row above (its first child, or the next at one of its
    levels), or, on the first row, the one the row below follows. raw_text keeps the read."""
    out = list(cells)
    for col in numbering:
        order = sorted((k for k, c in enumerate(out) if c.col == col and c.text.strip()),
                       key=lambda k: out[k].row)
        previous = None
        for n, k in enumerate(order):
            below = numbering_key(out[order[n + 1]].text) if n + 1 < len(order) else None

            def in_place(key, previous=previous, below=below):
                # The next of the row above; on the first row, the one the row below follows.
                return (follows_exactly(previous, key) if previous is not None
                        else key is not None and follows_exactly(key, below))

            levels = numbering_key(out[k].text)
            if not in_place(levels):
                read = out[k].text.strip().translate(_DIGIT_LOOKALIKES)
                fixed = {v for v in [read] + _dotted(read) if in_place(numbering_key(v))}
                if len(fixed) == 1:
                    out[k] = replace(out[k], text=fixed.pop())
                    levels = numbering_key(out[k].text)
            if levels is not None:
                previous = levels
    return out


def _dotted(text: str) -> list[str]:
    """The text with dots put between its digits every possible way (at most four digits)."""
    digits = text.replace(".", "")
    tail = "." if text.endswith(".") else ""
    if not digits.isdigit() or not 2 <= len(digits) <= 4:
        return [text] if digits.isdigit() else []
    out = []
    for mask in range(1 << (len(digits) - 1)):
        parts, start = [], 0
        for i in range(1, len(digits)):
            if mask >> (i - 1) & 1:
                parts.append(digits[start:i])
                start = i
        parts.append(digits[start:])
        out.append(".".join(parts) + tail)
    return out
