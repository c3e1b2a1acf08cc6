"""Findings on scanned cells: a misreading is no accusation.

A table finding whose cells were read by OCR is weighed once more: each of its OCR cells is
read again alone (``scan.reread_figure``: one line, digits only, another segmentation than the
page pass, enlarged while unsure). Then

- a second reading that differs, and with which the table's checks no longer give the
  finding, shows the finding was a misreading: it is replaced by one ``unreadable`` finding
  on that cell (cause ``ocr``) that gives both readings;
- when every cell reads the same twice, the arithmetic fails on what is printed: cause
  ``source`` (a cell read below ``min_cell_confidence`` keeps its own ``unreadable`` finding);
  a cell read below it whose second reading differs or fails leaves the cause ``ocr``;
- a sum whose one cell read without confidence (below ``min_cell_confidence``) is the only
  doubt gives that cell the figure the sum asks of it; when that figure is an OCR slip of
  what was read (two digits at most dropped, added or changed, the length off by one at most:
  "4" for "57", never "31" for "8.031") and leaves the table consistent, it is reported the same way, as the cell's
  other reading; so is the figure a sum or the row numbering asks of a cell read with
  confidence when it is a look-alike of the reading ("1" for "11", "8" for "3"): the OCR's
  own confusions, which a second reading repeats; a rate or a figure printed in two tables
  asks nothing of one cell, so each look-alike reading of each of its cells is tried, and the
  one that alone explains the finding is reported so;
- a finding across tables (a figure printed twice, a sum across tables) weighs the cells of
  every table its evidence names, and a misreading takes with it every finding it explains, in
  its table or across;
- a finding that stands whatever its cells read keeps the cause above when the cells it
  reads two ways are those another finding showed misread (a row number "1" read again
  "11": the "121" after it is still mistyped);
- otherwise the finding stays, cause ``ocr``, with the other readings in its message.

Pages without their image (a tables.json verified again) keep the cause their cells' source gives.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Optional

from ..model import Cell, ColumnType, Evidence, Finding, Report, Table
from ..number import decimals, parse_number
from ..scan import bordered, glyphs, reread_figure
from ..settings import Settings
from .evidence import cell_finding
from .tally import DISCARD, Tally

Checks = Callable[[Report, Settings], list[Finding]]


def _key(f: Finding) -> tuple:
    return (f.rule, f.table, f.row, tuple(f.columns))


def _cells(tables: list[Table], evidence: list[Evidence]) -> list[tuple[Table, int, Cell]]:
    """The cells of ``tables`` (with their table and row index) whose boxes the finding's evidence names."""
    boxes = {(e.page, tuple(e.bbox)) for e in evidence}
    return [(t, i, c) for t in tables for i, row in enumerate(t.rows) for c in row.cells
            if (c.page, tuple(c.bbox)) in boxes]


# The rules that look across tables; every other rule decides a table by its own figures.
_ACROSS = {"cross-table", "cross-table-sum"}


def _with_value(report: Report, table: Table, cell: Cell, text: str, value: float, across: bool) -> Report:
    """The report with the cell read as ``text``; with only that table unless the findings to
    decide look ``across`` tables: checking the whole report for each cell read again would
    grow with the square of its tables."""
    tables = []
    for t in report.tables:
        if t is table:
            rows = [replace(r, cells=[replace(c, text=text, value=value) if c is cell else c for c in r.cells])
                    for r in t.rows]
            t = replace(t, rows=rows)
        if t.id == table.id or across:
            tables.append(t)
    return replace(report, tables=tables, findings=[])


def _with_values(report: Report, misread) -> Report:
    """The report with every misread cell read as its other reading."""
    other = {id(c): text for _, _, c, text, _ in misread}
    tables = []
    for t in report.tables:
        if any(id(c) in other for r in t.rows for c in r.cells):
            t = replace(t, rows=[replace(r, cells=[_read(c, other[id(c)]) if id(c) in other else c for c in r.cells])
                                 for r in t.rows])
        tables.append(t)
    return replace(report, tables=tables, findings=[])


def _read(cell: Cell, text: str) -> Cell:
    value = parse_number(text, ColumnType.RATE if "," in text else ColumnType.COUNT).value
    return replace(cell, text=text, value=value)


