"""The checks, one function per rule; each takes the report and settings and returns findings,
and counts the checks it made in a tally (tally.py).

- prose claims: a rate against its own fraction (see rounding.py for the verdicts);
- prose sums: a stated total against the parts listed after it (sums.py);
- prose scores: a score "x/y điểm" against the items listed under it (scores.py);
- prose lists: a count "Có 3 đơn vị …:" against the named items listed after it (lists.py);
- prose quotes: a unit's or the total's figure stated in prose against its table cell (quotes.py);
- a letter against its appendix: a figure of a sentence citing "Phụ lục N" against the column of
  that table it sums up (appendix.py);
- lists against tables: the units a list says have, or have not, something against the rows of the
  table that counts it (list_tables.py);
- row numbering: an STT list that skips, repeats or mistypes a number (row_numbers.py);
- cell confidence: a cell read below the threshold is never trusted silently — it
  gets an ``unreadable`` finding (cause ``ocr``) so an auditor looks at the pixels;
- table relations: rates, sums and total rows (relations.py);
- across tables: one unit's figure printed in two tables is one number (crosstable.py), and
  a column of one table that the numbers show is a sum of another's columns (compound.py).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable, Optional

from ..model import Cell, Claim, ColumnType, Evidence, Finding, Report, Table, TextBlock
from ..number import decimals, format_en, format_vi
from ..settings import Settings
from .appendix import find_appendix_figures
from .compound import cross_table_sums
from .crosstable import cross_table
from .evidence import cell_finding, claim_evidence, inside
from .list_tables import find_list_tables
from .lists import find_listings
from .quotes import find_quotes, same_figure
from .relations import _label, _name, table_relations
from .reread import look_alike_readings, weigh
from .rounding import rate_verdict, sum_verdict
from .row_numbers import row_numbering
from .scores import SCORE, breakdowns
from .sums import find_sums
from .tally import DISCARD, Tally

Rule = Callable[[Report, Settings, Tally], list[Finding]]


def _cause(report: Report, evidence: list[Evidence], settings: Settings) -> str:
    """``ocr`` when a figure of the finding's words was read by OCR without confidence: it may
    be the misreading; ``source`` when every one was read with it, or printed in a text layer."""
    pages = {p.number: p for p in report.document.pages if p.number in report.document.ocr_pages}
    for e in evidence:
        page = pages.get(e.page)
        if page is None:
            continue
        figures = [w for w in page.words if inside(w, e.bbox) and any(ch.isdigit() for ch in w.text)]
        if not figures or any(w.confidence < settings.min_cell_confidence for w in figures):
            return "ocr"  # figures read without confidence, or no words to tell
    return "source"


def _suspected(report: Report, finding: Finding, figures: list[tuple[str, ColumnType]],
               agrees: Callable[[int, str, float], bool]) -> Finding:
    """On a scanned page, an inconsistent finding that one OCR look-alike of one of its words'
    figures makes agree ("37.295" read for "31.295") is a suspicion of the OCR (cause ``ocr``,
    the other reading given): a misreading is no accusation. Within rounding a digit off
    explains anything, so a rounding finding stays as it is."""
    if finding.verdict != "inconsistent" or not any(e.page in report.document.ocr_pages for e in finding.evidence):
        return finding
    found = [(text, other) for i, (text, kind) in enumerate(figures)
             for other, value in look_alike_readings(text, kind) if agrees(i, other, value)]
    if len(found) != 1:
        return finding
    read, other = found[0]
    return replace(
        finding, cause="ocr",
        message_vi=finding.message_vi + f" Trên bản quét, “{read}” có thể là “{other}” (một lỗi nhận dạng "
                                        f"thường gặp): khi đó các số liệu khớp nhau. Cần đối chiếu bản gốc.",
        message_en=finding.message_en + f" On the scan, “{read}” may be “{other}” (a common OCR slip): "
                                        f"with it the figures agree. Check the original.")


def _evidence_of(report: Report, pieces: Iterable[tuple[str, str, TextBlock]]) -> list[Evidence]:
    """The boxes of the words of each printed piece (its text, in its sentence, in its
    block), each box once."""
    evidence: list[Evidence] = []
    for text, sentence, block in pieces:
        piece = Claim(text=text, sentence=sentence, page=block.page, bbox=block.bbox)
        evidence += [e for e in claim_evidence(piece, report.document) if e not in evidence]
    return evidence


def claim_rates(report: Report, settings: Settings, tally: Tally = DISCARD) -> list[Finding]:
    """Every prose claim 'rate (a/b)' recomputed from its own numbers."""
    findings = []
    for claim in report.claims:
        if claim.rate is None or claim.numerator is None or not claim.denominator:
            continue
        tally.add(None, _claim_rule(claim))
        recomputed = claim.numerator / claim.denominator * 100
        places = decimals(claim.rate_text) if claim.rate_text else 2
        verdict = rate_verdict(claim.rate, recomputed, places)
        if verdict is None:
            continue
        finding = _claim_finding(report, claim, recomputed, places, verdict, settings)
        figures = [(claim.rate_text or format_vi(claim.rate, places), ColumnType.RATE),
                   (format_vi(claim.numerator), ColumnType.COUNT), (format_vi(claim.denominator), ColumnType.COUNT)]

        def agrees(i: int, text: str, value: float, claim=claim, places=places) -> bool:
            rate, a, b = [value if k == i else v for k, v in enumerate((claim.rate, claim.numerator, claim.denominator))]
            return bool(b) and rate_verdict(rate, a / b * 100, decimals(text) if i == 0 else places) is None
        findings.append(_suspected(report, finding, figures, agrees))
    return findings


def _claim_rule(claim: Claim) -> str:
    # An explicit "a/b" is checked as printed; a share of a total stated earlier in
    # the text rests on our reading of which total it refers to.
    return "prose-rate-fraction" if "/" in claim.text else "prose-share-of-total"


def _claim_finding(report: Report, claim: Claim, recomputed: float, places: int, verdict: str,
                   settings: Settings) -> Finding:
    explicit = "/" in claim.text
    rule = _claim_rule(claim)
    a, b, shown = claim.numerator, claim.denominator, max(places, 2)
    frac_vi, frac_en = f"{format_vi(a)}/{format_vi(b)}", f"{format_en(a)}/{format_en(b)}"
    if verdict == "rounding":
        vi = (f"Tỷ lệ {format_vi(claim.rate, places)}% trong văn bản làm tròn chưa đúng: "
              f"{frac_vi} = {format_vi(recomputed, shown + 1)}%.")
        en = (f"Rate {format_en(claim.rate, places)}% in the text is not correctly rounded: "
              f"{frac_en} = {format_en(recomputed, shown + 1)}%.")
    else:
        vi = (f"Tỷ lệ {format_vi(claim.rate, places)}% trong văn bản không khớp với số liệu: "
              f"{frac_vi} = {format_vi(recomputed, shown)}%.")
        en = (f"Rate {format_en(claim.rate, places)}% in the text does not match its numbers: "
              f"{frac_en} = {format_en(recomputed, shown)}%.")
    if not explicit:
        vi += " (Mẫu số là tổng nêu trước đó.)"
        en += " (Denominator is the total stated before it.)"
    evidence = claim_evidence(claim, report.document)
    return Finding(
        rule=rule,
        severity="info" if verdict == "rounding" else "error",
        verdict=verdict,
        cause=_cause(report, evidence, settings),
        message_vi=vi,
        message_en=en,
        stated=claim.rate,
        recomputed=round(recomputed, 6),
        difference=round(claim.rate - recomputed, 6),
        evidence=evidence,
        claim=claim.text,
    )


def low_confidence_cells(report: Report, settings: Settings, tally: Tally = DISCARD) -> list[Finding]:
    """A cell read below the confidence threshold is never a clean value: every cell examined."""
    findings = []
    for table in report.tables:
        tally.add(table.id, "cell-confidence", len(table.header) + sum(len(row.cells) for row in table.rows))
        for cell in table.header:
            if cell.confidence < settings.min_cell_confidence:
                findings.append(_unreadable(table, None, cell, settings))
        for r, row in enumerate(table.rows):
            for cell in row.cells:
                if cell.confidence < settings.min_cell_confidence:
                    findings.append(_unreadable(table, r, cell, settings))
    return findings


def _unreadable(table: Table, row: Optional[int], cell: Cell, settings: Settings) -> Finding:
    where_vi = "tiêu đề" if row is None else f"dòng {row + 1}"
    where_en = "header" if row is None else f"row {row + 1}"
    conf = f"{cell.confidence:.2f}"
    text = cell.raw_text or cell.text
    return cell_finding(
        "cell-confidence", table, row, cell,
        f"Ô {where_vi}, cột {cell.col + 1} của bảng {table.id} đọc không chắc chắn "
        f"(độ tin cậy {conf} < {settings.min_cell_confidence:.2f}): “{text}”. Cần đối chiếu bản gốc.",
        f"Cell at {where_en}, column {cell.col + 1} of table {table.id} was read with low "
        f"confidence ({conf} < {settings.min_cell_confidence:.2f}): “{text}”. Check the original.")


def prose_sums(report: Report, settings: Settings, tally: Tally = DISCARD) -> list[Finding]:
    """A total stated in prose against the parts listed after it (see sums.py)."""
    findings = []
    for found in find_sums(report.prose):
        tally.add(None, "prose-sum")
        stated = found.total[1]
        values = [value for _, value, _ in found.parts]
        recomputed = sum(values)
        verdict = sum_verdict(stated, values, found.rounded)
        if verdict is None:
            continue
        parts_vi = " + ".join(format_vi(v) for v in values)
        parts_en = " + ".join(format_en(v) for v in values)
        pieces = [found.total, *found.parts]
        evidence = _evidence_of(report, [(text, text, block) for text, _, block in pieces])
        if verdict == "rounding":
            vi = (f"Tổng {format_vi(stated)} trong văn bản lệch {format_vi(abs(stated - recomputed))} đơn vị "
                  f"làm tròn so với các thành phần: {parts_vi} = {format_vi(recomputed)}.")
            en = (f"Total {format_en(stated)} in the text differs by {format_en(abs(stated - recomputed))} "
                  f"rounding unit(s) from its parts: {parts_en} = {format_en(recomputed)}.")
        else:
            vi = (f"Tổng {format_vi(stated)} trong văn bản không khớp với các thành phần "
                  f"nêu sau đó: {parts_vi} = {format_vi(recomputed)}.")
            en = (f"Total {format_en(stated)} in the text does not match the parts listed after it: "
                  f"{parts_en} = {format_en(recomputed)}.")
        findings.append(Finding(
            rule="prose-sum",
            severity="info" if verdict == "rounding" else "error",
            verdict=verdict,
            cause=_cause(report, evidence, settings),
            message_vi=vi,
            message_en=en,
            stated=stated,
            recomputed=recomputed,
            difference=stated - recomputed,
            evidence=evidence,
            claim=found.text,
        ))
        figures = [(text, ColumnType.COUNT) for text, _, _ in pieces]

        def agrees(i: int, text: str, value: float, stated=stated, values=values, found=found) -> bool:
            total, parts = (value, values) if i == 0 else (stated, values[:i - 1] + [value] + values[i:])
            return sum_verdict(total, parts, found.rounded) is None
        findings[-1] = _suspected(report, findings[-1], figures, agrees)
    return findings


def prose_lists(report: Report, settings: Settings, tally: Tally = DISCARD) -> list[Finding]:
    """A count stated in prose against the named items listed after it (see lists.py); scanned
    pages are left out, their commas being OCR's."""
    findings = []
    for found in find_listings(report.prose, report.document.ocr_pages):
        tally.add(None, "prose-list-count")
        listed = len(found.items)
        if listed == found.stated:
            continue
        evidence = _evidence_of(report, [(text, text, block) for text, block in found.pieces])
        items = "; ".join(found.items)
        findings.append(Finding(
            rule="prose-list-count",
            severity="error",
            verdict="inconsistent",
            cause="source",
            message_vi=(f"Số lượng {found.stated} {found.noun} trong văn bản không khớp với danh sách "
                        f"nêu sau đó: {listed} mục được liệt kê ({items})."),
            message_en=(f"Count {found.stated} ({found.noun}) in the text does not match the list given "
                        f"after it: {listed} item(s) listed ({items})."),
            stated=found.stated,
            recomputed=listed,
            difference=found.stated - listed,
            evidence=evidence,
            claim=found.text,
        ))
    return findings


