"""Errors injected into consistent copies of the seed reports, at the level of the model.

The seed transcriptions (``seed_findings.transcribed``) are first made consistent: each printed
inconsistency of ``tests/data/seed_findings.json`` is set to what its relation gives. Then one
printed number at a time is changed (one of its two leading digits, print style kept) and the
verify stage runs on the changed report; the mutation is caught when a finding the consistent
copy lacks points at it (its table, row and column, or for prose its number in the claim or
message). Findings new to the mutant that point elsewhere are false alarms.

Sites are classed from the printed documents alone, never from what the verifier infers:

    total-row        a count in a row labelled "Tổng…"/"Cộng…"/"Toàn tỉnh"
    count-cell       a count in a unit row of a table that prints a total row or a rate column
    rate-cell        a rate in a unit row of a table whose header names a rate ("Tỷ lệ", "%")
    cross-table      a count whose unit and column header print the same value in another table
    indicator-rate   an indicator row "Tỷ lệ …" with its operand rows N.1, N.2 below it
    indicator-count  an operand row of such an indicator
    prose-rate       a rate printed beside its fraction: "63,02% (213/338)", "1.317/1.648 … đạt tỷ lệ 79,92%"
    prose-fraction   an operand of such a fraction
    prose-total      a total stated with its parts ("369 hồ sơ …, gồm: 296 hồ sơ …", "645 … (cấp tỉnh: 565; …)")
    prose-part       one of those parts (the breakdowns are located by verify/sums.py on the
                     consistent copy: where the text states a total and its parts)
    prose-score      a score "x/y điểm" in an outline of scores
    prose-score-max  the maximum y of such a score
    stt-typo         a row number (STT) with one digit changed ("12" → "72")
    stt-repeat       a row number printed again for the next row ("5, 5, 7")
    stt-gap          the numbering skipping one or two numbers from a row on ("5, 7, 8, …")
                     (STT mutations are drawn in tables numbered 1, 2, 3 … over three rows or
                     more, and drawn again while the numbers still read as lists numbered from
                     1, or when a last number jumps far beyond the run: "…, 16, 47" may be a
                     code of the source's own, which no check can tell from a misprint)
    list-count       the count of a list "Có 14 đơn vị …: Sở A, Sở B, …" changed
    list-items       an item of such a list dropped or one added (the count kept)
                     (drawn again when the count equals the items of another reading of the
                     list: every comma, or every "và", taken to part two items)
    quote-prose      a figure the prose quotes from a table ("cấp tỉnh: 565", Bảng 1's total)
    quote-cell       the cell it quotes (the sites are listed by hand in ``QUOTED``; measured
                     with the rule ``prose-table-figure`` alone, as the prose sum and the total
                     row the same numbers belong to catch them anyway)
    cross-table-compound
                     a count of one side of a sum across tables: a unit's "phát sinh trực tuyến"
                     in one table, or one of the parts "Một phần", "Toàn trình" it adds up in
                     another (listed by hand in ``COMPOUND``, on the units both tables print;
                     measured with the rule ``cross-table-sum`` alone, as the tables' own rates
                     and totals catch most of these cells too); also ``reworded …``
    appendix-prose   a letter's figure that sums up a column of the appendix it cites ("gửi liên
                     thông 17.695 văn bản … (có Phụ lục 1 kèm theo)", seed 003's letter)
    appendix-cell    a cell of that column (the sites are listed by hand in ``SUMMED``; measured
                     with the rule ``prose-appendix-figure`` alone, as the letter's prose sum
                     "67.309 …; trong đó 17.695 …, 49.614 …" catches the prose's change anyway)
    list-table-prose a list of units said to have, or not to have, what an appendix table counts
                     ("Có 14 đơn vị không có hồ sơ trễ hạn: …", Phụ lục I) with one unit replaced
                     by another row of the table (the count kept, so only the table tells)
    list-table-cell  a cell of such a table changed so that its row's unit joins or leaves the
                     units the list names: a 0 in a row of 0s made a figure, a row's only figure
                     made 0 (the sites are listed by hand in ``LISTED``; both measured with the
                     rule ``prose-list-table`` alone)
total-row, count-cell and rate-cell also as ``reworded …`` (tables of three rows or more: fewer show no relation in their
numbers, only a kind gives them one) on the same tables with their headers reworded ("Tỉ lệ %" for "Tỷ lệ
(%)", "Qua mạng" for "Trực tuyến", "Trong hạn / Quá hạn") and their count columns reordered, so
that no kind of ``data/kinds.json`` names them. Controls (no relation a reader could recompute):
    no-relation      a count in a table with no total row, no rate, no twin (the Phụ lục date columns)
    rate-no-operands an indicator's rate whose operand rows print text ("374 theo QĐ 2741/…"), a rate
                     printed once over several rows (a merged cell) of counts the table lacks
A fraction's operand is drawn again while its quotient still rounds to the printed rate (no
check can see such a change). A score's mutation is drawn again until it moves the score by half a point at least: a smaller
change hides within the printed rounding of the items ("5,8" → "5,9" under items printed to the
tenth), which no check can tell from rounding.
"""
from __future__ import annotations

import copy
import random
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Optional

from dvc_extract import typed, verify
from dvc_extract.labels import row_label
from dvc_extract.model import ColumnType, Report, Table, TextBlock
from dvc_extract.number import parse_number
from dvc_extract.numbering import numbering_key

from .seed_findings import transcribed

