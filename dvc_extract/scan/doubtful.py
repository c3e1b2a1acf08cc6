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
(:func:`_numbering_dots`), a chart's account numbers against each other
(:mod:`.accounts`), figures against the ink and their column (:mod:`.figures`).
Either way the cell keeps the confidence of the reading it shows, so a cell still
below the threshold is reported ``unreadable`` by the verify stage, never passed as
a clean value.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from rapidfuzz.distance import Levenshtein

from ..labels import is_label_text, words_column
from ..model import Document, RawTable
from ..number import adds_nothing, is_bare_number
from ..numbering import (follows_exactly, is_numbering, is_numbering_header, numbering_key, outline_rank, roman,
                         roman_value)
from ..settings import Settings
from . import accounts, criteria, figures, notes
from .. import codes
from .reread import NO_READING, bordered, reread_cell, reread_figure, reread_row_number, unsure

# A second reading with the column's shape, of a first without it, is taken from this
# confidence on (it stays below min_cell_confidence, so the cell is still reported).
SHAPE_FLOOR = 0.3
# Rows of words a column may have at its head (a header) before its body.
HEADER_ROWS = 2
# A cell of at most so many words still unsure after its second reading is read enlarged so.
SHORT_WORDS = 4
ENLARGED = 1.5
# A column is numeric when this share of its non-empty body cells are numbers.
NUMERIC_COLUMN = 0.6


def numeric_columns(table: RawTable) -> set[int]:
    return _columns_shaped(table, is_amount)


def is_amount(text: str) -> bool:
    """What a column of figures prints: a figure, or a nil ("-")."""
    return _figure(text) or bool(text.strip()) and adds_nothing(text)


def _figure(text: str) -> bool:
    """A number, or an amount in brackets, negative ("(2.616.000.640)"; "(2)" is an index):
    what a cell read again as a figure must give (a "-" read so from words is none)."""
    bracketed = text[:1] == "(" and text[-1:] == ")"
    return is_bare_number(text[1:-1]) and any(ch in ".," for ch in text) if bracketed else is_bare_number(text)


def numbering_columns(table: RawTable) -> set[int]:
    """The first column, or the second, when it holds row numbers (as structure reads them)
    or is headed as their column ("STT", "TT": a table part of one or two rows on a page has
    too few numbers to tell): further right, small whole numbers are counts."""
    names = words_column(table.cells)
    found = sorted(col for col in (_columns_shaped(table, _numbering_shaped) | _headed_numbering(table)) & {0, 1}
                   if names is None or col <= names)  # never after the names
    return set(found[:1])


def _numbering_shaped(text: str) -> bool:
    """A row number, its closing dot doubled by a speck ("6..."), or a sub-item's dash: the
    cells of a statement's numbering column (B., I., 1., -, -, 2., …)."""
    return is_numbering(re.sub(r"\.{2,}$", ".", text)) or outline_rank(text) is not None


def _code_columns(cells: list) -> list[int]:
    """The columns of a statement's codes (Mã số), by their shape."""
    by_col: dict[int, list] = {}
    for c in sorted(cells, key=lambda c: c.row):
        by_col.setdefault(c.col, []).append(c.text)
    return [col for col, texts in by_col.items() if codes.is_code_column(texts)]


def _headed_numbering(table: RawTable) -> set[int]:
    heads: dict[int, tuple[int, str]] = {}
    for c in table.cells:
        if c.text.strip() and (c.col not in heads or c.row < heads[c.col][0]):
            heads[c.col] = (c.row, c.text)
    return {col for col, (_, text) in heads.items() if is_numbering_header(text)}


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
    scanned = [(page := pages.get(t.page)) is not None and page.ocr_image is not None for t in raw]
    # The parts of one table on the pages before and after: its numbering goes on there.
    joined = [bool(i) and scanned[i - 1] and scanned[i] and _parts(raw[i - 1], t) for i, t in enumerate(raw)] + [False]
    commas = [figures.decimal_commas(t.cells) for t in raw]
    numberings = [numbering_columns(t) for t in raw]
    numerics = [numeric_columns(t) for t in raw]
    numbering = [_own_or_beside(numberings, i, joined[i], joined[i + 1]) for i in range(len(raw))]
    numeric = [_own_or_beside(numerics, i, joined[i], joined[i + 1]) for i in range(len(raw))]
    cells, seconds = [], []
    for i, table in enumerate(raw):
        if scanned[i]:
            page = pages[table.page]
            cells.append(_read_doubtful(table, page, numeric[i], numbering[i], settings))
            seconds.append(_second_readings(cells[-1], numbering[i], page, table.ruled, settings))
            page.ocr_image.release()
        else:
            cells.append(table.cells)
            seconds.append({})
    # A table's row numbers run on over its parts: they are read as one sequence.
    for i, j in _runs(joined, lambda i, j: numbering[j] == numbering[i]):
        if scanned[i]:
            cells[i:j] = _numbered_parts(cells[i:j], numbering[i], settings.min_cell_confidence, seconds[i:j])
    out = []
    for i, table in enumerate(raw):
        if not scanned[i]:
            out.append(table)
            continue
        page = pages[table.page]
        part = _read_out_of_place_again(cells[i], numbering[i], page, table.ruled, settings)
        code_columns = _code_columns(part)
        for col in code_columns:
            part = codes.restore(part, col, settings.min_cell_confidence)
        part = accounts.restore(part, accounts.account_columns(part, numbering[i]), settings.min_cell_confidence,
                                unsure(settings))
        for col in notes.note_columns(part):
            part = notes.restore(part, col)
        beside = (commas[i - 1] if joined[i] else 0) + (commas[i + 1] if joined[i + 1] else 0)
        part = figures.check(part, numeric[i], numbering[i], page, table.ruled, settings, beside, set(code_columns))
        page.ocr_image.release()
        out.append(replace(table, cells=part))
    # A table's criteria are numbered over its parts too.
    for i, j in _runs(joined):
        if scanned[i]:
            out[i:j] = [replace(t, cells=cells) for t, cells in zip(out[i:j], criteria.restore([t.cells for t in out[i:j]]))]
    return out


