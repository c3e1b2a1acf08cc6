"""Scoring against corpus truth, on hand-made tables: what passes, and what must fail."""
import unicodedata
from dataclasses import replace

from dvc_bench.grids import Grid, grid_from_table, score_grids
from dvc_bench.score import score_tables
from dvc_bench.truth import parse_truth
from dvc_extract.model import Cell, Row, Table, split_path

UNITS = ["Sở Khoa học và Công nghệ", "Sở Tài nguyên và Môi trường", "UBND huyện Cư M'gar", "Tổng cộng"]
# (STT, unit, total, online, rate) as printed, and their values.
PRINTED = [("1", "116", "8.787", "39,2%"), ("2", "86", "1.318", "57.68%"), ("3", "83", "65", "78.31%"), ("", "285", "10.170", "-")]
VALUES = [(1, 116, 8787, 39.2), (2, 86, 1318, 57.68), (3, 83, 65, 78.31), (None, 285, 10170, None)]
COLUMNS = ["STT", "Tên cơ quan, đơn vị", "Tổng số", "Trực tuyến", "Tỷ lệ"]


def truth_dict():
    rows = []
    for unit, printed, values in zip(UNITS, PRINTED, VALUES):
        texts = [printed[0], unit, printed[1], printed[2], printed[3]]
        vals = [values[0], None, values[1], values[2], values[3]]
        rows.append({"cells": [{"col": j, "text": t, "value": v, "row_span": 1, "col_span": 1}
                               for j, (t, v) in enumerate(zip(texts, vals)) if t]})
    small = {"caption": "Bảng 9 - Nhỏ", "pages": [3], "columns": ["A", "Số"],
             "rows": [{"cells": [{"col": 0, "text": "Sở Y tế", "value": None}, {"col": 1, "text": "7", "value": 7}]}]}
    return {"id": "t", "pdf": "t.pdf", "pages": 3,
            "captions": ["Bảng 2 - Tỷ lệ hồ sơ tiếp nhận trực tuyến", "Bảng 9 - Nhỏ"],
            "tables": [{"caption": "Bảng 2 - Tỷ lệ hồ sơ tiếp nhận trực tuyến", "pages": [1, 2], "ruled": True,
                        "header_rows": 1, "columns": COLUMNS, "rows": rows}, small]}


def cell(row, col, text, value=None, page=1):
    return Cell(row=row, col=col, text=text, raw_text=text, bbox=(0, 0, 1, 1), page=page, value=value)


def perfect_tables():
    truth = parse_truth(truth_dict())
    out = []
    for k, t in enumerate(truth.tables):
        rows = [Row([cell(i, c.col, c.text, c.value) for c in r]) for i, r in enumerate(t.rows)]
        out.append(Table(id=f"t{k}", caption=t.caption, pages=list(t.pages),
                         column_paths=[split_path(c) for c in t.columns], rows=rows))
    return truth, out


def test_perfect_extraction_meets_the_floors():
    truth, tables = perfect_tables()
    s = score_tables(truth, tables)
    assert (s.numeric_exact, s.numeric_total) == (15, 15)
    assert (s.unit_exact, s.unit_total) == (5, 5)
    assert (s.captions_found, s.captions_total) == (2, 2)
    assert (s.spanning_stitched, s.spanning_total) == (1, 1)
    assert (s.tables_held, s.tables_total) == (2, 2)
    assert s.floor_failures() == []


def test_label_column_is_the_one_holding_names():
    truth = parse_truth(truth_dict())
    assert truth.tables[0].label_column() == 1


def test_wrong_numbers_names_caption_and_split_table_fail_the_floors():
    truth, tables = perfect_tables()
    big = tables[0]
    rows = [Row(list(r.cells)) for r in big.rows]
    # "8.787" read as a decimal: right string, wrong value.
    rows[0].cells[3] = replace(rows[0].cells[3], value=8.787)
    # A unit name in decomposed Unicode is not exact.
    rows[1].cells[1] = replace(rows[1].cells[1], text=unicodedata.normalize("NFD", UNITS[1]))
    # The table split at the page break, and the small table's caption lost.
    first = Table("a", big.caption, [1], big.column_paths, rows[:2])
    second = Table("b", None, [2], big.column_paths, rows[2:])
    small = replace(tables[1], caption=None)
    s = score_tables(truth, [first, second, small])
    failures = " | ".join(s.floor_failures())
    assert s.numeric_exact < s.numeric_total
    assert "numeric cells exact" in failures
    assert "unit-name cells exact" in failures
    assert "captions found 1/2" in failures
    assert "stitched 0/1" in failures
    assert s.tables_held < s.tables_total  # no one table holds all rows of Bảng 2