TABLE_CLASSES = ["total-row", "count-cell", "rate-cell", "cross-table", "indicator-rate", "indicator-count"]
PROSE_CLASSES = ["prose-rate", "prose-fraction", "prose-total", "prose-part", "prose-score", "prose-score-max"]
REWORDED = [f"reworded {c}" for c in ("total-row", "count-cell", "rate-cell")]
STT_CLASSES = ["stt-typo", "stt-repeat", "stt-gap"]
LIST_CLASSES = ["list-count", "list-items"]
QUOTE_CLASSES = ["quote-prose", "quote-cell"]
COMPOUND_CLASS = "cross-table-compound"
APPENDIX_CLASSES = ["appendix-prose", "appendix-cell"]
LIST_TABLE_CLASSES = ["list-table-prose", "list-table-cell"]
CONTROLS = ["no-relation", "rate-no-operands"]
CLASSES = TABLE_CLASSES + REWORDED + PROSE_CLASSES + STT_CLASSES + LIST_CLASSES + QUOTE_CLASSES + \
    [COMPOUND_CLASS, f"reworded {COMPOUND_CLASS}"] + APPENDIX_CLASSES + LIST_TABLE_CLASSES + CONTROLS

# The prose of the seeds quoting a table's figure, found by reading every prose figure that some
# cell prints too (the others are a date column's count or a row number met by chance):
# (seed, the words before the figure, the table's caption starts, its row's label, its column).
QUOTED = [("000", "toàn trình (cấp tỉnh: ", "Bảng 1:", "Tổng số", "Số DVC trực tuyến toàn trình")]
# The letters' figures summing up a column of the appendix they cite, found by reading every
# figure of a sentence citing an appendix: (seed, the words before the figure, the table's caption
# starts, the column's header).
SUMMED = [("003", "trong đó gửi liên thông ", "PHỤ LỤC 1 ", "GỬI LIÊN THÔNG"),
          ("003", "nhận và xử lý liên thông ", "PHỤ LỤC 1 ", "NHẬN LIÊN THÔNG")]
# The lists of the seeds naming the units an appendix table shows with none (True) or some
# (False) of what it counts: (seed, the words before the items, the table's caption starts, none).
LISTED = [("000", "không có hồ sơ trễ hạn: ", "PHỤ LỤC I ", True),
          ("000", "không có hồ sơ nộp trực tuyến quá 8 tiếng chưa tiếp nhận: ", "PHỤ LỤC II ", True),
          ("000", "có số hồ sơ nộp trực tuyến quá 8 tiếng chưa tiếp nhận: ", "PHỤ LỤC II ", False)]

# The seeds' sums across tables, found by reading every pair of tables that print the same units:
# (seed, the summing table's caption starts, its column, the other table's caption starts, the parts).
_ONLINE = ("Tiếp nhận hồ sơ TTHC / Trực tuyến / Một phần", "Tiếp nhận hồ sơ TTHC / Trực tuyến / Toàn trình")
COMPOUND = [("000", "Bảng 4 ", "Số Hồ sơ Phát sinh trực tuyến", "Bảng 2 ", _ONLINE),
            ("000", "Bảng 8 ", "Tổng số hồ sơ phát sinh trực tuyến", "Bảng 6 ", _ONLINE)]

# Header words as another agency prints them: same meaning, no kind names them.
REWORDINGS = [("Tỷ lệ", "Tỉ lệ"), ("(%)", "%"), ("Trực tuyến", "Qua mạng"), ("trực tuyến", "qua mạng"),
              ("Trực tiếp", "Tại quầy"), ("Tổng số", "Cộng"), ("Tiếp nhận hồ sơ TTHC", "Hồ sơ nhận"),
              ("Đúng hạn", "Trong hạn"), ("Trễ hạn", "Quá hạn"), ("Toàn trình", "Cả quy trình"),
              ("Một phần", "Từng phần"), ("Qua BCCI", "Bưu chính")]


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    return " ".join("".join(ch for ch in s if not unicodedata.combining(ch)).split())


@dataclass
class Site:
    seed: str
    cls: str
    table: Optional[int] = None  # index in report.tables
    row: Optional[int] = None
    col: Optional[int] = None
    block: Optional[int] = None  # prose: index in report.prose
    span: Optional[tuple[int, int]] = None
    printed: str = ""
    # prose: the fraction a rate is printed with, (a, b, rate), and which of a or b this is
    fraction: Optional[tuple[str, str, str, str]] = None
    # a list: the span of its items in the paragraph; a quote: its table and cell as (table, row, col)
    items: Optional[tuple[int, int]] = None
    quoted: Optional[tuple[int, int, int]] = None
    # a sum across tables: the other table's index
    partner: Optional[int] = None
    # a list of units against a table: whether it names the units with none of what is counted
    none: Optional[bool] = None


# --------------------------------------------------------------------------- consistent copies

def consistent(seed: str) -> Report:
    """The transcription made consistent: every stated figure a finding flags is set to what its
    relation gives, again until nothing is flagged (mending a total row may leave its rate to mend)."""
    report = transcribed(seed)
    for _ in range(6):
        findings = [f for f in verify.check(report) if f.verdict != "unreadable" and f.recomputed is not None]
        if not findings:
            break
        for f in findings:
            _mend(report, f)
        report.tables = typed.type_tables(report.tables)
        report.claims = verify.find_claims(report.prose)
    return report