def _runs(joined: list[bool], same=lambda i, j: True):
    """(start, end) of each run of parts, a part joining the run when it continues the part
    before it (``joined``, one longer than the parts) and ``same(start, part)`` holds."""
    i, n = 0, len(joined) - 1
    while i < n:
        j = i + 1
        while j < n and joined[j] and same(i, j):
            j += 1
        yield i, j
        i = j


def _read_doubtful(table: RawTable, page, numeric: set[int], numbering: set[int], settings: Settings) -> list:
    """The cells of a scanned table part, each doubtful one read again where the second
    reading is the better (see the module's doc)."""
    cells = []
    for c in table.cells:
        text = c.text.replace(" ", "")
        in_numeric = c.col in numeric and c.col_span == 1
        doubtful = c.confidence < settings.min_cell_confidence or (
            in_numeric and text and not is_amount(text)
        )
        if doubtful:
            # A cell of a table ruled down its columns only is its text's box: read widened.
            ruled = table.ruled and bordered(page, c.bbox)
            # an unsure figure may be vouched for by reading it enlarged; a row number (its
            # sequence vouches) or words over a numeric column (a header) may not
            vouch = c.col not in numbering and _figure(text)
            again, conf = reread_figure(page, c.bbox, settings, ruled, _figure, vouch) \
                if in_numeric else ("", 0.0)
            if not _figure(again.replace(" ", "")):
                # words, or a header's words over a numeric column: read without the figures' whitelist
                words, wconf = reread_cell(page, c.bbox, False, settings, ruled)
                if wconf > conf or not again:
                    again, conf = words, wconf
                if conf < settings.min_cell_confidence and c.col not in numbering and len(again.split()) <= SHORT_WORDS:
                    # A few words still unsure, read enlarged: a bold italic "LOẠI TK 2" whose
                    # letters run together at the page's scale comes apart. Taken only when sure:
                    # unsure, an enlarged reading loses marks as often as it mends them.
                    words, wconf = reread_cell(page, c.bbox, False, settings, ruled, zoom=ENLARGED)
                    if wconf >= settings.min_cell_confidence:
                        again, conf = words, wconf
            if c.col in numbering and conf < settings.min_cell_confidence:
                # a row number alone in a tall cell of specks reads cut to its ink
                # (below the threshold still, unless its place in the sequence vouches for it)
                text2, conf2 = reread_cell(page, c.bbox, False, settings, ruled, tight=True)
                if conf2 > conf and is_numbering(text2.replace(" ", "")):
                    again, conf = text2, min(conf2, unsure(settings))
            # In a numeric column a sure number beats a reading that is no number.
            number_wins = in_numeric and _figure(again.replace(" ", "")) \
                and conf >= settings.min_cell_confidence
            shape = _figure if in_numeric else is_numbering if c.col in numbering else None
            had = shape is not None and bool(shape(text))
            has = shape is not None and bool(shape(again.replace(" ", "")))
            # The column's shape read at last, from a first reading that was nearly it
            # ("7]", "4Il" in a numeric column; a header's words never are).
            shaped = has and not had and conf >= SHAPE_FLOOR and (
                not in_numeric or figures.nearly_number(text))
            # Words read whole, of a first reading with a bracket inside a word ("N(LION V(N"
            # for "NGUỒN VỐN": a rule's remains at its edge read into its letters).
            ungarbled = shape is None and _garbled(text) and not _garbled(again) and conf >= SHAPE_FLOOR
            # A second reading of words that lost some (qd1187's score "0" at a cell's end) is
            # taken only when surer than the first word for word: a cell is as sure as its least
            # sure word, a second reading as the mean of its words.
            lost = shape is None and len(again.split()) < len(c.text.split()) \
                and conf <= (_mean_confidence(page, c.bbox) or 0.0)
            if again and not lost and not (had and not has) and (number_wins or conf > c.confidence or shaped or ungarbled):
                if again.replace(".", ",") == text:
                    again = text  # the first reading saw a comma's tail: OCR never invents one
                c = replace(c, text=again, raw_text=again, confidence=conf)
            if in_numeric and _specks(c.text):
                # marks no number is printed with, read surely ("A\\$" for "4118"): still doubtful
                c = replace(c, confidence=min(c.confidence, unsure(settings)))
        cells.append(c)
    return cells


def _mean_confidence(page, bbox) -> float | None:
    """The mean confidence of the page's words read first inside ``bbox`` (by their centres)."""
    x0, top, x1, bottom = bbox
    sure = [w.confidence for w in page.words
            if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom]
    return sum(sure) / len(sure) if sure else None


