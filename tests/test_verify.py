"""Claims found in prose and the checks that recompute them."""
from __future__ import annotations

from dataclasses import replace

import pytest

from dvc_extract.model import Cell, ColumnType, Document, Page, Report, Row, Table, TextBlock, Word, split_path
from dvc_extract.settings import Settings
from dvc_extract.verify import check, find_claims, rate_verdict


def _blocks(*texts: str, page: int = 1) -> list[TextBlock]:
    return [TextBlock(text=t, page=page, bbox=(50, 100 + 20 * i, 500, 115 + 20 * i)) for i, t in enumerate(texts)]


def _report(claims=(), tables=(), source="text-layer") -> Report:
    doc = Document(path="x.pdf", sha256="", pages=[Page(1, 595, 842, source)])
    return Report(document=doc, tables=list(tables), claims=list(claims))


def _triples(claims):
    return [(c.rate, c.numerator, c.denominator) for c in claims]


@pytest.mark.parametrize("text, expected", [
    ("Trong đó, số DVCTT một phần có phát sinh hồ sơ trực tuyến: 213, đạt tỷ lệ: 63.02% (213/338).",
     [(63.02, 213, 338)]),
    ("Năm 2023, đạt 21,7% (198.848/916.146).", [(21.7, 198848, 916146)]),
    ("Năm 2023 đạt 69,42%  (138.055 /198.848)", [(69.42, 138055, 198848)]),
    ("- Năm 2022 đạt 16.3% (206.050/1.264.340).", [(16.3, 206050, 1264340)]),
    ("phần, toàn trình): 1.317/1.648 TTHC đạt tỷ lệ 79,92%.", [(79.92, 1317, 1648)]),
    ("Cấp huyện: 120/214 TTHC đạt tỷ lệ 56,07; cấp xã: 22/117 TTHC đạt tỷ lệ 18,80%.",
     [(56.07, 120, 214), (18.8, 22, 117)]),
])
def test_explicit_claims(text, expected):
    assert _triples(find_claims(_blocks(text))) == expected


def test_a_rate_belongs_to_the_nearest_fraction():
    text = ("- Số TTHC cung cấp dịch vụ tiếp nhận qua dịch vụ BCCI: 1.201/1.317 TTHC "
            "(Cấp tỉnh 1.075/1.217 TTHC đạt tỷ lệ 91,19%. Cấp huyện: 115/214 đạt tỷ lệ 53,74%;")
    assert _triples(find_claims(_blocks(text))) == [(91.19, 1075, 1217), (53.74, 115, 214)]


def test_a_claim_across_a_line_break():
    text = "Số lượng DVCTT toàn trình có phát sinh hồ sơ: 248; đạt tỷ\n\nlệ: 42.32% (248/586)."
    (claim,) = find_claims(_blocks(text))
    assert (claim.rate, claim.numerator, claim.denominator, claim.rate_text) == (42.32, 248, 586, "42.32")
    assert claim.page == 1 and claim.bbox == (50, 100, 500, 115)


@pytest.mark.parametrize("text", [
    "Căn cứ Nghị quyết số 53/NQ-HĐND ngày 7/12/2023 của HĐND tỉnh, mục tiêu đạt 30%.",
    "Tổng số điểm Đắk Lắk đạt: 72,78/100 điểm, xếp hạng 42/63 tỉnh, thành phố.",
    "Sở Thông tin và Truyền thông 100% Sở Tài chính 100%",
    "Mục tiêu năm 2024, 40% hồ sơ DVC được giải quyết trực tuyến.",
    "Trong tháng 7/2024, tỷ lệ hồ sơ trực tuyến đạt 45%.",
    "Kết quả 11/2024 có tỷ lệ 50%.",
    "Đắk Lắk xếp hạng 42/63 tỉnh, chiếm tỷ lệ 30% số điểm.",
    "Theo Kế hoạch số 25/KH ngày 3/5, chiếm tỷ lệ 10%.",
    "Đã xử lý 120/214 hồ sơ. Tỷ lệ chung của tỉnh là 56%.",
])
def test_numbers_that_are_not_claims(text):
    assert find_claims(_blocks(text)) == []


