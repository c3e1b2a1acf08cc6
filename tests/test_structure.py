"""structure.build on synthetic raw grids: headers, wrapped lines, stitching, splits."""
from __future__ import annotations

import json
from dataclasses import replace
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dvc_extract.model import Caption, Cell, RawTable
from dvc_extract.structure import build

TOP = 72.0  # top margin of every synthetic page


def grid(page, rows, spans=None, top=TOP, ruled=True, caption=None, width=60.0, row_h=20.0,
         x0=50.0):
    """A RawTable from rows of texts; None marks a slot covered by a span."""
    spans = spans or {}
    n_cols = max(len(r) for r in rows)
    cells = []
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            if text is None or text == "":
                continue
            rs, cs = spans.get((i, j), (1, 1))
            bbox = (x0 + j * width, top + i * row_h, x0 + (j + cs) * width, top + (i + rs) * row_h)
            cells.append(Cell(row=i, col=j, text=text, raw_text=text, bbox=bbox, page=page,
                              row_span=rs, col_span=cs))
    bbox = (x0, top, x0 + n_cols * width, top + len(rows) * row_h)
    cap = Caption(caption, page, (x0, top - 20, x0 + 300, top - 4)) if caption else None
    return RawTable(page=page, bbox=bbox, cells=cells, n_rows=len(rows), n_cols=n_cols,
                    ruled=ruled, caption=cap)


def texts(table):
    return [[(c.col, c.text) for c in r.cells] for r in table.rows]


# The three-level header of the reception tables, as drawn in the reports.
HEADER = [
    ["STT", "Tên cơ quan, đơn vị", "Tiếp nhận hồ sơ TTHC", None, None, None, None, None],
    [None, None, "Tổng số", "Trực tiếp", "Qua BCCI", "Trực tuyến", None, "Tỷ lệ (%)"],
    [None, None, None, None, None, "Một phần", "Toàn trình", None],
]
HEADER_SPANS = {(0, 0): (3, 1), (0, 1): (3, 1), (0, 2): (1, 6), (1, 2): (2, 1), (1, 3): (2, 1),
                (1, 4): (2, 1), (1, 5): (1, 2), (1, 7): (2, 1)}
COLUMNS = [
    "STT", "Tên cơ quan, đơn vị", "Tiếp nhận hồ sơ TTHC / Tổng số",
    "Tiếp nhận hồ sơ TTHC / Trực tiếp", "Tiếp nhận hồ sơ TTHC / Qua BCCI",
    "Tiếp nhận hồ sơ TTHC / Trực tuyến / Một phần", "Tiếp nhận hồ sơ TTHC / Trực tuyến / Toàn trình",
    "Tiếp nhận hồ sơ TTHC / Tỷ lệ (%)",
]


def body(first, n):
    return [[str(k), f"Đơn vị {k}", "116", "0", "0", "64", "52", "100"] for k in range(first, first + n)]


def test_multilevel_header_flattened_to_paths():
    [t] = build([grid(4, HEADER + body(1, 3), HEADER_SPANS, caption="Bảng 2 - Tỷ lệ")])
    assert t.id == "t1" and t.caption == "Bảng 2 - Tỷ lệ" and t.pages == [4]
    assert t.columns == COLUMNS
    assert len(t.header) == 10 and {c.row for c in t.header} == {0, 1, 2}
    stt = next(c for c in t.header if c.text == "STT")
    assert (stt.row, stt.col, stt.row_span, stt.col_span) == (0, 0, 3, 1)
    assert len(t.rows) == 3
    assert [c.row for c in t.rows[2].cells] == [2] * 8
    assert texts(t)[0][:3] == [(0, "1"), (1, "Đơn vị 1"), (2, "116")]


def test_repeated_header_on_next_page_is_stitched_and_dropped():
    first = grid(4, HEADER + body(1, 30), HEADER_SPANS, top=400, caption="Bảng 2")
    second = grid(5, HEADER + body(31, 5), HEADER_SPANS)
    [t] = build([first, second])
    assert t.pages == [4, 5]
    assert [r.cells[0].text for r in t.rows] == [str(k) for k in range(1, 36)]
    assert t.columns == COLUMNS


def test_continuation_without_header_is_stitched_by_numbering():
    first = grid(6, HEADER + body(1, 4), HEADER_SPANS, top=500, caption="Bảng 8")
    second = grid(7, body(5, 11), top=TOP)
    tables = build([first, second])
    assert len(tables) == 1 and tables[0].pages == [6, 7] and len(tables[0].rows) == 15


