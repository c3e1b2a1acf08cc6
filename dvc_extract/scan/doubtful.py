"""After the tables stage: the cells of scanned pages that need a second
reading get one (:func:`reread_cell`), with what the grid now tells: which
columns hold numbers.

A cell needs it when its confidence is below ``settings.min_cell_confidence``,
or when it sits in a numeric column and holds other characters. The second
reading replaces the first when Tesseract is more sure of it, or when only the
second has its column's shape (a number in a numeric column, the first a
number misread; a row number in a numbering column); never when only the first
has it: Tesseract's confidence in a short token ("2.", "12.") says little, its
column says more. Row numbers are then checked against their column
(:func:`_numbering_dots`), figures against the ink and their column
(:mod:`.figures`). Either way the cell
keeps the confidence of the reading it shows, so a cell still below the
threshold is reported ``unreadable`` by the verify stage, never passed as a
clean value.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..labels import is_label_text, words_column
from ..model import Document, RawTable
from ..number import is_bare_number
from ..numbering import follows_exactly, is_numbering, numbering_key
from ..settings import Settings
from . import figures
from .reread import reread_cell, reread_figure, unsure

# A second reading with the column's shape, of a first without it, is taken from this
# confidence on (it stays below min_cell_confidence, so the cell is still reported).
SHAPE_FLOOR = 0.3
# Rows of words a column may have at its head (a header) before its body.
HEADER_ROWS = 2
# A column is numeric when this share of its non-empty body cells are numbers.
NUMERIC_COLUMN = 0.6


def numeric_columns(table: RawTable) -> set[int]:
    return _columns_shaped(table, is_bare_number)


def numbering_columns(table: RawTable) -> set[int]:
    """The first column, or the second, when it holds row numbers (as structure reads them):
    further right, small whole numbers are counts."""
    found = sorted(_columns_shaped(table, is_numbering) & {0, 1})
    return set(found[:1])


def _columns_shaped(table: RawTable, shaped) -> set[int]:
    """Columns whose body cells mostly have the shape: the words at a column's head (its
    header, one or two rows) are not counted, so a short table's columns are judged too."""
    by_col: dict[int, list[tuple[int, str]]] = {}
    for c in table.cells:
        if c.text.strip():
            by_col.setdefault(c.col, []).append((c.row, c.text.replace(" ", "")))
    out = set()
    for col, cells in by_col.items():
        texts = [t for _, t in sorted(cells)]
        for _ in range(HEADER_ROWS):
            if texts and is_label_text(texts[0]):
                texts = texts[1:]
        if len(texts) >= 3 and sum(bool(shaped(t)) for t in texts) / len(texts) >= NUMERIC_COLUMN:
            out.add(col)
    return out


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
                again, conf = reread_figure(page, c.bbox, settings, table.ruled, is_bare_number) \
                    if in_numeric else ("", 0.0)
                if not is_bare_number(again.replace(" ", "")):
                    # words, or a header's words over a numeric column: read without the figures' whitelist
                    words, wconf = reread_cell(page, c.bbox, False, settings, table.ruled)
                    if wconf > conf or not again:
                        again, conf = words, wconf
                if c.col in numbering and conf < settings.min_cell_confidence:
                    # a row number alone in a tall cell of specks reads cut to its ink
                    # (below the threshold still, unless its place in the sequence vouches for it)
                    text2, conf2 = reread_cell(page, c.bbox, False, settings, table.ruled, tight=True)
                    if conf2 > conf and is_numbering(text2.replace(" ", "")):
                        again, conf = text2, min(conf2, unsure(settings))
                # In a numeric column a sure number beats a reading that is no number.
                number_wins = in_numeric and is_bare_number(again.replace(" ", "")) \
                    and conf >= settings.min_cell_confidence
                shape = is_bare_number if in_numeric else is_numbering if c.col in numbering else None
                had = shape is not None and bool(shape(text))
                has = shape is not None and bool(shape(again.replace(" ", "")))
                # The column's shape read at last, from a first reading that was nearly it
                # ("7]", "4Il" in a numeric column; a header's words never are).
                shaped = has and not had and conf >= SHAPE_FLOOR and (
                    not in_numeric or figures.nearly_number(text))
                if again and not (had and not has) and (number_wins or conf > c.confidence or shaped):
                    if again.replace(".", ",") == text:
                        again = text  # the first reading saw a comma's tail: OCR never invents one
                    c = replace(c, text=again, raw_text=again, confidence=conf)
            cells.append(c)
        cells = _numbering_dots(cells, numbering, settings.min_cell_confidence)
        cells = figures.check(cells, numeric, numbering, page, table.ruled, settings)
        page.ocr_image.release()
        out.append(replace(table, cells=cells))
    return out