def test_shares_of_a_total_stated_before():
    claims = find_claims(_blocks(
        "a) Tổng số hồ sơ TTHC đã giải quyết: 77.390 hồ sơ. Trong đó:",
        "- Có 77.021 hồ sơ giải quyết đúng, trước hạn, chiếm tỷ lệ 99,52%.",
        "- Có 369 hồ sơ giải quyết quá hạn, chiếm tỷ lệ 0,48%, gồm: 296 hồ sơ lĩnh vực đất đai.",
        "- Trong 276 hồ sơ giải quyết quá hạn thực sự: Có 54 hồ sơ đã ban hành văn bản xin lỗi, "
        "chiếm tỷ lệ 19,6%; còn 222 hồ sơ không có văn bản xin lỗi, chiếm tỷ lệ 80,5%.",
        "b) Số TTHC có phát sinh: 40 TTHC, chiếm tỷ lệ 12,5%.",  # new section: the total no longer applies
    ))
    assert _triples(claims) == [(99.52, 77021, 77390), (0.48, 369, 77390), (19.6, 54, 276), (80.5, 222, 276)]


@pytest.mark.parametrize("stated, a, b, places, verdict", [
    (63.02, 213, 338, 2, None),          # 63.017… rounds to 63.02
    (79.92, 1317, 1648, 2, None),        # 79.9150… rounds up
    (42.19, 135, 320, 2, None),          # 42.1875
    (100, 57, 57, 0, None),
    (69.42, 138055, 198848, 2, "rounding"),   # 69.4274… truncated
    (80.5, 222, 276, 1, "rounding"),          # 80.43…, off by less than one printed unit
    (91.19, 1075, 1217, 2, "inconsistent"),   # 88.33…
    (21.7, 198848, 916146, 1, None),
    (22.0, 25571, 112450, 0, "rounding"),     # 22.74 printed "22": off by 0.74, less than one unit
    (24.0, 25571, 112450, 0, "inconsistent"),
])
def test_rate_verdicts(stated, a, b, places, verdict):
    assert rate_verdict(stated, a / b * 100, places) == verdict


def test_check_reports_claims_with_evidence_and_both_languages():
    claims = find_claims(_blocks(
        "Năm 2023 đạt 69,42% (138.055/198.848).",
        "Cấp tỉnh 1.075/1.217 TTHC đạt tỷ lệ 91,19%.",
        "Năm 2021 đạt 18.9% (147.087/778.438).",
    ))
    findings = check(_report(claims))
    assert [(f.verdict, f.severity, f.stated) for f in findings] == [
        ("rounding", "info", 69.42), ("inconsistent", "error", 91.19)]
    bad = findings[1]
    assert bad.recomputed == pytest.approx(1075 / 1217 * 100, abs=1e-6)
    assert bad.difference == pytest.approx(91.19 - 1075 / 1217 * 100, abs=1e-6)
    assert bad.cause == "source" and bad.claim == "1.075/1.217 TTHC đạt tỷ lệ 91,19%"
    assert [(e.page, e.bbox) for e in bad.evidence] == [(1, (50, 120, 500, 135))]
    assert "1.075/1.217" in bad.message_vi and "88,33%" in bad.message_vi and "không khớp" in bad.message_vi
    assert "1,075/1,217" in bad.message_en and "88.33%" in bad.message_en


def test_claims_on_scanned_pages_may_be_misread():
    claims = find_claims(_blocks("Cấp tỉnh 1.075/1.217 TTHC đạt tỷ lệ 91,19%."))
    (finding,) = check(_report(claims, source="scanned"))
    assert finding.cause == "ocr"  # no words to tell how surely its figures were read


@pytest.mark.parametrize("rate_confidence, cause", [(0.95, "source"), (0.6, "ocr")])
def test_a_scanned_claim_read_with_confidence_is_the_sources(rate_confidence, cause):
    text = "Cấp tỉnh 1.075/1.217 TTHC đạt tỷ lệ 91,19%."
    report = _report(find_claims(_blocks(text)), source="scanned")
    x = 50.0
    for word in text.split():
        conf = rate_confidence if word.startswith("91") else 0.95
        report.document.pages[0].words.append(Word(word, x, 101, x + 6 * len(word), 113, 1, source="ocr",
                                                   confidence=conf))
        x += 6 * len(word) + 4
    (finding,) = check(report)
    assert finding.cause == cause