def _specks(text: str) -> bool:
    """A reading mostly of marks that are neither letters, figures nor a number's own, and
    no nil mark ("-", "…"); or figures with a mark no number, code or score is printed with
    ("A\\32" for "4132", "9%!": no cell of the truth of any corpus holds one)."""
    signs = text.replace(" ", "")
    return bool(signs) and signs not in figures.NIL_MARKS | {"—"} and (
        sum(not (ch.isalnum() or ch in ".,%-/()") for ch in signs) * 2 >= len(signs)
        or any(ch.isdigit() for ch in signs) and bool(_NO_NUMBERS_MARK.search(signs)))


# Marks OCR makes of specks and blurred figures that no printed number carries.
_NO_NUMBERS_MARK = re.compile(r"[\\$§@#^~|\[\]{}¢©®«»!?_]")


def _numbered_parts(parts: list[list], numbering: set[int], sure: float,
                    seconds: list[dict[int, tuple[str, ...]]]) -> list[list]:
    """The parts of one table, on pages one after another, with their row numbers read as
    one sequence (`_numbering_dots`): a part's first number, read "24." for "2.4.", is
    told by the rows on both sides of the page break, not taken as read by the part before."""
    joint, second, spans, offset = [], {}, [], 0
    for cells, read in zip(parts, seconds):
        second.update({len(joint) + k: readings for k, readings in read.items()})
        spans.append((len(joint), len(joint) + len(cells), offset))
        joint += [replace(c, row=c.row + offset) for c in cells]
        offset += max((c.row + c.row_span for c in cells), default=0)
    joint = _numbering_dots(joint, numbering, sure, second)
    return [[replace(c, row=c.row - shift) for c in joint[a:b]] for a, b, shift in spans]


def _second_readings(cells: list, numbering: set[int], page, ruled: bool,
                     settings: Settings) -> dict[int, tuple[str, ...]]:
    """Each decimal row number of the numbering column read by the second reader, by its
    place in ``cells``: Roman section numbers and part letters are not read, nor a dash read
    surely."""
    return {k: reread_row_number(page, c.bbox, settings, ruled and bordered(page, c.bbox))
            for k, c in enumerate(cells) if c.col in numbering and (text := c.text.strip())
            and (_decimal(text) or c.confidence < NO_READING and not _sectional(text))}


def _decimal(read: str) -> bool:
    """A reading that may be a decimal row number, look-alikes read back ("l.2") or like nothing
    ("DA"): not a Roman section's number, a part's letter or a dash."""
    return not _sectional(read) and (numbering_key(_as_number(read)) is not None or _unread(read))


def _sectional(read: str) -> bool:
    """A Roman section's number, a part's letter, or a level under a section's number."""
    roman = is_numbering(read) and _ROMAN_LETTERS.issuperset(read.rstrip("."))
    return roman or _opens_section(read) or _section_level(read)


# A bracket or a mark between two letters: no word has one ("N(LION", "K/ấ").
_GARBLED = re.compile(r"[^\W\d_][()\[\]{}|!?¿<>#*][^\W\d_]")


def _garbled(text: str) -> bool:
    return bool(_GARBLED.search(text))


def _numbering_dots(cells: list, numbering: set[int], sure: float | None = None,
                    seconds: Optional[dict[int, tuple[str, ...]]] = None) -> list:
    """Row numbers the OCR misread by a dot ("22." after "2.1.", "241." after "2.4.", "1.2:"
    for "1.2."), or by a look-alike letter ("l" for "1", "2];" for "2.1.") given back, where
    exactly one way of reading them makes the number the next of the row above (its first
    child, or the next at one of its levels), or, on the first row, the one the row below
    follows. Row numbers are a numbering column's cells, or, in a table without one, the
    first word of its label cells ("2.2. Tỷ lệ xử lý …"). raw_text keeps the read. A
    numbering cell in its place in the sequence is given confidence ``sure`` at least.
    ``seconds``: a numbering cell's second reading (by its place in ``cells``), which the
    sequence may take as it takes a look-alike read back."""
    out = list(cells)
    seconds = seconds or {}
    if numbering:
        sites = [[k for k, c in enumerate(out) if c.col == col and c.text.strip()] for col in numbering]
        whole = True
    else:
        label = words_column(out)
        out = _first_items(_section_dots(out, label), label)
        sites = [[k for k, c in enumerate(out) if c.col == label and _label_lead(c.text)]]
        whole = False
    for site in sites:
        order = sorted(site, key=lambda k: out[k].row)
        # A label's number is followed by its name: a comma after it may be its stop misread
        # ("9," between "8." and "10."), which its place in the sequence tells.
        read = [out[k].text.strip() if whole else _label_lead(out[k].text) for k in order]
        numbers = [n if whole else re.sub(r",$", ".", n) for n in read]
        # A closing dot is the smallest glyph of a row number: doubled by specks ("II...")
        # or lost ("9" among "8.", "10."), it is printed as the column's others are.
        # Counted among the numbers read as numbers, on its page, by either reader (the
        # second reads small dots the first loses): a misread one ("s") prints no style, and a
        # table's pages may print theirs each its own way ("5.5.2.", then "6").
        pages = [out[k].page for k in order]
        dotted = {}
        for page in set(pages):
            keyed = [r for n, k in enumerate(order) if pages[n] == page
                     for r in (numbers[n], *seconds.get(k, ())) if numbering_key(r) is not None]
            dotted[page] = sum(r.endswith(".") for r in keyed) >= DOTTED_SHARE * len(keyed)
        for n, k in enumerate(order):
            number = re.sub(r"\.{2,}$", ".", numbers[n])
            if dotted[pages[n]] and (number.isdigit() or whole and _BARE_ROMAN.fullmatch(number)):
                number += "."  # a section's Roman number too ("II" among "1.", "2.")
            if number != numbers[n]:
                out[k] = replace(out[k], text=number + out[k].text.strip()[len(numbers[n]):])
                numbers[n] = number
        if whole:
            for n, (number, in_place) in _roman_sections(numbers).items():
                c = out[order[n]]
                vouched = sure is not None and in_place
                out[order[n]] = replace(c, text=number, confidence=max(c.confidence, sure) if vouched else c.confidence)
                numbers[n] = number
        # Under its column's head ("STT") the sequence starts at 1.
        start = (0,) if whole and order and is_numbering_header(out[order[0]].text) else None
        chosen = _sequence(numbers, whole, start, [seconds.get(k, ()) for k in order] if whole else None)
        for n, k in enumerate(order):
            number, key = chosen[n]
            if number != numbers[n] or (number != read[n] and key is not None and _in_place(chosen, n)):
                text = out[k].text.strip()
                out[k] = replace(out[k], text=number if whole else number + text[len(numbers[n]):])
            if whole and sure is not None and key is not None and _in_place(chosen, n):
                # Its place in the sequence vouches for the reading, whatever Tesseract's doubt.
                out[k] = replace(out[k], confidence=max(out[k].confidence, sure))
    return out


