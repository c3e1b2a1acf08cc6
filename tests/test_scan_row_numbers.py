"""Row numbers misread by OCR given back by their sequence: in a numbering column, and at
the start of label cells when the numbering is printed with the name."""
from dataclasses import replace

from dvc_extract.model import Cell
from dvc_extract.scan.doubtful import _numbered_parts, _numbering_dots


def _cells(col0: list[str], col1: list[str] | None = None) -> list[Cell]:
    cells = [Cell(row=i, col=0, text=t, raw_text=t, bbox=(0, 0, 1, 1), page=1) for i, t in enumerate(col0)]
    for i, t in enumerate(col1 or []):
        cells.append(Cell(row=i, col=1, text=t, raw_text=t, bbox=(0, 0, 1, 1), page=1))
    return cells


def _read(cells: list[Cell], numbering: set[int]) -> list[str]:
    return [c.text for c in _numbering_dots(cells, numbering) if c.col == 0]


def _second(readings: dict[int, str]) -> dict[int, tuple[str, ...]]:
    """The second reader's readings, one a row number."""
    return {k: (text,) for k, text in readings.items()}


def _read_parts(*parts: list[str], seconds: list[dict[int, str]] | None = None) -> list[list[str]]:
    """Row numbers of a table's parts on pages one after another, read as one sequence."""
    got = _numbered_parts([_cells(p) for p in parts], {0}, 0.8, [_second(s) for s in seconds or [{} for _ in parts]])
    return [[c.text for c in part] for part in got]


def test_a_numbering_column_gets_its_dots_and_figures_back():
    got = _read(_cells(["1.", "2.", "2.1.", "22.", "J.", "II...", "3.", "4", "5."]), {0})
    # "22." after "2.1." is "2.2."; "J." is no number after it and stays; a doubled
    # closing dot is one; a lost one is put back where the others print it.
    assert got == ["1.", "2.", "2.1.", "2.2.", "J.", "II.", "3.", "4.", "5."]


def test_a_first_row_number_read_as_a_letter_follows_from_the_row_below():
    assert _read(_cells(["I.", "J.", "2.", "3."]), {0}) == ["I.", "1.", "2.", "3."]


def test_numbering_printed_in_the_label_cell_is_repaired_there():
    labels = ["1. Ban hành VBQPPL", "1.1. Số VBQPPL do cấp tỉnh ban hành",
              "1.2: Số VBQPPL do cấp xã ban hành", "2. Kiểm tra, xử lý VBQPPL",
              "2.1. Số VBQPPL đã kiểm tra", "22. Tỷ lệ xử lý VBQPPL sau kiểm tra",
              "22.1. Tổng số VBQPPL cần phải xử lý", "- Trong đó: đã xử lý"]
    got = _read(_cells(labels, ["12"] * len(labels)), set())
    assert got == ["1. Ban hành VBQPPL", "1.1. Số VBQPPL do cấp tỉnh ban hành",
                   "1.2. Số VBQPPL do cấp xã ban hành", "2. Kiểm tra, xử lý VBQPPL",
                   "2.1. Số VBQPPL đã kiểm tra", "2.2. Tỷ lệ xử lý VBQPPL sau kiểm tra",
                   "2.2.1. Tổng số VBQPPL cần phải xử lý", "- Trong đó: đã xử lý"]


def test_a_first_row_number_read_as_a_letter_in_the_label_cell_is_given_back():
    # The gazette's balance sheet form at 200 dpi: a "1." printed with its name reads "l.".
    labels = ["2. Các khoản tương đương tiền", "II. Các khoản đầu tư tài chính ngắn hạn",
              "l. Đầu tư ngắn hạn", "2. Dự phòng giảm giá đầu tư ngắn hạn", "III. Các khoản phải thu",
              "l. Phải thu của khách hàng", "1.1. Phải thu về hợp đồng bảo hiểm"]
    got = _read(_cells(labels, ["112", "120", "121", "129", "130", "131", "131.1"]), set())
    assert [g.split()[0] for g in got] == ["2.", "II.", "1.", "2.", "III.", "1.", "1.1."]