def test_new_caption_always_starts_a_new_table():
    first = grid(4, HEADER + body(1, 6), HEADER_SPANS, top=500, caption="Bảng 2")
    second = grid(5, HEADER + body(7, 3), HEADER_SPANS, caption="Bảng 3")
    t1, t2 = build([first, second])
    assert (t1.id, t1.pages, len(t1.rows)) == ("t1", [4], 6)
    assert (t2.id, t2.caption, t2.pages, len(t2.rows)) == ("t2", "Bảng 3", [5], 3)


def test_table_not_at_page_top_with_other_header_is_not_stitched():
    first = grid(4, HEADER + body(1, 6), HEADER_SPANS, top=500, caption="Bảng 2")
    other = grid(5, [["STT", "Tên", "Số"], ["1", "A", "5"], ["2", "B", "6"]], top=TOP)
    assert len(build([first, other])) == 2


def test_repeated_header_below_prose_without_numbering_is_a_new_table():
    side = [["CAO NHẤT", None, "THẤP NHẤT", None], ["Hồ sơ", "Tỷ lệ", "Hồ sơ", "Tỷ lệ"],
            ["Sở A", "100%", "Sở B", "1,65%"]]
    spans = {(0, 0): (1, 2), (0, 2): (1, 2)}
    other = grid(8, HEADER + body(1, 3), HEADER_SPANS, top=TOP)  # sets the top margin
    a = grid(9, side, spans, top=600)
    b = grid(10, side, spans, top=TOP + 40)  # a heading line sits above it
    assert len(build([other, a, b])) == 5


def test_side_by_side_block_becomes_two_tables():
    rows = [
        ["HỒ SƠ TRỰC TUYẾN CAO NHẤT", None, "HỒ SƠ TRỰC TUYẾN THẤP NHẤT", None],
        ["Hồ sơ trực tuyến", "Tỷ lệ", "Hồ sơ trực tuyến", "Tỷ lệ"],
        ["Sở Thông tin và Truyền thông", "100%", "Sở Tài nguyên và Môi trường", "1,65%"],
        ["Sở Tài chính", "100%", "Sở Giao thông vận tải", "17.87%"],
        ["Sở Khoa học và Công nghệ", "100%", "", ""],
    ]
    left, right = build([grid(9, rows, {(0, 0): (1, 2), (0, 2): (1, 2)})])
    assert left.caption == "HỒ SƠ TRỰC TUYẾN CAO NHẤT"
    assert right.caption == "HỒ SƠ TRỰC TUYẾN THẤP NHẤT"
    assert left.columns == right.columns == ["Hồ sơ trực tuyến", "Tỷ lệ"]
    assert len(left.rows) == 3 and len(right.rows) == 2
    assert texts(right)[1] == [(0, "Sở Giao thông vận tải"), (1, "17.87%")]
    assert (left.id, right.id) == ("t1", "t2")


def test_vertically_merged_body_cell_keeps_its_span():
    rows = [["STT", "Tên", "Tỷ lệ toàn trình", "Tổng số"],
            ["1", "A", "24,16%", "80799"], ["2", "B", None, "20246"], ["3", "C", None, "47966"]]
    [t] = build([grid(6, rows, {(1, 2): (3, 1)})])
    merged = t.rows[0].cells[2]
    assert (merged.text, merged.row_span, merged.row) == ("24,16%", 3, 0)
    assert [c.col for c in t.rows[1].cells] == [0, 1, 3]


def _with_empty(raw, row, col, row_span):
    x0, top, x1, bottom = raw.cells[0].bbox
    raw.cells.append(Cell(row=row, col=col, text="", raw_text="", bbox=(x0, top, x1, bottom),
                          page=raw.page, row_span=row_span))
    return raw


def test_merged_cell_crossing_the_page_goes_on_down():
    rows = [["STT", "Tên", "Tỷ lệ toàn trình", "Tổng số"],
            ["1", "A", "24,16%", "80799"], ["2", "B", None, "20246"]]
    first = grid(6, rows, {(1, 2): (2, 1)}, top=650)
    second = _with_empty(grid(7, [["3", "C", None, "1"], ["4", "D", None, "2"]]), 0, 2, 2)
    [t] = build([first, second])
    assert t.rows[0].cells[2].row_span == 4
    assert all(c.text for r in t.rows for c in r.cells)


