"""A figure of a table quoted in the prose: the sentence and the cell must print one number.

    "Sở Tư pháp tiếp nhận 15.094 hồ sơ."            the row of Sở Tư pháp, column "Tiếp nhận hồ sơ"
    "Tổng số hồ sơ tiếp nhận là 252.340 hồ sơ."     the total row, column "Tổng số hồ sơ tiếp nhận"
    "Tỷ lệ hồ sơ tiếp nhận trực tuyến của Sở Y tế đạt 98,93%."   a rate column

A sentence's figure is paired with a cell only where nothing else can be meant, since a wrong
pairing would be a false alarm:

- who: the clause names one unit before the figure, matched to the registry with the matcher
  the tables' rows are matched with (every name its words could be must be that one unit),
  and the row is that unit's, printed once in its table; or the clause names no unit and
  speaks of the total ("tổng số", "toàn tỉnh", "tất cả", "tổng cộng"), or labels the figure
  with its level in a breakdown by level ("645 DVC toàn trình (cấp tỉnh: 565; …)": the
  provincial level's total), and the row is its table's only total row, with the levels the
  clause names ("sở, ngành", "cấp huyện", …) the ones the table's caption and total row name: a
  table of the departments holds no total of the province;
- what: the words that name the figure (from the clause's start, or the figure before it, to
  the figure and the noun after it; the unit's name, the period and words of no meaning to the
  quantity set aside) are the words of the column's header, no more and no fewer: "tiếp
  nhận 500 hồ sơ trực tuyến" is not the column "Tiếp nhận"; a count is paired with a count
  column, a rate ("…%") with a rate column;
- when: the periods the clause and the column (caption and header) name agree: a cumulative
  figure ("lũy kế", "từ đầu năm", "9 tháng") only with a cumulative one, a numbered period
  ("tháng 11/2024", "năm 2023", "quý III") only with the same numbered period;
- once: every cell so found prints the same figure (two tables that disagree are the
  cross-table rule's business, and which of them the sentence quotes is not known).

Rates follow rounding.py: a rate printed with fewer decimals is the other rounded; rounded the
wrong way, it is a ``rounding`` finding. Scanned pages and cells read by OCR are left out: a
misread digit is no inconsistency of the report.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from ..model import Cell, ColumnType, Report, Table, TextBlock, join_path
from ..number import PROSE_COUNT, PROSE_RATE, decimals, parse_count, parse_rate
from ..typed import get
from ..units import best_matches
from ..units.registry import date_window
from .rounding import rate_verdict

# A figure in prose: a count, or a rate with its per cent sign; not part of a fraction, a date
# or a longer number.
_FIGURE = re.compile(
    rf"(?<![\d/.,])(?:(?P<rate>{PROSE_RATE})\s*%|(?P<count>{PROSE_COUNT})(?![.,]?\d|\s*/|\s*%))")
# Words before a number that make it a name, a date, a rank or a reference, not an amount.
_NOT_AMOUNT = re.compile(r"(?:(?<!tổng\s)\bsố\s*:?|\b(?:năm|tháng|ngày|quý|thứ|hạng|top|khoản|điều|mục|phụ\s+lục|bảng|"
                         r"giai\s+đoạn|kỳ|lần|khóa|khoá)\s*:?|\d\s*[-–]|/)\s*$", re.IGNORECASE)
# Where a clause ends: its figures are said of its own subject.
_CLAUSE_END = re.compile(r";|\.\s+(?=[A-ZĐ\-+•(])")
# What a total is said with.
_TOTAL = re.compile(r"\b(?:tổng\s+số|tổng\s+cộng|toàn\s+tỉnh|tất\s+cả)\b", re.IGNORECASE)
# A figure labelled with its level ("cấp tỉnh: 565"): that level's total.
_LEVEL_LABEL = re.compile(r"\bcấp\s+(?:tỉnh|huyện|xã)\s*:?\s*$", re.IGNORECASE)
# What starts a unit's name in a sentence.
_UNIT_HEAD = re.compile(
    r"\b(?:Sở|UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|Ban|Thanh\s+tra|Văn\s+phòng|Công\s+an|"
    r"Trung\s+tâm|Bộ\s+Chỉ\s+huy|Kho\s+bạc|Bảo\s+hiểm\s+xã\s+hội|Cục|Chi\s+cục|Đài|[Hh]uyện|[Tt]hị\s+xã|"
    r"[Tt]hành\s+phố|TP\.?|[Xx]ã|[Pp]hường|[Tt]hị\s+trấn|[Đđ]ặc\s+khu)\b")
_NAME_WORDS = 9  # the longest unit name tried after its head word
# The levels of government a clause or a table may be restricted to.
_LEVELS = {
    "dept": re.compile(r"\bsở\b|\bban,\s*ngành|\bcấp\s+tỉnh\b|\bcơ\s+quan\s+chuyên\s+môn", re.IGNORECASE),
    "district": re.compile(r"\bhuyện\b|\bcấp\s+huyện\b|\bthị\s+xã\b|\bthành\s+phố\b", re.IGNORECASE),
    "commune": re.compile(r"\bxã\b(?!\s*hội)|\bphường\b|\bthị\s+trấn\b|\bđặc\s+khu\b", re.IGNORECASE),
}
# What a clause or a header says of the span of time its numbers cover (see crosstable._SCOPE).
_CUMULATIVE = re.compile(r"l[ũu]y\s*k[ếe]|t[ừu]\s+đầu\s+năm|\d+\s+tháng(?:\s+đầu\s+năm)?|cả\s+năm|"
                         r"đến\s+nay", re.IGNORECASE)
_PERIOD = re.compile(r"\b(?P<kind>tháng|quý|năm|ngày|tuần)\b(?:\s+(?P<n>[ivx]+|\d{1,4})\b(?:\s*/\s*\d{1,4})*)?",
                     re.IGNORECASE)
# One spelling for a quantity written several ways.
_SYNONYMS = [
    (re.compile(r"thủ\s+tục\s+hành\s+chính"), "tthc"),
    (re.compile(r"dịch\s+vụ\s+công\s+trực\s+tuyến|dvc\s+trực\s+tuyến|dvc\s*tt"), "dvctt"),
    (re.compile(r"hồ\s+sơ\s+tthc"), "hồ sơ"),
    (re.compile(r"\bhs\b"), "hồ sơ"),
    (re.compile(r"tỉ\s+lệ"), "tỷ lệ"),
]
# Words that do not change what a figure counts: links, the total's own words, the figure's
# marks. Words that do ("không", "chưa", "tăng", "so với", "trễ hạn") are never here.
_FILLER = {"là", "của", "đã", "được", "có", "trong", "đó", "tổng", "số", "lượng", "cộng", "đạt", "tại", "ở",
           "cho", "này", "các", "những", "toàn", "tỉnh", "tất", "cả", "và", "với", "thì", "hiện", "nay",
           "gồm", "bao", "%", "tỷ", "lệ"}
# A rate's words: "tỷ lệ" is filler for a count's header but says what a rate is; kept apart.
_RATE_WORDS = {"tỷ", "lệ"}


@dataclass(frozen=True)
class Quote:
    """A prose figure and the one cell it quotes."""
    stated: float
    printed: str            # the figure as printed in the prose ("98,5")
    rate: bool
    text: str               # the clause's words from its subject to the figure, for the evidence
    block: TextBlock
    table: Table
    row: int
    cell: Cell


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def quantity_words(text: str, rate: bool) -> frozenset[str]:
    """What a figure's words or a header say it counts: a set of words, periods and filler out."""
    text = _fold(text)
    text = _CUMULATIVE.sub(" ", text)
    text = _PERIOD.sub(" ", text)
    for pattern, spelling in _SYNONYMS:
        text = pattern.sub(spelling, text)
    tokens = re.findall(r"[^\W_]+|%", text)
    drop = _FILLER - (_RATE_WORDS if rate else set())
    return frozenset(t for t in tokens if t not in drop and not t.isdigit())