def test_a_first_item_read_as_a_roman_one_is_given_back_between_its_section_and_a_two():
    # "1. Tiền" under the section "I. Tiền và …" read "I. Tiền"; the section itself stays.
    labels = ["I. Tiền và các khoản tương đương tiền", "I. Tiền", "2. Các khoản tương đương tiền",
              "II. Nợ dài hạn", "I. Phải trả dài hạn người bán", "2. Phải trả dài hạn nội bộ",
              "III. Vốn", "I. Vốn góp"]
    got = _read(_cells(labels, ["110", "111", "112", "330", "331", "332", "400", "410"]), set())
    assert [g.split()[0] for g in got] == ["I.", "1.", "2.", "II.", "1.", "2.", "III.", "I."]


def test_one_and_roman_one_read_for_each_other_are_told_by_what_follows():
    # The gazette's balance sheet form at 200 dpi: "I." and "1." read "lR", "I.", "lẺ", "l.".
    labels = ["A - TÀI SẢN NGẮN HẠN", "lR Tiền và các khoản tương đương tiền", "I. Tiền",
              "2. Các khoản tương đương tiền", "IV. Hàng tồn kho", "lR Hàng tồn kho",
              "2. Dự phòng giảm giá hàng tồn kho", "B- TÀI SẢN DÀI HẠN", "I- Các khoản phải thu dài hạn",
              "l. Phải thu dài hạn của khách hàng", "2. Vốn kinh doanh", "IV. Các khoản đầu tư",
              "lẺ Đầu tư vào công ty con", "1.1. Ký quỹ", "- Nguyên giá", "2. Đầu tư khác",
              "A - NỢ PHẢI TRẢ", "I. Nợ ngắn hạn", "I. Vay và nợ ngắn hạn", "2. Phải trả người bán",
              "II. Nợ dài hạn", "III. Vốn", "I. Vốn góp"]
    got = _read(_cells(labels, [str(100 + i) for i in range(len(labels))]), set())
    assert [g.split()[0] for g in got] == [
        "A", "I.", "1.", "2.", "IV.", "1.", "2.", "B-", "I-", "1.", "2.", "IV.", "1.", "1.1.", "-", "2.",
        "A", "I.", "1.", "2.", "II.", "III.", "I."]
    # A word that opens a label is no number ("lo ngại", "IT").
    assert _read(_cells(["lo ngại", "IT và số hóa", "2. Khác"], ["1", "2", "3"]), set())[:2] == ["lo ngại", "IT và số hóa"]


def test_numbers_that_continue_their_sequence_are_left_as_read():
    labels = ["1 Phường Bình Thuận", "2 Xã Hàm Liêm", "3 Xã Tân Hải", "2025 là năm"]
    got = _read(_cells(labels, ["5"] * len(labels)), set())
    assert got == labels


def test_a_row_number_read_as_nothing_like_one_is_the_one_its_neighbours_allow():
    got = _read(_cells(["1.3.", "SẼ", "1.3.2.", "1.4.", "Tổng", "2.", "3.", "Cộng", "5."]), {0})
    # Between 1.3. and 1.3.2. only 1.3.1. fits; a word stays a word.
    assert got == ["1.3.", "1.3.1.", "1.3.2.", "1.4.", "Tổng", "2.", "3.", "Cộng", "5."]


def test_sub_rows_between_row_numbers_are_passed_over():
    # A balance sheet: section letter, roman, then "1." read "J." over its "-" sub-items.
    got = _read(_cells(["D-", "I.", "J.", "-", "-", "2.", "3."]), {0})
    assert got == ["D-", "I.", "1.", "-", "-", "2.", "3."]


def test_a_row_number_in_its_place_is_vouched_for_by_the_sequence():
    cells = _cells(["1.", "2.", "7.", "4."])
    cells = [c if c.text != "2." else replace(c, confidence=0.4) for c in cells]
    out = {c.text: c.confidence for c in _numbering_dots(cells, {0}, sure=0.8)}
    assert out["2."] == 0.8   # between 1. and 3.: surely 2.
    assert out["7."] == 1.0   # out of place: left as read (its own confidence)