# A Roman section's number opening a label cell ("II. Nợ dài hạn", "II- Nợ dài hạn"), and a
# lettered part's ("A - TÀI SẢN NGẮN HẠN", "B. Nguồn vốn").
_ROMAN_LEAD = re.compile(r"\s*([IVX]+)[.-](?=\s)")
_PART_LEAD = re.compile(r"\s*[A-H]\s?[.-](?=\s)")
# A label's opening "1." or "I." read so that either may be meant: "I.", "l.", "|-", or a
# small "l" and a capital no word spells ("lR", "lẺ": its closing mark misread).
_ONE_OR_I = re.compile(r"\s*([Il|\]][.-]|l[^\W\d_])(?=\s)")


# A label's opening number and the mark after it ("2.1.", "II-", "B."; none in "3 Xã"), and a
# section's Roman number (I to XIII) with none, alone or before a name ("II Nguồn kinh phí").
_LEAD_MARK = re.compile(r"\s*(?:\d+(?:\.\d+)*|[IVX]+|[A-H])([.-]?)\s")
_BARE_ROMAN = re.compile(r"\s*(I{1,3}|IV|VI{0,3}|IX|XI{0,3})(?=\s+[^\W\d_]|$)")


def _section_dots(cells: list, label: Optional[int]) -> list:
    """A Roman section's number opening a label with its closing dot lost ("II Nguồn kinh
    phí" for "II. Nguồn kinh phí"), given its dot where the label column's numbers print one
    (DOTTED_SHARE of at least three): the dot is the smallest glyph, and a photographed or
    shrunk page loses it."""
    column = [k for k, c in enumerate(cells) if c.col == label]
    # Where each bare number ends, by its cell.
    bare = {k: m.end() for k in column if (m := _BARE_ROMAN.match(cells[k].text)) and len(cells[k].text.split()) > 1}
    marks = [m[1] for k in column if k not in bare and (m := _LEAD_MARK.match(cells[k].text))]
    if not bare or len(marks) < 3 or sum(mark == "." for mark in marks) < DOTTED_SHARE * len(marks):
        return cells
    out = list(cells)
    for k, end in bare.items():
        out[k] = replace(out[k], text=out[k].text[:end] + "." + out[k].text[end:])
    return out


def _first_items(cells: list, label: Optional[int]) -> list:
    """A label's opening "1." or Roman "I." where OCR read the one for the other ("I. Tiền"
    under "I. Tiền và …", "lR Hàng tồn kho" under "IV. Hàng tồn kho"), told by what follows:
    a section "I." is followed by its "1." and a "1." by its "2.", while "1." is followed by no
    "1." and "I." by no "2.". Sub-items ("1.1.", "- ") are passed over."""
    column = sorted((k for k, c in enumerate(cells) if c.col == label), key=lambda k: cells[k].row)
    leads = [_lead(cells[k].text) for k in column]
    out = list(cells)
    for n, k in enumerate(column):
        if leads[n] != "?":
            continue
        before = next((lead for lead in reversed(leads[:n]) if lead), None)
        after = next((lead for lead in leads[n + 1:] if lead), None)
        if after in ("?", (1,)) or (after == "II" and not _is_roman(before)):
            leads[n] = "I"
        elif after == (2,) or (after == "II" and before == "I"):
            leads[n] = (1,)
        else:
            continue
        text = out[k].text.strip()
        token, rest = text.split(maxsplit=1) if " " in text else (text, "")
        mark = token[1] if token[1] in ".-" else "."
        number = ("I" if leads[n] == "I" else "1") + mark
        if number != token:
            out[k] = replace(out[k], text=f"{number} {rest}".strip())
    return out


def _is_roman(lead) -> bool:
    return isinstance(lead, str) and lead not in ("?", "part")


