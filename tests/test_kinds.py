"""Table kinds: recognition from column paths (clean, stripped, OCR-damaged), typed columns of
unknown tables, total rows, relations resolved to indices."""
from __future__ import annotations

from pathlib import Path

import pytest

from dvc_extract.model import Cell, Row, Table, split_path
from dvc_extract.typed import (IndicatorRateRelation, RateRelation, SumRelation, TotalRowRelation, relations,
                               type_table)
from dvc_extract.typed.headers import period
from dvc_extract.typed.kinds import kinds
from dvc_extract.typed.recognise import recognise
from dvc_extract.typed.totals import is_total_label

CHANNEL = ["STT", "Tên cơ quan, đơn vị", "Tiếp nhận hồ sơ TTHC / Tổng số", "Tiếp nhận hồ sơ TTHC / Trực tiếp",
           "Tiếp nhận hồ sơ TTHC / Qua BCCI", "Tiếp nhận hồ sơ TTHC / Trực tuyến / Một phần",
           "Tiếp nhận hồ sơ TTHC / Trực tuyến / Toàn trình",
           "Tiếp nhận hồ sơ TTHC / Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)"]


def table(columns, rows):
    body = []
    for i, r in enumerate(rows):
        cells = []
        for j, text in enumerate(r):
            if text == "":
                continue
            try:
                value = float(text.replace("%", "").replace(",", "."))
            except ValueError:
                value = None
            cells.append(Cell(row=i, col=j, text=text, raw_text=text, bbox=(0, 0, 0, 0), page=1, value=value))
        body.append(Row(cells=cells))
    return Table(id="t", caption=None, pages=[1], column_paths=[split_path(c) for c in columns], rows=body)


def test_kinds_file_is_consistent():
    import json

    import jsonschema

    from dvc_extract.resources import data_path

    schema = Path(__file__).resolve().parents[1] / "schemas" / "kinds.schema.json"
    jsonschema.validate(json.loads(data_path("kinds.json").read_text(encoding="utf-8")),
                        json.loads(schema.read_text(encoding="utf-8")))
    ids = [k.id for k in kinds()]
    assert len(ids) == len(set(ids)) >= 9
    for k in kinds():
        names = {c.name for c in k.columns}
        assert set(k.required) <= names, k.id
        for rel in k.relations:
            named = [getattr(rel, x, None) for x in ("rate", "denominator", "total")] + \
                list(getattr(rel, "numerator", ())) + list(getattr(rel, "parts", ())) + \
                list(getattr(rel, "columns", ()))
            assert {n for n in named if n} <= names, (k.id, rel)