def _numbering_dots(cells: list, numbering: set[int], sure: float | None = None) -> list:
    """Row numbers the OCR misread by a dot ("22." after "2.1.", "241." after "2.4.", "1.2:"
    for "1.2."), or by a look-alike letter ("l" for "1", "2];" for "2.1.") given back, where
    exactly one way of reading them makes the number the next of the row above (its first
    child, or the next at one of its levels), or, on the first row, the one the row below
    follows. Row numbers are a numbering column's cells, or, in a table without one, the
    first word of its label cells ("2.2. Tỷ lệ xử lý …"). raw_text keeps the read. A
    numbering cell in its place in the sequence is given confidence ``sure`` at least."""
    out = list(cells)
    if numbering:
        sites = [[k for k, c in enumerate(out) if c.col == col and c.text.strip()] for col in numbering]
        whole = True
    else:
        label = words_column(out)
        sites = [[k for k, c in enumerate(out) if c.col == label and _LEADING.match(c.text)]]
        whole = False
    for site in sites:
        order = sorted(site, key=lambda k: out[k].row)
        numbers = [out[k].text.strip() if whole else _LEADING.match(out[k].text).group(1) for k in order]
        # A closing dot is the smallest glyph of a row number: doubled by specks ("II...")
        # or lost ("9" among "8.", "10."), it is printed as the column's others are.
        dotted = sum(n.endswith(".") for n in numbers)
        for n, k in enumerate(order):
            number = re.sub(r"\.{2,}$", ".", numbers[n])
            if dotted >= DOTTED_SHARE * len(numbers) and number.isdigit():
                number += "."
            if number != numbers[n]:
                out[k] = replace(out[k], text=number + out[k].text.strip()[len(numbers[n]):])
                numbers[n] = number
        previous = None
        for n, k in enumerate(order):
            # The next row that is numbered ("- Cổ phiếu …" sub-rows between are not).
            below = next((key for m in numbers[n + 1:] if (key := numbering_key(_as_number(m)))), None)

            def in_place(key, previous=previous, below=below):
                # The next of the row above; on the first row, the one the row below follows.
                return (follows_exactly(previous, key) if previous is not None
                        else key is not None and follows_exactly(key, below))

            levels = numbering_key(numbers[n])
            if not in_place(levels):
                read = _as_number(numbers[n])
                fixed = {v for v in [read] + _dotted(read) if in_place(numbering_key(v))}
                if not fixed and whole and previous and below and _unread(read):
                    # Read as nothing like a number ("SẼ" for "1.3.1."): the one number
                    # that the row above leads to and the row below follows.
                    fixed = {".".join(map(str, k)) + "." for k in _next_keys(previous)
                             if follows_exactly(k, below)}
                if len(fixed) == 1:
                    number = fixed.pop()
                    text = out[k].text.strip()
                    out[k] = replace(out[k], text=number if whole else number + text[len(numbers[n]):])
                    levels = numbering_key(number)
            if whole and sure is not None and levels is not None and (
                    follows_exactly(previous, levels) or follows_exactly(levels, below)):
                # Its place in the sequence vouches for the reading, whatever Tesseract's doubt.
                out[k] = replace(out[k], confidence=max(out[k].confidence, sure))
            if levels is not None:
                previous = levels
    return out


# A row number read as this many characters or fewer, none of them lower case (a word,
# "Tổng", is no misread number), may be given back by its neighbours.
MAX_UNREAD = 6
# Row numbers print a closing dot when this share of them do.
DOTTED_SHARE = 2 / 3
# A label's first word when it may be a row number: figures, dots, look-alike letters, and
# the stop, colon or semicolon OCR reads for a closing dot ("2];", "1.2:").
_LEADING = re.compile(r"\s*([0-9lI|\].]*[0-9][0-9lI|\].]*[.:;]?)(?=\s)")


def _unread(text: str) -> bool:
    """A short reading that may be a row number misread ("SẼ", "l:"): not a word ("Tổng"),
    a dash or bullet ("-"), or a section letter ("B-"), nor any numbering."""
    signs = [ch for ch in text if ch.isalnum()]
    return (len(text) <= MAX_UNREAD and not any(ch.islower() for ch in text)
            and (len(signs) >= 2 or any(ch.isdigit() for ch in signs)) and not is_numbering(text))


def _next_keys(key: tuple[int, ...]) -> list[tuple[int, ...]]:
    """The numbers that may come right after ``key``: its first child, the next at a level."""
    return [key + (1,)] + [key[:i] + (key[i] + 1,) for i in range(len(key))]


def _as_number(token: str) -> str:
    """A row number as OCR may have misread it, with its look-alikes and closing mark read
    back: "2];" → "21.", "1.2:" → "1.2."."""
    token = token.translate(figures.DIGIT_LOOKALIKES)
    return token[:-1] + "." if token[-1:] in ":;" else token


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