def _lead(text: str):
    """A label cell's opening number at its level: "?" for one that reads as either "1." or
    "I.", a Roman one as printed ("II"), "part" for a lettered part, a decimal one's key
    (whose sub-items, "1.1.", are passed over as None)."""
    if (m := _ONE_OR_I.match(text)) and (m[1][1] in ".-" or m[1][1].isupper()):
        return "?"
    if m := _ROMAN_LEAD.match(text):
        return m.group(1)
    if _PART_LEAD.match(text):
        return "part"
    if m := _LEADING.match(text):
        key = numbering_key(_as_number(m.group(1)))
        return key if key and len(key) == 1 else None
    return None


def _own_or_beside(columns: list[set[int]], i: int, before, after) -> set[int]:
    """Table part ``i``'s columns of a kind, or else those of its part on the next or the
    previous page: a part of a few rows has too few to tell them."""
    return columns[i] or (columns[i + 1] if after else set()) or (columns[i - 1] if before else set())


def _parts(upper: RawTable, lower: RawTable) -> bool:
    """Two raw tables that may be parts of one: the second on the next page, as many columns."""
    return lower.page == upper.page + 1 and lower.n_cols == upper.n_cols


def _read_out_of_place_again(cells: list, numbering: set[int], page, ruled: bool, settings: Settings) -> list:
    """A row number out of its place, where its neighbours allow exactly one ("3" between
    "4" and "6"), read again larger: taken where a reading is that one (a blurred "5" read
    "3"), left as read where none is (the report's own slip, for the verifier to report)."""
    out = list(cells)
    for col in numbering:
        order = sorted((k for k, c in enumerate(out) if c.col == col and c.text.strip()), key=lambda k: out[k].row)
        # A section's head ("II.") stands for the numbers starting again under it.
        keys = [numbering_key(_as_number(out[k].text.strip())) or
                (_SECTION if _opens_section(out[k].text) else None) for k in order]
        for n, k in enumerate(order):
            before, after = _around(keys, n)
            if not keys[n] or keys[n] == _SECTION or not before or not after \
                    or follows_exactly(before, keys[n]) or follows_exactly(keys[n], after):
                continue
            # The last number before a section's head is the next at its own level.
            fits = [before[:-1] + (before[-1] + 1,)] if after == _SECTION and before != _SECTION else \
                [key for key in _next_keys(before) if follows_exactly(key, after)]
            if len(fits) != 1:
                continue
            for zoom in figures.ZOOMS:
                again, conf = reread_cell(page, out[k].bbox, True, settings, ruled, zoom=zoom)
                if numbering_key(_as_number(again.strip() or "?")) == fits[0]:
                    text = _printed(fits[0]) if out[k].text.strip().endswith(".") else _printed(fits[0])[:-1]
                    out[k] = replace(out[k], text=text, confidence=max(conf, out[k].confidence))
                    keys[n] = fits[0]
                    break
    return out


# A row number read as this many characters or fewer, none of them lower case but in a
# short word (a word, "Tổng", is no misread number; "và" for "2." may be), may be given
# back by its neighbours.
MAX_UNREAD = 6
# Letters of the longest small-letter reading that may still be a row number misread.
MAX_SHORT_WORD = 3
# Row numbers print a closing dot when this share of them do.
DOTTED_SHARE = 2 / 3
# A label's first word when it may be a row number: figures, dots, look-alike letters, and
# the stop, colon, semicolon or comma OCR reads for a closing dot ("2];", "1.2:", "9,").
_LEADING = re.compile(r"\s*([0-9lI|\].]*[0-9][0-9lI|\].]*[.:;,]?|[l|\]]\.)(?=\s)")


def _label_lead(text: str) -> Optional[str]:
    """A label's first word when it may be its row number (`_LEADING`), or when it is one
    letter a figure is misread as, before a capitalised name ("s Quỹ khác" for "8. Quỹ
    khác": no word is such a letter), which the sequence may read as any number."""
    if m := _LEADING.match(text):
        return m.group(1)
    words = text.split(maxsplit=1)
    return words[0] if len(words) == 2 and words[0] in _LOOKALIKE_LETTERS and words[1][:1].isupper() else None


Key = tuple[int, ...]
# Letters OCR reads for a figure (those not read back as one by `_as_number`) that no
# section is numbered with (A–H): "s", "S", "z", "Z", "g", "j".
_LOOKALIKE_LETTERS = {ch for ch in figures.MISREAD_DIGITS if ch.isalpha()
                      and ord(ch) not in figures.DIGIT_LOOKALIKES and not "A" <= ch <= "H"}
_ROMAN_LETTERS = set("IVXLCDM")