@pytest.mark.parametrize("text, cause, other", [
    # A real scanned report (Lâm Đồng, 2026): the italic "31.295" read "37.295" with confidence.
    ("đang giải quyết 33.421 hồ sơ (trong hạn giải quyết 37.295 hồ sơ và 2.126 hồ sơ quá hạn).", "ocr", "31.295"),
    ("Cấp tỉnh 1.075/1.217 TTHC đạt tỷ lệ 88,38%.", "ocr", "88,33"),
    # No one slip of one figure makes these agree: the arithmetic fails on what is printed.
    ("đang giải quyết 33.421 hồ sơ (trong hạn giải quyết 30.295 hồ sơ và 2.126 hồ sơ quá hạn).", "source", None),
    ("Cấp tỉnh 1.075/1.217 TTHC đạt tỷ lệ 91,19%.", "source", None),
])
def test_a_scanned_figure_one_ocr_slip_from_agreeing_is_a_suspicion(text, cause, other):
    report = _report(find_claims(_blocks(text)), source="scanned")
    report.prose = _blocks(text)
    x = 50.0
    for word in text.split():
        report.document.pages[0].words.append(Word(word, x, 101, x + 6 * len(word), 113, 1, source="ocr",
                                                   confidence=0.95))
        x += 6 * len(word) + 4
    (finding,) = [f for f in check(report) if f.verdict == "inconsistent"]
    assert finding.cause == cause
    assert (other is not None) == ("may be" in finding.message_en)
    if other:
        assert f"“{other}”" in finding.message_en and f"“{other}”" in finding.message_vi


def _table(confidences: list[float], header_confidence: float = 1.0) -> Table:
    cells = [Cell(row=0, col=k, text="12", raw_text="12", bbox=(100 + 50 * k, 200, 150 + 50 * k, 220),
                  page=2, source="ocr", confidence=c, value=12.0) for k, c in enumerate(confidences)]
    header = [Cell(row=0, col=0, text="Tổng số", raw_text="Tong so", bbox=(100, 180, 150, 200), page=2,
                   source="ocr", confidence=header_confidence)]
    return Table(id="t7", caption="Bảng 7", pages=[2], column_paths=[("a",), ("b",), ("c",)], rows=[Row(cells=cells)],
                 header=header)


def test_low_confidence_cells_are_unreadable():
    threshold = Settings().min_cell_confidence
    table = _table([0.99, threshold - 0.01, threshold], header_confidence=0.2)
    findings = check(_report(tables=[table]))
    assert [(f.verdict, f.cause, f.table, f.row, f.columns) for f in findings] == [
        ("unreadable", "ocr", "t7", None, [0]),   # the header cell
        ("unreadable", "ocr", "t7", 0, [1]),      # below the threshold; the one at it passes
    ]
    cell = findings[1]
    assert cell.stated == 12.0 and [(e.page, e.bbox) for e in cell.evidence] == [(2, (150, 200, 200, 220))]
    assert "độ tin cậy" in cell.message_vi and "confidence" in cell.message_en


def test_threshold_comes_from_settings():
    table = _table([0.9])
    assert check(_report(tables=[table]), Settings(min_cell_confidence=0.95))[0].columns == [0]
    assert check(_report(tables=[table]), Settings(min_cell_confidence=0.5)) == []


def test_claim_evidence_is_the_boxes_of_its_words():
    from dvc_extract.model import Word

    lines = [("Tổng số dịch vụ công trực tuyến (bao gồm một phần, toàn trình): 1.317/1.648 TTHC đạt tỷ", 100),
             ("lệ 79,92%. Các đơn vị tiếp tục triển khai.", 116)]
    words = []
    for text, top in lines:
        x = 72.0
        for token in text.split():
            width = 6.0 * len(token)
            words.append(Word(token, x, top, x + width, top + 12, page=1))
            x += width + 3
    block = TextBlock(text="\n".join(t for t, _ in lines), page=1,
                      bbox=(72, 100, max(w.x1 for w in words), 128))
    doc = Document(path="x.pdf", sha256="", pages=[Page(1, 595, 842, "text-layer", words=words)])
    report = Report(document=doc, tables=[], claims=find_claims([block]))
    report.claims[0].rate = 43.0  # make it a finding
    (finding,) = check(report)
    boxes = [e.bbox for e in finding.evidence]
    # "1.317/1.648 TTHC đạt tỷ" ends line 1, "lệ 79,92%" opens line 2.
    by_text = {w.text: w for w in words}
    assert boxes == [
        (by_text["1.317/1.648"].x0, 100, by_text["tỷ"].x1, 112),
        (72.0, 116, by_text["79,92%."].x1, 128),
    ]


def _counts_table(rows: list[list[str]], totals: tuple[int, ...] = (-1,)) -> Table:
    def value(s):
        return float(s.replace(".", "")) if s.replace(".", "").isdigit() else None

    built = []
    for r, printed in enumerate(rows):
        cells = [Cell(row=r, col=0, text=printed[0], raw_text=printed[0], bbox=(50, 100 + 20 * r, 200, 120 + 20 * r),
                      page=1)]
        cells += [Cell(row=r, col=k, text=s, raw_text=s, bbox=(200 + 60 * k, 100 + 20 * r, 260 + 60 * k, 120 + 20 * r),
                       page=1, value=value(s)) for k, s in enumerate(printed[1:], start=1)]
        built.append(Row(cells=cells))
    for t in totals:
        built[t].is_total = True
    return Table(id="t3", caption="Bảng 3", pages=[1],
                 column_paths=[("Đơn vị",), ("Tổng số",), ("Trực tuyến",), ("Tỷ lệ (%)",)],
                 rows=built, column_types=["label", "count", "count", "rate"])