def test_a_chain_of_misread_numbers_is_read_as_a_whole():
    # A page turned upside down: "2." read "và", then "2.1." as "2];", and every row of
    # section 2 without its first dot. Each reading alone has no number before it to follow.
    got = _read(_cells(["1.", "1.1.", "1.2.", "và", "2];", "22.", "22.1.", "22.2.", "3.", "3.1."]), {0})
    assert got == ["1.", "1.1.", "1.2.", "2.", "2.1.", "2.2.", "2.2.1.", "2.2.2.", "3.", "3.1."]


def test_a_digit_read_as_another_digit_is_left_for_the_verifier():
    # "3" between "4" and "6" may be a misreading of 5 or the report's own slip: no look-alike
    # reading puts it in place, so it stays as read (the row-numbering check reports it).
    assert _read(_cells(["3.", "4.", "3.", "6."]), {0}) == ["3.", "4.", "3.", "6."]


def test_two_like_figures_read_as_one_are_given_back():
    got = _read(_cells(["9.", "10.", "1.", "-", "-", "12."]), {0})
    assert got == ["9.", "10.", "11.", "-", "-", "12."]


def test_a_column_of_one_level_gets_no_dots():
    # "121" between "11" and "13" is no "12.1" in a column numbered 1 … 17.
    got = _read(_cells(["9", "10", "1", "121", "13", "14"]), {0})
    assert got == ["9", "10", "11", "121", "13", "14"]


def test_a_number_given_back_is_printed_as_its_column_prints_the_others():
    # ttr666's sheet numbers its 27 rows "1" … "27", no closing dot; "16" read "ló".
    assert _read(_cells(["14", "15", "ló", "17", "18"]), {0}) == ["14", "15", "16", "17", "18"]
    # Where the column prints levels, a level's closing dot is printed.
    assert _read(_cells(["1.", "1.1", "1.2", "2.", "2.1"]), {0}) == ["1.", "1.1", "1.2", "2.", "2.1"]


def test_a_row_number_that_lost_its_last_level_gets_it_back_before_the_next():
    # bc329 at 150 dpi: "3.1." read "3." between "3." and "3.2.".
    assert _read(_cells(["2.2.", "3.", "3.", "3.2.", "3.3."]), {0}) == ["2.2.", "3.", "3.1.", "3.2.", "3.3."]
    # A repeated number with no sub-level read after it stays repeated, for the verifier.
    assert _read(_cells(["1.", "1.1.", "1.2.", "2.", "2.", "3."]), {0}) == ["1.", "1.1.", "1.2.", "2.", "2.", "3."]


def test_a_row_number_out_of_place_is_read_again(monkeypatch):
    from dvc_extract.scan import doubtful
    from dvc_extract.settings import Settings
    cells = _cells(["3", "4", "3", "6"])

    def reads(text):
        monkeypatch.setattr(doubtful, "reread_cell", lambda *a, **k: (text, 0.9))
        return [c.text for c in doubtful._read_out_of_place_again(cells, {0}, None, True, Settings())]

    # Read larger, the blurred figure is the one its place allows: taken.
    assert reads("5") == ["3", "4", "5", "6"]
    # Read again as it was: the report's own slip, left for the verifier to report.
    assert reads("3") == ["3", "4", "3", "6"]


def test_a_table_part_under_its_head_starts_at_one():
    # A table's first page holds its head and one row, read "l"; nothing below to follow.
    assert _read(_cells(["TT", "l"]), {0}) == ["TT", "1"]
    # A part that continues a table under its repeated head is left as read.
    assert _read(_cells(["TT", "l6", "17"]), {0}) == ["TT", "16", "17"]