def _readings(read: str, whole: bool, levels: bool, anything: bool = False,
              keys: frozenset = frozenset()) -> list[tuple[str, Optional[Key]]]:
    """The ways of reading one row number: as read first (key None: no decimal numbering,
    passed over by the sequence: a "-" sub-row, "Tổng", a roman "II."), then with its
    look-alikes and closing mark read back, dots put between its figures (in a column
    whose numbers have ``levels``: "1.2.", not in one of 1 … 17), its last level lost with
    its dot given back where the column reads the number after it ("3." for "3.1." before
    "3.2.": a small "1" at 150 dpi), or one figure doubled or one of two like figures
    dropped (and then dots put between: "222:" for "2.2.");
    a reading like nothing ("SẼ") in a numbering column, or ``anything`` (a number no list
    prints: "0.012." for "5.5.2."; a label's look-alike letter, "s"), may be any number (key ())."""
    out = [(read, numbering_key(read))]
    # A roman "I." stays one, as a section's level ("III.1") does; a letter's numbering
    # ("l.") may be a figure's look-alike.
    if not (is_numbering(read) and _ROMAN_LETTERS.issuperset(read.rstrip(".)")) or _section_level(read)):
        number = _as_number(read)
        out += [(v, numbering_key(v)) for v in
                [number] + (_dotted(number) if levels else []) + _last_level(number, keys)
                + _doubled(number) + _undoubled(number)
                + [d for u in _undoubled(number) if levels for d in _dotted(u)]
                if v != read and numbering_key(v) is not None]
        if (whole and len(out) == 1 and _unread(read)) or anything:
            out.append((read, ()))
    elif set(read.rstrip(".")) == {"I"} and numbering_key(number := _as_number(read)):
        # Ones read as a Roman number's strokes ("II." for "11." between "10." and "12."):
        # taken only where the sequence has them, a section's head stays one.
        out.append((number, numbering_key(number)))
    return out


def _sequence(numbers: list[str], whole: bool, start: Optional[Key] = None,
              seconds: Optional[list[tuple[str, ...]]] = None) -> list[tuple[str, Optional[Key]]]:
    """Each row number's reading: the one that makes the most rows the next of the row above
    (its first child, or the next at one of its levels), as read where that is as good, and
    another only where it alone, between the rows chosen around it, takes its place (of
    readings that fit as well, the one printed nearest to what was read). ``seconds``: each
    number's second readings, whose readings are further options."""
    seconds = seconds or [()] * len(numbers)
    # Levels as read here, by the second reader, or where the sequence starts.
    levels = any(len(k or ()) > 1 for k in [start] + [numbering_key(n) for n in numbers]
                 + [numbering_key(r) for rs in seconds for r in rs])
    # A number put in for a reading like none is printed as the column prints its others.
    keyed_read = [n for n in numbers if numbering_key(n) is not None]
    dot = not keyed_read or sum(n.endswith(".") for n in keyed_read) > len(keyed_read) / 2
    options = _options(numbers, whole, levels, start)
    # A second reading is taken as it reads, or, where it shows no dot between its figures
    # ("22."), with dots put between them: dots moved give more wrong numbers that fit
    # ("21.5" for a "2.15" between "2." and "22.") than right ones. The number a reader shows
    # is a reading, not a guess: as the first reads it, or the second.
    read = [{0} for _ in numbers]
    for n, second in ((n, r) for n, rs in enumerate(seconds) for r in rs):
        if _sectional(numbers[n]):
            continue
        if numbers[n][-1:] in ".,:;" and not second.endswith("."):
            second += "."  # a closing mark the first reader saw ("21.1," and "2.1.1")
        ways = [second] + (_dotted(second) if levels and "." not in second.rstrip(".") else [])
        known = {k: i for i, (_, k) in enumerate(options[n])}
        for t in ways:
            if not (key := numbering_key(t)):
                continue
            if key not in known:
                options[n].append((t, key))
            elif dot and t.endswith(".") and not options[n][known[key]][0].endswith("."):
                # The closing dot of a column that prints them, lost by the first reader and
                # seen by the second ("3.3.2" read, "3.3.2." read again; "1.4.3", printed
                # without, is read so twice).
                options[n][known[key]] = (t, key)
        shown = numbering_key(second)
        read[n] |= {i for i, (_, key) in enumerate(options[n]) if key is not None and key == shown}
    return _chain(numbers, options, start, dot, read)


def _options(numbers: list[str], whole: bool, levels: bool,
             start: Optional[Key]) -> list[list[tuple[str, Optional[Key]]]]:
    """Each row number's readings (`_readings`)."""
    # A number no list prints ("0.012."), or a label's that reads as a letter ("s"), may be
    # any between two others (not after the last: a speck read in a closing total row's
    # numbering cell stays what it is).
    keyed = [k for k, n in enumerate(numbers) if numbering_key(n) is not None]
    between = {n for n, read in enumerate(numbers)
               if (_implausible(read, levels) if whole else read in _LOOKALIKE_LETTERS)
               and (start is not None or any(k < n for k in keyed))
               and any(k > n for k in keyed)}
    read_keys = frozenset(numbering_key(_as_number(n)) for n in numbers if n)
    return [_readings(n, whole, levels, k in between, read_keys) for k, n in enumerate(numbers)]