def test_a_total_row_that_does_not_add_up():
    table = _counts_table([
        ["Sở Tài chính", "1.648", "1.317", "79,92"],
        ["Sở Xây dựng", "338", "-", "0"],
        ["Sở Y tế", "12", "10", "83,33"],
        ["TỔNG", "1.999", "1.327", "66,38"],
    ])
    (f,) = check(_report(tables=[table]))
    assert (f.rule, f.verdict, f.table, f.row, f.columns) == ("total-row-sum", "inconsistent", "t3", 3, [1])
    assert (f.stated, f.recomputed, f.difference) == (1999, 1998, 1)
    assert f.evidence[0].bbox == (260, 160, 320, 180) and len(f.evidence) == 4
    assert "1.999" in f.message_vi and "1.998" in f.message_vi and "1,998" in f.message_en


def test_total_rows_left_alone_when_ambiguous():
    subtotals = _counts_table([["A", "1", "1", "100"], ["Cấp tỉnh", "5", "1", "20"],
                               ["B", "2", "0", "0"], ["TỔNG", "9", "1", "11"]], totals=(1, 3))
    with_text = _counts_table([["A", "1", "1", "100"], ["B", "n/a", "0", "0"], ["TỔNG", "9", "1", "50"]])
    assert check(_report(tables=[subtotals, with_text])) == []


def _channel_table() -> Table:
    """A table of the 'hồ sơ tiếp nhận theo kênh' kind, named as the schema stage names it."""
    printed = [
        ["1", "Sở Tài chính", "851", "0", "0", "0", "851", "100"],
        ["2", "Sở Y tế", "4569", "4520", "0", "20", "29", "1,07"],      # 49/4569 = 1,072 → ok
        ["3", "Sở Xây dựng", "1000", "900", "0", "50", "50", "10,5"],   # 100/1000 = 10 → inconsistent
        ["4", "Sở Nội vụ", "300", "200", "1", "40", "50", "30,00"],     # parts 291 ≠ 300; 90/300 = 30 → ok
        ["", "Tổng cộng", "6720", "5620", "1", "110", "980", "16,22"],  # Σ rows ✓; parts 6711 (row 4's gap)
    ]
    rows = []
    for r, line in enumerate(printed):
        cells = []
        for k, s in enumerate(line):
            number = s.replace(",", ".")
            value = float(number) if k >= 2 and number.replace(".", "").isdigit() else None
            cells.append(Cell(row=r, col=k, text=s, raw_text=s, page=3, value=value,
                              bbox=(40 + 60 * k, 100 + 20 * r, 100 + 60 * k, 120 + 20 * r)))
        rows.append(Row(cells=cells, is_total=(r == 4)))
    return Table(
        id="t2", caption="Bảng 2", pages=[3], kind="ho-so-tiep-nhan-kenh", rows=rows,
        column_paths=[split_path(c) for c in [
            "STT", "Tên cơ quan, đơn vị", "Tiếp nhận / Tổng số", "Tiếp nhận / Trực tiếp", "Tiếp nhận / Qua BCCI",
            "Trực tuyến / Một phần", "Trực tuyến / Toàn trình", "Tỷ lệ (%)"]],
        column_types=["numbering", "label", "count", "count", "count", "count", "count", "rate"],
        column_names=["stt", "unit", "received_total", "received_direct", "received_bcci",
                      "received_online_partial", "received_online_full", "online_rate"],
    )


def test_kind_relations_rate_sum_and_total_row():
    from dvc_extract import typed

    table = _channel_table()
    assert {type(r) for r in typed.relations(table)} == {typed.RateRelation, typed.SumRelation,
                                                         typed.TotalRowRelation}
    found = sorted((f.rule, f.row, f.columns[0], f.verdict) for f in check(_report(tables=[table])))
    assert found == [
        ("table-rate", 2, 7, "inconsistent"),
        ("table-sum", 3, 2, "inconsistent"),
        ("table-sum", 4, 2, "inconsistent"),
    ]
    rate = next(f for f in check(_report(tables=[table])) if f.rule == "table-rate")
    assert (rate.stated, rate.recomputed) == (10.5, 10.0)
    assert len(rate.evidence) == 4 and rate.evidence[0].bbox == (460, 140, 520, 160)  # the rate cell first
    assert "Sở Xây dựng" in rate.message_vi and "(50 + 50)/1.000" in rate.message_vi
    assert "(50 + 50)/1,000" in rate.message_en


