"""The figures of a scanned table's value columns, checked against the ink and against
each other, after each cell has been read on its own:

- a mark the ink shows but Tesseract dropped goes back ("674" where "6,74" is printed,
  :mod:`.marks`);
- a decimal stop in a table of decimal commas is a comma (:func:`column_marks`: a
  column of commas read as stops is common);
- letters read for figures in a column of numbers are figures ("I0" → "10");
- a figure narrower than its ink lost a glyph ("3" where "33" is printed, :mod:`.widths`);
- a figure off its column's pattern ("71" in a column of "6,74", "7,75": a mark and a
  figure lost) is read again larger, and the reading with the column's pattern is kept;
  read again to no such reading, a figure many times its column's largest that the
  column's decimals bring within its range lost its mark ("73" among "4,1", "9,7"): the
  mark goes back, and the cell is reported as unsure.

Each repair keeps the cell's ``raw_text`` (what was read) and its confidence.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Optional

from ..labels import words_column
from ..model import Cell, Page
from ..number import is_bare_number, parse_value
from ..numbering import ONE_LOOKALIKES
from ..settings import Settings
from . import widths
from .marks import dropped_marks
from .reread import reread_cell, unsure

# Letters an OCR reads for digits: read back in a column of numbers or of row numbers;
# with more, they mark a number misread ("7]", "4Il", "1O").
DIGIT_LOOKALIKES = str.maketrans({**{ch: "1" for ch in sorted(ONE_LOOKALIKES)}, "O": "0", "o": "0"})
MISREAD_DIGITS = {chr(c) for c in DIGIT_LOOKALIKES} | set("![)(JjSsBZzg")

# A table whose numbers read at least this many decimal commas ("6,74": a comma before one
# or two figures groups nothing) prints its decimals with commas: OCR loses a comma's tail
# far more often than it invents one. Without them, a mark is put back as the column's
# numbers read it, else the Vietnamese way, with a comma.
MIN_COMMAS = 3
VIETNAMESE_DECIMAL = ","
# A column has a pattern when at least this many of its numbers, and more than this share, print
# the same decimals with the same mark ("6,74", "65,08": a comma and two figures).
MIN_PATTERN, PATTERN_SHARE = 3, 1 / 2
# Scales a figure off its column's pattern is read again at, and how many of them must
# agree on a reading with the pattern.
ZOOMS = (1.25, 1.5, 2.0, 2.5)
AGREE = 2
# A bare figure at least this many times its column's largest value, which with the column's
# decimals lies within this factor of the column's values, lost its decimal mark: a
# column printing "4,1" and "9,7" prints no 73, while a rate of "100" among "95,2", or
# a "10" among scores "9,5", stays as read.
LOST_MARK = 2.0
# Printed for nothing: no figure to read again.
NIL_MARKS = {"-", "–", "x", "X", "…", "..."}

# A column whose numbers of this many figures or more mostly read bare prints them so
# (at least MIN_BARE of them).
LONG, MIN_BARE = 4, 3

_FIGURES = re.compile(r"(-?)(\d+)(%?)")
_NUMBER = re.compile(r"-?\d[\d.,]*%?")
_DECIMALS = re.compile(r"-?\d+([.,])(\d{1,2})(%?)")
# Figures with a slash between them ("5/113", "12/63").
_SLASHED = re.compile(r"\d+/\d+")
# A rate with a speck read after its per cent sign ("86,6%,").
_RATE_AND_SPECK = re.compile(r"\d[\d.,]*%[.,:;]")


def nearly_number(text: str) -> bool:
    """Digits, marks and letters that stand for digits: a number misread, not a date
    ("27/3") or a header's words."""
    return any(ch.isdigit() for ch in text) and all(
        ch.isdigit() or ch in ".,%-" or ch in MISREAD_DIGITS for ch in text)