def _mend(report: Report, f) -> None:
    if f.rule == "prose-list-table":
        return  # a unit listed or not: no figure to set
    if f.table is not None and f.rule not in ("prose-table-figure", "prose-appendix-figure"):
        # a quote's stated figure is the prose's
        t = next(t for t in report.tables if t.id == f.table)
        cell = next(c for c in t.rows[f.row].cells if c.col == f.columns[0])
        cell.text = cell.raw_text = _print_like(cell.text, f.recomputed)
        cell.value = parse_number(cell.text, ColumnType.RATE if "rate" in f.rule else ColumnType.COUNT).value
        return
    for k, b in enumerate(report.prose):
        at = b.text.find(f.claim) if f.claim else -1
        if at < 0:
            continue
        for m in re.finditer(r"(?<![\d.,])\d{1,3}(?:[.,]\d+)*(?![\d])", f.claim):
            printed = m.group(0)
            value = parse_number(printed, ColumnType.RATE if "," in printed and len(printed.split(",")[-1]) != 3
                                 else None).value
            if value is not None and abs(value - f.stated) < 1e-6 or \
                    parse_number(printed, ColumnType.COUNT).value == f.stated:
                a = at + m.start()
                fixed = _print_like(printed, f.recomputed)
                report.prose[k] = TextBlock(text=b.text[:a] + fixed + b.text[a + len(printed):], page=b.page, bbox=b.bbox)
                return


def _print_like(printed: str, value: float) -> str:
    """``value`` printed as ``printed`` is: its decimals, its marks."""
    m = re.search(r"[.,](\d+)\s*%?$", printed)
    if m and (len(m.group(1)) != 3 or "%" in printed):
        places, mark = len(m.group(1)), printed[m.start()]
        out = f"{value:.{places}f}".replace(".", mark)
        return out + ("%" if printed.endswith("%") else "")
    n = int(round(value))
    return f"{n:,}".replace(",", ".") if "." in printed or len(str(n)) > 3 and "," not in printed else str(n)


# --------------------------------------------------------------------------- sites

def _is_total(label: str) -> bool:
    return bool(re.match(r"^(tong|cong|toan tinh)\b", fold(label)))


def _leaf(t: Table, j: int) -> str:
    path = t.column_paths[j] if j < len(t.column_paths) else ()
    return fold(path[-1]) if path else ""


def _rate_header(t: Table, j: int) -> bool:
    printed = " / ".join(t.column_paths[j]) if j < len(t.column_paths) else ""
    return bool(re.search(r"\bt[yi] le\b", fold(printed))) or "%" in printed


def table_sites(seed: str, report: Report) -> list[Site]:
    printed = defaultdict(set)
    for k, t in enumerate(report.tables):
        for r, row in enumerate(t.rows):
            label = fold(row_label(t, row) or "")
            for c in row.cells:
                if c.value is not None and c.value >= 10 and label and not re.search(r"\d/\d", _leaf(t, c.col)) \
                        and not _rate_header(t, c.col):
                    printed[(label, _leaf(t, c.col), c.value)].add(k)
    out = []
    for k, t in enumerate(report.tables):
        labels = [row_label(t, row) or "" for row in t.rows]
        numbers = {}
        for r, row in enumerate(t.rows):
            first = next((c.text for c in sorted(row.cells, key=lambda c: c.col) if c.col == 0), "")
            key = numbering_key(first)
            if key:
                numbers[key] = r
        has_total = any(_is_total(lab) for lab in labels)
        rate_cols = {j for j in range(len(t.column_paths)) if _rate_header(t, j)}
        indicator = len(numbers) > 3 and any(len(key) > 2 for key in numbers)
        for r, row in enumerate(t.rows):
            first = next((c.text for c in row.cells if c.col == 0), "")
            key = numbering_key(first)
            for c in row.cells:
                if c.value is None or c.col < 2 or not re.search(r"\d", c.text):
                    continue
                if indicator:
                    rate_row = fold(labels[r]).startswith("ty le")
                    operands = [next((x for x in t.rows[numbers[key + (n,)]].cells if x.col == c.col), None)
                                for n in (1, 2)] if rate_row and key and key + (1,) in numbers and \
                        key + (2,) in numbers else []
                    if operands and all(x is not None and x.value is not None for x in operands):
                        cls = "indicator-rate"
                    elif operands:
                        cls = "rate-no-operands"  # "374 theo QĐ 2741/…": an operand printed as text
                    elif key and len(key) > 1 and key[-1] in (1, 2) and key[:-1] in numbers and \
                            fold(labels[numbers[key[:-1]]]).startswith("ty le"):
                        cls = "indicator-count"
                    else:
                        continue
                elif c.col in rate_cols:
                    if _is_total(labels[r]) or not (set(range(len(t.column_paths))) - rate_cols):
                        continue
                    filled = sum(1 for row2 in t.rows if any(x.col == c.col and x.text.strip() for x in row2.cells))
                    # a rate printed once over several rows (a merged cell) divides counts the table lacks
                    cls = "rate-cell" if filled >= len(t.rows) / 2 else "rate-no-operands"
                elif _is_total(labels[r]):
                    cls = "total-row"
                else:
                    twins = printed.get((fold(labels[r]), _leaf(t, c.col), c.value), set()) - {k}
                    if twins:
                        cls = "cross-table"
                    elif has_total or rate_cols:
                        cls = "count-cell"
                    elif any(seed == s and (t.caption or "").startswith(cap) and _leaf(t, c.col) == fold(header)
                             for s, _, cap, header in SUMMED):
                        continue  # a column the letter sums up: an appendix-cell site
                    else:
                        cls = "no-relation"
                out.append(Site(seed, cls, table=k, row=r, col=c.col, printed=c.text))
    return out


