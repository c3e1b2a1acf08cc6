"""Relations found from a table's numbers, on tables of kinds never declared."""
from __future__ import annotations

import pytest

from dvc_extract.model import Cell, ColumnType, Document, Page, Report, Row, Table
from dvc_extract.number import parse_value
from dvc_extract.typed import type_table
from dvc_extract.verify import check

# A balance sheet (Bảng cân đối kế toán, assets side) as printed: code, note, two year columns.
# Every code adds up: 100 = 110 + 120 + 130 + 140, 110 = 111 + 112, 130 = 131 + 132 + 139,
# 200 = 210 + 220, 220 = 221 + 222, 270 = 100 + 200. Provisions print bracketed (negative).
BALANCE = [
    ("A. TÀI SẢN NGẮN HẠN", "100", "", "5.351.000", "4.788.500"),
    ("I. Tiền và các khoản tương đương tiền", "110", "V.01", "1.204.000", "987.000"),
    ("1. Tiền", "111", "", "704.000", "587.000"),
    ("2. Các khoản tương đương tiền", "112", "", "500.000", "400.000"),
    ("II. Đầu tư tài chính ngắn hạn", "120", "V.02", "300.000", "250.000"),
    ("III. Các khoản phải thu ngắn hạn", "130", "", "2.147.000", "2.051.500"),
    ("1. Phải thu khách hàng", "131", "", "1.800.000", "1.700.000"),
    ("2. Trả trước cho người bán", "132", "", "400.000", "401.500"),
    ("3. Dự phòng phải thu khó đòi", "139", "", "(53.000)", "(50.000)"),
    ("IV. Hàng tồn kho", "140", "V.04", "1.700.000", "1.500.000"),
    ("B. TÀI SẢN DÀI HẠN", "200", "", "8.100.000", "7.650.000"),
    ("I. Các khoản phải thu dài hạn", "210", "", "600.000", "550.000"),
    ("II. Tài sản cố định", "220", "", "7.500.000", "7.100.000"),
    ("1. Tài sản cố định hữu hình", "221", "V.08", "6.900.000", "6.500.000"),
    ("2. Tài sản cố định vô hình", "222", "V.10", "600.000", "600.000"),
    ("TỔNG CỘNG TÀI SẢN", "270", "", "13.451.000", "12.438.500"),
]
BALANCE_HEADER = ("Tài sản", "Mã số", "Thuyết minh", "Số cuối năm", "Số đầu năm")

# A budget table with "Trong đó" rows: each total's items below it, two columns of amounts
# and a rate column "Thực hiện / Dự toán (%)".
BUDGET = [
    ("1", "Tổng thu ngân sách trên địa bàn", "12.500", "13.100", "104,8"),
    ("", "Trong đó:", "", "", ""),
    ("", "- Thu nội địa", "10.200", "10.900", "106,9"),
    ("", "- Thu từ hoạt động xuất nhập khẩu", "2.300", "2.200", "95,7"),
    ("2", "Tổng chi ngân sách địa phương", "18.400", "17.950", "97,6"),
    ("", "Trong đó:", "", "", ""),
    ("", "- Chi đầu tư phát triển", "6.100", "5.800", "95,1"),
    ("", "- Chi thường xuyên", "11.700", "11.600", "99,1"),
    ("", "- Dự phòng ngân sách", "600", "550", "91,7"),
    ("3", "Chi trả nợ gốc", "850", "840", "98,8"),
    ("", "Trong đó:", "", "", ""),
    ("", "- Trả nợ vay trong nước", "500", "490", "98,0"),
    ("", "- Trả nợ vay nước ngoài", "350", "350", "100,0"),
]
BUDGET_HEADER = ("STT", "Nội dung", "Dự toán năm 2025", "Thực hiện năm 2025", "So sánh TH/DT (%)")


def _table(header, rows, types=None) -> Table:
    cells = []
    for i, row in enumerate(rows):
        line = []
        for j, text in enumerate(row):
            value = parse_value(text, ColumnType.RATE if "%" in header[j] else ColumnType.COUNT) \
                if j >= 2 or header[j] == "Mã số" and False else None
            if header[j] in ("Mã số", "Thuyết minh", "STT"):
                value = None
            line.append(Cell(row=i, col=j, text=text, raw_text=text, bbox=(50.0 + 80 * j, 100.0 + 14 * i,
                                                                            120.0 + 80 * j, 112.0 + 14 * i),
                             page=1, value=value))
        cells.append(Row(cells=line))
    return type_table(Table(id="t1", caption=None, pages=[1], column_paths=[(h,) for h in header], rows=cells))


def _findings(table: Table):
    doc = Document(path="x.pdf", sha256="", pages=[Page(1, 595, 842, "text-layer")])
    return [f for f in check(Report(document=doc, tables=[table])) if f.verdict != "unreadable"]


def _with(rows, row, col, text):
    out = [list(r) for r in rows]
    out[row][col] = text
    return [tuple(r) for r in out]


def test_a_consistent_balance_sheet_raises_nothing():
    table = _table(BALANCE_HEADER, BALANCE)
    assert table.kind == "inferred"
    assert _findings(table) == []


