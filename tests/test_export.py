"""Every output file of a hand-built report: schema-valid JSON, CSV, XLSX, HTML."""
from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import jsonschema
import openpyxl

from dvc_extract.export.xlsx import _FINDING_COLUMNS
import pandas as pd
import pytest
from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from dvc_extract import verify
from dvc_extract.export import atomic, write_all
from dvc_extract.model import Cell, Document, Page, Report, Row, Table, TextBlock, UnitMatch

ROOT = Path(__file__).resolve().parents[1]
FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
PAGE_W, PAGE_H = 595.0, 842.0

# Grid of the sample table, in top-left page coordinates (points).
COL_X = [60, 90, 250, 330, 410, 490]
ROW_Y = [120, 140, 160, 180, 200, 220]
HEADER = [  # (row, col, row_span, col_span, text)
    (0, 0, 2, 1, "STT"), (0, 1, 2, 1, "Đơn vị"), (0, 2, 1, 2, "Tiếp nhận hồ sơ"),
    (1, 2, 1, 1, "Tổng số"), (1, 3, 1, 1, "Trực tuyến"), (0, 4, 2, 1, "Tỷ lệ (%)"),
]
BODY = [  # printed strings, parsed values
    [("1", 1), ("Sở Tài chính", None), ("1.648", 1648), ("1.317", 1317), ("79,92", 79.92)],
    [("2", 2), ("UBND huyện Cư M’gar", None), ("338", 338), ("213", 213), ("63,02", 63.02)],
    [("", None), ("Tổng cộng", None), ("1.986", 1986), ("1.530", 1530), ("77,04", 77.04)],
]
PROSE = [
    "Năm 2023 đạt 69,42% (138.055/198.848).",
    "Cấp tỉnh 1.075/1.217 TTHC đạt tỷ lệ 91,19%.",
]
PROSE_Y = 260


def _bbox(row, col, row_span=1, col_span=1):
    return (COL_X[col], ROW_Y[row], COL_X[col + col_span], ROW_Y[row + row_span])


def make_pdf(path: Path) -> Path:
    pdfmetrics.registerFont(TTFont("LiberationSerif", FONT))
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setFont("LiberationSerif", 11)
    c.drawString(60, PAGE_H - 105, "Bảng 1 - Tiếp nhận hồ sơ trực tuyến")
    cells = [(r, k, rs, cs, t) for r, k, rs, cs, t in HEADER]
    cells += [(2 + i, k, 1, 1, t) for i, row in enumerate(BODY) for k, (t, _) in enumerate(row)]
    for r, k, rs, cs, text in cells:
        x0, top, x1, bottom = _bbox(r, k, rs, cs)
        c.rect(x0, PAGE_H - bottom, x1 - x0, bottom - top)
        c.drawString(x0 + 3, PAGE_H - bottom + 6, text)
    for i, line in enumerate(PROSE):
        c.drawString(60, PAGE_H - PROSE_Y - 16 * i - 12, line)
    c.save()
    return path


def make_report(tmp_path: Path) -> Report:
    pdf = make_pdf(tmp_path / "sample.pdf")
    header = [Cell(row=r, col=k, text=t, raw_text=t, bbox=_bbox(r, k, rs, cs), page=1,
                   row_span=rs, col_span=cs) for r, k, rs, cs, t in HEADER]
    rows = []
    for i, printed in enumerate(BODY):
        cells = [Cell(row=i, col=k, text=t, raw_text=t, bbox=_bbox(2 + i, k), page=1, value=v)
                 for k, (t, v) in enumerate(printed)]
        rows.append(Row(cells=cells, is_total=(i == 2)))
    rows[0].unit = UnitMatch(id="dl.so.tai-chinh", name="Sở Tài chính", score=100.0)
    # A cell read by OCR with low confidence: must produce an `unreadable` finding.
    rows[1].cells[3].source, rows[1].cells[3].confidence = "ocr", 0.41
    table = Table(
        id="t1", caption="Bảng 1 - Tiếp nhận hồ sơ trực tuyến", pages=[1],
        column_paths=[("STT",), ("Đơn vị",), ("Tiếp nhận hồ sơ", "Tổng số"), ("Tiếp nhận hồ sơ", "Trực tuyến"),
                      ("Tỷ lệ (%)",)],
        rows=rows, header=header, column_types=["text", "label", "count", "count", "rate"],
    )
    prose = [TextBlock(text=line, page=1, bbox=(60, PROSE_Y + 16 * i, 300, PROSE_Y + 16 * i + 14))
             for i, line in enumerate(PROSE)]
    doc = Document(path=str(pdf), sha256="0" * 64, pages=[Page(1, PAGE_W, PAGE_H, "text-layer")],
                   province="Đắk Lắk", date="2024-11")
    report = Report(document=doc, tables=[table], prose=prose)
    report.claims = verify.find_claims(prose)
    report.findings = verify.check(report)
    return report