def test_merged_cell_stops_at_drawn_borders_on_the_next_page():
    rows = [["STT", "Tên", "Tỷ lệ toàn trình", "Tổng số"],
            ["1", "A", "24,16%", "80799"], ["2", "B", None, "20246"]]
    first = grid(6, rows, {(1, 2): (2, 1)}, top=650)
    second = _with_empty(_with_empty(grid(7, [["3", "C", "", "1"], ["4", "D", "", "2"]]), 0, 2, 1), 1, 2, 1)
    [t] = build([first, second])
    assert t.rows[0].cells[2].row_span == 2 and len(t.rows) == 4
    assert [c.col for c in t.rows[2].cells] == [0, 1, 3]


def line(page, y, parts, h=12.0):
    """One text line of an unruled table: parts = {col: text}."""
    return [Cell(row=0, col=j, text=s, raw_text=s, bbox=(50 + 80 * j, y, 120 + 80 * j, y + h),
                 page=page) for j, s in parts.items()]


def unruled(page, lines, caption=None):
    cells = []
    for i, ln in enumerate(lines):
        cells += [replace(c, row=i) for c in ln]
    n_cols = max(c.col for c in cells) + 1
    bbox = (50, min(c.bbox[1] for c in cells), 50 + 80 * n_cols, max(c.bbox[3] for c in cells))
    cap = Caption(caption, page, (50, bbox[1] - 20, 300, bbox[1] - 4)) if caption else None
    return RawTable(page=page, bbox=bbox, cells=cells, n_rows=len(lines), n_cols=n_cols,
                    ruled=False, caption=cap)


def test_unruled_wrapped_lines_join_top_aligned():
    lines = [
        line(3, 100, {0: "STT", 1: "Tên cơ quan,", 2: "Tổng số", 3: "Tỷ lệ"}),
        line(3, 113, {1: "đơn vị", 2: "TTHC", 3: "(%)"}),
        line(3, 132, {0: "1", 1: "Sở Ngoại vụ", 2: "4", 3: "100"}),
        line(3, 151, {0: "2", 1: "Sở Lao động, Thương binh", 2: "83", 3: "78.31"}),
        line(3, 164, {1: "và Xã hội"}),
        line(3, 183, {0: "3", 1: "Sở Tài chính", 2: "4", 3: "75"}),
        line(3, 202, {1: "Tổng số", 2: "1.318"}),
    ]
    [t] = build([unruled(3, lines, caption="Bảng 1")])
    assert t.columns == ["STT", "Tên cơ quan, đơn vị", "Tổng số TTHC", "Tỷ lệ (%)"]
    assert [c.text for c in t.rows[1].cells] == ["2", "Sở Lao động, Thương binh và Xã hội", "83", "78.31"]
    assert len(t.rows) == 4 and texts(t)[3] == [(1, "Tổng số"), (2, "1.318")]


def test_unruled_wrapped_lines_join_centred():
    # Numbers centred against a three-line name: the name's lines surround them.
    lines = [
        line(3, 100, {0: "STT", 1: "Tên", 2: "Số"}),
        line(3, 120, {0: "1", 1: "Sở Y tế", 2: "7"}),
        line(3, 139, {1: "Sở Lao động,"}),
        line(3, 152, {0: "2", 1: "Thương binh", 2: "65"}),
        line(3, 165, {1: "và Xã hội"}),
        line(3, 184, {0: "3", 1: "Sở Tư pháp", 2: "81"}),
    ]
    [t] = build([unruled(3, lines)])
    assert [c.text for c in t.rows[1].cells] == ["2", "Sở Lao động, Thương binh và Xã hội", "65"]
    assert len(t.rows) == 3


def test_unruled_line_opening_in_small_letters_goes_on_the_name_above():
    # Lines equally spaced, a name centred around its number elsewhere: a name wrapped below
    # its number and code ("… doanh thu" / "ngắn hạn") still ends its own row, as no row of
    # the table opens in small letters.
    lines = [
        line(3, 100, {0: "STT", 1: "Tên", 2: "Số"}),
        line(3, 113, {0: "1", 1: "Sở Y tế", 2: "7"}),
        line(3, 126, {1: "Ban Quản lý"}),
        line(3, 139, {0: "2", 2: "9"}),
        line(3, 152, {1: "Khu công nghiệp"}),
        line(3, 165, {0: "3", 1: "Phí bảo hiểm tạm thu, doanh thu", 2: "81"}),
        line(3, 178, {1: "ngắn hạn"}),
        line(3, 191, {0: "4", 1: "Dự phòng phải trả", 2: "5"}),
    ]
    [t] = build([unruled(3, lines)])
    assert [[c.text for c in r.cells][1] for r in t.rows] == [
        "Sở Y tế", "Ban Quản lý Khu công nghiệp", "Phí bảo hiểm tạm thu, doanh thu ngắn hạn",
        "Dự phòng phải trả"]