@pytest.mark.parametrize("row, col, text, stated, recomputed", [
    (2, 3, "714.000", 1_204_000, 1_214_000),      # 111 misprinted: 110 = 111 + 112 breaks
    (15, 4, "12.438.000", 12_438_000, 12_438_500),  # the grand total 270 = 100 + 200
    (8, 3, "(35.000)", 2_147_000, 2_165_000),      # a bracketed provision under 130
])
def test_a_balance_sheet_error_is_found_by_its_codes(row, col, text, stated, recomputed):
    findings = _findings(_table(BALANCE_HEADER, _with(BALANCE, row, col, text)))
    assert len(findings) == 1, [f.message_en for f in findings]
    (f,) = findings
    assert f.rule == ("total-row-sum" if row == 15 else "row-sum")
    assert (f.stated, f.recomputed, f.columns) == (stated, recomputed, [col])
    assert f.established_by == "discovered row sum (code)" and f.support >= 3 and f.tried == f.support + 1


# The same statement's other side on a page that continues it without its header: the
# outline printed in a column of its own ("D-" over "I.", "II."; "I." over "1." … "5.";
# "- " sub-rows), codes lettered under the item they divide (421 = 421a + 421b). The
# codes' ranges alone would take 420 ("4.") for the sum of 421 and 410 for 411 … 419;
# the outline says 410 = 411 + 412 + 415 + 420 + 421 and 400 = 410 + 430.
EQUITY = [
    ("D-", "VỐN CHỦ SỞ HỮU", "400", "", "150.700", "165.100"),
    ("I.", "Vốn chủ sở hữu", "410", "", "150.700", "165.100"),
    ("1.", "Vốn góp của chủ sở hữu", "411", "V.23", "110.000", "110.000"),
    ("-", "Cổ phiếu phổ thông có quyền biểu quyết", "411a", "", "110.000", "110.000"),
    ("-", "Cổ phiếu ưu đãi", "411b", "", "-", "-"),
    ("2.", "Thặng dư vốn cổ phần", "412", "", "24.700", "24.700"),
    ("3.", "Cổ phiếu quỹ", "415", "", "(2.600)", "(2.600)"),
    ("4.", "Quỹ khác thuộc vốn chủ sở hữu", "420", "", "1.000", "-"),
    ("5.", "Lợi nhuận sau thuế chưa phân phối", "421", "", "17.600", "33.000"),
    ("-", "LNST chưa phân phối lũy kế đến cuối kỳ trước", "421a", "", "32.700", "33.000"),
    ("-", "LNST chưa phân phối kỳ này", "421b", "", "(15.100)", "-"),
    ("II.", "Nguồn kinh phí và quỹ khác", "430", "", "-", "-"),
    ("1.", "Nguồn kinh phí", "431", "", "-", "-"),
    ("2.", "Nguồn kinh phí đã hình thành tài sản cố định", "432", "", "-", "-"),
]
NO_HEADER = ("", "", "", "", "", "")


def test_a_statement_page_without_its_header_is_checked_by_its_codes_and_outline():
    assert _findings(_table(NO_HEADER, EQUITY)) == []
    findings = _findings(_table(NO_HEADER, _with(EQUITY, 9, 4, "32.760")))
    assert [(f.row, f.stated, f.recomputed, f.columns) for f in findings] == [(8, 17_600, 17_660, [4])]
    assert findings[0].established_by == "discovered row sum (code)"


def test_a_consistent_budget_table_raises_nothing():
    table = _table(BUDGET_HEADER, BUDGET)
    assert table.kind == "inferred"
    assert _findings(table) == []


def test_a_budget_error_under_trong_do_is_found():
    # "Chi thường xuyên" executed 11.600 misprinted 11.060: the total of chi no longer adds up,
    # and the rate of its own row no longer follows from its amounts.
    findings = _findings(_table(BUDGET_HEADER, _with(BUDGET, 7, 3, "11.060")))
    got = sorted((f.rule, f.row, f.columns[0], f.stated, round(f.recomputed, 1)) for f in findings)
    assert got == [("row-sum", 4, 3, 17950, 17410), ("table-rate", 7, 4, 99.1, 94.5)]
    rate = next(f for f in findings if f.rule == "table-rate")
    assert rate.established_by == "discovered column rate" and rate.support == 8  # 350/350 shows no ratio, 11.060 breaks it


def test_a_relation_on_one_row_is_no_relation():
    # Two rows only: "Tổng" = a + b holds on both, yet two rows are too few to call it a relation.
    rows = [("1", "Sở A", "10", "4", "6"), ("2", "Sở B", "20", "15", "6")]
    table = _table(("STT", "Đơn vị", "Tổng", "Loại 1", "Loại 2"), rows)
    assert _findings(table) == []


def test_a_column_sum_under_reworded_headers():
    # Headers no kind names; "Tổng" = "Qua mạng" + "Tại quầy" on every row but one.
    rows = [(str(i + 1), f"Đơn vị {i + 1}", str(a + b), str(a), str(b))
            for i, (a, b) in enumerate([(12, 30), (7, 9), (40, 2), (15, 15), (3, 8), (21, 4)])]
    rows = _with(rows, 3, 2, "31")
    findings = _findings(_table(("TT", "Đơn vị", "Tổng hồ sơ", "Qua mạng", "Tại quầy"), rows))
    assert [(f.rule, f.row, f.stated, f.recomputed, f.support, f.tried) for f in findings] == [
        ("table-sum", 3, 31, 30, 5, 6)]