@pytest.fixture
def written(tmp_path):
    report = make_report(tmp_path)
    out = tmp_path / "out"
    paths = write_all(report, out)
    return report, out, paths


def _schema(name):
    return json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))


def test_findings_come_from_the_real_checks(written):
    report, _, _ = written
    verdicts = sorted((f.rule, f.verdict) for f in report.findings)
    assert verdicts == [
        ("cell-confidence", "unreadable"),
        ("prose-rate-fraction", "inconsistent"),  # 1.075/1.217 = 88,33%, not 91,19%
        ("prose-rate-fraction", "rounding"),  # 138.055/198.848 = 69,427…% printed 69,42%
    ]


def test_tables_json_is_valid_and_keeps_provenance(written):
    _, out, _ = written
    data = json.loads((out / "tables.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, _schema("tables.schema.json"))
    t = data["tables"][0]
    assert t["columns"][2] == "Tiếp nhận hồ sơ / Tổng số"
    assert t["column_types"][4] == "rate"
    first = t["rows"][0]
    assert first["label"] == "Sở Tài chính"
    assert first["unit"] == {"id": "dl.so.tai-chinh", "name": "Sở Tài chính", "score": 100}
    assert first["cells"][2]["raw_text"] == "1.648" and first["cells"][2]["value"] == 1648
    assert first["cells"][4]["value"] == 79.92
    assert t["rows"][2]["is_total"] is True
    assert t["rows"][1]["cells"][3]["source"] == "ocr"
    spans = {(c["row"], c["col"]): (c["row_span"], c["col_span"]) for c in t["header"]}
    assert spans[(1, 3)] == (1, 2) and spans[(1, 1)] == (2, 1)  # rows and columns from 1
    assert data["document"]["kinds"] == ["text-layer"]
    assert (data["document"]["province"], data["document"]["date"]) == ("Đắk Lắk", "2024-11")
    assert [c["rate"] for c in data["claims"]] == [69.42, 91.19]


def test_findings_json_is_valid(written):
    _, out, _ = written
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, _schema("findings.schema.json"))
    unreadable = [f for f in data["findings"] if f["verdict"] == "unreadable"]
    assert unreadable[0]["cause"] == "ocr" and unreadable[0]["row"] == 2 and unreadable[0]["columns"] == [4]
    assert unreadable[0]["evidence"] == [{"page": 1, "bbox": list(map(float, _bbox(3, 3)))}]


def test_schema_rejects_a_broken_table():
    bad = {"document": {"path": "x", "sha256": "y", "pages": 1},
           "tables": [{"id": "t", "caption": None, "pages": [1], "kind": "inferred", "columns": [],
                       "rows": [{"is_total": "no", "unit": None, "cells": []}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, _schema("tables.schema.json"))


def test_schema_holds_the_report_province_and_date(written):
    _, out, _ = written
    data = json.loads((out / "tables.json").read_text(encoding="utf-8"))
    schema = _schema("tables.schema.json")
    data["document"]["date"] = "2024-11-28"
    jsonschema.validate(data, schema)
    data["document"]["date"] = "28/11/2024"  # the contract is ISO: a date as printed is refused
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data["document"].update(date="2024-11", province=63)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_csv_round_trips_with_pandas(written):
    report, out, paths = written
    path = out / "csv" / "Bang_1.csv"  # the printed number, not the id
    assert paths["csv"] == [path]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    df = pd.read_csv(path, encoding="utf-8-sig")
    assert list(df.columns) == report.tables[0].columns
    assert df["Đơn vị"].tolist() == ["Sở Tài chính", "UBND huyện Cư M’gar", "Tổng cộng"]
    assert df["Tiếp nhận hồ sơ / Tổng số"].tolist() == [1648, 338, 1986]
    assert df["Tỷ lệ (%)"].tolist() == [79.92, 63.02, 77.04]
    # The cell read with confidence 0.41 is not passed on as a clean value.
    online = df["Tiếp nhận hồ sơ / Trực tuyến"]
    assert online[0] == 1317 and pd.isna(online[1]) and online[2] == 1530
    expected = report.tables[0].to_dataframe()
    assert expected["is_total"].tolist() == [False, False, True]
    assert expected.index.tolist() == [1, 2, 3] and expected.index.name == "row"  # from 1, as everywhere
    expected.loc[2, "Tiếp nhận hồ sơ / Trực tuyến"] = None
    pd.testing.assert_frame_equal(df.iloc[:, 1:], expected.iloc[:, 1:-1].reset_index(drop=True), check_dtype=False)
    # Summing the rows that are no total counts each number once.
    assert expected.loc[~expected["is_total"], "Tiếp nhận hồ sơ / Tổng số"].sum() == 1648 + 338


def test_xlsx_has_numbers_merges_and_comments(written):
    _, out, _ = written
    wb = openpyxl.load_workbook(out / "tables.xlsx")
    assert wb.sheetnames == ["Bảng 1", "Findings"]
    ws = wb["Bảng 1"]
    assert ws["A1"].value.startswith("Bảng 1")
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A2:A3", "B2:B3", "C2:D2", "E2:E3"} <= merged
    assert ws["C3"].value == "Tổng số"
    assert ws["C4"].value == 1648 and isinstance(ws["C4"].value, int)
    assert ws["E4"].value == pytest.approx(79.92)
    flagged = ws["D5"]  # row 2 of the body, 'Trực tuyến' read with confidence 0.41
    assert flagged.comment is not None and "0.41" in flagged.comment.text
    assert flagged.fill.fgColor.rgb.endswith("FFEB9C")
    assert ws["C4"].comment is None
    fs = wb["Findings"]
    assert fs.max_row == 1 + 3


def test_xlsx_prints_filters_and_links_as_an_auditor_uses_it(written):
    report, out, _ = written
    wb = openpyxl.load_workbook(out / "tables.xlsx")
    ws = wb["Bảng 1"]
    assert ws.print_title_rows == "$1:$3"  # caption and both header rows on every printed page
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:E6"
    fs = wb["Findings"]
    assert fs.auto_filter.ref.startswith("A1:") and fs.page_setup.orientation == "landscape"
    message = _FINDING_COLUMNS.index("message_en") + 1
    links = {fs.cell(r, message).hyperlink.location for r in range(2, fs.max_row + 1)
             if fs.cell(r, message).hyperlink is not None}
    # The unreadable cell's finding leads to it: row 2 of the body, 'Trực tuyến'.
    assert "'Bảng 1'!D5" in links
    for link in links:
        sheet, cell = link.rsplit("!", 1)
        assert wb[sheet.strip("'")][cell].value is not None


def test_sheet_names_are_short_and_unique():
    from dvc_extract.export.xlsx import sheet_names

    long = "x" * 50
    tables = [Table(id=long, caption=None, pages=[1], column_paths=[], rows=[]) for _ in range(3)]
    tables.append(Table(id="Findings", caption=None, pages=[1], column_paths=[], rows=[]))
    tables.append(Table(id="a", caption="Bảng 2: số liệu [tháng 7/2024]", pages=[1], column_paths=[], rows=[]))
    tables.append(Table(id="p[1]/2:3", caption=None, pages=[1], column_paths=[], rows=[]))
    names = sheet_names(tables)
    assert all(len(n) <= 31 for n in names)
    assert len({n.lower() for n in names} | {"findings"}) == len(names) + 1
    assert names[-2:] == ["Bảng 2", "p-1--2-3"]


@pytest.mark.parametrize("caption, name, stem", [
    ("Bảng 11: Kết quả giải quyết hồ sơ", "Bảng 11", "Bang_11"),
    ("BẢNG 2. TỶ LỆ", "BẢNG 2", "BANG_2"),
    ("Phụ lục II - Danh mục", "Phụ lục II", "Phu_luc_II"),
    ("Biểu 2a: Đắk Lắk", "Biểu 2a", "Bieu_2a"),
    ("Kết quả thực hiện", "t7", "t7"),
    (None, "t7", "t7"),
])
def test_tables_are_named_after_their_printed_number(caption, name, stem):
    from dvc_extract.export.names import ascii_name, printed_name

    table = Table(id="t7", caption=caption, pages=[1], column_paths=[], rows=[])
    assert printed_name(table) == name and ascii_name(name) == stem


def test_audit_html_shows_each_finding_with_its_crop(written):
    report, out, _ = written
    page = (out / "audit.html").read_text(encoding="utf-8")
    imgs = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(imgs) == len(report.findings)
    crop = Image.open(io.BytesIO(base64.b64decode(imgs[0])))
    assert 20 < crop.width < 800 and 20 < crop.height < 400  # a crop, not the whole page
    assert page.count('class="finding ') == 3
    assert 'data-severity="error"' in page and 'data-unit="UBND huyện Cư M’gar"' in page
    assert "không khớp" in page and "does not match" in page
    assert "<script>" in page and "http" not in page.split("<body>")[1].replace("http-equiv", "")


def test_write_is_atomic(tmp_path):
    target = tmp_path / "tables.json"
    atomic.write_text(target, "old\n")
    with pytest.raises(RuntimeError):
        with atomic.atomic_path(target) as tmp:
            tmp.write_text("half of the new")
            raise RuntimeError("killed mid-write")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["tables.json"]


def test_no_temporary_files_left(written):
    _, out, _ = written
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]
    assert sorted(p.name for p in out.iterdir()) == ["audit.html", "csv", "findings.json", "measures.csv",
                                                     "measures.parquet", "tables.json", "tables.xlsx"]


def test_measures_carry_their_findings(written):
    """The long form holds every parsed number of a typed table, and a number
    that a finding involves carries that finding's verdict."""
    import pandas as pd

    report, out, _ = written
    df = pd.read_parquet(out / "measures.parquet")
    back = pd.read_csv(out / "measures.csv", encoding="utf-8-sig")
    assert len(df) == len(back)
    flagged = {(f.table, f.row, c): f.verdict for f in report.findings
               if f.table is not None and f.row is not None for c in f.columns}
    seen = 0
    for (t, r, c), verdict in flagged.items():
        rows = df[(df["table"] == t) & (df["row"] == r + 1) & (df["col"] == c + 1)]  # from 1
        for found in rows["findings"]:
            assert verdict in found.split(",")
            seen += 1
    assert seen, "no flagged number reached the long form"
    assert (df["findings"] == "").sum() > 0
    # The Python API's long form says the same: no flag is lost on the way to a DataFrame.
    from dvc_extract.typed import tidy

    assert tidy(report)["findings"].tolist() == df["findings"].tolist()


def test_leftovers_of_a_killed_run_are_removed(tmp_path):
    report = make_report(tmp_path)
    out = tmp_path / "out"
    (out / "csv").mkdir(parents=True)
    (out / ".tables.json.abc123.part").write_text("{\"trunc")
    (tmp_path / ".out.new-x1y2").mkdir()  # a run killed before its swap
    (tmp_path / ".out.old-z3w4").mkdir()
    write_all(report, out, ["json"])
    assert not list(out.rglob("*.part"))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_a_report_folder_holds_the_files_of_one_run(tmp_path, monkeypatch):
    """Writing over an earlier run: the new folder replaces the old one whole; a run that
    fails half-way leaves the old one whole."""
    from dvc_extract.export import xlsx as xlsx_module

    report = make_report(tmp_path)
    out = tmp_path / "out"
    write_all(report, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def killed(*_):
        raise KeyboardInterrupt  # SIGINT while the workbook is written

    monkeypatch.setattr(xlsx_module, "write", killed)
    with pytest.raises(KeyboardInterrupt):
        write_all(report, out)
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    monkeypatch.undo()
    write_all(report, out, ["json"])  # fewer formats: no file of the earlier run stays
    assert sorted(p.name for p in out.iterdir()) == ["findings.json", "tables.json"]


def test_xlsx_number_formats_follow_the_print(written):
    _, out, _ = written
    ws = openpyxl.load_workbook(out / "tables.xlsx")["Bảng 1"]
    assert ws["C4"].number_format == "#,##0" and ws["E4"].number_format == "0.00"


def test_audit_html_lists_errors_first(written):
    _, out, _ = written
    page = (out / "audit.html").read_text(encoding="utf-8")
    order = re.findall(r'<div class="finding (\w+)"', page)
    assert order == ["error", "warning", "info"]


def test_audit_crops_come_from_page_images_too(tmp_path):
    """A scanned input (an image file) is cropped from the image, scaled to page points."""
    import pypdfium2 as pdfium

    report = make_report(tmp_path)
    png = tmp_path / "scan.png"
    pdfium.PdfDocument(report.document.path)[0].render(scale=200 / 72).to_pil().save(png)
    report.document.path = str(png)
    out = tmp_path / "out"
    write_all(report, out, ["html"])
    imgs = re.findall(r'src="data:image/png;base64,([^"]+)"', (out / "audit.html").read_text(encoding="utf-8"))
    assert len(imgs) == 3
    crop = Image.open(io.BytesIO(base64.b64decode(imgs[1])))  # error, *warning*, info
    # The unreadable cell spans x 330–410, y 180–200 pt; the crop reaches back to the table's
    # left edge (x 60) for the row labels, with a 14 pt margin, at 200/72 px per pt:
    assert crop.size == pytest.approx(((410 - 60 + 28) * 200 / 72, (20 + 28) * 200 / 72), abs=3)


def test_xlsx_keeps_body_merges_and_survives_overlaps(tmp_path):
    report = make_report(tmp_path)
    table = report.tables[0]
    rate = table.rows[0].cells[4]
    rate.row_span = 2  # "79,92" printed once for two rows, as Bảng 8's "24,16%"
    table.rows[1].cells = [c for c in table.rows[1].cells if c.col != 4]
    table.header.append(Cell(row=1, col=3, text="overlap", raw_text="overlap", bbox=(0, 0, 1, 1), page=1))
    write_all(report, tmp_path / "out", ["xlsx"])
    ws = openpyxl.load_workbook(tmp_path / "out" / "tables.xlsx")["Bảng 1"]
    assert "E4:E5" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["E4"].value == pytest.approx(79.92) and ws["D3"].value == "Trực tuyến"


@pytest.mark.e2e
def test_a_dataframe_gives_row_numbers_as_whole_numbers():
    from dvc_extract.model import ColumnType
    from dvc_extract.pipeline import extract

    report = extract(str(ROOT / "corpora" / "digital" / "000.pdf"))
    numbered = [t for t in report.tables if ColumnType.NUMBERING in t.column_types]
    assert numbered
    for table in numbered:
        df = table.to_dataframe()
        stt = df[table.columns[table.column_types.index(ColumnType.NUMBERING)]]
        assert str(stt.dtype) == "Int64" and stt.dropna().tolist()[:3] == [1, 2, 3][:len(stt.dropna())]
        assert df["is_total"].dtype == bool


def test_a_tables_json_that_counts_rows_from_0_is_refused(written, tmp_path):
    # Schema 1.x counted rows and columns from 0: read as 2.0, every finding would move one cell.
    from dvc_extract.errors import UsageError
    from dvc_extract.export import findings_json, tables_json

    _, out, _ = written
    for name, module in (("tables.json", tables_json), ("findings.json", findings_json)):
        data = json.loads((out / name).read_text(encoding="utf-8"))
        module.read(out / name)  # this version's own file reads back
        data["schema_version"] = "1.0"
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(UsageError, match="schema version 1.0"):
            module.read(tmp_path / name)


def test_csv_for_a_vietnamese_locale_has_semicolons_and_decimal_commas(written, tmp_path):
    # Excel and LibreOffice set to Vietnamese split fields at ';' and read "79,92" as a number.
    report, out, _ = written
    vn = tmp_path / "vn"
    write_all(report, vn, ["csv", "measures"], csv_dialect="excel-vn")
    text = (vn / "csv" / "Bang_1.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[1].split(";")[2:5] == ["1648", "1317", "79,92"]
    for name in ("csv/Bang_1.csv", "measures.csv"):
        ours = pd.read_csv(out / name, encoding="utf-8-sig")
        theirs = pd.read_csv(vn / name, encoding="utf-8-sig", sep=";", decimal=",")
        pd.testing.assert_frame_equal(ours, theirs)


def test_every_output_names_a_flagged_cell_by_the_same_row_and_column(written):
    # The cell read with confidence 0.41: body row 2, column 4 ('Trực tuyến'), counted from 1
    # in each file an auditor or a program opens.
    report, out, _ = written
    (f,) = [f for f in json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
            if f["verdict"] == "unreadable"]
    assert (f["row"], f["columns"]) == (2, [4])
    table = json.loads((out / "tables.json").read_text(encoding="utf-8"))["tables"][0]
    (cell,) = [c for c in table["rows"][f["row"] - 1]["cells"] if c["col"] == 4]
    assert cell["confidence"] == 0.41
    fs = openpyxl.load_workbook(out / "tables.xlsx")["Findings"]
    header = [c.value for c in fs[1]]
    lines = [dict(zip(header, [c.value for c in r])) for r in fs.iter_rows(min_row=2)]
    assert [(x["row"], x["columns"]) for x in lines if x["verdict"] == "unreadable"] == [(2, "4")]
    measures = pd.read_csv(out / "measures.csv", encoding="utf-8-sig")
    assert measures.loc[(measures["row"] == 2) & (measures["col"] == 4), "findings"].tolist() == ["unreadable"]
    assert "dòng / row 2" in (out / "audit.html").read_text(encoding="utf-8")
    assert "row 2, column 4" in f["message_en"]
    assert report.tables[0].to_dataframe().loc[2, "Tiếp nhận hồ sơ / Trực tuyến"] == cell["value"]