_NUM = r"\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?"
_RATE_FRACTION = re.compile(rf"(?P<rate>\d{{1,3}}(?:[.,]\d+)?)\s*%\s*\(\s*(?P<a>{_NUM})\s*/\s*(?P<b>{_NUM})\s*\)")
_FRACTION_RATE = re.compile(rf"(?<![\d/.,])(?P<a>{_NUM})\s*/\s*(?P<b>{_NUM})(?![\d/])[^\d%();]{{0,60}}?"
                            rf"t[ỷỉ]\s*l[ệe]\s*:?\s*(?P<rate>\d{{1,3}}(?:[.,]\d+)?)\s*%?")
_SCORE = re.compile(r"(?<![\d/.,])(?P<got>\d{1,3}(?:[.,]\d{1,3})?)\s*/\s*(?P<max>\d{1,3})\s*điểm")


def _breakdowns(block: TextBlock) -> list[tuple[tuple[int, int], list[tuple[int, int]]]]:
    """Spans of each total and its parts stated in one paragraph."""
    from dvc_extract.verify.sums import find_sums

    out = []
    for found in find_sums([block]):
        spans, at = [], 0
        for printed, _, _ in [found.total, *found.parts]:
            number = re.escape(re.search(r"\d[\d.,]*", printed).group(0).rstrip(".,"))
            m = re.search(r"(?<![\d.,])" + number + r"(?!\d)", block.text[at:])
            if m is None:
                break
            spans.append((at + m.start(), at + m.end()))
            at += m.end()
        if len(spans) == 1 + len(found.parts):
            out.append((spans[0], spans[1:]))
    return out


def prose_sites(seed: str, report: Report) -> list[Site]:
    out = []
    for i, block in enumerate(report.prose):
        text = block.text
        for pattern in (_RATE_FRACTION, _FRACTION_RATE):
            for m in pattern.finditer(text):
                if re.search(r"(tháng|ngày|năm|số)\s*$", text[max(0, m.start() - 8):m.start()]):
                    continue
                out.append(Site(seed, "prose-rate", block=i, span=m.span("rate"), printed=m["rate"]))
                for g in ("a", "b"):
                    out.append(Site(seed, "prose-fraction", block=i, span=m.span(g), printed=m[g],
                                    fraction=(m["a"], m["b"], m["rate"], g)))
        for total, parts in _breakdowns(block):
            out.append(Site(seed, "prose-total", block=i, span=total, printed=text[total[0]:total[1]]))
            out += [Site(seed, "prose-part", block=i, span=p, printed=text[p[0]:p[1]]) for p in parts]
        listed = [m for m in _SCORE.finditer(text)]
        outline = sum(1 for b in report.prose if _SCORE.search(b.text)) >= 3
        for m in listed if outline else []:
            out.append(Site(seed, "prose-score", block=i, span=m.span("got"), printed=m["got"]))
            out.append(Site(seed, "prose-score-max", block=i, span=m.span("max"), printed=m["max"]))
    return out


_STT = re.compile(r"^\s*(\d{1,3})\.?\s*$")


def _stt_marks(t: Table) -> list[tuple[int, int]]:
    """(row, number) of each row the first column numbers at the top level ("5", "5."), as printed."""
    out = []
    for r, row in enumerate(t.rows):
        m = _STT.match(next((c.text for c in row.cells if c.col == 0), ""))
        if m:
            out.append((r, int(m.group(1))))
    return out


def stt_sites(seed: str, report: Report) -> list[Site]:
    """Each row number of a table numbered 1, 2, 3 … over three rows or more: a single number
    shows no sequence to break."""
    out = []
    for k, t in enumerate(report.tables):
        marks = _stt_marks(t)
        if len(marks) < 3 or [n for _, n in marks] != list(range(1, len(marks) + 1)):
            continue
        for pos, (r, _) in enumerate(marks):
            cell = next(c for c in t.rows[r].cells if c.col == 0)
            for cls in STT_CLASSES:
                if cls != "stt-gap" or pos > 0:  # a list starting at 2 is a continuation page's
                    out.append(Site(seed, cls, table=k, row=r, col=0, printed=cell.text))
    return out


# A list as printed: "Có 14 đơn vị không có hồ sơ trễ hạn: Sở Công Thương, …" to the full stop.
_LIST = re.compile(r"(?<![\d.,])(?P<n>\d{1,3})\s+đơn\s+vị\b[^:;.]{0,120}?(?:,?\s*gồm)?\s*:\s*(?P<items>[^.]+)")
# What each item of the seeds' lists starts with; an item ends where the next such name starts.
_ITEM_HEAD = r"(?:Sở|UBND|Ban|Thanh\s+tra|Văn\s+phòng|Công\s+an|Trung\s+tâm)\s"
_ITEM_SPLIT = re.compile(rf"\s*[,;]\s*(?={_ITEM_HEAD})")
# Units an added item is drawn from.
_EXTRA_UNITS = ["Sở Ngoại vụ", "Sở Tư pháp", "Sở Nội vụ", "Sở Y tế", "Sở Xây dựng", "Sở Tài chính",
                "Ban Dân tộc", "Thanh tra tỉnh", "Văn phòng UBND tỉnh", "Công an tỉnh", "UBND huyện Lắk",
                "UBND huyện Ea Kar", "UBND huyện Krông Bông", "UBND Thị xã Buôn Hồ"]