def prose_quotes(report: Report, settings: Settings, tally: Tally = DISCARD) -> list[Finding]:
    """A figure the prose quotes from a table against the cell it quotes (see quotes.py); counted
    on the table, where the finding points."""
    findings = []
    for q in find_quotes(report):
        tally.add(q.table.id, "prose-table-figure")
        verdict = same_figure(q.stated, q.printed, q.cell, q.rate)
        if verdict is None:
            continue
        printed_cell = q.cell.raw_text or q.cell.text
        places = decimals(q.printed) if q.rate else 0
        cell_places = decimals(printed_cell) if q.rate else 0
        sign = "%" if q.rate else ""
        label, col = _label(q.table, q.row), _name(q.table, q.cell.col)
        stated_vi, stated_en = format_vi(q.stated, places) + sign, format_en(q.stated, places) + sign
        cell_vi, cell_en = format_vi(q.cell.value, cell_places) + sign, format_en(q.cell.value, cell_places) + sign
        if verdict == "rounding":
            vi = (f"Số liệu {stated_vi} trong văn bản làm tròn chưa đúng so với bảng {q.table.id}, "
                  f"dòng “{label}”, cột “{col}”: {cell_vi}.")
            en = (f"Figure {stated_en} in the text is not correctly rounded from table {q.table.id}, "
                  f"row “{label}”, column “{col}”: {cell_en}.")
        else:
            vi = (f"Số liệu {stated_vi} trong văn bản không khớp với bảng {q.table.id}, "
                  f"dòng “{label}”, cột “{col}”: {cell_vi}.")
            en = (f"Figure {stated_en} in the text does not match table {q.table.id}, "
                  f"row “{label}”, column “{col}”: {cell_en}.")
        piece = Claim(text=q.text, sentence=q.text, page=q.block.page, bbox=q.block.bbox)
        findings.append(Finding(
            rule="prose-table-figure",
            severity="info" if verdict == "rounding" else "error",
            verdict=verdict,
            cause="source",
            message_vi=vi,
            message_en=en,
            table=q.table.id,
            row=q.row,
            columns=[q.cell.col],
            stated=q.stated,
            recomputed=q.cell.value,
            difference=round(q.stated - q.cell.value, 6),
            evidence=claim_evidence(piece, report.document) + [Evidence(page=q.cell.page, bbox=q.cell.bbox)],
            claim=q.text,
        ))
    return findings