def weigh(report: Report, findings: list[Finding], checks: Checks, settings: Settings,
          tally: Tally = DISCARD) -> list[Finding]:
    """The findings with their cause weighed by reading their OCR cells again (see above);
    each OCR cell a finding rests on is one check of rule ``cell-reread``."""
    tables = {t.id: t for t in report.tables}
    pages = {p.number: p for p in report.document.pages}
    readings: dict[tuple, tuple[str, Optional[float], float]] = {}
    out: list[Finding] = []
    misread: dict[tuple, tuple[Table, int, Cell, str]] = {}
    standing: list[tuple[Finding, list, str]] = []
    weighed: set[tuple] = set()
    known = {_key(g) for g in findings}
    shown = _glyph_counts(pages)
    for f in findings:
        table = tables.get(f.table) if f.table else None
        if table is None or f.verdict == "unreadable":
            out.append(f)
            continue
        across = f.rule in _ACROSS
        cells = _cells(list(tables.values()) if across else [table], f.evidence)
        ocr = [(t, i, c) for t, i, c in cells if c.source == "ocr"]
        weighed.update((t.id, c.page, tuple(c.bbox)) for t, _, c in ocr)
        if not ocr:
            out.append(replace(f, cause="source"))
            continue
        others, unread = [], False
        for t, i, c in ocr:
            page = pages.get(c.page)
            if page is None or page.ocr_image is None:
                unread = True
                continue
            if (c.page, c.bbox) not in readings:
                text, conf = reread_figure(page, c.bbox, settings, bordered(page, c.bbox), vouch=False)
                page.ocr_image.release()
                readings[(c.page, c.bbox)] = (text.strip(), parse_number(text, _read_as(t, c)).value, conf)
            text, value, _ = readings[(c.page, c.bbox)]
            # A reading the scan stage had and gave back from the cell's column ("1" between
            # "10" and "12" read "11") is no other reading: the ink says it again, nothing new.
            if value is not None and value != c.value and _bare(text) != _bare(c.raw_text) \
                    and not _coarser(t, c, text):
                others.append((t, i, c, text, value))
        # a cell read below the threshold, then alike and with confidence alone, is no doubt
        sure = {k for k, (_, value, conf) in readings.items() if conf >= settings.min_cell_confidence}
        low = [(t, i, c) for t, i, c in ocr if c.confidence < settings.min_cell_confidence
               and not ((c.page, c.bbox) in sure and readings[(c.page, c.bbox)][1] == c.value)]
        if not others and f.rule in _ASKS | _TWICE and f.recomputed is not None:
            # the figure the relation asks of a cell is its other reading when it is an OCR slip
            # of what was read: any slip of a lone cell read without confidence, a look-alike
            # ("1" for "11", "8" for "3") of one read with it
            first = (f.evidence[0].page, tuple(f.evidence[0].bbox))
            for t, i, c in ocr:
                own = c.col in f.columns and (c.page, tuple(c.bbox)) == first
                if c.value is None or not (own or f.rule in _SUMS | _TWICE):
                    continue
                value = f.recomputed if own else f.stated if f.rule in _TWICE else c.value + (f.stated - f.recomputed)
                if value < 0:
                    if low == [(t, i, c)] and f.rule in _SUMS:
                        low = []  # no reading of the doubtful cell makes the sum: it is not the cause
                    continue
                if (_slips(c.text, _printed(value)) <= _MAX_SLIPS if low == [(t, i, c)] else
                        _look_alike(c.text, _printed(value))) and _room(shown, c, _printed(value)):
                    others.append((t, i, c, _printed(value), value))
        after = {id(o): {_key(g) for g in checks(_with_value(report, o[0], o[2], o[3], o[4], across), settings)}
                 for o in others}
        explained = [o for o in others if _key(f) not in after[id(o)]]
        # Of two readings that explain it (a total "…781" or its part "…787"), the one that
        # breaks nothing else the table holds (the total is another total's part too).
        quiet = [o for o in explained if after[id(o)] <= known]
        explained = quiet if len(quiet) == 1 else explained
        if not explained and f.rule not in _ASKS:
            # a rate or a figure printed twice asks nothing one cell can give back: each look-alike
            # reading of each cell is tried, and the one that alone explains the finding is its other reading
            tried = [(t, i, c, text, value) for t, i, c in ocr if c.value is not None
                     for text, value in _look_alikes(c, t, shown) if _room(shown, c, text)
                     and _key(f) not in {_key(g) for g in checks(_with_value(report, t, c, text, value, across),
                                                                  settings)}]
            explained = tried if len(tried) == 1 else []
        if explained:
            t, i, c, text, _ = explained[0]
            read_again = text == readings.get((c.page, c.bbox), ("",))[0]
            misread.setdefault((t.id, c.page, c.bbox), (t, i, c, text, read_again))
        elif others:
            standing.append((f, others, "ocr" if unread or low else "source"))
        else:
            out.append(replace(f, cause="ocr" if unread or low else "source"))
    for f, others, cause in standing:
        # the finding stands whatever its cells read; a cell another finding showed misread
        # is read right the second time, and is no doubt of this one
        others = [o for o in others if misread.get((o[0].id, o[2].page, o[2].bbox), (0,) * 4)[3] != o[3]]
        if not others:
            out.append(replace(f, cause=cause))
            continue
        read = "; ".join(f"“{c.text}” → “{text}”" for _, _, c, text, _ in others)
        out.append(replace(f, cause="ocr", message_vi=f.message_vi + f" (Đọc lại: {read}.)",
                           message_en=f.message_en + f" (Read again: {read}.)"))
    if misread:
        # every finding the other readings explain, together (a row read with two cells
        # wrong), goes with the misreadings, in their table or across
        again = {_key(g) for g in checks(_with_values(report, misread.values()), settings)}
        boxes = {(c.page, tuple(c.bbox)) for _, _, c, _, _ in misread.values()}
        out = [g for g in out if g.verdict == "unreadable" or _key(g) in again
               or not any((e.page, tuple(e.bbox)) in boxes for e in g.evidence)]
        out += [_misread(table, i, c, text, read_again) for table, i, c, text, read_again in misread.values()]
    for table_id, *_ in weighed:
        tally.add(table_id, "cell-reread")
    return out