def list_items(body: str) -> list[str]:
    return [x for x in _ITEM_SPLIT.split(body.strip()) if x]


def readings(body: str) -> set[int]:
    """How many items a reader could count: by the names, at every comma, at every comma and "và"."""
    commas = [x for x in re.split(r"\s*[,;]\s*", body.strip()) if x]
    return {len(list_items(body)), len(commas), len([y for x in commas for y in re.split(r"\s+và\s+", x)])}


def list_sites(seed: str, report: Report) -> list[Site]:
    out = []
    for i, block in enumerate(report.prose):
        for m in _LIST.finditer(block.text):
            if int(m["n"]) != len(list_items(m["items"])):
                continue  # not a list the names count as printed (the consistent copy keeps them)
            for cls in LIST_CLASSES:
                out.append(Site(seed, cls, block=i, span=m.span("n"), printed=m["n"], items=m.span("items")))
    return out


def _anchored(report: Report, words: str, caption: str) -> tuple[int, TextBlock, int, int, Table]:
    """The paragraph printing ``words`` (its index, itself, where the words end) and the table
    whose caption starts with ``caption`` (its index, itself)."""
    i, block = next((i, b) for i, b in enumerate(report.prose) if words in b.text)
    k, t = next((k, t) for k, t in enumerate(report.tables) if (t.caption or "").startswith(caption))
    return i, block, block.text.index(words) + len(words), k, t


def quote_sites(seed: str, report: Report) -> list[Site]:
    out = []
    for stem, words, caption, label, header in QUOTED:
        if stem != seed:
            continue
        i, block, at, k, t = _anchored(report, words, caption)
        number = re.match(r"\d[\d.,]*\d|\d", block.text[at:])
        r = next(r for r, row in enumerate(t.rows) if fold(row_label(t, row) or "") == fold(label))
        col = next(j for j, path in enumerate(t.column_paths) if path and path[-1] == header)
        cell = next(c for c in t.rows[r].cells if c.col == col)
        assert cell.text == number.group(0), (cell.text, number.group(0))
        out.append(Site(seed, "quote-prose", block=i, span=(at, at + number.end()), printed=number.group(0),
                        quoted=(k, r, col)))
        out.append(Site(seed, "quote-cell", table=k, row=r, col=col, printed=cell.text, block=i, quoted=(k, r, col)))
    return out


def compound_sites(seed: str, report: Report, reworded: bool = False) -> list[Site]:
    """Each cell of a sum across tables (``COMPOUND``) on a unit row both tables print; in the
    copy whose headers are ``reworded``, under its headers."""
    out = []
    cls = f"reworded {COMPOUND_CLASS}" if reworded else COMPOUND_CLASS
    for stem, x_caption, x_header, y_caption, y_headers in COMPOUND:
        if stem != seed:
            continue
        if reworded:
            x_header, y_headers = reword(x_header), tuple(reword(h) for h in y_headers)
        (kx, x), (ky, y) = [next((k, t) for k, t in enumerate(report.tables) if (t.caption or "").startswith(c))
                            for c in (x_caption, y_caption)]
        x_rows, y_rows = [{fold(row_label(t, row) or ""): r for r, row in enumerate(t.rows)} for t in (x, y)]
        for label in sorted(set(x_rows) & set(y_rows)):
            if not label or _is_total(label):
                continue
            for k, t, r, header in [(kx, x, x_rows[label], x_header)] + [(ky, y, y_rows[label], h) for h in y_headers]:
                col = next(j for j, path in enumerate(t.column_paths) if " / ".join(path) == header)
                cell = next(c for c in t.rows[r].cells if c.col == col)
                out.append(Site(seed, cls, table=k, row=r, col=col, printed=cell.text,
                                partner=ky if k == kx else kx))
    return out


def appendix_sites(seed: str, report: Report) -> list[Site]:
    out = []
    for stem, words, caption, header in SUMMED:
        if stem != seed:
            continue
        i, block, at, k, t = _anchored(report, words, caption)
        number = re.match(r"\d[\d.,]*\d|\d", block.text[at:])
        col = next(j for j, path in enumerate(t.column_paths) if path and path[-1] == header)
        out.append(Site(seed, "appendix-prose", block=i, span=(at, at + number.end()), printed=number.group(0),
                        quoted=(k, -1, col)))
        for r, row in enumerate(t.rows):
            cell = next(c for c in row.cells if c.col == col)
            out.append(Site(seed, "appendix-cell", table=k, row=r, col=col, printed=cell.text, block=i,
                            quoted=(k, r, col)))
    return out


def _counts(t: Table) -> list[int]:
    return [j for j, kind in enumerate(t.column_types) if kind == ColumnType.COUNT]


def _figures(t: Table, r: int) -> dict[int, float]:
    return {c.col: c.value for c in t.rows[r].cells if c.col in _counts(t) and c.value is not None}