def prose_appendix_figures(report: Report, settings: Settings, tally: Tally = DISCARD) -> list[Finding]:
    """A letter's figure against the column of the appendix table it sums up (see appendix.py);
    counted on the table, where the finding points."""
    findings = []
    for a in find_appendix_figures(report):
        tally.add(a.table.id, "prose-appendix-figure")
        if abs(a.stated - a.recomputed) < 0.5:
            continue
        col = _name(a.table, a.col)
        if a.total_row is not None:
            how = f"total row of table {a.table.id}"
            vi_of = f"dòng tổng “{_label(a.table, a.total_row)}”"
            en_of = f"total row “{_label(a.table, a.total_row)}”"
        else:
            how = f"sum of column over the {len(a.cells)} rows of table {a.table.id}, which prints no total row"
            vi_of = f"tổng {len(a.cells)} dòng"
            en_of = f"sum of its {len(a.cells)} rows"
        piece = Claim(text=a.text, sentence=a.text, page=a.block.page, bbox=a.block.bbox)
        findings.append(Finding(
            rule="prose-appendix-figure",
            severity="error",
            verdict="inconsistent",
            cause="source",
            message_vi=(f"Số liệu {format_vi(a.stated)} trong văn bản không khớp với phụ lục (bảng {a.table.id}), "
                        f"cột “{col}”, {vi_of}: {format_vi(a.recomputed)}."),
            message_en=(f"Figure {format_en(a.stated)} in the text does not match the appendix (table {a.table.id}), "
                        f"column “{col}”, {en_of}: {format_en(a.recomputed)}."),
            table=a.table.id,
            row=a.total_row,
            columns=[a.col],
            stated=a.stated,
            recomputed=a.recomputed,
            difference=a.stated - a.recomputed,
            evidence=claim_evidence(piece, report.document) + [Evidence(page=c.page, bbox=c.bbox) for c in a.cells],
            claim=a.text,
            established_by=how,
            support=len(a.cells),
        ))
    return findings