# An other reading is an OCR slip of the first: at most this many digits dropped, added or
# changed, the length off by one at most ("4" for "57", "8" for "81"); a figure further from
# what was read ("31" for "8.031") is no misreading of it.
_MAX_SLIPS = 2


def _glyph_counts(pages: dict) -> Callable[[Cell], Optional[int]]:
    """The glyphs a cell's ink shows (``scan.glyphs``), counted once per cell."""
    counts: dict[tuple, Optional[int]] = {}

    def shown(cell: Cell) -> Optional[int]:
        key = (cell.page, tuple(cell.bbox))
        if key not in counts:
            page = pages.get(cell.page)
            counts[key] = glyphs(page, cell.bbox, bordered(page, cell.bbox)) if page is not None else None
        return counts[key]
    return shown


def _room(shown: Callable[[Cell], Optional[int]], cell: Cell, other: str) -> bool:
    """Whether the cell's ink has room for ``other``: a digit the OCR lost is still on the
    page, so a reading with more digits than the ink shows glyphs is no misreading of it."""
    if _count_digits(other) <= _count_digits(cell.text):
        return True
    n = shown(cell)
    return n is None or n >= _count_digits(other)


def _coarser(table: Table, cell: Cell, text: str) -> bool:
    """A rate read again with fewer decimals than first ("47" for "47.8"): it agrees with
    any figure its rounding covers, so it explains nothing."""
    return _read_as(table, cell) == ColumnType.RATE and decimals(text) < decimals(cell.text)


def _count_digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _bare(text: Optional[str]) -> str:
    return "".join((text or "").split())


def _slips(read: str, other: str) -> int:
    """How many digits one must drop, add or change to turn one reading into the other."""
    a, b = [ch for ch in read if ch.isdigit()], [ch for ch in other if ch.isdigit()]
    if abs(len(a) - len(b)) > 1:
        return max(len(a), len(b))  # OCR drops or splits a digit, not a number's magnitude
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