def list_table_sites(seed: str, report: Report) -> list[Site]:
    out = []
    for stem, words, caption, none in LISTED:
        if stem != seed:
            continue
        i, block, a, k, t = _anchored(report, words, caption)
        z = a + re.match(r"[^.]*", block.text[a:]).end()
        out.append(Site(seed, "list-table-prose", block=i, items=(a, z), quoted=(k, -1, -1),
                        printed=block.text[a:z], none=none))
        for r, row in enumerate(t.rows):
            if any(x.cls == "list-table-cell" and x.table == k and x.row == r for x in out):
                break  # the table's cells are sites once, whichever list names them
            figures = _figures(t, r)
            above = [j for j, v in figures.items() if v > 0]
            for j in figures:
                # a change that moves the row's unit into or out of the list: a 0 in a row of 0s,
                # or the row's only figure
                if not above or above == [j]:
                    cell = next(c for c in row.cells if c.col == j)
                    out.append(Site(seed, "list-table-cell", table=k, row=r, col=j, printed=cell.text, block=i,
                                    quoted=(k, r, j), none=none))
    return out


# --------------------------------------------------------------------------- mutations

def mutate(printed: str, rng: random.Random) -> str:
    """One of the two leading digits changed; the print style and width kept."""
    digits = [i for i, ch in enumerate(printed) if ch.isdigit()]
    if not digits:
        return printed
    i = rng.choice(digits[:2])
    choices = [d for d in "0123456789" if d != printed[i] and not (i == digits[0] and d == "0" and len(digits) > 1)]
    return printed[:i] + rng.choice(choices) + printed[i + 1:]


def _still_holds(site: Site, new: str) -> bool:
    """A fraction's operand changed so little that its quotient still rounds to the printed rate:
    no check can see it (the mutation is drawn again)."""
    if not site.fraction:
        return False
    a, b, rate, which = site.fraction
    a, b = (new, b) if which == "a" else (a, new)
    x, y = parse_number(a, ColumnType.COUNT).value, parse_number(b, ColumnType.COUNT).value
    r = parse_number(rate, ColumnType.RATE).value
    if None in (x, y, r) or not y:
        return False
    places = len(re.split(r"[.,]", rate)[1]) if re.search(r"[.,]", rate) else 0
    return abs(x / y * 100 - r) <= 10 ** -places / 2 + 1e-9


def reword(header: str) -> str:
    for old, new in REWORDINGS:
        header = header.replace(old, new)
    return header


def reworded(table: Table, rng: random.Random) -> Table:
    """The table under headers no kind names, its count columns in another order."""
    paths = [tuple(reword(level) for level in path) for path in table.column_paths]
    numeric = [j for j in range(2, len(paths))]
    order = list(range(len(paths)))
    shuffled = numeric[:]
    rng.shuffle(shuffled)
    for j, k in zip(numeric, shuffled):
        order[j] = k
    where = {old: new for new, old in enumerate(order)}
    rows = [replace(row, cells=[replace(c, col=where.get(c.col, c.col)) for c in row.cells]) for row in table.rows]
    t = replace(table, column_paths=[paths[order[j]] for j in range(len(paths))], rows=rows, kind="inferred",
                column_types=[], column_names=[])
    return typed.type_table(t)


def apply(report: Report, site: Site, new: str) -> Report:
    """The report with one printed number changed; only what changes is copied."""
    out = copy.copy(report)
    if site.table is not None:
        out.tables = list(report.tables)
        t = out.tables[site.table] = copy.deepcopy(report.tables[site.table])
        cell = next(c for c in t.rows[site.row].cells if c.col == site.col)
        kind = t.column_types[site.col] if site.col < len(t.column_types) else None
        cell.text = cell.raw_text = new
        cell.value = parse_number(new, ColumnType.RATE if kind == ColumnType.RATE else ColumnType.COUNT
                                  if kind == ColumnType.COUNT else None).value
    else:
        out.prose = list(report.prose)
        b = out.prose[site.block]
        a, z = site.span
        out.prose[site.block] = TextBlock(text=b.text[:a] + new + b.text[z:], page=b.page, bbox=b.bbox)
        out.claims = verify.find_claims(out.prose)
    return out


def _fkey(f) -> tuple:
    return (f.rule, f.table, f.row, tuple(f.columns), f.stated, None if f.recomputed is None else round(f.recomputed, 4))


def _points_at(f, report: Report, site: Site, new: str) -> bool:
    if site.table is not None:
        t = report.tables[site.table]
        cell = next(c for c in t.rows[site.row].cells if c.col == site.col)
        if f.table == t.id and site.col in f.columns and (
                f.row == site.row or f.row is None and f.rule == "prose-appendix-figure"):  # a column's sum
            return True
        return any(e.bbox == cell.bbox and e.page == cell.page for e in f.evidence) and cell.bbox != (0, 0, 0, 0)
    said = " ".join(x for x in (f.claim or "", f.message_vi, f.message_en) if x)
    return new in said or new.replace(",", ".") in said


def _view(report: Report, site: Site) -> Report:
    """The part of the report a mutation can change the findings of: its table and the tables
    that print the same units (cross-table), or the prose alone."""
    if site.cls in LIST_TABLE_CLASSES:  # the prose and every table the list may be paired with
        return Report(document=report.document, tables=report.tables, prose=report.prose, claims=report.claims)
    if site.quoted is not None:  # the quoting prose and the quoted table
        return Report(document=report.document, tables=[report.tables[site.quoted[0]]], prose=report.prose,
                      claims=report.claims)
    if site.table is None:
        return Report(document=report.document, tables=[], prose=report.prose, claims=report.claims)
    if site.partner is not None:  # the two tables of the sum
        return Report(document=report.document, tables=[report.tables[k] for k in sorted((site.table, site.partner))],
                      prose=[], claims=[])
    t = report.tables[site.table]
    units = {r.unit.id for r in t.rows if r.unit}
    kept = [x for k, x in enumerate(report.tables)
            if k == site.table or (site.cls.endswith("cross-table") and units & {r.unit.id for r in x.rows if r.unit})]
    return Report(document=report.document, tables=kept, prose=[], claims=[])