def prose_list_tables(report: Report, settings: Settings, tally: Tally = DISCARD) -> list[Finding]:
    """The units a list says have, or have not, something against the rows of the table that
    counts it (see list_tables.py): one finding per unit on which they disagree, on its row."""
    findings = []
    for paired in find_list_tables(report):
        tally.add(paired.table.id, "prose-list-table")
        listing, table = paired.listing, paired.table
        words = _evidence_of(report, [(text, text, block) for text, block in listing.pieces])
        said = f"{listing.stated} {listing.noun} {listing.said}"
        for m in paired.disagree:
            cells = [c for c in table.rows[m.row].cells if c.col in m.columns]
            shown = ", ".join(f"{_name(table, c.col)}: {c.text.strip()}" for c in cells)  # said of figures above 0
            if m.listed:
                vi = (f"Danh sách “{said}” nêu {m.unit}, nhưng bảng {table.id} ghi "
                      + (f"số liệu khác 0 ({shown})." if paired.none else f"0 ở mọi cột “{paired.what}”."))
                en = (f"The list “{said}” names {m.unit}, but table {table.id} prints "
                      + (f"figures above 0 ({shown})." if paired.none else f"0 in every column of “{paired.what}”."))
            else:
                vi = (f"Danh sách “{said}” không nêu {m.unit}, nhưng bảng {table.id} ghi "
                      + (f"0 ở mọi cột “{paired.what}”." if paired.none else f"số liệu khác 0 ({shown})."))
                en = (f"The list “{said}” leaves out {m.unit}, but table {table.id} prints "
                      + (f"0 in every column of “{paired.what}”." if paired.none else f"figures above 0 ({shown})."))
            findings.append(Finding(
                rule="prose-list-table",
                severity="error",
                verdict="inconsistent",
                cause="source",
                message_vi=vi,
                message_en=en,
                table=table.id,
                row=m.row,
                columns=list(m.columns),
                stated=None,
                recomputed=m.total,
                evidence=words + [Evidence(page=c.page, bbox=c.bbox) for c in cells],
                claim=listing.text,
                established_by=f"list of {listing.noun} “{listing.said}” against table {table.id}",
            ))
    return findings