# Relations whose one unknown cell the arithmetic gives back: a total and its parts; and
# the row number the numbering around it asks.
_SUMS = {"table-sum", "total-row-sum", "row-sum", "cross-table-sum"}
_ASKS = _SUMS | {"row-numbering"}
# A figure printed twice: each printing asks the other's figure of a lone doubtful cell.
_TWICE = {"cross-table"}
# Digits the OCR reads one for the other at a scan's resolution.
_LOOK_ALIKE = [{"3", "8"}, {"1", "7"}]


def _look_alike(read: str, other: str) -> bool:
    """``other`` is ``read`` with one "1" given back (the narrowest glyph, the one the OCR
    loses: "8" for "81", "1" for "11") or one digit read as its look-alike ("8" for "3")."""
    a, b = [ch for ch in read if ch.isdigit()], [ch for ch in other if ch.isdigit()]
    if len(b) == len(a) + 1:
        return any(b[:k] + b[k + 1:] == a and b[k] == "1" for k in range(len(b)))
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(a) == len(b) and len(diff) == 1 and set(diff[0]) in _LOOK_ALIKE


def _look_alikes(cell: Cell, table: Table, shown: Callable[[Cell], Optional[int]]) -> list[tuple[str, float]]:
    """The readings of a cell's figure that are look-alikes of what was read, as (text, value);
    with a digit fewer where the cell's ink shows fewer glyphs than the reading has digits
    ("99.777" where "99,77" is printed)."""
    read_as = _read_as(table, cell)
    out = [(v, value) for v, value in look_alike_readings(cell.text, read_as) if value != cell.value]
    n = shown(cell)
    if n is not None and n < _count_digits(cell.text):
        text = cell.text.strip()
        fewer = {text[:k] + text[k + 1:] for k, ch in enumerate(text) if ch.isdigit()}
        out += [(v, value) for v in sorted(fewer) if (value := parse_number(v, read_as).value) is not None
                and value != cell.value]
    return out


def look_alike_readings(text: str, read_as: ColumnType = ColumnType.COUNT) -> list[tuple[str, float]]:
    """The readings of a printed figure that are OCR look-alikes of it (a "1" lost, "8" for
    "3", "7" for "1"), as (text, value)."""
    text = text.strip()
    swap = {x: y for pair in _LOOK_ALIKE for x, y in (tuple(pair), tuple(pair)[::-1])}
    variants = {text[:k] + "1" + text[k:] for k in range(len(text) + 1)}
    variants |= {text[:k] + swap[ch] + text[k + 1:] for k, ch in enumerate(text) if ch in swap}
    read = parse_number(text, read_as).value
    out = []
    for v in sorted(variants - {text}):
        value = parse_number(v, read_as).value
        if value is not None and value != read and _look_alike(text, v):
            out.append((v, value))
    return out


def _read_as(table: Table, cell: Cell) -> ColumnType:
    """How a figure of the cell's column is read: as a rate in a rate column, else a count."""
    kind = table.column_types[cell.col] if cell.col < len(table.column_types) else None
    return kind if kind in (ColumnType.COUNT, ColumnType.RATE) else ColumnType.COUNT


def _printed(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".") if float(value).is_integer() else f"{value:.2f}".replace(".", ",")


def _misread(table: Table, row: int, cell: Cell, text: str, read_again: bool) -> Finding:
    # What was read again is said so; a reading only the figures ask for, one OCR slip from
    # what was read ("1" for "11"), is said to be that, not passed off as read.
    vi = f"đọc lại được “{text}”" if read_again else f"có thể là “{text}” (một lỗi nhận dạng thường gặp)"
    en = f" and, read again, “{text}”" if read_again else f"; it may be “{text}” (a common OCR slip)"
    return cell_finding(
        "cell-reread", table, row, cell,
        f"Ô dòng {row + 1}, cột {cell.col + 1} của bảng {table.id} đọc được “{cell.text}”, {vi}; "
        f"với “{text}” các số liệu khớp nhau. Cần đối chiếu bản gốc.",
        f"Cell at row {row + 1}, column {cell.col + 1} of table {table.id} was read “{cell.text}”{en}; "
        f"with “{text}” the figures agree. Check the original.")
