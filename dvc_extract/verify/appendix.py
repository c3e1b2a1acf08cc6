"""A letter's figure against the appendix table it cites: the column the figure sums up.

    "Trong quý III/2018, toàn tỉnh thực hiện việc gửi, nhận 67.309 văn bản điện tử; trong đó gửi
    liên thông 17.695 văn bản, nhận và xử lý liên thông 49.614 văn bản điện tử … (có Phụ lục 1
    kèm theo)."  against "PHỤ LỤC 1 Thống kê kết quả sử dụng văn bản điện tử …", whose columns
    "GỬI LIÊN THÔNG" and "NHẬN LIÊN THÔNG" add up, over its 34 units, to 17.695 and 49.614.

A letter summarises its appendix without saying "tổng số" (quotes.py needs that word, or a
unit's name, to know which cell is quoted), and the appendix often prints no total row. A
figure is paired with a column only where nothing else can be meant, since a wrong pairing
would be a false alarm:

- the sentence cites the appendix by its number ("Phụ lục 1", "Phụ lục số II"), and the table
  is captioned so; the periods the sentence and the table (caption and header) name agree;
- the table is not captioned as some units only ("cao nhất", "một số", "10 đơn vị");
- every word of the column's header is among the words of the figure (from the figure before
  it, or its clause's start, to the noun after it), and the header names more than that noun
  (a column "Hồ sơ" beside "Trực tuyến" says not which files); the figure's other words name no other
  column of the table, and none of them qualifies what is counted ("không", "quá hạn", "trực
  tuyến", "trên", …: a part of the column, not the column); exactly one column is so named,
  and by one figure of the sentence only;
- the column sums up to one figure: its table's only total row, or, with no total row, the
  sum of its rows, each a unit's (a label, no subtotal: plain row numbers, no "Trong đó"),
  each printing a whole number or a dash.

A figure the quote rule pairs already (a total row said "tổng số") is its. Scanned pages and
cells read by OCR are left out: a misread digit is no inconsistency of the report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..labels import row_label
from ..model import Cell, ColumnType, Report, Table, TextBlock, join_path
from ..typed import get
from .quotes import clauses, find_quotes, period_of, prose_figures, quantity_words, same_period

# "Phụ lục 1", "Phụ lục số II", "PHỤ LỤC I": an appendix and its number.
_APPENDIX = r"ph[ụu]\s*l[ụu]c\s+(?:số\s+)?(?P<n>[IVXLC]+|\d{1,2})(?![\w/])"
_CITED = re.compile(rf"\b{_APPENDIX}", re.IGNORECASE)
_CAPTIONED = re.compile(rf"^\s*{_APPENDIX}", re.IGNORECASE)
# The letter an appendix goes with, named under its caption: a reference, not a period.
_ATTACHED = re.compile(r"\(\s*kèm\s+theo[^)]*\)", re.IGNORECASE)
# Where a sentence ends.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐ\-+•(])")
# Words that make a figure a part of a column, or another quantity: a negation, a deadline, a
# channel, a comparison, an approximation.
_QUALIFIERS = frozenset(
    "không chưa còn trừ ngoài riêng khác trễ quá hạn đúng trước sớm tồn tăng giảm mới thêm hơn dưới trên "
    "gần khoảng chỉ mỗi bình quân trung cao thấp nhất lũy kế một phần toàn trình trực tuyến tiếp giấy".split())
# A row that is no unit of the column's sum: a subtotal, a breakdown, a section heading.
_NOT_UNIT = re.compile(r"^\s*(?:trong\s+đó|cộng|tổng|toàn\s+tỉnh|[IVX]+[.)]|[a-zđ]\))", re.IGNORECASE)
_DASH = re.compile(r"^\s*[-–—]?\s*$")
# A caption of some units only: the highest, the lowest, those that have something, a number of them.
_PARTIAL = re.compile(r"\b(?:cao\s+nhất|thấp\s+nhất|nhiều\s+nhất|ít\s+nhất|một\s+số|tiêu\s+biểu|điển\s+hình|"
                      r"top|xếp\s+hạng|các\s+đơn\s+vị\s+có|\d+\s+(?:đơn\s+vị|cơ\s+quan|sở|huyện|xã))\b", re.IGNORECASE)


@dataclass(frozen=True)
class AppendixFigure:
    """A letter's figure and the appendix column it sums up."""
    stated: float
    text: str                 # the clause's words to the figure, for the evidence
    block: TextBlock
    table: Table
    col: int
    cells: list[Cell]         # the total row's cell, or every cell summed
    recomputed: float
    total_row: Optional[int]  # the total row, or None: the column's sum