def test_one_wrong_number_in_two_hundred_is_under_the_floor():
    truth = parse_truth({"id": "x", "pdf": "x.pdf", "pages": 1, "captions": [], "tables": [{
        "caption": None, "pages": [1], "columns": ["Đơn vị", "Số"],
        "rows": [{"cells": [{"col": 0, "text": f"Xã {i}", "value": None},
                            {"col": 1, "text": str(i), "value": i}]} for i in range(200)]}]})
    rows = [Row([cell(i, 0, f"Xã {i}"), cell(i, 1, str(i), i if i != 7 else 70)]) for i in range(200)]
    s = score_tables(truth, [Table("x", None, [1], [("Đơn vị",), ("Số",)], rows)])
    assert (s.numeric_exact, s.numeric_total) == (199, 200)
    assert s.numeric_accuracy == 0.995 and not s.floor_failures()
    rows[8].cells[1] = replace(rows[8].cells[1], text="8.0")
    s = score_tables(truth, [Table("x", None, [1], [("Đơn vị",), ("Số",)], rows)])
    assert s.floor_failures() and s.numeric_exact == 198


def test_alignment_survives_a_repeated_header_row_and_a_shifted_column():
    truth, tables = perfect_tables()
    big = tables[0]
    header = Row([cell(0, j + 1, name) for j, name in enumerate(COLUMNS)])
    shifted = [Row([replace(c, col=c.col + 1) for c in r.cells]) for r in big.rows]
    paths = [split_path(c) for c in [""] + COLUMNS]
    moved = Table("m", big.caption, [1, 2], paths, shifted[:2] + [header] + shifted[2:])
    s = score_tables(truth, [moved, tables[1]])
    assert s.numeric_exact == s.numeric_total and s.unit_exact == s.unit_total
    assert s.floor_failures() == []


def test_a_row_whose_long_label_is_misread_is_held_and_its_label_scored_wrong():
    """A scoring rule's row of one cell ("Không đầy đủ:0" read "Không dây đủ:0"): the row is
    there (aligned, and held: a long text nearly its truth's), its unit is not read exactly.
    A short text misread ("7" read "1") is no near text."""
    from dvc_bench.align import align_rows, cell_texts, row_weight
    rows = [["1.", "Tiêu chí"], ["Không đầy đủ:0"], ["2.", "Khác"]]
    truth_rows = [[cell(i, j, t) for j, t in enumerate(r)] for i, r in enumerate(rows)]
    read = [[cell(i, j, t) for j, t in enumerate(r)] for i, r in enumerate([rows[0], ["Không dây đủ:0"], rows[2]])]
    assert align_rows(truth_rows, read) == {0: 0, 1: 1, 2: 2}
    assert row_weight(cell_texts(truth_rows[1]), cell_texts(read[1])) == 1
    assert row_weight(cell_texts([cell(0, 0, "7")]), cell_texts([cell(0, 0, "1")])) == 0
    truth, tables = perfect_tables()
    units = [Row([replace(c, text="Sở Tài nguyên và Môi trườnq") if c.text == UNITS[1] else c for c in r.cells])
             for r in tables[0].rows]
    s = score_tables(truth, [replace(tables[0], rows=units), tables[1]])
    assert s.tables_held == 2 and s.unit_exact == s.unit_total - 1


def test_tables_without_caption_match_by_page_and_columns():
    truth, tables = perfect_tables()
    anonymous = [replace(t, caption=None) for t in tables]
    s = score_tables(truth, list(reversed(anonymous)))
    assert s.numeric_exact == s.numeric_total
    assert s.captions_found == 0


def test_grid_rule_finds_numbers_in_labelled_rows_and_needs_one_grid_for_recall():
    truth, tables = perfect_tables()
    whole = [grid_from_table(t) for t in tables]
    g = score_grids(truth, whole)
    assert (g.numeric_found, g.numeric_total) == (15, 15) and g.tables_held == 2
    # A raw tool: the table split at the page break, the label wrapped onto two lines,
    # one number printed with a stray space.
    rows = whole[0].rows
    p1 = Grid((1,), [["1", "Sở Khoa học và\nCông nghệ", "116", "8.787", "39,2%"], rows[1]])
    p2 = Grid((2,), [rows[2], ["", "Tổng cộng", "285", "10. 170", "-"]])
    g = score_grids(truth, [p1, p2, whole[1]])
    assert g.numeric_found == 14 and g.numeric_total == 15
    assert g.tables_held == 1  # Bảng 2 is split: only the small table is held whole
    # A grid on another page does not count.
    assert score_grids(truth, [Grid((5,), rows)] + [whole[1]]).numeric_found == 1