def test_kind_total_row_replaces_the_generic_one():
    table = _channel_table()
    total = next(c for c in table.rows[4].cells if c.col == 3)
    total.value = 5600.0  # Σ Trực tiếp is 5620
    found = [(f.rule, f.row, f.columns) for f in check(_report(tables=[table])) if f.rule == "total-row-sum"]
    assert found == [("total-row-sum", 4, [3])]


def test_a_rate_over_a_zero_denominator():
    table = _channel_table()
    zero = {2: 0.0, 3: 0.0, 4: 0.0, 5: 2.0, 6: 0.0, 7: 100.0}    # 2 online of 0 received, printed 100%
    nothing = {2: 0.0, 3: 0.0, 4: 0.0, 5: 0.0, 6: 0.0, 7: 0.0}  # 0/0: no rate to check
    for row, values in ((0, zero), (3, nothing)):
        for c in table.rows[row].cells:
            if c.col in values:
                c.value, c.text, c.raw_text = values[c.col], str(int(values[c.col])), str(int(values[c.col]))
    found = [f for f in check(_report(tables=[table])) if f.rule == "table-rate"]
    assert [(f.row, f.columns, f.verdict, f.stated, f.recomputed) for f in found] == [
        (0, [7], "inconsistent", 100.0, None), (2, [7], "inconsistent", 10.5, 10.0)]
    assert "mẫu số" in found[0].message_vi and "denominator" in found[0].message_en
    assert len(found[0].evidence) == 4


def test_the_total_of_a_table_whose_start_is_not_here_is_not_checked():
    # The last page of a table scanned alone: no header, rows 16 and 17, and the total
    # of all 17 rows. Its rows cannot add up to it; nothing is raised.
    def row(cells, total=False):
        return Row(cells=[Cell(row=0, col=j, text=t, raw_text=t, bbox=(0, 0, 1, 1), page=1,
                               value=v) for j, (t, v) in enumerate(cells)], is_total=total)
    rows = [row([("16", 16), ("Sở Tài nguyên", None), ("97", 97)]),
            row([("17", 17), ("Sở Y tế", None), ("130", 130)]),
            row([("", None), ("Tổng số", None), ("1.318", 1318)], total=True)]
    tail = Table(id="t1", caption=None, pages=[1], column_paths=[(), (), ()], rows=rows,
                 column_types=[ColumnType.LABEL, ColumnType.LABEL, ColumnType.COUNT])
    assert not [f for f in check(_report(tables=[tail])) if f.rule != "unreadable"]
    whole = replace(tail, column_paths=[("STT",), ("Đơn vị",), ("Tổng số",)])
    assert [f.stated for f in check(_report(tables=[whole])) if f.rule != "unreadable"] == [1318]


def test_a_closing_total_over_sections_is_not_summed_row_by_row():
    # A balance sheet: "I." and "II." are sections whose rows "1.", "2." make them up, and
    # the closing total is theirs; a plain sum of every row above it means nothing.
    def row(mark, name, amount, total=False):
        texts = [(mark, None), (name, None), (amount, float(amount.replace(".", "")))]
        return Row(cells=[Cell(row=0, col=j, text=t, raw_text=t, bbox=(0, 0, 1, 1), page=1, value=v)
                          for j, (t, v) in enumerate(texts) if t], is_total=total)
    rows = [row("I.", "Vốn chủ sở hữu", "150"), row("1.", "Vốn góp", "100"), row("2.", "Thặng dư", "50"),
            row("II.", "Nguồn kinh phí", "10"), row("1.", "Nguồn kinh phí", "10"),
            row("", "TỔNG CỘNG NGUỒN VỐN", "160", total=True)]
    types = [ColumnType.TEXT, ColumnType.LABEL, ColumnType.COUNT]
    sheet = Table(id="t1", caption=None, pages=[1], column_paths=[("",), ("Chỉ tiêu",), ("Số cuối năm",)],
                  rows=rows, column_types=types)
    assert not [f for f in check(_report(tables=[sheet])) if f.rule != "unreadable"]
    flat = replace(sheet, rows=[row("1.", "Vốn góp", "100"), row("2.", "Thặng dư", "50"),
                                row("", "Tổng", "160", total=True)])
    assert [f.stated for f in check(_report(tables=[flat])) if f.rule != "unreadable"] == [160]