@dataclass(frozen=True)
class _Period:
    cumulative: bool
    numbered: frozenset[str]   # "tháng 11/2024", "năm 2023"
    bare: frozenset[str]       # kinds named without a number: "tháng" of "trong tháng"


def period_of(text: str) -> _Period:
    text = _fold(text)
    numbered, bare = set(), set()
    for m in _PERIOD.finditer(_CUMULATIVE.sub(" ", text)):
        if m["n"]:
            numbered.add(" ".join(m.group(0).split()).replace(" /", "/").replace("/ ", "/"))
        else:
            bare.add(m["kind"])
    return _Period(bool(_CUMULATIVE.search(text)), frozenset(numbered), frozenset(bare))


def same_period(a: _Period, b: _Period) -> bool:
    """Nothing said is the report's own period; a numbered period must be named on both sides."""
    if a.cumulative != b.cumulative or a.numbered != b.numbered:
        return False
    kinds_a = a.bare | {p.split()[0] for p in a.numbered}
    kinds_b = b.bare | {p.split()[0] for p in b.numbered}
    return not (kinds_a and kinds_b) or kinds_a == kinds_b


def _levels(text: str) -> frozenset[str]:
    return frozenset(k for k, pattern in _LEVELS.items() if pattern.search(text))


@dataclass
class _Column:
    table: Table
    col: int
    words: frozenset[str]      # as a count's header, and as a rate's: see _words
    rate_words: frozenset[str]
    period: _Period