# Relations inside tables (rates, sums, total rows) are in relations.py, across tables in crosstable.py.
def prose_scores(report: Report, settings: Settings, tally: Tally = DISCARD) -> list[Finding]:
    """A score "x/y điểm" against the items listed under it (see scores.py)."""
    findings = []
    for b in breakdowns(report.prose):
        tally.add(None, _score_rule(b))
        if b.verdict is None:
            continue
        places = max(decimals(b.node.printed), 2) if b.what == "score" else 0
        nodes = [b.node, *_printed_items(b.items)]
        evidence = _evidence_of(report, [(m.group(0), n.text, n.block) for n in nodes
                                         if (m := SCORE.search(n.text)) is not None])
        if b.what == "score":
            vi_parts = " + ".join(_item_sum(i, 0, places, format_vi) for i in b.items)
            en_parts = " + ".join(_item_sum(i, 0, places, format_en) for i in b.items)
            vi = (f"Điểm {format_vi(b.stated, places)} không khớp với các mục nêu dưới: "
                  f"{vi_parts} = {format_vi(b.recomputed, places)}.")
            en = (f"Score {format_en(b.stated, places)} does not match its items listed below it: "
                  f"{en_parts} = {format_en(b.recomputed, places)}.")
        else:
            vi_parts = " + ".join(_item_sum(i, 1, 0, format_vi) for i in b.items)
            en_parts = " + ".join(_item_sum(i, 1, 0, format_en) for i in b.items)
            vi = (f"Điểm tối đa {format_vi(b.stated)} không khớp với điểm tối đa của các mục: "
                  f"{vi_parts} = {format_vi(b.recomputed)}.")
            en = (f"Maximum {format_en(b.stated)} does not match its items' maxima: "
                  f"{en_parts} = {format_en(b.recomputed)}.")
        findings.append(Finding(
            rule=_score_rule(b),
            severity="info" if b.verdict == "rounding" else "error",
            verdict=b.verdict,
            cause=_cause(report, evidence, settings),
            message_vi=vi,
            message_en=en,
            stated=b.stated,
            recomputed=b.recomputed,
            difference=round(b.stated - b.recomputed, 6),
            evidence=evidence,
            claim=SCORE.search(b.node.text).group(0) if SCORE.search(b.node.text) else b.node.text,
        ))
    return findings