def test_a_sub_row_opening_with_its_dash_has_nothing_over_it():
    # The gazette's income statement: "Trong đó:" ends its item's name; the item's
    # sub-rows open with their dashes, each with its code.
    lines = [
        line(3, 100, {0: "Chỉ tiêu", 1: "Mã số"}),
        line(3, 113, {0: "1. Doanh thu phí bảo hiểm", 1: "01"}),
        line(3, 126, {0: "Trong đó:"}),
        line(3, 139, {0: "- Phí bảo hiểm gốc", 1: "01.1"}),
        line(3, 152, {0: "- Phí nhận tái bảo hiểm", 1: "01.2"}),
        line(3, 165, {0: "2. Hoa hồng nhượng tái bảo hiểm"}),
        line(3, 178, {1: "04"}),  # a name centred about its code: the table's rows are centred
        line(3, 191, {0: "Doanh thu khác"}),
        line(3, 204, {0: "3. Doanh thu thuần", 1: "10"}),
    ]
    [t] = build([unruled(3, lines)])
    assert [[c.text for c in r.cells][0] for r in t.rows] == [
        "1. Doanh thu phí bảo hiểm Trong đó:", "- Phí bảo hiểm gốc", "- Phí nhận tái bảo hiểm",
        "2. Hoa hồng nhượng tái bảo hiểm Doanh thu khác", "3. Doanh thu thuần"]


def test_unruled_sub_row_opens_where_its_dash_is():
    # A balance sheet: lines equally spaced, a sub-row's label wrapped with its figures on
    # the second line; a sub-row without figures stays a row of its own.
    lines = [
        line(3, 100, {0: "STT", 1: "Chỉ tiêu", 2: "Mã số", 3: "Số cuối năm"}),
        line(3, 116, {0: "11.", 1: "Lợi nhuận sau thuế chưa phân phối", 2: "421", 3: "17.682"}),
        line(3, 132, {0: "-", 1: "Lợi nhuận sau thuế chưa phân phối"}),
        line(3, 148, {1: "lũy kế đến cuối kỳ trước", 2: "421a", 3: "32.742"}),
        line(3, 164, {0: "-", 1: "Cổ phiếu ưu đãi"}),
        line(3, 180, {0: "-", 1: "Lợi nhuận kỳ này", 2: "421b", 3: "(15.059)"}),
        line(3, 196, {0: "12.", 1: "Nguồn vốn đầu tư", 2: "422", 3: "-"}),
    ]
    [t] = build([unruled(3, lines)])
    assert [[c.text for c in r.cells][:2] for r in t.rows] == [
        ["11.", "Lợi nhuận sau thuế chưa phân phối"],
        ["-", "Lợi nhuận sau thuế chưa phân phối lũy kế đến cuối kỳ trước"],
        ["-", "Cổ phiếu ưu đãi"], ["-", "Lợi nhuận kỳ này"], ["12.", "Nguồn vốn đầu tư"]]


def test_unruled_spanning_header_levels():
    lines = [
        line(2, 100, {0: "STT", 1: "Tên"}) + [Cell(0, 2, "Tiếp nhận hồ sơ TTHC", "",
                                                 (210, 100, 450, 112), 2, col_span=3)],
        line(2, 113, {2: "Tổng", 4: "Tỷ lệ"}) ,
        line(2, 126, {2: "số", 4: "(%)"}) + [],
        line(2, 145, {0: "1", 1: "Sở A", 2: "5", 3: "1", 4: "20"}),
    ]
    # column 3 has a two-level spanning sub-header "Trực tuyến" over "Toàn trình"
    lines[1].append(Cell(0, 3, "Trực tuyến", "", (290, 113, 360, 125), 2))
    lines[2].append(Cell(0, 3, "Toàn trình", "", (290, 126, 360, 138), 2))
    [t] = build([unruled(2, lines)])
    assert t.columns[:3] == ["STT", "Tên", "Tiếp nhận hồ sơ TTHC / Tổng số"]
    assert t.columns[4] == "Tiếp nhận hồ sơ TTHC / Tỷ lệ (%)"
    assert len(t.rows) == 1


def test_row_cut_by_the_page_break_is_joined():
    rows1 = [["STT", "Chỉ tiêu", "Năm 2021"], ["4.2.", "Hệ thống", "100%"],
             ["5.1.", "Tỷ lệ TTHC cung cấp trực tuyến toàn", "46,14"]]
    rows2 = [["", "trình", ""], ["5.1.1.", "Tổng số TTHC", "1.543"]]
    [t] = build([grid(1, rows1, top=600, caption="Phụ lục VIII"), grid(2, rows2)])
    assert t.pages == [1, 2] and len(t.rows) == 3
    assert t.rows[1].cells[1].text == "Tỷ lệ TTHC cung cấp trực tuyến toàn trình"
    assert t.columns == ["STT", "Chỉ tiêu", "Năm 2021"]