def _number(n: str) -> int:
    if n.isdigit():
        return int(n)
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    digits = [values[ch] for ch in n.upper()]
    return sum(-d if k + 1 < len(digits) and d < digits[k + 1] else d for k, d in enumerate(digits))


def _appendices(report: Report) -> dict[int, list[Table]]:
    out: dict[int, list[Table]] = {}
    for table in report.tables:
        kind = get(table.kind)
        if kind is not None and kind.rows == "indicator":
            continue  # rows are quantities there, not units: no column sums them up
        m = _CAPTIONED.match(table.caption or "")
        if m:
            out.setdefault(_number(m["n"]), []).append(table)
    return out


def _sum(table: Table, col: int) -> Optional[tuple[float, list[Cell], Optional[int]]]:
    """What the column sums up to: its total row's cell, or the sum of its unit rows."""
    totals = [i for i, row in enumerate(table.rows) if row.is_total]
    if len(totals) > 1:
        return None
    if totals:
        cell = next((c for c in table.rows[totals[0]].cells if c.col == col and c.value is not None), None)
        return None if cell is None or cell.source != "text-layer" else (cell.value, [cell], totals[0])
    numbering = [j for j, t in enumerate(table.column_types) if t == ColumnType.NUMBERING]
    total, cells = 0.0, []
    for row in table.rows:
        label = row_label(table, row)
        if not label or _NOT_UNIT.match(label):
            return None
        if any(c.col in numbering and not re.fullmatch(r"\s*\d+\.?\s*", c.text) for c in row.cells):
            return None  # "1.1", "a": a breakdown of the row above, counted twice in a sum
        cell = next((c for c in row.cells if c.col == col), None)
        if cell is None or cell.source != "text-layer":
            return None
        if cell.value is None:
            if not _DASH.match(cell.text):
                return None
            continue
        if not float(cell.value).is_integer():
            return None  # amounts printed rounded: their sum is no exact figure
        total += cell.value
        cells.append(cell)
    return (total, cells, None) if cells else None


def _candidates(tables: list[Table], said: frozenset[str], noun: frozenset[str], period) -> list[tuple[Table, int]]:
    out = []
    for table in tables:
        scope = _ATTACHED.sub(" ", table.caption or "")
        if _PARTIAL.search(scope):
            continue  # some units only: their sum is not the letter's figure
        headers = {j: quantity_words(join_path(table.column_paths[j]), False)
                   for j, t in enumerate(table.column_types)
                   if t == ColumnType.COUNT and j < len(table.column_paths)
                   and not (j < len(table.column_units) and table.column_units[j] is not None)}
        for j, words in headers.items():
            if not words - noun or not words <= said:
                continue  # a header naming only what is counted ("Hồ sơ") says not which of them
            extra = said - words
            others = frozenset().union(*(w for k, w in headers.items() if k != j)) - words
            if extra & (others | _QUALIFIERS):
                continue
            if same_period(period, period_of(" ".join([scope, join_path(table.column_paths[j])]))):
                out.append((table, j))
    return out


def find_appendix_figures(report: Report) -> list[AppendixFigure]:
    """Every figure of a sentence citing an appendix, paired with certainty with the column it sums up."""
    appendices = _appendices(report)
    if not appendices:
        return []
    scanned = report.document.ocr_pages
    quoted = {(id(q.block), q.table.id, q.cell.col) for q in find_quotes(report)}
    out = []
    for block in report.prose:
        if block.page in scanned:
            continue
        text = " ".join(block.text.split())
        for sentence in _SENTENCE_END.split(text):
            cited = [appendices.get(_number(m["n"]), []) for m in _CITED.finditer(sentence)]
            tables = [t for ts in cited for t in ts]
            if not tables:
                continue
            period = period_of(_CITED.sub(" ", sentence))
            paired = []
            for a, b in clauses(sentence):
                clause = sentence[a:b]
                figures = prose_figures(clause)
                for k, (m, value, rate) in enumerate(figures):
                    if rate:
                        continue
                    start = figures[k - 1][0].end() if k else 0
                    after = re.match(r"[^,;:()\d]*", clause[m.end():]).group(0)
                    said = quantity_words(clause[start:m.start()] + " " + after, False)
                    noun = quantity_words(" ".join(after.split()[:2]), False)
                    found = _candidates(tables, said, noun, period)
                    if len(found) == 1:
                        paired.append((found[0], value, clause[start:m.end()].strip(" ,;")))
            columns = [(t.id, j) for (t, j), _, _ in paired]
            for (table, col), value, words in paired:
                if columns.count((table.id, col)) > 1 or (id(block), table.id, col) in quoted:
                    continue  # two figures for one column: which is its sum?
                summed = _sum(table, col)
                if summed is not None:
                    out.append(AppendixFigure(value, words, block, table, col, summed[1], summed[0], summed[2]))
    return out