def test_a_table_part_is_read_with_the_numbers_of_its_parts_on_the_pages_around():
    # A table's first page holds one row, read "l" under a head read "lu"; its next page
    # opens with 2. A part whose page before ended at 16 goes on from there.
    assert _read_parts(["lu", "l"], ["2.", "3."]) == [["lu", "1"], ["2.", "3."]]
    assert [c.text for c in _numbering_dots(_cells(["TT", "l7"]), {0})] == ["TT", "l7"]
    assert _read_parts(["TT", "15", "16"], ["TT", "l7"]) == [["TT", "15", "16"], ["TT", "17"]]


def test_the_number_opening_a_page_is_read_with_the_rows_on_both_sides_of_the_break():
    """A landscape annex (qd1187, pp. 3-4) at 150 dpi: its small dots lost, "2.4." opens the
    second page read "24.". Were it taken as read, "21. … 23.2." before it would follow as
    many rows as the numbers printed; read with the rows after it, only "2.4." does."""
    first = ["STT", "2.1.", "21.1,", "212.", "22.", "23.", "2230.", "23.2."]
    second = ["STT", "24.", "25.", "2.5.1.", "2.5.2.", "253.", "2.5.4.", "3.", "31.", "3.2."]
    again = [{1: "2.1.", 2: "2.1.1", 3: "21.2.", 4: "2.2.", 5: "2.3.", 7: "2325"},
             {1: "2.4.", 2: "2.5.", 3: "2.5.1.", 4: "2.5.2.", 5: "2.5.3.", 6: "2.5.4.", 7: "3.", 8: "3.1.", 9: "3.2."}]
    assert _read_parts(first, second, seconds=again) == [
        ["STT", "2.1.", "2.1.1.", "2.1.2.", "2.2.", "2.3.", "2.3.1.", "2.3.2."],
        ["STT", "2.4.", "2.5.", "2.5.1.", "2.5.2.", "2.5.3.", "2.5.4.", "3.", "3.1.", "3.2."]]


def test_a_figure_read_as_a_small_letter_is_no_letter_numbering():
    # A balance sheet: "1." read "l.", which is also how a list lettered a, b, c … would print
    # its twelfth item; between roman "I." and its "-" sub-rows and "2." it is the 1.
    got = _read(_cells(["D-", "I.", "l.", "-", "-", "2.", "3."]), {0})
    assert got == ["D-", "I.", "1.", "-", "-", "2.", "3."]


def test_figures_after_the_names_are_no_row_numbers():
    """An article's table of growth rates, the stops read for its commas ("3.0", "3.6"):
    the column right of the names holds values, not numbering; one left of them may."""
    from dvc_extract.model import RawTable
    from dvc_extract.scan.doubtful import numbering_columns
    names = ["Khu vực", "Toàn thế giới", "Các nước phát triển", "Các nước đang phát triển",
             "- Đông Á và Thái Bình Dương", "- Nam Á"]
    rates = ["2010", "41", "3.0", "73", "3.6", "4.8"]
    table = RawTable(page=1, bbox=(0, 0, 1, 1), cells=_cells(names, rates), n_rows=6, n_cols=2, ruled=False)
    assert numbering_columns(table) == set()
    numbered = RawTable(page=1, bbox=(0, 0, 1, 1), cells=_cells(["STT", "1", "2", "3"], names[:4]),
                        n_rows=4, n_cols=2, ruled=False)
    assert numbering_columns(numbered) == {0}


def test_a_figure_read_twice_is_read_once_where_the_sequence_asks():
    """A page's part of an indicator table (seed 002, Phụ lục VIII, scanned at 200 dpi): its
    first number read "5.52." after the part before ended at "5.1.3."; reading every number
    after it with a figure doubled ("55.2.1.") would make as many follow each other."""
    got = _read_parts(["5.1.2.", "5.1.3."], ["STT", "5.52.", "5.2.1.", "5.2.2.", "5.3."])[1]
    assert got == ["STT", "5.2.", "5.2.1.", "5.2.2.", "5.3."]