def run(seeds: list[str], per_class: int, seed: int = 7, classes: Optional[list[str]] = None) -> dict:
    """Per class (all, or ``classes``): mutations, caught, and the mutants' false alarms."""
    rng = random.Random(seed)
    bases: dict[str, Report] = {}
    sites: dict[str, list[Site]] = defaultdict(list)
    for s in seeds:
        base = consistent(s)
        bases[s] = base
        for site in table_sites(s, base) + prose_sites(s, base) + stt_sites(s, base) + list_sites(s, base) + \
                quote_sites(s, base) + compound_sites(s, base) + appendix_sites(s, base) + list_table_sites(s, base):
            sites[site.cls].append(site)
        # the same tables reworded, a kind's relations out of reach
        rew = copy.deepcopy(base)
        rew.tables = [reworded(t, random.Random(rng.random())) if t.kind != typed.INFERRED else t for t in rew.tables]
        bases[f"{s} reworded"] = rew
        for site in table_sites(s, rew):
            # a table of one or two rows shows no relation in its numbers: only a kind gives it one
            if site.cls in ("total-row", "count-cell", "rate-cell") and base.tables[site.table].kind != typed.INFERRED \
                    and len(rew.tables[site.table].rows) >= 3:
                sites[f"reworded {site.cls}"].append(replace(site, seed=f"{s} reworded", cls=f"reworded {site.cls}"))
        for site in compound_sites(s, rew, reworded=True):
            sites[site.cls].append(replace(site, seed=f"{s} reworded"))
    stats = {}
    baseline: dict[tuple, set] = {}
    for cls in classes or CLASSES:
        pool = sites.get(cls, [])
        rules = _rules(cls)
        caught = false = n = new_findings = 0
        for _ in range(per_class if pool else 0):
            site = rng.choice(pool)
            base = bases[site.seed]
            view = _view(base, site)
            vkey = (site.seed, site.table, site.cls.endswith("cross-table"), site.quoted and site.quoted[0], site.partner)
            if vkey not in baseline:
                baseline[vkey] = {_fkey(f) for f in verify.check(view, rules=rules)}
            local = _in_view(view, base, site)
            drawn = _draw(view, local, rng)
            if drawn is None:
                continue
            mutant, new = drawn
            fresh = [f for f in verify.check(mutant, rules=rules) if _fkey(f) not in baseline[vkey]]
            n += 1
            hit = [f for f in fresh if _points_at(f, mutant, local, new)]
            caught += bool(hit)
            false += len(fresh) - len(hit)
            new_findings += len(fresh)
        stats[cls] = {"mutations": n, "caught": caught, "sites": len(pool), "false_alarms": false,
                      "new_findings": new_findings}
    return stats


def _rules(cls: str):
    """The quote classes are measured on the quote rule alone: the figures they change belong to
    a prose sum and a total row too, whose rules would catch them anyway; so is a sum across
    tables, whose cells the tables' own rates and totals mostly check too."""
    if cls in QUOTE_CLASSES:
        from dvc_extract.verify.rules import prose_quotes
        return [prose_quotes]
    if cls.endswith(COMPOUND_CLASS):
        from dvc_extract.verify.compound import cross_table_sums
        return [cross_table_sums]
    if cls in APPENDIX_CLASSES:
        from dvc_extract.verify.rules import prose_appendix_figures
        return [prose_appendix_figures]
    if cls in LIST_TABLE_CLASSES:
        from dvc_extract.verify.rules import prose_list_tables
        return [prose_list_tables]
    return None


def _draw(view: Report, site: Site, rng: random.Random) -> Optional[tuple[Report, str]]:
    """The view with one error of the site's class, and the figure a finding on it prints;
    None when every draw left the document consistent."""
    if site.cls in STT_CLASSES:
        return _draw_stt(view, site, rng)
    if site.cls in LIST_CLASSES:
        return _draw_list(view, site, rng)
    if site.cls == "list-table-prose":
        return _draw_list_table(view, site, rng)
    if site.cls == "list-table-cell":
        t = view.tables[site.table]
        new = "0" if _figures(t, site.row).get(site.col, 0) > 0 else str(rng.randint(1, 99))
        return apply(view, site, new), new
    new = mutate(site.printed, rng)
    for _ in range(20):
        if new != site.printed and (site.cls != "prose-score" or abs(
                parse_number(new, ColumnType.RATE).value - parse_number(site.printed, ColumnType.RATE).value) >= 0.5) \
                and not _still_holds(site, new):
            break
        new = mutate(site.printed, rng)
    if new == site.printed:
        return None
    return apply(view, site, new), new


def _reads_as_lists(numbers: list[int]) -> bool:
    """Numbers that still read as lists: a first run from any number, each next one from 1."""
    return numbers[0] >= 1 and all(b == a + 1 or b == 1 for a, b in zip(numbers, numbers[1:]))