def _score_rule(b) -> str:
    return "prose-score" if b.what == "score" else "prose-score-maximum"


def _printed_items(items: list) -> list:
    """The items as printed: an item without a score of its own stands for its items."""
    out = []
    for i in items:
        out += [i] if i.score is not None else _printed_items(i.items)
    return out


def _item_sum(item, which: int, places: int, fmt) -> str:
    """An item's score (which=0) or maximum (1) as printed; one made by its items as their sum."""
    if item.score is not None:
        return fmt(item.total()[which], places)
    parts = [_item_sum(i, which, places, fmt) for i in item.items if i.total() is not None]
    return "(" + " + ".join(parts) + ")"


# The rules on prose need its words; those on tables need only the tables (a tables.json
# corrected by hand is verified again with these).
PROSE_RULES: list[Rule] = [claim_rates, prose_sums, prose_scores, prose_lists, prose_quotes, prose_appendix_figures,
                           prose_list_tables]
TABLE_RULES: list[Rule] = [low_confidence_cells, row_numbering, table_relations, cross_table, cross_table_sums]
RULES: list[Rule] = PROSE_RULES + TABLE_RULES


def _table_checks(report: Report, settings: Settings) -> list[Finding]:
    """The checks a table's figures alone decide: what reading a cell again may change
    (run again on a report changed so; they count nothing)."""
    return row_numbering(report, settings) + table_relations(report, settings) + cross_table(report, settings) + \
        cross_table_sums(report, settings)


def check(report: Report, settings: Optional[Settings] = None, rules: Optional[list[Rule]] = None,
          tally: Tally = DISCARD) -> list[Finding]:
    """Every rule's findings; those on scanned cells weighed by reading the cells again (reread.py).
    ``tally`` counts the checks made (``tally.counts(findings)`` says how many passed)."""
    settings = settings or Settings()
    findings: list[Finding] = []
    for rule in RULES if rules is None else rules:
        findings.extend(rule(report, settings, tally))
    return weigh(report, findings, _table_checks, settings, tally)