def test_a_number_no_list_prints_is_the_nearest_its_neighbours_allow():
    """ "0.012." (a level 0, a leading zero) opens the next page between "5.5.1." and "6": of
    5.5.2. and 5.6., both in place, the one printed nearest to what was read."""
    got = _read_parts(["5.5.", "5.5.1."], ["0.012.", "6.", "6.1."])[1]
    assert got == ["5.5.2.", "6.", "6.1."]
    # After the last number (a speck in a closing total row's numbering cell) it stays.
    got = [c.text for c in _numbering_dots(_cells(["16.", "17.", "0.", "Tổng"]), {0}, 0.8)]
    assert got == ["16.", "17.", "0.", "Tổng"]


def test_a_table_part_takes_the_levels_and_dots_of_the_part_before():
    # Page 2 of a list that ended "4.1.3." on page 1: "s" for "5.", "51." and a "52"
    # that lost its dot; "s" prints no style of its own.
    got = _read_parts(["4.1.2.", "4.1.3."], ["s", "51.", "52", "6."])[1]
    assert got == ["5.", "5.1.", "5.2.", "6."]


def test_one_letter_with_a_number_s_closing_mark_is_a_misread_number():
    got = _read(_cells(["1.", "1.1.", "2.", "~k.", "22.", "3."]), {0})
    assert got == ["1.", "1.1.", "2.", "2.1.", "2.2.", "3."]
    # an item's letter stays a letter
    assert _read(_cells(["2.", "a", "b", "3."]), {0}) == ["2.", "a", "b", "3."]


def test_a_figure_read_twice_and_its_dot_lost_is_given_back():
    got = _read(_cells(["1.", "2.", "2.1.", "222:", "3."]), {0})
    assert got == ["1.", "2.", "2.1.", "2.2.", "3."]


def test_roman_section_numbers_follow_their_own_sequence():
    # Strokes of "II" run together, "III.1" lost its level, "III2" its dot; the rows
    # numbered 1, 2, … under each section pass over.
    read = ["I", "l", "2", "I", "1", "I", "III", "1", "2", "III2", "1", "IV", "1", "V"]
    assert _read(_cells(read), {0}) == ["I", "1", "2", "II", "1", "III", "III.1", "1", "2",
                                        "III.2", "1", "IV", "1", "V"]
    # A column of "1"s read "I" shows no Roman number beyond I: each "I" is the "1" its
    # "2" follows.
    assert _read(_cells(["I", "2", "I", "2"]), {0}) == ["1", "2", "1", "2"]
    # At 150 dpi a section's "I" read as a bar, "II" as "I", and the rows' 1s as "l" and "|"
    # (bc184, PAPI): a stroke with a row numbered 2 under it is that row's 1.
    read = ["|", "l", "2", "3", "I", "|", "2", "3"]
    assert _read(_cells(read), {0}) == ["I", "1", "2", "3", "II", "1", "2", "3"]


def test_numbers_start_again_under_a_section_s_head():
    # A form's list (Official Gazette, p. 41): "01" … "04" under "I", again under "II"
    # (read "H": its bar a speck); neither group is a level of the other.
    read = ["I", "01", "02", "03", "04", "H", "01", "02", "03", "04"]
    assert _read(_cells(read), {0}) == ["I", "01", "02", "03", "04", "II", "01", "02", "03", "04"]
    # A yellowed balance sheet: "I." read "L", "1." read "|.", "II." read "IL".
    read = ["D-", "L", "|.", "2.", "3.", "IL", "1.", "2."]
    assert _read(_cells(read), {0}) == ["D-", "I.", "1.", "2.", "3.", "II.", "1.", "2."]
    # A balance sheet's "11." read as the strokes "II.", between "10." and "12."; the
    # section "II." after "13." stays one, its rows numbered from 1 again.
    read = ["B.", "I.", "1.", "2.", "10.", "II.", "12.", "13.", "II.", "1.", "2."]
    assert _read(_cells(read), {0}) == ["B.", "I.", "1.", "2.", "10.", "11.", "12.", "13.", "II.", "1.", "2."]
    # Numbers that run on under a section's head keep running on.
    assert _read(_cells(["I", "1", "2", "II", "3", "4"]), {0}) == ["I", "1", "2", "II", "3", "4"]


