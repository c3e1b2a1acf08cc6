"""Which top rows of a grid are its header: a row whose number the scan lost is still a
body row when it holds a paragraph (cv12094's scoring guide, rows of 40–200 words)."""
from dvc_extract.model import Cell
from dvc_extract.structure.header import header_row_count

HEAD = ["STT", "Tên TC/TCTP", "Cách chấm điểm", "Tài liệu kiểm chứng (TLKC)"]
RULE = ("Điểm đạt được tính theo công thức: (b/a)*điểm tối đa. Trong đó: a là tổng số nhiệm "
        "vụ đề ra theo kế hoạch b là số nhiệm vụ đã hoàn thành Nếu tỷ lệ b/a <0.8 thì điểm "
        "đánh giá là 0.")


def _grid(rows: list[list[str]]) -> list[list[Cell]]:
    return [[Cell(row=r, col=c, text=t, raw_text=t, bbox=(100.0 * c, 20.0 * r, 100.0 * c + 90, 20.0 * r + 18), page=1)
             for c, t in enumerate(texts)] for r, texts in enumerate(rows)]


def test_a_row_of_paragraphs_without_its_number_is_no_header_row():
    rows = _grid([HEAD,
                  ["", "TC 1.1 - Thực hiện kế hoạch CCHC", RULE, "- Kế hoạch CCHC năm; - Báo cáo CCHC năm"],
                  ["2.", "TC 1.2 - Thực hiện chế độ báo cáo", RULE, "Các báo cáo CCHC Quý I"]])
    assert header_row_count(rows) == 1


def test_a_repeated_header_over_a_row_whose_number_is_misread_stays_a_header():
    rows = _grid([HEAD, ["SẼ", "TC 1.4 - Công tác tuyên truyền CCHC", RULE, "- Các báo cáo CCHC định kỳ"]])
    assert header_row_count(rows) == 1


def test_a_two_row_header_of_short_heads_stays_two_rows():
    rows = _grid([["STT", "Chỉ tiêu thống kê (Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)",
                   "Kết quả thống kê", ""],
                  ["", "", "Đơn vị tính", "Số liệu"],
                  ["1.", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", "82"]])
    assert header_row_count(rows) == 2


def test_a_row_numbering_the_columns_read_with_a_look_alike_is_still_one():
    from dvc_extract.numbering import is_column_index_row

    assert is_column_index_row(["1", "2", "3", "4", "5"])
    assert is_column_index_row(["]", "2", "3", "4", "5"])  # the gazette's form at 200 dpi
    assert is_column_index_row(["A", "B", "l", "2", "3"])
    assert not is_column_index_row(["]", "3", "4"])  # no "1" it could be
    assert not is_column_index_row(["I", "II", "III"])