@pytest.mark.parametrize("columns, kind", [
    (CHANNEL, "ho-so-tiep-nhan-kenh"),
    ([c.replace("ế", "e").replace("ự", "u").replace("ổ", "o").replace("ố", "o").replace("ồ", "o").replace("ơ", "o")
      .replace("ậ", "a").replace("ỷ", "y").replace("ệ", "e").replace("ộ", "o").replace("ầ", "a").replace("à", "a")
      .replace("ì", "i").replace("ê", "e").replace("ư", "u").replace("ạ", "a").replace("đ", "d") for c in CHANNEL],
     "ho-so-tiep-nhan-kenh"),
    (CHANNEL[:5] + ["Tiếp nhận hồ sơ TTHC / Tỷ lệ hồ sơ tiếp nhận trực tiếp (%)"], "ho-so-tiep-nhan-truc-tiep"),
    (["STT", "Tên cơ quan, đơn vị", "Tổng số TTHC", "Số DVC trực tuyến toàn trình", "Tỷ lệ DVCTT toàn trình (%)"],
     "dvc-toan-trinh"),
    (["STT", "Tên cơ quan , đơn vị", "Tỷ lệ DVCTT toàn trình", "Tổng số hồ sơ tiếp nhận",
      "Tổng số hồ sơ phát sinh trực tuyến", "Tỷ lệ hồ sơ phát sinh trực tuyến (%)"], "phat-sinh-ho-so"),
    (["STT", "ĐƠN VỊ"] + [f"SỐ HỒ SƠ TRỄ HẠN XỬ LÝ / {d}" for d in ("02/3", "18/3", "27/3")], "tre-han-theo-ngay"),
    (["STT", "ĐƠN VỊ"] + [f"SỐ HỒ SƠ TRỄ 8 TIẾNG CHƯA TIẾP NHẬN / {d}" for d in ("02/3", "18/3")],
     "qua-8-gio-theo-ngay"),
    (["STT", "Chỉ tiêu"] + [f"Tỉnh Đắk Lắk / Năm {y}" for y in range(2021, 2026)], "chi-tieu-theo-nam"),
    (["TT", "Tên cơ quan, đơn vị", "Số hồ sơ mức độ 3", "Tỷ lệ (%)", "Điểm CCHC theo QĐ tỉnh"], "muc-do-3"),
    # the 2018 scan as OCR without Vietnamese support read its header
    (["TT", "Tén co quan, don vi", "Sohéso mircd3", "TyIé (%)", "Piém CCHC theo QP tinh"], "muc-do-3"),
    (["Hồ sơ trực tuyến", "Tỷ lệ"], "xep-hang-ty-le"),
])
def test_recognised_from_column_paths(columns, kind):
    found = recognise([split_path(c) for c in columns], 1 if len(columns) > 2 else 0)
    assert found is not None and found.kind.id == kind


@pytest.mark.parametrize("columns", [
    ["STT", "Đơn vị", "Số hồ sơ tiếp nhận", "Đã giải quyết", "Tỷ lệ (%)"],
    ["STT", "Huyện", "Dân số"],
    ["Nội dung", "Kết quả"],
])
def test_unknown_tables_are_not_forced_into_a_kind(columns):
    assert recognise([split_path(c) for c in columns], 1) is None


def test_unknown_table_comes_out_inferred_with_typed_columns():
    t = type_table(table(["STT", "Đơn vị", "Số hồ sơ", "Tỷ lệ (%)", "Ghi chú"], [
        ["1", "Sở Y tế", "120", "45,5", "đạt"], ["2", "Sở Tư pháp", "80", "30", ""],
        ["", "Tổng cộng", "200", "40", ""]]))
    assert t.kind == "inferred"
    assert t.column_types == ["numbering", "label", "count", "rate", "text"]
    assert [r.is_total for r in t.rows] == [False, False, True]
    assert t.column_names[2] == "so_ho_so"


def test_channel_table_typed_with_its_relations():
    t = type_table(table(CHANNEL, [
        ["1", "Sở Tài chính", "851", "0", "0", "0", "851", "100"],
        ["2", "Sở Nội vụ", "526", "1", "0", "425", "100", "99.81"],
        ["TỔNG SỞ, BAN, NGÀNH", "", "1377", "1", "0", "425", "951", "99.93"]]))
    assert t.kind == "ho-so-tiep-nhan-kenh"
    assert t.column_names == ["stt", "unit", "received_total", "received_direct", "received_bcci",
                              "received_online_partial", "received_online_full", "online_rate"]
    assert t.column_types == ["numbering", "label", "count", "count", "count", "count", "count", "rate"]
    assert [r.is_total for r in t.rows] == [False, False, True]
    rel = {type(r): r for r in relations(t)}
    assert rel[RateRelation] == RateRelation(rate=7, numerator=(5, 6), denominator=2, scale=100)
    assert rel[SumRelation] == SumRelation(total=2, parts=(3, 4, 5, 6))
    assert rel[TotalRowRelation].row == 2 and rel[TotalRowRelation].over_rows == (0, 1)