def test_roman_section_numbers_in_their_place_are_vouched_for():
    # The balance sheet's "I." read at 0.35 and "II..." at 0.67: their sequence vouches.
    cells = [replace(c, confidence=0.35 if c.text.startswith("I") else c.confidence)
             for c in _cells(["D-", "I.", "1.", "-", "2.", "II...", "1."])]
    out = _numbering_dots(cells, {0}, sure=0.8)
    assert [(c.text, c.confidence >= 0.8) for c in out if c.text.startswith("I")] == [("I.", True), ("II.", True)]


def test_a_row_number_s_closing_dot_read_as_a_comma():
    # A label opening with its number (the gazette's balance sheet, p. 44): "9," between "8."
    # and "10." is "9.".
    cells = _cells(["8. Quỹ khác", "9, Quỹ phát triển khoa học và công nghệ", "10. Dự phòng nghiệp vụ"])
    assert _read(cells, set())[1] == "9. Quỹ phát triển khoa học và công nghệ"


def test_a_section_s_lost_dot_is_given_back_where_the_column_prints_them():
    # The balance sheet photographed: "I." and "II." lost their dots, the column's others kept theirs.
    labels = ["D. VỐN CHỦ SỞ HỮU", "I Vốn chủ sở hữu", "1. Vốn góp của chủ sở hữu", "- Cổ phiếu phổ thông",
              "2. Thặng dư vốn cổ phần", "II Nguồn kinh phí và quỹ khác"]
    got = _read(_cells(labels, ["400", "410", "411", "411a", "412", "430"]), set())
    assert [t.split(" ")[0] for t in got] == ["D.", "I.", "1.", "-", "2.", "II."]
    # The same numbers read in a column of their own.
    assert _read(_cells(["D.", "I", "1.", "-", "2.", "3.", "II"]), {0}) == ["D.", "I.", "1.", "-", "2.", "3.", "II."]
    # A column printing its numbers without dots keeps its sections so.
    labels = ["D VỐN CHỦ SỞ HỮU", "I Vốn chủ sở hữu", "1 Vốn góp", "2 Thặng dư", "II Nguồn kinh phí"]
    assert _read(_cells(labels, ["400", "410", "411", "412", "430"]), set()) == labels
    assert _read(_cells(["D", "I", "1", "-", "2", "3", "II"]), {0}) == ["D", "I", "1", "-", "2", "3", "II"]


def test_a_label_s_number_read_as_a_letter_is_the_one_its_neighbours_leave():
    # The gazette's balance sheet, p. 44, at 150 dpi: "8." read "s", and the "9," after it.
    labels = ["6. Quỹ dự phòng tài chính", "7. Quỹ dự trữ bắt buộc", "s Quỹ khác thuộc vốn chủ sở hữu",
              "9, Lợi nhuận sau thuế chưa phân phối", "TỔNG CỘNG NGUỒN VỐN"]
    assert [t.split(" ")[0] for t in _read(_cells(labels, ["418", "419", "420", "421", "440"]), set())] == \
        ["6.", "7.", "8.", "9.", "TỔNG"]
    # Where no one number fits, before the first or after the last, or before a small word,
    # the letter stays.
    for labels in (["7. Quỹ", "s Quỹ khác", "", "10. Lợi nhuận"], ["7. Quỹ", "s", "9. Quỹ"], ["s Quỹ khác", "2. Lợi nhuận"],
                   ["1. Quỹ", "2. Quỹ", "s Quỹ khác"], ["1. Quỹ", "s quỹ khác", "3. Lợi nhuận"]):
        assert _read(_cells(labels, ["1"] * len(labels)), set()) == labels