def test_year_header_is_header_and_ids_follow_document_order():
    a = grid(2, [["STT", "Chỉ tiêu", "2021", "2022"], ["1", "X", "5", "6"]], top=300, caption="Bảng 1")
    b = grid(1, [["STT", "Tên", "Số"], ["1", "A", "3"]], caption="Bảng 0")
    t1, t2 = build([a, b])
    assert (t1.caption, t2.caption) == ("Bảng 0", "Bảng 1")
    assert t2.columns == ["STT", "Chỉ tiêu", "2021", "2022"] and len(t2.rows) == 1


def test_empty_input():
    assert build([]) == []


def test_section_row_under_the_header_stays_in_the_body():
    rows = [["STT", "Tên", "Số"], ["Khối sở, ban, ngành", None, None], ["1", "Sở A", "5"]]
    [t] = build([grid(1, rows, {(1, 0): (1, 3)})])
    assert t.columns == ["STT", "Tên", "Số"]
    assert texts(t) == [[(0, "Khối sở, ban, ngành")], [(0, "1"), (1, "Sở A"), (2, "5")]]


def test_column_index_row_is_header_but_not_in_paths():
    rows = [["STT", "Tên", "Tổng số", "Tỷ lệ"], ["A", "B", "1", "2"], ["1", "Sở A", "5", "20"]]
    [t] = build([grid(1, rows)])
    assert t.columns == ["STT", "Tên", "Tổng số", "Tỷ lệ"]
    assert len(t.rows) == 1 and {c.row for c in t.header} == {0, 1}


# --- On the born-digital corpus, through the real earlier stages -----------------------

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "digital"


def _norm(s):
    return unicodedata.normalize("NFC", " ".join((s or "").split()))


@pytest.mark.e2e
@pytest.mark.parametrize("pdf", sorted(CORPUS.glob("*.pdf")), ids=lambda p: p.stem)
def test_corpus_tables_match_truth(pdf):
    from dvc_extract import ingest, layout, tables
    from dvc_extract.settings import Settings

    truth = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    doc = ingest.load(str(pdf), Settings())
    got = build(tables.read(doc, layout.find(doc)))
    assert len(got) == len(truth["tables"])
    total = exact = 0
    for want, t in zip(truth["tables"], got):
        assert _norm(t.caption) == _norm(want["caption"])
        assert t.pages == want["pages"], want["caption"]
        assert t.columns == [_norm(c) for c in want["columns"]], want["caption"]
        assert len(t.rows) == len(want["rows"]), want["caption"]
        assert sorted((c.row, c.col, c.row_span, c.col_span, c.text) for c in t.header) == sorted(
            (h["row"], h["col"], h["row_span"], h["col_span"], _norm(h["text"])) for h in want["header"])
        for wrow, row in zip(want["rows"], t.rows):
            theirs = {(c["col"], _norm(c["text"]), c["row_span"], c["col_span"]) for c in wrow["cells"]}
            ours = {(c.col, c.text, c.row_span, c.col_span) for c in row.cells}
            total += len(theirs)
            exact += len(theirs & ours)
    assert total == 0 or exact / total >= 0.995, f"{exact}/{total} body cells exact"


INDICATOR_HEADER = [["STT", "Chỉ tiêu", "Tỉnh Đắk Lắk", None, None],
                    [None, None, "Năm 2021", "Năm 2022", "Năm 2023"]]