def check(cells: list[Cell], numeric: set[int], numbering: set[int], page: Page, ruled: bool,
          settings: Settings, commas_beside: int = 0, codes: set[int] = frozenset()) -> list[Cell]:
    """The table's cells with the figures of its value columns repaired (see above);
    ``commas_beside``: the decimal commas read in the parts of the same table on the pages
    before and after (a table's last rows alone on a page are too few to tell its mark);
    ``codes``: columns of a statement's codes, which name items and count nothing: the
    mark the ink shows in one is a stop ("1311" for "131.1"), never a decimal comma."""
    values = value_columns(cells, numeric) - numbering - codes
    cells = _lookalikes(_slashed_ones(cells), numeric - numbering)
    marks = column_marks(cells, values, commas_beside) | {col: "." for col in codes}
    cells = restore_marks(cells, values | codes, page, marks)
    cells = table_marks(widths.refill(cells, values | codes, page, ruled, settings), marks)
    cells = _scores_over_their_maximum(cells, values, marks)
    cells = [replace(c, text=c.text.replace(",", ".")) if c.col in codes and _SUB_CODE.fullmatch(c.text.strip())
             else c for c in cells]
    return _off_pattern(cells, values, page, ruled, settings)


# A code under a code ("312.1" under 312), its stop read as a comma ("312,1").
_SUB_CODE = re.compile(r"\d{2,3},\d")


def value_columns(cells: list[Cell], numeric: set[int]) -> set[int]:
    """The columns of figures: the numeric ones and every one right of the first column of
    words (row numbers, "2.1", stand left of it, and are no decimals)."""
    label = words_column(cells)
    return set(numeric) | ({c.col for c in cells if c.col > label} if label is not None else set())


def decimal_commas(cells: list[Cell]) -> int:
    """How many cells read a decimal comma ("6,74": a comma before one or two figures)."""
    return sum(1 for c in cells if (m := _DECIMALS.fullmatch(_score(c.text)[0].replace(" ", ""))) and m.group(1) == ",")


def column_marks(cells: list[Cell], values: set[int], commas_beside: int = 0) -> dict[int, str]:
    """Each value column's decimal mark: "," throughout a table that reads enough decimal
    commas (one table is printed one way, and a whole column of commas read as stops is
    common); else the mark most of the column's numbers read, else ","."""
    read: dict[int, list[str]] = {col: [] for col in values}
    for c in cells:
        if c.col in values and (m := _DECIMALS.fullmatch(_score(c.text)[0].replace(" ", ""))):
            read[c.col].append(m.group(1))
    if sum(marks.count(",") for marks in read.values()) + commas_beside >= MIN_COMMAS:
        return {col: "," for col in values}
    return {col: "." if marks and marks.count(".") > len(marks) / 2 else VIETNAMESE_DECIMAL
            for col, marks in read.items()}


def table_marks(cells: list[Cell], marks: dict[int, str]) -> list[Cell]:
    """A decimal stop in a column of decimal commas ("7.68" among "6,74", "6,22"; a score's
    "4.67/ 10") is a comma: OCR tells "," from "." worst of all its glyphs. A comma read is
    never made a stop."""
    out = []
    for c in cells:
        number, out_of = _score(c.text)
        if marks.get(c.col) == "," and (m := _DECIMALS.fullmatch(number.replace(" ", ""))) and m.group(1) == ".":
            c = replace(c, text=number.replace(".", ",") + out_of)
        out.append(c)
    return out


def restore_marks(cells: list[Cell], values: set[int], page: Page, marks: dict[int, str]) -> list[Cell]:
    """Figures read without the mark the ink shows between them ("674" for "6,74") get it
    back: a mark followed by three figures groups thousands, any other is the column's
    decimal mark (``marks``). Not in a column that prints its long numbers bare."""
    found = {k: marked for k, c in enumerate(cells)
             if c.col in values and (marked := _with_marks(c.text, c.bbox, page, marks[c.col]))}
    bare = _bare_columns(cells, found)
    return [replace(c, text=found[k]) if k in found and c.col not in bare else c for k, c in enumerate(cells)]


def _bare_columns(cells: list[Cell], found: dict[int, str]) -> set[int]:
    """Columns whose numbers of LONG figures or more mostly show no mark, neither as read
    nor in the ink (``found``): they are printed bare (account numbers "3336", years), and
    a mark the ink shows in a few of them is a speck or a blurred figure's foot."""
    tally: dict[int, list[int]] = {}
    for k, c in enumerate(cells):
        text = c.text.replace(" ", "")
        if _NUMBER.fullmatch(text) and sum(ch.isdigit() for ch in text) >= LONG:
            tally.setdefault(c.col, [0, 0])[k in found or not text.isdigit()] += 1
    return {col for col, (bare, marked) in tally.items() if bare >= MIN_BARE and bare > marked}


