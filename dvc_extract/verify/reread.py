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
  own confusions, which a second reading repeats;
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
from ..number import parse_number
from ..scan import reread_figure
from ..settings import Settings
from .evidence import cell_finding
from .tally import DISCARD, Tally

Checks = Callable[[Report, Settings], list[Finding]]


def _key(f: Finding) -> tuple:
    return (f.rule, f.table, f.row, tuple(f.columns))


def _cells(table: Table, evidence: list[Evidence]) -> list[tuple[int, Cell]]:
    """The table's cells (with their row index) whose boxes the finding's evidence names."""
    boxes = {(e.page, tuple(e.bbox)) for e in evidence}
    return [(i, c) for i, row in enumerate(table.rows) for c in row.cells if (c.page, tuple(c.bbox)) in boxes]


# The one rule that looks across tables; every other rule decides a table by its own figures.
_ACROSS = "cross-table"


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


def weigh(report: Report, findings: list[Finding], checks: Checks, settings: Settings,
          tally: Tally = DISCARD) -> list[Finding]:
    """The findings with their cause weighed by reading their OCR cells again (see above);
    each OCR cell a finding rests on is one check of rule ``cell-reread``."""
    tables = {t.id: t for t in report.tables}
    pages = {p.number: p for p in report.document.pages}
    readings: dict[tuple, tuple[str, Optional[float], float]] = {}
    out: list[Finding] = []
    misread: dict[tuple, tuple[Table, int, Cell, str]] = {}
    standing: list[tuple[Finding, Table, list, str]] = []
    weighed: set[tuple] = set()
    for f in findings:
        table = tables.get(f.table) if f.table else None
        if table is None or f.verdict == "unreadable":
            out.append(f)
            continue
        cells = _cells(table, f.evidence)
        ocr = [(i, c) for i, c in cells if c.source == "ocr"]
        weighed.update((table.id, c.page, tuple(c.bbox)) for _, c in ocr)
        if not ocr:
            out.append(replace(f, cause="source"))
            continue
        others, unread = [], False
        for i, c in ocr:
            page = pages.get(c.page)
            if page is None or page.ocr_image is None:
                unread = True
                continue
            if (c.page, c.bbox) not in readings:
                text, conf = reread_figure(page, c.bbox, settings)
                page.ocr_image.release()
                kind = table.column_types[c.col] if c.col < len(table.column_types) else None
                read_as = kind if kind in (ColumnType.COUNT, ColumnType.RATE) else ColumnType.COUNT
                readings[(c.page, c.bbox)] = (text.strip(), parse_number(text, read_as).value, conf)
            text, value, _ = readings[(c.page, c.bbox)]
            if value is not None and value != c.value:
                others.append((i, c, text, value))
        # a cell read below the threshold, then alike and with confidence alone, is no doubt
        sure = {k for k, (_, value, conf) in readings.items() if conf >= settings.min_cell_confidence}
        low = [(i, c) for i, c in ocr if c.confidence < settings.min_cell_confidence
               and not ((c.page, c.bbox) in sure and readings[(c.page, c.bbox)][1] == c.value)]
        if not others and f.rule in _ASKS and f.recomputed is not None:
            # the figure the relation asks of a cell is its other reading when it is an OCR slip
            # of what was read: any slip of a lone cell read without confidence, a look-alike
            # ("1" for "11", "8" for "3") of one read with it
            first = (f.evidence[0].page, tuple(f.evidence[0].bbox))
            for i, c in ocr:
                own = c.col in f.columns and (c.page, tuple(c.bbox)) == first
                if c.value is None or not (own or f.rule in _SUMS):
                    continue
                value = f.recomputed if own else c.value + (f.stated - f.recomputed)
                if value < 0:
                    if low == [(i, c)] and f.rule in _SUMS:
                        low = []  # no reading of the doubtful cell makes the sum: it is not the cause
                    continue
                if _slips(c.text, _printed(value)) <= _MAX_SLIPS if low == [(i, c)] else \
                        _look_alike(c.text, _printed(value)):
                    others.append((i, c, _printed(value), value))
        if not others:
            out.append(replace(f, cause="ocr" if unread or low else "source"))
            continue
        for i, c, text, value in others:
            again = checks(_with_value(report, table, c, text, value, f.rule == _ACROSS), settings)
            if _key(f) not in {_key(g) for g in again}:
                misread.setdefault((table.id, c.page, c.bbox), (table, i, c, text))
                break
        else:
            standing.append((f, table, others, "ocr" if unread or low else "source"))
    for f, table, others, cause in standing:
        # the finding stands whatever its cells read; a cell another finding showed misread
        # is read right the second time, and is no doubt of this one
        others = [o for o in others if misread.get((table.id, o[1].page, o[1].bbox), (0,) * 4)[3] != o[2]]
        if not others:
            out.append(replace(f, cause=cause))
            continue
        read = "; ".join(f"“{c.text}” → “{text}”" for _, c, text, _ in others)
        out.append(replace(f, cause="ocr", message_vi=f.message_vi + f" (Đọc lại: {read}.)",
                           message_en=f.message_en + f" (Read again: {read}.)"))
    for table, i, c, text in misread.values():
        # every finding the other reading explains goes with the misreading
        value = parse_number(text, ColumnType.RATE if "," in text else ColumnType.COUNT).value
        across = any(g.table == table.id and g.rule == _ACROSS for g in out)
        again = {_key(g) for g in checks(_with_value(report, table, c, text, value, across), settings)}
        out = [g for g in out if g.table != table.id or _key(g) in again
               or not any((e.page, tuple(e.bbox)) == (c.page, tuple(c.bbox)) for e in g.evidence)
               or g.verdict == "unreadable"]
        out.append(_misread(table, i, c, text))
    for table_id, *_ in weighed:
        tally.add(table_id, "cell-reread")
    return out


# An other reading is an OCR slip of the first: at most this many digits dropped, added or
# changed, the length off by one at most ("4" for "57", "8" for "81"); a figure further from
# what was read ("31" for "8.031") is no misreading of it.
_MAX_SLIPS = 2


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
_SUMS = {"table-sum", "total-row-sum", "row-sum"}
_ASKS = _SUMS | {"row-numbering"}
# Digits the OCR reads one for the other at a scan's resolution.
_LOOK_ALIKE = [{"3", "8"}, {"1", "7"}]


def _look_alike(read: str, other: str) -> bool:
    """``other`` is ``read`` with one "1" of a pair given back ("1" for "11": the OCR merges
    two narrow glyphs) or one digit read as its look-alike ("8" for "3")."""
    a, b = [ch for ch in read if ch.isdigit()], [ch for ch in other if ch.isdigit()]
    if len(b) == len(a) + 1:
        return any(b[:k] + b[k + 1:] == a and b[k] == b[k - 1] == "1" for k in range(1, len(b)))
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(a) == len(b) and len(diff) == 1 and set(diff[0]) in _LOOK_ALIKE


def _printed(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".") if float(value).is_integer() else f"{value:.2f}".replace(".", ",")


def _misread(table: Table, row: int, cell: Cell, text: str) -> Finding:
    return cell_finding(
        "cell-reread", table, row, cell,
        f"Ô dòng {row + 1}, cột {cell.col + 1} của bảng {table.id} đọc được “{cell.text}”, đọc lại "
        f"được “{text}”; với “{text}” các số liệu khớp nhau. Cần đối chiếu bản gốc.",
        f"Cell at row {row + 1}, column {cell.col + 1} of table {table.id} was read “{cell.text}” and, "
        f"read again, “{text}”; with “{text}” the figures agree. Check the original.")