@pytest.mark.parametrize("label, total", [
    ("TỔNG SỐ", True), ("Tổng cộng", True), ("TỔNG SỞ, BAN, NGÀNH", True), ("TONG SO", True), ("Tong cong", True),
    ("Cộng", True), ("Toàn tỉnh", True), ("Sở Công Thương", False), ("UBND huyện Krông Năng", False),
    ("Công an tỉnh", False),
])
def test_total_labels(label, total):
    assert is_total_label(label) is total


def test_a_scanned_total_label_is_read_through_its_tone_mark():
    # the OCR's "TỐNG" for "TỔNG": the mark on a scan is a guess, the word is a total's
    assert is_total_label("TỐNG SỞ BAN NGÀNH", scanned=True) and not is_total_label("TỐNG SỞ BAN NGÀNH")
    assert not is_total_label("Công an tỉnh", scanned=True)


def test_numbered_indicator_starting_with_tong_so_is_not_a_total():
    t = type_table(table(["STT", "Chỉ tiêu", "Tỉnh Đắk Lắk / Năm 2021"], [
        ["5.1.", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến toàn trình", "46,14"],
        ["5.1.1.", "Tổng số TTHC cung cấp dịch vụ công trực tuyến", "1543"],
        ["5.1.2.", "Số TTHC đang cung cấp trực tuyến toàn trình", "712"]]))
    assert t.kind == "chi-tieu-theo-nam" and not any(r.is_total for r in t.rows)
    assert t.column_names[2] == "value[2021]"
    assert relations(t) == [IndicatorRateRelation(row=0, numerator_row=2, denominator_row=1,
                                                  columns=(2,), scale=100)]


def test_a_year_whose_header_ocr_mangled_takes_its_place_in_the_series():
    # "Năm 2022" read "202" between 2021 and 2023: the series' missing year, its digits in order
    cols = ["STT", "Chỉ tiêu", "Tỉnh Đắk Lắk / Năm 2021", "Tỉnh Đắk Lắk / 202", "Tỉnh Đắk Lắk / Năm 2023"]
    t = type_table(table(cols, [["5.5.", "Tỷ lệ TTHC được tích hợp thanh toán trực tuyến", "20", "19,3", "70"],
                                ["5.5.1.", "Tổng số TTHC có yêu cầu nghĩa vụ tài chính", "100", "251", "100"],
                                ["5.5.2.", "Số TTHC đã triển khai thanh toán trực tuyến", "20", "48", "70"]]))
    assert t.column_names[2:] == ["value[2021]", "value[2022]", "value[2023]"]
    # a header that is no fragment of the missing year stays outside the series
    cols[3] = "Tỉnh Đắk Lắk / Mã 31"
    t = type_table(table(cols, [["5.5.", "Tỷ lệ TTHC", "20", "19,3", "70"]]))
    assert "value[2022]" not in t.column_names


def test_periods_from_header_leaves():
    assert period("02/3") == "02/03"
    assert period("Năm 2021") == "2021"
    assert period("Năm 2021", "year") == "2021" and period("02/3", "year") is None
    assert period("Tháng 11/2024") == "11/2024"
    assert period("Quý III/2018") == "QIII/2018"
    assert period("Tổng số") is None


def test_resolution_table_fills_two_rate_columns_in_print_order():
    t = type_table(table(["TT", "Tên đơn vị", "Số hồ sơ tiếp nhận", "Số hồ sơ đã giải quyết", "Đúng hạn",
                          "Tỷ lệ (%)", "Trễ hạn", "Tỷ lệ (%)"], [
        ["1", "Sở Ngoại vụ", "4", "8", "8", "100", "0", "0"],
        ["2", "UBND huyện Lắk", "325", "267", "177", "66.2", "90", "33.8"]]))
    assert t.kind == "ket-qua-giai-quyet"
    assert t.column_names[5] == "on_time_rate" and t.column_names[7] == "late_rate"
    rel = [r for r in relations(t) if isinstance(r, RateRelation)]
    assert {r.rate: r.numerator for r in rel} == {5: (4,), 7: (6,)}
    assert all(r.denominator == 3 for r in rel)