def _with_marks(text: str, bbox, page: Page, mark: str) -> Optional[str]:
    """``text`` with the marks the ink of ``bbox`` shows put in; None when it shows none."""
    m = _FIGURES.fullmatch(text.replace(" ", ""))
    if not m:
        return None
    image, scale = page.ocr_image.pixels, page.ocr_image.scale
    x0, top, x1, bottom = bbox
    crop = image[max(0, int(top * scale)):int(bottom * scale), max(0, int(x0 * scale)):int(x1 * scale)]
    figures = m.group(2)
    at = dropped_marks(figures, crop, tail=len(m.group(3)))
    if not at:
        return None
    decimal, thousands = mark, "." if mark == "," else ","
    marked = figures[:at[0]]
    for i, k in enumerate(at):
        end = at[i + 1] if i + 1 < len(at) else len(figures)
        if end - k > 3:
            return None  # no number is printed so ("3,3712": a blurred "3"'s foot)
        marked += (thousands if end - k == 3 else decimal) + figures[k:end]
    marked = m.group(1) + marked + m.group(3)
    return marked if is_bare_number(marked) and parse_value(marked) is not None else None


def _scores_over_their_maximum(cells: list[Cell], values: set[int], marks: dict[int, str]) -> list[Cell]:
    """A score read above its maximum ("474/ 10" where "4,74/ 10" is printed) lost its decimal
    mark: it goes back where one place alone, one or two figures from the end, brings the
    score under its maximum. Anything else is left as read."""
    out = []
    for c in cells:
        number, out_of = _score(c.text)
        top = parse_value(out_of.strip().lstrip("/").strip()) if out_of and c.col in values else None
        figures = number.strip()
        if top is not None and figures.isdigit() and int(figures) > top:
            mark = marks.get(c.col, VIETNAMESE_DECIMAL)
            fits = [figures[:i] + mark + figures[i:] for i in (len(figures) - 1, len(figures) - 2)
                    if i > 0 and float(figures[:i] + "." + figures[i:]) <= top]
            if len(fits) == 1:
                c = replace(c, text=fits[0] + out_of)
        out.append(c)
    return out


def _lookalikes(cells: list[Cell], numeric: set[int]) -> list[Cell]:
    """In a column of numbers, letters read for figures are figures ("I0" → "10"; a lone
    "l" or "|" is the "1" printed, a thin glyph in a wide cell), and a mark after a number
    is a speck read ("86,6%,")."""
    out = []
    for c in cells:
        text = c.text.replace(" ", "")
        if _RATE_AND_SPECK.fullmatch(text):
            # Nothing of a number follows its per cent sign, in any column (a table's last
            # rows on a page may be too few to tell its columns).
            c = replace(c, text=text[:-1])
        elif c.col in numeric and not is_bare_number(text) and (
                nearly_number(text) or _all_lookalikes(text)):
            read = text.translate(DIGIT_LOOKALIKES)
            if not is_bare_number(read) and read[-1:] in ".,:;" and is_bare_number(read[:-1]):
                read = read[:-1]
            if is_bare_number(read):
                c = replace(c, text=read)
        out.append(c)
    return out


def _slashed_ones(cells: list[Cell]) -> list[Cell]:
    """Figures with a slash between them in a column of whole numbers that rise ("5/113"
    between "51112" and "51121" in a chart of accounts): an italic "1" read as a slash, where
    with a "1" for it the number rises between those above and below it (a rank "12/63" or
    a date "27/3" does not)."""
    out = list(cells)
    columns: dict[int, list[int]] = {}
    for k, c in enumerate(cells):
        columns.setdefault(c.col, []).append(k)
    for col, ks in columns.items():
        ks = [k for k in sorted(ks, key=lambda k: out[k].row) if out[k].text.strip()]
        values = [int(t) if (t := out[k].text.replace(" ", "")).isdigit() else None for k in ks]
        if sum(v is not None for v in values) < MIN_PATTERN:
            continue
        for n, k in enumerate(ks):
            text = out[k].text.replace(" ", "")
            if not _SLASHED.fullmatch(text):
                continue
            value = int(text.replace("/", "1"))
            above = next((v for v in reversed(values[:n]) if v is not None), None)
            below = next((v for v in values[n + 1:] if v is not None), None)
            if above is not None and below is not None and above < value < below:
                out[k] = replace(out[k], text=str(value))
                values[n] = value
    return out