def _chain(numbers: list[str], options: list[list[tuple[str, Optional[Key]]]], start: Optional[Key],
           dot: bool, read: Optional[list[set[int]]] = None) -> list[tuple[str, Optional[Key]]]:
    """The readings (of ``options``, each number's first as read) that put the most rows in
    their place, as `_sequence` says. ``read``: the options a reader shows, by number ({0},
    its first reading, where not given)."""
    read = read or [{0} for _ in options]
    # Best chains through the column: by the key last seen, (rows in place, numbers no reader
    # shows, their sections): of chains as good, the one whose top levels are smallest, a dot
    # lost being likelier than a 72nd section ("72.4." for "7.2.4.").
    states: dict[Optional[Key], tuple[tuple[int, int, int], list[tuple[str, Optional[Key]]]]] = \
        {start: ((0, 0, 0), [])}
    for n, opts in enumerate(options):
        nxt: dict = {}
        for last, ((score, guesses, sections), path) in states.items():
            for i, (text, key) in enumerate(opts):
                keys = _next_keys(last) if key == () and last else [key] if key != () else []
                for k in keys:
                    gain = follows_exactly(last, k) if k is not None else 0
                    cand = ((score + gain, guesses - (i not in read[n]), sections - (k[0] if k else 0)),
                            path + [(text if key != () else _printed(k, dot), k)])
                    # Under a section's head ("II", "B.") the numbers may start again at 1.
                    for state in [k] if k is not None else [last, _SECTION] if _opens_section(text) else [last]:
                        if state not in nxt or cand[0] > nxt[state][0]:
                            nxt[state] = cand
        states = nxt
    best = max(states.values(), key=lambda v: v[0])[1]
    # A changed reading stands only where no other of its readings fits its neighbours as well.
    out = []
    for n, (text, key) in enumerate(best):
        if key and text != numbers[n] and _implausible(text):
            text = _printed(key, dot)  # a variant of the reading: "2.5.02." is "2.5.2."
        if text == numbers[n] and key == options[n][0][1]:
            out.append((text, key))
            continue
        # Above it the numbers as given out, below it the chain's.
        last, after = _around([k for _, k in out] + [k for _, k in best[n:]], n, start)

        def fit(k):
            return (follows_exactly(last, k) + follows_exactly(k, after)) if k is not None \
                else follows_exactly(last, after)
        readings = {key: text}
        shown = {k1 for _, k1 in options[n] if k1 != ()}  # numbers a reading shows, not put in
        for t1, k1 in options[n]:
            for k in (_next_keys(last) if k1 == () and last else [] if k1 == () else [k1]):
                readings.setdefault(k, _printed(k, dot) if k1 == () else t1)

        def rank(k):  # a reading like nothing ("SẼ", a speck's "“ kL") is near no number
            near = any(ch.isdigit() for ch in numbers[n])
            return fit(k), k in shown, -Levenshtein.distance(numbers[n], readings[k]) if near else 0
        first, *others = sorted(readings, key=rank, reverse=True)
        out.append((readings[first], first) if not others or rank(first) > rank(others[0]) else options[n][0])
    return out


# A section's Roman number as OCR may read it: its strokes, a level after it with its dot
# lost or not ("III2", "III.1"), a closing mark.
_ROMAN_READ = re.compile(r"([IVX]+)(?:[.,]?(\d{1,2}))?([.:;]?)")


def _roman_sections(numbers: list[str]) -> dict[int, tuple[str, bool]]:
    """Section numbers in Roman figures given back by their own sequence (I, II, III.1, III.2,
    IV), which the rows numbered 1, 2, … under each pass over: strokes of an "I" run
    together at a low resolution ("II" read "I"), and a level's dot is lost ("III2"). Only in
    a column that shows a Roman number beyond I as read: a column of "1"s read "I" has none.
    Returns each section number, by its place in ``numbers``, as it is printed and whether
    it is in its place in the sequence (which vouches for it, as for a decimal number)."""
    row_keys = [numbering_key(_as_number(t)) for t in numbers]

    def under(n: int):  # the number of the row under it
        return next((k for k in row_keys[n + 1:] if k), None)

    # A lone stroke ("I", "|") with a row numbered 2 under it is that row's 1.
    found = [(n, m) for n, t in enumerate(numbers) if (m := _ROMAN_READ.fullmatch(_roman_strokes(t)))
             and not _ones_between(numbers, n) and (m[1] != "I" or m[2] or under(n) != (2,))]
    at, reads = [n for n, _ in found], [m for _, m in found]
    # Each "I" a head the rows under it are numbered from 1 after ("I", "01", …, "I", "01"):
    # sections, though none reads beyond I.
    heads = all(under(n) == (1,) for n in at)
    if len(at) < 2 or not (heads or any((roman_value(m[1]) or 0) > 1 for m in reads)):
        return {}
    dot = sum(m[3] == "." for m in reads) > len(reads) / 2
    keys = frozenset((roman_value(m[1]), int(m[2])) if m[2] else (roman_value(m[1]),) for m in reads)
    options = [_roman_readings(m, keys, dot) for m in reads]
    chosen = _chain([numbers[n] for n in at], options, None, dot)
    return {n: (text, _in_place(chosen, i)) for i, (n, (text, _)) in enumerate(zip(at, chosen))}


def _roman_strokes(read: str) -> str:
    """A Roman number's strokes as OCR may read them: "II" as an "H" (its bar a speck), "I."
    as an "L" (its dot at the foot of the stem), an "I" as a bar "|"."""
    read = read.replace("H", "II").replace("|", "I")
    return read[:-1] + "I." if read.endswith("L") else read


def _ones_between(numbers: list[str], n: int) -> bool:
    """Strokes read as a Roman number ("II.") where the ones they may be ("11.") sit between
    the row numbers around them ("10." and "12."): a row number, not a section's."""
    if set(_roman_strokes(numbers[n]).rstrip(".")) != {"I"}:
        return False
    keys = [numbering_key(t) for t in numbers]
    value = numbering_key(_as_number(numbers[n]))
    before, after = _around(keys, n)
    return follows_exactly(before, value) and follows_exactly(value, after)


def _section_level(read: str) -> bool:
    """A level under a section's Roman number ("III.1", "IV2"), which decimal numbers pass
    over; under "I" it may be a decimal number misread ("I.1." for "1.1.")."""
    m = _ROMAN_READ.fullmatch(read)
    return bool(m and m[2] and m[1] != "I" and roman_value(m[1]))


