"""How many checks each rule made and how many passed: a clean report is told from one where
nothing could be checked, in findings.json, audit.html, the command's summary and on verifying again."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from dvc_extract import api
from dvc_extract.cli import summary
from dvc_extract.export import audit_html, findings_json, write_all
from dvc_extract.model import Cell, CheckCount, ColumnType, Document, Page, Report, Row, Table, TextBlock
from dvc_extract.number import parse_value
from dvc_extract.settings import Settings
from dvc_extract.typed import type_table
from dvc_extract.verify import Tally, check, find_claims

# A table of the kind dvc-toan-trinh: its rate column is declared (rate = toàn trình / TTHC × 100)
# and so is its closing total row over the two count columns. One rate is wrong: 50/100 is 50,00.
HEADER = ("STT", "Tên đơn vị", "Tổng số TTHC", "Số DVC trực tuyến toàn trình", "Tỷ lệ DVCTT toàn trình (%)")
ROWS = [("1", "Sở Tư pháp", "200", "150", "75,00"),
        ("2", "Sở Y tế", "400", "300", "75,00"),
        ("3", "Sở Xây dựng", "100", "50", "60,00"),
        ("", "Tổng cộng", "700", "500", "71,43")]


def _table(rows=ROWS) -> Table:
    out = []
    for i, printed in enumerate(rows):
        cells = [Cell(row=i, col=j, text=t, raw_text=t, bbox=(50.0 + 80 * j, 100.0 + 14 * i, 120.0 + 80 * j,
                                                               112.0 + 14 * i), page=1,
                      value=parse_value(t, ColumnType.RATE if j == 4 else ColumnType.COUNT) if j >= 2 else None)
                 for j, t in enumerate(printed)]
        out.append(Row(cells=cells))
    return type_table(Table(id="t1", caption="Bảng 1", pages=[1], column_paths=[(h,) for h in HEADER], rows=out))


def _report(tables=(), prose=(), source="text-layer") -> Report:
    doc = Document(path="x.pdf", sha256="0" * 64, pages=[Page(1, 595, 842, source)])
    report = Report(document=doc, tables=list(tables), prose=list(prose), claims=find_claims(prose))
    tally = Tally()
    report.findings = check(report, Settings(), tally=tally)
    report.checks = tally.counts(report.findings, [t.id for t in report.tables])
    return report


def _counts(report: Report) -> dict:
    return {(c.table, c.rule): (c.made, c.passed) for c in report.checks}


def test_one_wrong_rate_among_four_is_four_made_three_passed():
    report = _report([_table()])
    assert [f.rule for f in report.findings] == ["table-rate"]
    counts = _counts(report)
    assert counts[("t1", "table-rate")] == (4, 3)        # every row's rate, the total row's too
    assert counts[("t1", "total-row-sum")] == (2, 2)     # the two count columns
    assert counts[("t1", "row-numbering")] == (2, 2)     # 2 after 1, 3 after 2
    assert counts[("t1", "cell-confidence")] == (20, 20)  # every cell examined


def test_a_wrong_total_fails_its_column_only():
    rows = [*ROWS[:3], ("", "Tổng cộng", "700", "501", "71,43")]
    counts = _counts(_report([_table(rows)]))
    assert counts[("t1", "total-row-sum")] == (2, 1)


def test_cell_confidence_counts_the_cells_examined():
    table = _table()
    low = table.rows[1].cells[3]
    low.source, low.confidence = "ocr", 0.3
    counts = _counts(_report([table], source="scanned"))
    assert counts[("t1", "cell-confidence")] == (20, 19)


def test_prose_claims_are_counted_on_the_prose():
    prose = [TextBlock(text="Năm 2023 đạt 63,02% (213/338). Cấp tỉnh 1.075/1.217 TTHC đạt tỷ lệ 91,19%.",
                       page=1, bbox=(50, 100, 500, 115))]
    report = _report(prose=prose)
    assert _counts(report) == {(None, "prose-rate-fraction"): (2, 1)}


def test_nothing_to_check_is_said_so():
    report = _report()
    assert report.checks == [] and report.findings == []
    page = audit_html.render(report)
    assert 'id="checks-none"' in page and "Nothing could be checked" in page
    assert findings_json.findings_dict(report)["checks"] == []
    assert "checks: none made (nothing could be checked)" in summary(report, Path("out"), {})


def test_outputs_carry_the_counts(tmp_path):
    report = _report([_table()])
    page = audit_html.render(report)
    assert 'id="checks-none"' not in page
    assert ('<tr class="failed" data-table="t1" data-rule="table-rate"><td>table-rate</td>'
            "<td>4</td><td>3</td><td>1</td></tr>") in page
    assert page.count("t1 — Bảng 1") == 1 and '<td class="where" rowspan="4">t1 — Bảng 1</td>' in page
    made = sum(c.made for c in report.checks)
    assert f"checks: {made} made, {made - 1} passed" in summary(report, tmp_path, {})
    write_all(report, tmp_path, ["json"])
    data = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert {"table": "t1", "rule": "table-rate", "made": 4, "passed": 3} in data["checks"]
    assert findings_json.read_checks(tmp_path / "findings.json") == report.checks


def test_verifying_again_counts_again_and_keeps_the_prose_counts(tmp_path):
    report = _report([_table()])
    prose = CheckCount(rule="prose-rate-fraction", table=None, made=3, passed=3)
    write_all(replace(report, checks=report.checks + [prose]), tmp_path, ["json"])
    data = json.loads((tmp_path / "tables.json").read_text(encoding="utf-8"))
    (cell,) = [c for c in data["tables"][0]["rows"][2]["cells"] if c["col"] == 5]  # columns from 1
    cell["text"] = "50,00"  # corrected by hand
    (tmp_path / "tables.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    again = api.reverify(tmp_path / "tables.json").report
    assert again.findings == []
    assert _counts(again)[("t1", "table-rate")] == (4, 4)
    assert prose in again.checks