def _columns(report: Report) -> list[_Column]:
    out = []
    for table in report.tables:
        kind = get(table.kind)
        if kind is not None and kind.rows == "indicator":
            continue  # rows are quantities there, not units: another reading altogether
        for j, t in enumerate(table.column_types):
            if t not in (ColumnType.COUNT, ColumnType.RATE) or j >= len(table.column_paths):
                continue
            if j < len(table.column_units) and table.column_units[j] is not None:
                continue  # a unit's column group ("Tỉnh Đắk Lắk / Tổng số"): not a row's figure
            header = join_path(table.column_paths[j])
            scope = " ".join([table.caption or "", header])
            out.append(_Column(table, j, quantity_words(header, False), quantity_words(header, True), period_of(scope)))
    return out


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a block."""
    out, start = [], 0
    for m in _CLAUSE_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if b > a]


def prose_figures(text: str) -> list[tuple[re.Match, float, bool]]:
    found = []
    for m in _FIGURE.finditer(text):
        if _NOT_AMOUNT.search(text[max(0, m.start() - 20):m.start()]):
            continue
        rate = m["rate"] is not None
        value = parse_rate(m["rate"]) if rate else parse_count(m["count"])
        if value is not None:
            found.append((m, value, rate))
    return found


def _context(report: Report) -> tuple[Optional[str], Optional[str]]:
    when = report.document.date or None
    if when is not None:
        try:
            date_window(when)
        except ValueError:
            when = None  # a date we cannot read restricts nothing
    return report.document.province or None, when


def _names(text: str) -> list[tuple[int, int, str]]:
    """Every span a unit's name could be: from a head word on, one to _NAME_WORDS words, not
    across a bracket, a comma or a number."""
    out = []
    for m in _UNIT_HEAD.finditer(text):
        rest = re.split(r"[,;:()\d]", text[m.start():], maxsplit=1)[0]
        words = list(re.finditer(r"\S+", rest))
        for k in range(1, min(len(words), _NAME_WORDS) + 1):
            out.append((m.start(), m.start() + words[k - 1].end(), rest[:words[k - 1].end()]))
    return out


def _unit_rows(table: Table) -> dict[str, int]:
    """Unit id -> its row; a unit printed in two rows names neither."""
    rows: dict[str, list[int]] = {}
    for i, row in enumerate(table.rows):
        if row.unit is not None:
            rows.setdefault(row.unit.id, []).append(i)
    return {u: r[0] for u, r in rows.items() if len(r) == 1}


def _total_row(table: Table) -> Optional[int]:
    totals = [i for i, row in enumerate(table.rows) if row.is_total]
    return totals[0] if len(totals) == 1 else None


def _cell(table: Table, row: int, col: int) -> Optional[Cell]:
    return next((c for c in table.rows[row].cells if c.col == col and c.value is not None), None)


def same_figure(stated: float, printed: str, cell: Cell, rate: bool) -> Optional[str]:
    """None when the prose figure is the cell's; else the verdict (rounding.py)."""
    if not rate:
        return None if abs(stated - cell.value) < 0.5 else "inconsistent"
    mine, theirs = decimals(printed), decimals(cell.text or cell.raw_text)
    # The figure printed with fewer decimals is the other one rounded.
    if mine <= theirs:
        return rate_verdict(stated, cell.value, mine)
    return rate_verdict(cell.value, stated, theirs)


