"""`tables.xlsx`: one sheet per table, laid out as printed, and a sheet of findings.

Header cells are merged as in the source; numbers are stored as numbers (the
printed string stays in tables.json); a flagged cell is filled by severity and
carries its findings as a comment, and each finding's row in the Findings sheet links
to it. Every sheet prints as an auditor files it: A4, header rows repeated on each
page, a wide table landscape and fitted to the page's width; headers frozen and
filterable.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Optional

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from ..model import COUNT_FROM, ColumnType, Finding, Report, Table
from ..number import decimals
from .atomic import atomic_path
from .names import printed_name

FILLS = {
    "error": PatternFill("solid", fgColor="FFC7CE"),
    "warning": PatternFill("solid", fgColor="FFEB9C"),
    "info": PatternFill("solid", fgColor="DDEBF7"),
}
_RANK = {"error": 0, "warning": 1, "info": 2}
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# Styles made once: a long report has tens of thousands of cells.
_BOLD = Font(bold=True)
_HEADER_ALIGN = Alignment(wrap_text=True, horizontal="center", vertical="center")
_TEXT_ALIGN = Alignment(wrap_text=True, vertical="top")
_NUMBER_ALIGN = Alignment(vertical="center")
_CAPTION_ROW = 1
_HEADER_TOP = 2
FINDINGS_SHEET = "Findings"
_SHEET_NAME_MAX = 31  # Excel's limit
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_names(tables: list[Table]) -> list[str]:
    """Short, unique, Excel-valid names: the table's printed name (names.py)."""
    names: list[str] = []
    used: set[str] = {FINDINGS_SHEET.lower()}
    for t in tables:
        base = _BAD_SHEET_CHARS.sub("-", printed_name(t)).strip("' ") or "Table"
        base = base[:_SHEET_NAME_MAX]
        name, n = base, 2
        while name.lower() in used:
            suffix = f" ({n})"
            name, n = base[: _SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
        used.add(name.lower())
        names.append(name)
    return names


def _findings_by_cell(findings: list[Finding], table: Table) -> dict[tuple[Optional[int], int], list[Finding]]:
    out: dict = defaultdict(list)
    for f in findings:
        if f.table == table.id:
            for col in f.columns:
                out[(f.row, col)].append(f)
    return out


def _flag(cell, findings: list[Finding]) -> None:
    worst = min(findings, key=lambda f: _RANK[f.severity])
    cell.fill = FILLS[worst.severity]
    text = "\n\n".join(f"[{f.severity}/{f.verdict}] {f.message_vi}\n{f.message_en}" for f in findings)
    comment = Comment(text, "dvc-extract")
    comment.width, comment.height = 420, 60 + 60 * len(findings)
    cell.comment = comment


def _number_format(table: Table, cell) -> str:
    """Counts with thousands grouping; rates with the decimals they were printed with."""
    column_type = table.column_types[cell.col] if cell.col < len(table.column_types) else ""
    if column_type == ColumnType.COUNT:
        return "#,##0"
    places = decimals(cell.text or "")
    if column_type == ColumnType.RATE or places:
        return "0." + "0" * places if places else "0"
    return "General"


class _Placer:
    """Writes cells and their merges, never into a slot already taken: a grid with an
    overlapping span (a structure slip) still gives a readable sheet, not an error."""

    def __init__(self, ws):
        self.ws, self.taken = ws, set()

    def put(self, r: int, k: int, value, row_span: int = 1, col_span: int = 1):
        if (r, k) in self.taken:
            return None
        xc = self.ws.cell(r, k, value)
        slots = {(r + i, k + j) for i in range(max(row_span, 1)) for j in range(max(col_span, 1))}
        if len(slots) > 1 and not (slots & self.taken):
            self.ws.merge_cells(start_row=r, start_column=k, end_row=r + row_span - 1, end_column=k + col_span - 1)
            self.taken |= slots
        else:
            self.taken.add((r, k))
        return xc


# A table wider than this (in characters of its columns' widths) prints landscape.
LANDSCAPE_WIDTH = 110


def _print_setup(ws, title_rows: str, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # as many pages down as it takes
    ws.print_title_rows = title_rows


def _write_table(ws, table: Table, findings: list[Finding]) -> dict[tuple[int, int], str]:
    """The table laid out on ``ws``; returns where each body cell went ((row, col) → C5)."""
    flagged = _findings_by_cell(findings, table)
    place = _Placer(ws)
    place.put(_CAPTION_ROW, 1, table.caption or table.id).font = _BOLD

    # Header: as printed (with spans) when the structure stage kept it, else the paths.
    header_rows = 1
    header_pos: dict[int, tuple[int, int]] = {}  # col -> bottom-most header cell (row, col)
    if table.header:
        header_rows = max(c.row + c.row_span for c in table.header)
        for c in sorted(table.header, key=lambda c: (c.row, c.col)):
            r, k = _HEADER_TOP + c.row, 1 + c.col
            if place.put(r, k, c.text, c.row_span, c.col_span) is not None:
                if c.col not in header_pos or header_pos[c.col][0] < r:
                    header_pos[c.col] = (r, k)
    else:
        for i, name in enumerate(table.columns):
            place.put(_HEADER_TOP, 1 + i, name)
            header_pos[i] = (_HEADER_TOP, 1 + i)
    for r in range(_HEADER_TOP, _HEADER_TOP + header_rows):
        for k in range(1, len(table.columns) + 1):
            xc = ws.cell(r, k)
            xc.font, xc.fill, xc.border = _BOLD, _HEADER_FILL, _BORDER
            xc.alignment = _HEADER_ALIGN
    for (row, col), fs in flagged.items():
        if row is None and col in header_pos:
            _flag(ws.cell(*header_pos[col]), fs)

    first = _HEADER_TOP + header_rows
    at: dict[tuple[int, int], str] = {}
    widths = [len(p) * 0.6 for p in table.columns]
    for i, row in enumerate(table.rows):
        r = first + i
        for cell in sorted(row.cells, key=lambda c: c.col):
            if not 0 <= cell.col < len(table.columns):
                continue
            value = cell.value if cell.value is not None else (cell.text or None)
            # A cell merged down or across in the source (Bảng 8's "24,16%") stays merged.
            row_span = min(cell.row_span, len(table.rows) - i)
            xc = place.put(r, 1 + cell.col, value, row_span, cell.col_span)
            if xc is None:
                continue
            at[(i, cell.col)] = xc.coordinate
            xc.border = _BORDER
            if row.is_total:
                xc.font = _BOLD
            if cell.value is None:
                xc.alignment = _TEXT_ALIGN
                widths[cell.col] = max(widths[cell.col], min(len(cell.text), 60))
            else:
                xc.alignment = _NUMBER_ALIGN
                widths[cell.col] = max(widths[cell.col], len(cell.raw_text or "") + 2)
                xc.number_format = _number_format(table, cell)
            if (i, cell.col) in flagged:
                _flag(xc, flagged[(i, cell.col)])
    widths = [max(8, min(w, 60)) for w in widths]
    for k, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(k)].width = w
    ws.freeze_panes = ws.cell(first, 1)
    last_col = get_column_letter(max(1, len(table.columns)))
    ws.auto_filter.ref = f"A{first - 1}:{last_col}{max(first, first + len(table.rows) - 1)}"
    _print_setup(ws, f"{_CAPTION_ROW}:{first - 1}", landscape=sum(widths) > LANDSCAPE_WIDTH)
    return at


_FINDING_COLUMNS = ["severity", "verdict", "rule", "cause", "table", "row", "columns", "claim",
                    "stated", "recomputed", "difference", "page", "message_vi", "message_en"]


def _write_findings(ws, findings: list[Finding], cells: dict[str, tuple[str, dict]]) -> None:
    """One row per finding; its message links to the flagged cell (``cells``: table id →
    its sheet's name and where each of its cells went)."""
    ws.append(_FINDING_COLUMNS)
    for c in ws[1]:
        c.font = _BOLD
    # The row is counted here: openpyxl's max_row looks at every cell, each time it is asked.
    for r, f in enumerate(findings, start=2):
        ws.append([
            f.severity, f.verdict, f.rule, f.cause, f.table,
            None if f.row is None else f.row + COUNT_FROM,
            ", ".join(str(c + COUNT_FROM) for c in f.columns), f.claim,
            f.stated, f.recomputed, f.difference,
            ", ".join(sorted({str(e.page) for e in f.evidence})),
            f.message_vi, f.message_en,
        ])
        ws.cell(r, 1).fill = FILLS[f.severity]
        sheet, at = cells.get(f.table, (None, {}))
        target = next((at[(f.row, c)] for c in f.columns if (f.row, c) in at), None)
        if sheet is not None and target is not None:
            for k in (_FINDING_COLUMNS.index("message_vi") + 1, _FINDING_COLUMNS.index("message_en") + 1):
                link = ws.cell(r, k)
                link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheet}'!{target}")
                link.style = "Hyperlink"
    for letter, width in (("M", 80), ("N", 80), ("H", 30)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(_FINDING_COLUMNS))}{max(2, len(findings) + 1)}"
    _print_setup(ws, "1:1", landscape=True)  # its two message columns are 80 wide each


def build(report: Report) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    cells = {}
    for table, name in zip(report.tables, sheet_names(report.tables)):
        cells[table.id] = (name, _write_table(wb.create_sheet(name), table, report.findings))
    _write_findings(wb.create_sheet(FINDINGS_SHEET), report.findings, cells)
    return wb


def write(report: Report, outdir: Path) -> Path:
    target = Path(outdir) / "tables.xlsx"
    with atomic_path(target) as tmp:
        build(report).save(tmp)
    return target