def _roman_readings(read: re.Match, keys: frozenset, dot: bool) -> list[tuple[str, Optional[Key]]]:
    """The ways of reading a section's Roman number: as read (a level's dot put back), with
    an "I"'s strokes run together or split ("I", "II", "III" for one another), and with a
    level lost where the column reads the next one ("III" for "III.1" before "III.2")."""
    head, level = read[1], read[2]
    value = roman_value(head)
    if value is None:
        return [(read[0], None)]
    values = [value] + ([v for v in (1, 2, 3) if v != value] if set(head) == {"I"} else [])
    out = []
    for v in values:
        out.append((v, int(level)) if level else (v,))
        if not level:
            out += [(v, k) for k in range(1, 10) if (v, k + 1) in keys]
    return [(roman(k[0]) + "".join(f".{x}" for x in k[1:]) + ("." if dot else ""), k) for k in out]


def _in_place(chosen: list[tuple[str, Optional[Key]]], n: int) -> bool:
    key = chosen[n][1]
    last, after = _around([k for _, k in chosen], n)
    return follows_exactly(last, key) or follows_exactly(key, after)


def _around(keys: list[Optional[Key]], n: int,
            start: Optional[Key] = None) -> tuple[Optional[Key], Optional[Key]]:
    """The row numbers nearest above and below row ``n`` (rows without one passed over);
    ``start`` above the first."""
    return (next((k for k in reversed(keys[:n]) if k), start), next((k for k in keys[n + 1:] if k), None))


def _doubled(text: str) -> list[str]:
    """The text with one of its figures doubled: OCR reads two like figures side by side
    as one ("1." for "11.")."""
    return [text[:i] + text[i] + text[i:] for i, ch in enumerate(text) if ch.isdigit()]


def _last_level(text: str, keys: frozenset) -> list[str]:
    """The number with a level after its last whose next number is in ``keys`` ("3." →
    "3.1." where "3.2." is read)."""
    key = numbering_key(text) if re.fullmatch(r"(\d+\.)+", text) else None
    return [f"{text}{k}." for k in range(1, 10) if key and key + (k + 1,) in keys]


def _implausible(read: str, outline: bool = False) -> bool:
    """A row number no list prints: a level 0, one of several levels written with a leading
    zero ("0.012."; forms print "01", "02" … alone) or of three figures or more ("5.243."
    for "5.2.3."), or figures and dots that are no number at all ("229236." for "2.5.3.").
    In an ``outline`` (a column numbered in levels) no section is numbered in three figures
    ("733." for "7.3.1."); a flat list of communes may run past 100."""
    levels = read.strip().rstrip(".)").split(".")
    if numbering_key(read) is None:
        return bool(_FIGURES_AND_DOTS.fullmatch(read.strip()))
    several = len(levels) > 1
    return any(p == "0" or several and len(p) > 1 and p[0] == "0" or len(p) > 2 and (several or outline)
               for p in levels)


_FIGURES_AND_DOTS = re.compile(r"\d[\d.]*")


# The state of a sequence under a section's head: its first row is numbered 1.
_SECTION: Key = (0,)
# A section's head in a numbering column: a Roman number, or a part's capital letter ("B.", "D-").
_SECTION_HEAD = re.compile(r"(?:[IVX]+|[A-H])[.-]?")


def _opens_section(read: str) -> bool:
    head = read.strip()
    return bool(_SECTION_HEAD.fullmatch(head)) and (head[0] in "ABCDEFGH" or roman_value(head.rstrip(".-")) is not None)


def _undoubled(text: str) -> list[str]:
    """The text with a figure read twice read once: side by side ("55.2." for "5.2.") or
    over the dot after it ("5.52." for "5.2.")."""
    return [text[:i] + text[i + 1:] for i in range(1, len(text)) if text[i].isdigit() and (
        text[i - 1] == text[i] or i > 1 and text[i - 1] == "." and text[i - 2] == text[i])]


def _printed(key: Key, dot: bool = True) -> str:
    return ".".join(map(str, key)) + ("." if dot else "")


def _unread(text: str) -> bool:
    """A short reading that may be a row number misread ("SẼ", "l:", "và" for "2."): not a
    word of four letters or more in small letters ("Tổng"), a dash or bullet ("-"), or a
    section letter ("B-"), nor any numbering or its column's head ("TT")."""
    signs = [ch for ch in text if ch.isalnum()]
    # One letter alone is a row number misread when it is a figure's look-alike ("s" for
    # "5.") or carries a number's closing mark ("~k." for "2.1."); else it is an item's letter.
    one = len(signs) == 1 and (signs[0] in _LOOKALIKE_LETTERS or len(text) > 1 and text[-1] in ".:;")
    return (len(text) <= MAX_UNREAD and (len(signs) <= MAX_SHORT_WORD or not any(ch.islower() for ch in text))
            and (len(signs) >= 2 or one or any(ch.isdigit() for ch in signs)) and not is_numbering(text)
            and not is_numbering_header(text))


def _next_keys(key: tuple[int, ...]) -> list[tuple[int, ...]]:
    """The numbers that may come right after ``key``: its first child, the next at a level;
    none with a level 0 (after a section's head, _SECTION, only "1.")."""
    return [k for k in [key + (1,)] + [key[:i] + (key[i] + 1,) for i in range(len(key))] if 0 not in k]


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