def test_a_note_that_lost_its_stop_gets_it_back_where_the_column_tells_how():
    from dvc_extract.scan.notes import note_columns, restore
    # The notes column of the gazette's balance sheet (p. 44) scanned at 200 dpi.
    cells = _cells(["", "", "", "", "", ""], ["V.20", "V2I", "V253", "V22", "", "V,23a"])
    assert note_columns(cells) == [1]
    got = [c.text for c in restore(cells, 1) if c.col == 1 and c.text]
    # "V253" may be V.25.3, V.2.53 or V.2.5.3: no note of the column tells, so it stays.
    assert got == ["V.20", "V.21", "V253", "V.22", "V.23a"]
    # Under notes of two levels, the parent tells.
    cells = _cells(["", "", ""], ["V.25.1", "V.25.2", "V253"])
    assert [c.text for c in restore(cells, 1) if c.col == 1] == ["V.25.1", "V.25.2", "V.25.3"]
    # A column of figures is no column of notes.
    assert note_columns(_cells(["", "", ""], ["120", "V22", "1.234"])) == []


def test_a_criterions_code_opening_its_label_is_told_by_the_codes_around_it():
    from dvc_extract.scan.criteria import restore
    # An assessment's criteria at 150 dpi (cv12094 pp. 23-24): stops lost, a speck added.
    read = ["TCTP 7.32 - Tỷ lệ nhiệm vụ", "TCTP 7.3.3- Thực hiện chỉ đạo", "Điểm đạt được của TCTP này",
            "TCTP 7.4.1] - Cổng thông tin điện tử", "TCTP 7.4.3 - Thiết lập", "TCTP 744 - Triển khai số hóa"]
    got = [c.text for c in restore([_cells(read)])[0]]
    assert got == ["TCTP 7.3.2 - Tỷ lệ nhiệm vụ", "TCTP 7.3.3- Thực hiện chỉ đạo", "Điểm đạt được của TCTP này",
                   "TCTP 7.4.1 - Cổng thông tin điện tử", "TCTP 7.4.3 - Thiết lập", "TCTP 7.4.4 - Triển khai số hóa"]
    # A stop read as a slash, after a row number (cv12094 pp. 1-2, turned).
    read = ["3. TC 1.1 - Thực hiện kế hoạch CCHC", "4. TC 1.2- Thực hiện chế độ báo cáo", "5. TC 1/4 - Công tác tuyên truyền"]
    assert [c.text for c in restore([_cells(read)])[0]][2] == "5. TC 1.4 - Công tác tuyên truyền"
    # Two codes of two depths tell neither: "7.22" may be 7.2.2 or a code of its own.
    read = ["TCTP 7.2.1 - Triển khai", "TCTP 7.22 - Triển khai Trung tâm dữ liệu"]
    assert [c.text for c in restore([_cells(read)])[0]] == read


def test_a_second_reading_puts_row_numbers_back_where_the_first_lost_their_dots():
    # A statistics form (bc329, p. 28) in small italic print: the Vietnamese model read
    # "3.1.1." as "371." and "3.1.2." as "17.2."; the second reader (figures and dots)
    # read them right, and "22." for a "2.2." the first read "DA".
    read = ["STT", "2.", "21.", "DA", "3.", "3.1.", "371.", "17.2.", "32.", "32.7."]
    second = {2: "2.1.", 3: "22.", 6: "3.1.1.", 7: "3.1.2.", 8: "3.2.", 9: "3.2.1."}
    got = [c.text for c in _numbering_dots(_cells(read), {0}, seconds=_second(second))]
    assert got == ["STT", "2.", "2.1.", "2.2.", "3.", "3.1.", "3.1.1.", "3.1.2.", "3.2.", "3.2.1."]
    # Without it the chain finds no way through "17.2.".
    assert _read(_cells(read), {0})[7] == "17.2."