def _far_last(numbers: list[int], pos: int) -> bool:
    """A last number far beyond the run before it: perhaps a code of the source's own."""
    return pos == len(numbers) - 1 and numbers[pos] > numbers[pos - 1] + 3


def _draw_stt(view: Report, site: Site, rng: random.Random) -> Optional[tuple[Report, str]]:
    marks = _stt_marks(view.tables[site.table])
    numbers = [n for _, n in marks]
    pos = next(p for p, (r, _) in enumerate(marks) if r == site.row)
    for _ in range(20):
        new = list(numbers)
        if site.cls == "stt-typo":
            new[pos] = int(re.match(r"\s*(\d+)", mutate(site.printed, rng)).group(1))
        elif site.cls == "stt-repeat":
            new[pos] = numbers[pos - 1] if pos else numbers[pos + 1]
        else:
            step = rng.choice((1, 2))
            new[pos:] = [x + step for x in numbers[pos:]]
        if not _reads_as_lists(new) and not _far_last(new, pos):
            break
    else:
        return None
    changes = {marks[j][0]: new[j] - numbers[j] for j in range(len(numbers)) if new[j] != numbers[j]}
    if site.cls == "stt-gap":  # a list that skips a number numbers the rows under it so too ("6.1")
        changes = {r: changes[site.row] for r in range(site.row, len(view.tables[site.table].rows))}
    return _renumbered(view, site.table, changes), str(new[pos])


def _renumbered(report: Report, table: int, shifts: dict[int, int]) -> Report:
    """The report with rows of one table numbered anew (their first number moved by the shift),
    printed as before ("5", "5.", "5.1.")."""
    out = copy.copy(report)
    out.tables = list(report.tables)
    t = out.tables[table] = copy.deepcopy(report.tables[table])
    for r, shift in shifts.items():
        cell = next((c for c in t.rows[r].cells if c.col == 0), None)
        m = re.match(r"^(\s*)(\d+)(?=\.\d|\.?\s*$)", cell.text) if cell else None
        if m is None:
            continue  # a row with no number (a total row)
        cell.text = cell.raw_text = m.group(1) + str(int(m.group(2)) + shift) + cell.text[m.end():]
        cell.value = float(int(m.group(2)) + shift) if cell.value is not None and "." not in cell.text.strip(".") \
            else cell.value
    return out


def _draw_list(view: Report, site: Site, rng: random.Random) -> Optional[tuple[Report, str]]:
    block = view.prose[site.block]
    (n0, n1), (a, z) = site.span, site.items
    body = block.text[a:z]
    for _ in range(20):
        count, items = site.printed, body
        if site.cls == "list-count":
            count = mutate(site.printed, rng)
        else:
            items = _dropped_or_added(body, rng)
        # a real error: the count is the items of no reading of the list
        if (count, items) != (site.printed, body) and int(count) not in readings(items):
            break
    else:
        return None
    text = block.text[:n0] + count + block.text[n1:a] + items + block.text[z:]
    out = copy.copy(view)
    out.prose = list(view.prose)
    out.prose[site.block] = TextBlock(text=text, page=block.page, bbox=block.bbox)
    out.claims = verify.find_claims(out.prose)
    return out, f"{count} đơn vị"


def _spelling(name: str) -> str:
    """A unit's name as a reader tells it from another: "Ea H’leo" is "Ea Hleo"."""
    return re.sub(r"[\W_]", "", fold(name))


def _draw_list_table(view: Report, site: Site, rng: random.Random) -> Optional[tuple[Report, str]]:
    """One unit of the list replaced by a unit of the table it leaves out, printed as the table
    prints it; the separators and the count kept."""
    block = view.prose[site.block]
    a, z = site.items
    body = block.text[a:z]
    t = view.tables[site.quoted[0]]
    present = {_spelling(x) for x in list_items(body)}
    others = [label for row in t.rows if (label := row_label(t, row)) and _spelling(label) not in present]
    seps = list(_ITEM_SPLIT.finditer(body))
    if not others or not seps:
        return None
    starts = [0] + [m.end() for m in seps]
    ends = [m.start() for m in seps] + [len(body)]
    j = rng.randrange(len(starts))
    name = rng.choice(others)
    text = block.text[:a] + body[:starts[j]] + name + body[ends[j]:] + block.text[z:]
    out = copy.copy(view)
    out.prose = list(view.prose)
    out.prose[site.block] = TextBlock(text=text, page=block.page, bbox=block.bbox)
    out.claims = verify.find_claims(out.prose)
    return out, name


def _dropped_or_added(body: str, rng: random.Random) -> str:
    """The list's text with one item dropped or one unit it lacks added, its separators kept."""
    seps = list(_ITEM_SPLIT.finditer(body))
    starts = [0] + [m.end() for m in seps]
    j = rng.randrange(len(starts))
    if rng.random() < 0.5:
        if j < len(seps):
            return body[:starts[j]] + body[starts[j + 1]:]
        return body[:seps[-1].start()] if seps else body
    present = {fold(x) for x in list_items(body)}
    name = rng.choice([u for u in _EXTRA_UNITS if fold(u) not in present])
    sep = seps[0].group(0) if seps else ", "
    return body[:starts[j]] + name + sep + body[starts[j]:]


def _in_view(view: Report, base: Report, site: Site) -> Site:
    """The site re-indexed into a view of its report."""
    if site.table is None:
        return site
    t = base.tables[site.table]
    k = next(i for i, x in enumerate(view.tables) if x.id == t.id)
    return replace(site, table=k)