def _equal(a: Cell, b: Cell, rate: bool) -> bool:
    return same_figure(a.value, a.raw_text or a.text, b, rate) is None


def find_quotes(report: Report) -> list[Quote]:
    """Every prose figure paired with certainty with the table cell it quotes."""
    columns = _columns(report)
    if not columns:
        return []
    scanned = report.document.ocr_pages
    province, when = _context(report)
    pending = []  # (block, clause, start of the figure's words, figure, value, rate, names before it)
    for block in report.prose:
        if block.page in scanned:
            continue
        text = " ".join(block.text.split())
        for a, b in clauses(text):
            clause = text[a:b]
            figures = prose_figures(clause)
            for k, (m, value, rate) in enumerate(figures):
                start = figures[k - 1][0].end() if k else 0
                pending.append((block, clause, start, m, value, rate, _names(clause[:m.start()])))
    # Every span a name could be, matched in one batch.
    spans = sorted({name for *_, names in pending for *_, name in names})
    matched = dict(zip(spans, best_matches(spans, when, province))) if spans else {}
    quotes = []
    for block, clause, start, m, value, rate, names in pending:
        quote = _pair(columns, block, clause, start, m, value, rate, names, matched)
        if quote is not None:
            quotes.append(quote)
    return quotes


def _pair(columns: list[_Column], block: TextBlock, clause: str, start: int, m: re.Match, value: float,
          rate: bool, names: list[tuple[int, int, str]], matched: dict) -> Optional[Quote]:
    # Each head word names a unit through the span the matcher scores best; every head must
    # name one, and all the same one.
    best: dict[int, tuple[float, int, str]] = {}
    for a, _, name in names:
        found = matched.get(name)
        if found is not None and (a not in best or found.score > best[a][0]):
            best[a] = (found.score, a, name)
    heads = {a for a, *_ in names}
    ids = {matched[name].id for _, _, name in best.values()}
    if set(best) != heads or len(ids) > 1:
        return None  # a name no unit matches, or two units: whose figure is it?
    unit = next(iter(ids), None)
    before = clause[:m.start()]
    if unit is None and not _TOTAL.search(before) and not _LEVEL_LABEL.search(before):
        return None
    # The words that say what the figure is: from the figure before it (or the clause's start)
    # to the figure, and on after it to the next comma, bracket or number; the unit's name out.
    after = re.match(r"[^,;:()\d]*", clause[m.end():]).group(0)
    words_text = clause[start:m.start()] + " " + after
    for _, _, name in sorted(best.values(), key=lambda b: -len(b[2])):
        words_text = words_text.replace(name, " ")
    if unit is None:  # the total's own words and the levels it covers, weighed apart below
        words_text = _TOTAL.sub(" ", words_text)
        for pattern in _LEVELS.values():
            words_text = pattern.sub(" ", words_text)
    said = quantity_words(words_text, rate)
    if not said:
        return None
    period = period_of(clause)
    levels = _levels(_TOTAL.sub(" ", clause)) if unit is None else frozenset()
    found: list[tuple[Table, int, Cell]] = []
    for column in columns:
        table = column.table
        if (table.column_types[column.col] == ColumnType.RATE) != rate:
            continue
        if (column.rate_words if rate else column.words) != said or not same_period(period, column.period):
            continue
        if unit is not None:
            row = _unit_rows(table).get(unit)
            if row is not None and table.rows[row].is_total:
                row = None
        else:
            row = _total_row(table)
            if row is not None:
                label = " ".join(c.text for c in table.rows[row].cells if c.value is None)
                if _levels(" ".join([table.caption or "", label])) != levels:
                    row = None
        if row is None:
            continue
        cell = _cell(table, row, column.col)
        if cell is None or cell.source != "text-layer":
            continue
        found.append((table, row, cell))
    if not found or any(not _equal(found[0][2], c, rate) for *_, c in found[1:]):
        return None
    table, row, cell = found[0]
    printed = m["rate"] if rate else m["count"]
    subject = min([a for _, a, _ in best.values()] + [start])
    text = clause[subject:m.end()].strip()
    return Quote(value, printed, rate, text, block, table, row, cell)