INDICATOR_SPANS = {(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (1, 3)}


def test_indicator_table_with_repeated_header_and_a_cut_row():
    first = INDICATOR_HEADER + [
        ["1.", "Cập nhật Kiến trúc", "Phiên bản 1.0", "Phiên bản 2.0", "Phiên bản 2.0"],
        ["4.", "Xây dựng hệ thống", "", "", ""],
        ["4.1.", "Hệ thống một cửa", "Đã triển khai tại địa chỉ https://x.gov.vn/", None, None],
        ["5.1.", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến toàn", "46,14", "39,13", "41,5"],
    ]
    second = INDICATOR_HEADER + [["", "trình", "", "", ""], ["5.1.1.", "Tổng số TTHC", "1.543", "1.674", "1.600"]]
    t = build([grid(1, first, {**INDICATOR_SPANS, (4, 2): (1, 3)}, top=500, caption="Phụ lục VIII"),
               grid(2, second, INDICATOR_SPANS)])
    assert len(t) == 1
    [t] = t
    assert t.columns == ["STT", "Chỉ tiêu", "Tỉnh Đắk Lắk / Năm 2021", "Tỉnh Đắk Lắk / Năm 2022",
                         "Tỉnh Đắk Lắk / Năm 2023"]
    assert [r.cells[0].text for r in t.rows] == ["1.", "4.", "4.1.", "5.1.", "5.1.1."]
    assert t.rows[3].cells[1].text == "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến toàn trình"
    assert texts(t)[2][2] == (2, "Đã triển khai tại địa chỉ https://x.gov.vn/")
    assert t.rows[2].cells[2].col_span == 3 and t.pages == [1, 2]


def test_unruled_tall_header_of_narrow_columns():
    words = ["Tỷ lệ", "DVCTT", "phát", "trinh hồ", "sơ", "(%)", "", ""]
    lines = [line(5, 100 + 13 * i, {0: "STT" if i == 0 else "", 1: w}) for i, w in enumerate(words)]
    lines = [[c for c in ln if c.text] for ln in lines if any(c.text for c in ln)]
    lines.append(line(5, 190, {0: "1", 1: "100"}))
    lines.append(line(5, 205, {0: "2", 1: "99.81"}))
    [t] = build([unruled(5, lines)])
    assert t.columns == ["STT", "Tỷ lệ DVCTT phát trinh hồ sơ (%)"] and len(t.rows) == 2


def test_unruled_rows_without_numbering_start_at_values_or_dashes():
    lines = [
        line(2, 100, {0: "Đơn vị", 1: "Tổng số", 2: "Tỷ lệ"}),
        line(2, 120, {0: "Sở Thông tin và", 1: "67", 2: "100%"}),
        line(2, 133, {0: "Truyền thông"}),
        line(2, 152, {0: "Sở Ngoại vụ", 1: "-", 2: "-"}),
        line(2, 171, {0: "Sở Y tế", 1: "4.569", 2: "98,93%"}),
    ]
    [t] = build([unruled(2, lines)])
    assert [r.cells[0].text for r in t.rows] == ["Sở Thông tin và Truyền thông", "Sở Ngoại vụ", "Sở Y tế"]


def test_leftover_of_a_repeated_header_in_a_value_column_is_dropped():
    rows1 = [["STT", "Tên", "Số DVC trực tuyến toàn trình"], ["1", "Sở A", "25"], ["2", "Sở B", "7"]]
    rows2 = [["", "", "trình"], ["3", "Sở C", "6"]]
    [t] = build([grid(3, rows1, top=650), grid(4, rows2)])
    assert [[c.text for c in r.cells] for r in t.rows] == [["1", "Sở A", "25"], ["2", "Sở B", "7"],
                                                         ["3", "Sở C", "6"]]


def test_unruled_first_row_name_centred_above_its_figures():
    lines = [
        line(3, 100, {0: "STT", 1: "Tên cơ quan,", 2: "Tổng"}),
        line(3, 113, {1: "đơn vị", 2: "số"}),
        line(3, 132, {1: "Sở Khoa học và"}),
        line(3, 139, {0: "1", 2: "116"}),
        line(3, 146, {1: "Công nghệ"}),
        line(3, 165, {0: "2", 1: "Sở Ngoại vụ", 2: "1"}),
    ]
    [t] = build([unruled(3, lines)])
    assert t.columns == ["STT", "Tên cơ quan, đơn vị", "Tổng số"]
    assert [c.text for c in t.rows[0].cells] == ["1", "Sở Khoa học và Công nghệ", "116"]


def test_unruled_spanning_phrase_reaches_the_columns_it_is_centred_over():
    # Columns 2..5 sit under "Tiếp nhận hồ sơ TTHC", printed centred and touching only 3..4.
    def at(col, y, text, span=1, x0=None, x1=None):
        x0 = 50 + 80 * col if x0 is None else x0
        x1 = 120 + 80 * (col + span - 1) if x1 is None else x1
        return Cell(0, col, text, text, (x0, y, x1, y + 12), 2, col_span=span)

    lines = [
        [at(0, 100, "STT"), at(1, 100, "Tên"), at(3, 100, "Tiếp nhận hồ sơ TTHC", 2, 250, 450)],
        [at(2, 116, "Tổng số"), at(3, 116, "Trực tiếp"), at(4, 116, "Qua BCCI"), at(5, 116, "Tỷ lệ")],
        [at(0, 135, "1"), at(1, 135, "Sở A"), at(2, 135, "5"), at(3, 135, "1"), at(4, 135, "0"),
         at(5, 135, "20")],
    ]
    [t] = build([unruled(2, lines)])
    assert t.columns == ["STT", "Tên", "Tiếp nhận hồ sơ TTHC / Tổng số", "Tiếp nhận hồ sơ TTHC / Trực tiếp",
                         "Tiếp nhận hồ sơ TTHC / Qua BCCI", "Tiếp nhận hồ sơ TTHC / Tỷ lệ"]
    span = next(c for c in t.header if c.text == "Tiếp nhận hồ sơ TTHC")
    assert (span.row, span.col, span.col_span) == (0, 2, 4)
    stt = next(c for c in t.header if c.text == "STT")
    assert stt.row_span == 2


def test_unruled_spanning_phrase_wrapped_over_two_lines_is_one_cell():
    lines = [
        [Cell(0, 2, "SỐ HỒ SƠ TRỄ", "", (210, 100, 370, 112), 1, col_span=2),
         Cell(0, 0, "STT", "", (50, 100, 120, 112), 1), Cell(0, 1, "ĐƠN VỊ", "", (130, 100, 200, 112), 1)],
        [Cell(0, 2, "HẠN XỬ LÝ", "", (220, 113, 360, 125), 1, col_span=2)],
        line(1, 130, {2: "02/3", 3: "18/3"}),
        line(1, 150, {0: "1", 1: "Sở A", 2: "0", 3: "2"}),
    ]
    [t] = build([unruled(1, lines)])
    assert t.columns == ["STT", "ĐƠN VỊ", "SỐ HỒ SƠ TRỄ HẠN XỬ LÝ / 02/3", "SỐ HỒ SƠ TRỄ HẠN XỬ LÝ / 18/3"]


def test_unruled_spanning_phrase_over_many_narrow_columns_takes_them_all():
    n = 12
    head = [Cell(0, 0, "STT", "", (50, 110, 70, 120), 1), Cell(0, 1, "ĐƠN VỊ", "", (90, 110, 150, 120), 1)]
    # centred over columns 2..11 (x 200..500), printed across 5..8 only
    span = Cell(0, 5, "SỐ HỒ SƠ TRỄ HẠN", "", (300, 100, 400, 110), 1, col_span=4)
    dates = [Cell(0, j, f"{j:02d}/3", "", (200 + 30 * (j - 2) + 5, 122, 200 + 30 * (j - 2) + 25, 132), 1)
             for j in range(2, n)]
    body = [Cell(0, 0, "1", "", (55, 140, 60, 150), 1), Cell(0, 1, "Sở A", "", (72, 140, 170, 150), 1)]
    body += [Cell(0, j, "0", "", (200 + 30 * (j - 2) + 12, 140, 200 + 30 * (j - 2) + 18, 150), 1)
             for j in range(2, n)]
    [t] = build([unruled(1, [[span], head, dates, body])])
    assert t.columns[2:] == [f"SỐ HỒ SƠ TRỄ HẠN / {j:02d}/3" for j in range(2, n)]
    assert t.columns[:2] == ["STT", "ĐƠN VỊ"]


def test_numbering_shapes_and_continuation():
    from dvc_extract.numbering import continues, is_numbering

    assert all(is_numbering(s) for s in ["1", "12", "4.1.", "5.1.2", "II", "a)", "3)"])
    assert not any(is_numbering(s) for s in ["", "Sở", "1.648,5", "39,2%", "2741/QĐ"])
    assert continues("6", "7") and continues("5.1.", "5.1.1.") and continues("5.5.2.", "6")
    assert continues("4.2.", "5.") and continues("5.3.2.", "5.4.")
    assert not continues("7", "7") and not continues("7", "9") and not continues("II", "III")


def test_realigned_continuation_with_a_column_fewer():
    # Page 2 of an unruled table whose third column is empty there: read with 3 columns.
    first = [line(1, 100, {0: "STT", 1: "Tên", 2: "Tỷ lệ", 3: "Tổng số"}),
             line(1, 120, {0: "1", 1: "Sở A", 2: "24,16%", 3: "80799"}),
             line(1, 139, {0: "2", 1: "Sở B", 3: "20246"})]
    second = [[Cell(0, 0, "3", "3", (50, 61, 120, 73), 2), Cell(0, 1, "Sở C", "Sở C", (130, 61, 200, 73), 2),
               Cell(0, 2, "47966", "47966", (290, 61, 360, 73), 2)]]
    a = unruled(1, first, caption="Bảng 8")
    a = RawTable(a.page, (a.bbox[0], 600, a.bbox[2], 760), a.cells, a.n_rows, a.n_cols, False, a.caption)
    b = unruled(2, second)
    [t] = build([a, b])
    assert t.pages == [1, 2] and texts(t)[2] == [(0, "3"), (1, "Sở C"), (3, "47966")]


_VOCAB = ["STT", "Tên đơn vị", "Tổng số", "Tỷ lệ (%)", "1", "2", "12", "4.1.", "1.648", "39,2%",
          "57.68", "-", "Sở Y tế", "UBND huyện Lắk", "Năm 2021", "a)", "II", "", "", ""]


@st.composite
def _raw_tables(draw):
    n_rows, n_cols = draw(st.integers(1, 7)), draw(st.integers(1, 5))
    ruled = draw(st.booleans())
    rows = [[draw(st.sampled_from(_VOCAB)) for _ in range(n_cols)] for _ in range(n_rows)]
    spans = {}
    if ruled and n_cols >= 2 and draw(st.booleans()):
        rows[0][1:] = [rows[0][1] or "Tiếp nhận"] + [None] * (n_cols - 2)
        spans[(0, 1)] = (1, n_cols - 1)
    return grid(draw(st.integers(1, 3)), rows, spans, ruled=ruled)


@settings(max_examples=150, deadline=None)
@given(_raw_tables())
def test_one_grid_keeps_every_word(raw):
    """Whatever the grid, building never raises and loses or invents no word."""
    tables = build([raw])
    words_in = sorted(w for c in raw.cells for w in c.text.split())
    words_out = sorted(
        w for t in tables
        for text in [c.text for c in t.header] + [c.text for r in t.rows for c in r.cells]
        + ([t.caption] if t.caption and len(tables) > 1 else [])
        for w in text.split())
    assert words_out == words_in


def test_unruled_long_name_centred_around_its_figures():
    lines = [
        line(3, 100, {0: "STT", 1: "Tên", 2: "Số"}),
        line(3, 120, {0: "1", 1: "Sở Y tế", 2: "7"}),
        line(3, 139, {1: "Ban Quản lý"}),
        line(3, 152, {1: "các Khu công"}),
        line(3, 158, {0: "2", 2: "9"}),
        line(3, 165, {1: "nghiệp"}),
        line(3, 178, {1: "tỉnh"}),
        line(3, 197, {0: "3", 1: "Sở Tư pháp", 2: "81"}),
    ]
    [t] = build([unruled(3, lines)])
    assert [[c.text for c in r.cells] for r in t.rows] == [
        ["1", "Sở Y tế", "7"], ["2", "Ban Quản lý các Khu công nghiệp tỉnh", "9"], ["3", "Sở Tư pháp", "81"]]


def test_a_sub_row_with_its_own_figures_is_a_row_of_its_own():
    # A balance sheet: numbered rows, and "- of which" sub-rows without numbering, each
    # with its own amounts; the sub-row's code ("411a") is no figure.
    rows = [["Chỉ tiêu", "", "Mã số", "Số cuối năm"],
            ["1.", "Vốn góp của chủ sở hữu", "411", "110.402.410.000"],
            ["", "- Cổ phiếu phổ thông", "411a", "110.402.410.000"],
            ["2.", "Thặng dư vốn cổ phần", "412", "24.738.460.046"],
            ["3.", "Quyền chọn chuyển đổi", "413", "-"]]
    (table,) = build([grid(1, rows, ruled=False, width=90.0)])
    assert [dict(r)[1] for r in texts(table)] == ["Vốn góp của chủ sở hữu", "- Cổ phiếu phổ thông",
                                                  "Thặng dư vốn cổ phần", "Quyền chọn chuyển đổi"]


def test_a_cell_spanning_the_data_rows_is_no_header_cell():
    # "Sinh viên …" spans the five rows of faculties; the row it starts in is data too,
    # even with its numbering misread ("l" for "1").
    rows = [["TT", "Khoa", "Đối tượng"],
            ["l", "Khoa Cơ khí", "Sinh viên được chọn mẫu"],
            ["2", "Khoa Công nghệ Thông tin", None],
            ["3", "Khoa Sinh học", None]]
    (table,) = build([grid(1, rows, spans={(1, 2): (3, 1)})])
    assert table.columns == ["TT", "Khoa", "Đối tượng"]
    assert [dict(r)[1] for r in texts(table)] == ["Khoa Cơ khí", "Khoa Công nghệ Thông tin", "Khoa Sinh học"]