def _all_lookalikes(text: str) -> bool:
    """A figure or two read wholly as their look-alikes ("l", "|", "]", "Il")."""
    return 0 < len(text) <= 2 and all(ord(ch) in DIGIT_LOOKALIKES for ch in text)


def _pattern(text: str) -> Optional[tuple[str, int, str, str]]:
    """A number's decimals as printed: (mark, figures after it, "%" or "", what a score's
    "/ 10" puts after it); None for anything else (whole numbers included)."""
    number, out_of = _score(text)
    m = _DECIMALS.fullmatch(number.replace(" ", ""))
    return (m.group(1), len(m.group(2)), m.group(3), out_of.replace(" ", "")) if m else None


# A score out of a maximum ("4,74/ 10", "9,49/ 9,5"): its first number has the column's decimals.
_OUT_OF = re.compile(r"(.*?\d)(\s*/\s*\d+(?:[.,]\d+)?)")


def _score(text: str) -> tuple[str, str]:
    """A cell's number and, for a score, the "/ 10" after it."""
    m = _OUT_OF.fullmatch(text.strip())
    return (m.group(1), m.group(2)) if m else (text, "")


def _off_pattern(cells: list[Cell], values: set[int], page: Page, ruled: bool, settings: Settings) -> list[Cell]:
    """A figure off the decimals its column prints ("71", "TJ" among "6,74", "7,75") is read
    again at larger scales, and a reading with the column's pattern that two scales agree on
    is kept; where none is, a figure that lost its mark gets it back, unsure (`_lost_mark`).
    A column without such a pattern, and a nil mark, are left as read."""
    out = list(cells)
    for col in values:
        in_col = [k for k, c in enumerate(out) if c.col == col and c.col_span == 1 and c.text.strip()]
        shapes = Counter(p for k in in_col if (p := _pattern(out[k].text)))
        if not shapes:
            continue
        pattern, n = shapes.most_common(1)[0]
        if n < MIN_PATTERN or n <= PATTERN_SHARE * len(in_col):
            continue
        body = min(out[k].row for k in in_col if _pattern(out[k].text) == pattern)
        for k in in_col:
            c = out[k]
            if c.row < body or _pattern(c.text) == pattern or c.text.strip() in NIL_MARKS:
                continue
            votes: Counter = Counter()
            best: dict[str, float] = {}
            for zoom in ZOOMS:
                again, conf = reread_cell(page, c.bbox, True, settings, ruled, zoom=zoom)
                number, out_of = _score(again)
                again = (_with_marks(number, c.bbox, page, pattern[0]) if not out_of else None) \
                    or number.replace(" ", "")
                if (m := _DECIMALS.fullmatch(again)) and m.group(1) != pattern[0]:
                    again = again.replace(m.group(1), pattern[0])
                again += out_of
                if _pattern(again) == pattern:
                    votes[again] += 1
                    best[again] = max(best.get(again, 0.0), conf)
                    if votes[again] == AGREE:
                        out[k] = replace(c, text=again, confidence=best[again])
                        break
            else:
                marked = _lost_mark(c.text, pattern, [abs(v) for j in in_col if _pattern(out[j].text) == pattern
                                                       and (v := parse_value(_score(out[j].text)[0])) is not None])
                if marked:
                    out[k] = replace(c, text=marked, confidence=min(c.confidence, unsure(settings)))
    return out


def _lost_mark(text: str, pattern: tuple[str, int, str, str], column: list[float]) -> Optional[str]:
    """``text``, a bare figure, with the column's decimal mark put back where it is many
    times the column's largest value and, so marked, within its range (LOST_MARK); else None."""
    mark, decimals, tail, out_of = pattern
    number, read_out_of = _score(text)
    number = number.replace(" ", "")
    m = _FIGURES.fullmatch(number)
    if not m or m.group(3) != tail or read_out_of.replace(" ", "") != out_of or len(m.group(2)) <= decimals \
            or not column:
        return None
    figures = m.group(2)
    marked = m.group(1) + figures[:-decimals] + mark + figures[-decimals:] + tail
    bare, value = parse_value(number), parse_value(marked)
    if bare is None or value is None:
        return None
    low, high = min(column), max(column)
    if abs(bare) >= LOST_MARK * high and low / LOST_MARK <= abs(value) <= high * LOST_MARK:
        return marked + read_out_of
    return None