def test_an_outline_numbers_no_section_in_three_figures_nor_in_seventy():
    """qd1187 p. 15 at 150 dpi, its small dots lost: read as they are, "72.3." (the second
    reader's), "72.4.", "73.", "733.", "734." make as many rows follow each other as 7.2.3. …
    7.3.4., with no number guessed. In a column numbered in levels no section is numbered
    733, and of two chains as good the one with smaller sections wins: a dot lost is likelier
    than a 72nd section."""
    read = ["STT", "723.", "72.4.", "STT", "73.", "733.", "732.", "733.", "734."]
    second = {1: "72.3.", 2: "7.2.4.", 4: "7.3.", 6: "1.32.", 7: "133", 8: "7.3.4."}
    got = [c.text for c in _numbering_dots(_cells(read), {0}, seconds=_second(second))]
    assert got == ["STT", "7.2.3.", "7.2.4.", "STT", "7.3.", "7.3.1.", "7.3.2.", "7.3.3.", "7.3.4."]
    # qd1187 p. 11: a page opening under its repeated head with "5.3.2." read "532."; no
    # number with a level 0 ("0.1.") follows the head, and each is judged by the numbers
    # given out above it.
    read = ["STT", "532.", "5343.", "54.", "5s.", "SỐ", "5.5.2."]
    second = {1: "302", 2: "5.3.3.", 3: "5.4.", 4: "5.5.", 5: "5", 6: "5.5.2."}
    got = [c.text for c in _numbering_dots(_cells(read), {0}, seconds=_second(second))]
    assert got == ["STT", "5.3.2.", "5.3.3.", "5.4.", "5.5.", "5.5.1.", "5.5.2."]
    # A flat list may run past 100 ("101." after "100.").
    assert _read(_cells(["99.", "100.", "101.", "102."]), {0}) == ["99.", "100.", "101.", "102."]


def test_closing_dots_the_second_reader_sees_count_for_the_columns_style():
    # bc329 p. 28 at 150 dpi: the first reader lost the dots of "2." and "3."; of its
    # readings too few show one to tell the column's style, the second reader's show it.
    read = ["STT", "1.", "1.1.", "1.2.", "2", "3"]
    assert _read(_cells(read), {0}) == read
    got = [c.text for c in _numbering_dots(_cells(read), {0}, seconds=_second({4: "2.", 5: "3."}))]
    assert got == ["STT", "1.", "1.1.", "1.2.", "2.", "3."]


def test_a_closing_dot_lost_by_the_first_reader_is_the_second_readers():
    # bc329 pp. 28-29 at 150 dpi: "3.3.2." read "3.3.2", read again "3.3.2."; "1.4.3", which
    # the report prints without its dot, is read so both times and stays so.
    read = ["STT", "1.", "1.3.", "1.4.", "1.4.1.", "1.4.2.", "1.43", "2.", "2.1.", "2.2.", "3.", "3.3.",
            "3.3.1.", "3.3.2"]
    second = {6: "1.4.3", 13: "3.3.2."}
    got = [c.text for c in _numbering_dots(_cells(read), {0}, seconds=_second(second))]
    assert got[6:] == ["1.4.3", "2.", "2.1.", "2.2.", "3.", "3.3.", "3.3.1.", "3.3.2."]
    # In a column that prints no closing dots, a dot the second reader sees is a speck's.
    read = ["1", "1.1", "1.2", "2", "2.1"]
    assert [c.text for c in _numbering_dots(_cells(read), {0}, seconds=_second({2: "1.2."}))] == read


def test_a_second_reading_never_displaces_a_first_in_its_place():
    read = ["1.", "2.", "2.1.", "2.2.", "3."]
    second = {1: "7.", 2: "2.7.", 3: "22."}
    assert [c.text for c in _numbering_dots(_cells(read), {0}, seconds=_second(second))] == read


def test_a_row_number_no_list_prints_takes_the_place_its_neighbours_leave():
    # The scoring scheme's annex (qd1187, pp. 3 and 10) at 200 dpi: a level of three figures
    # ("5.243.") and figures that are no number ("229236.") are misread numbers; a level read
    # with a leading zero is printed as the column prints its numbers.
    got = _read(_cells(["5.1.3.", "5.2.", "52.1.", "522.", "5.243.", "5.2.4.", "53."]), {0})
    assert got == ["5.1.3.", "5.2.", "5.2.1.", "5.2.2.", "5.2.3.", "5.2.4.", "5.3."]
    got = _read(_cells(["2.5.", "2.5.1.", "22502.", "229236.", "2.5.4.", "3."]), {0})
    assert got == ["2.5.", "2.5.1.", "2.5.2.", "2.5.3.", "2.5.4.", "3."]
