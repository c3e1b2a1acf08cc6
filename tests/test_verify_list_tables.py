"""A list of units said to have, or not to have, what a table counts, against its rows
(verify/list_tables.py).

The lists and tables are seed 000's, as printed: "Có 14 đơn vị không có hồ sơ trễ hạn: …" and
Phụ lục I (late files per unit on 19 dates), "Có 11 đơn vị không có hồ sơ nộp trực tuyến quá 8
tiếng chưa tiếp nhận: …" and "Có 19 đơn vị có số hồ sơ …: …" and Phụ lục II. The three agree with
their tables; each test below changes one unit of a list or one cell of a table.
"""
from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

from dvc_bench.seed_findings import transcribed
from dvc_extract.model import Report, TextBlock
from dvc_extract.settings import Settings
from dvc_extract.verify import Tally
from dvc_extract.verify.list_tables import find_list_tables
from dvc_extract.verify.rules import prose_list_tables

ROOT = Path(__file__).resolve().parents[1]
RULE = "prose-list-table"
LATE = "không có hồ sơ trễ hạn: "


@lru_cache(maxsize=None)
def _seed000() -> Report:
    return transcribed("000")


def _copy() -> Report:
    return copy.deepcopy(_seed000())


def _block(report: Report, words: str) -> int:
    return next(i for i, b in enumerate(report.prose) if words in b.text)


def _replace_in_list(report: Report, words: str, old: str, new: str) -> Report:
    i = _block(report, words)
    b = report.prose[i]
    assert old in b.text
    report.prose[i] = TextBlock(text=b.text.replace(old, new, 1), page=b.page, bbox=b.bbox)
    return report


def _table(report: Report, caption: str):
    return next(t for t in report.tables if (t.caption or "").startswith(caption))


def _set(report: Report, caption: str, unit: str, col: int, value: int) -> Report:
    t = _table(report, caption)
    row = next(r for r in t.rows if any(c.text == unit for c in r.cells))
    cell = next(c for c in row.cells if c.col == col)
    cell.text = cell.raw_text = str(value)
    cell.value = float(value)
    return report


def test_the_seed_lists_are_paired_with_their_appendix_and_agree():
    paired = find_list_tables(_seed000())
    assert [(p.listing.stated, p.none, p.table.caption.split(" Thống")[0], len(p.columns), p.disagree)
            for p in paired] == [(14, True, "PHỤ LỤC I", 19, []), (11, True, "PHỤ LỤC II", 19, []),
                                 (19, False, "PHỤ LỤC II", 19, [])]
    tally = Tally()
    assert prose_list_tables(_seed000(), Settings(), tally) == []
    counts = [(c.table, c.made, c.passed) for c in tally.counts([]) if c.rule == RULE]
    assert counts == [("t13", 1, 1), ("t14", 2, 2)]


def test_a_unit_listed_in_place_of_another_gives_a_finding_on_each_row():
    # "Sở Y tế" (0 late files on every date) replaced by "Sở Nội vụ" (1 late file on 02/3)
    report = _replace_in_list(_copy(), LATE, "Sở Y tế", "Sở Nội vụ")
    findings = prose_list_tables(report, Settings())
    t = _table(report, "PHỤ LỤC I ")
    assert [(f.rule, f.verdict, f.cause, f.table, t.rows[f.row].cells[1].text) for f in findings] == [
        (RULE, "inconsistent", "source", t.id, "Sở Nội vụ"), (RULE, "inconsistent", "source", t.id, "Sở Y tế")]
    listed, left_out = findings
    assert listed.columns == [2] and listed.recomputed == 1
    assert listed.message_en == (f"The list “14 đơn vị không có hồ sơ trễ hạn” names Sở Nội vụ, but table {t.id} "
                                 "prints figures above 0 (SỐ HỒ SƠ TRỄ HẠN XỬ LÝ / 02/3: 1).")
    assert left_out.columns == list(range(2, 21)) and left_out.recomputed == 0
    assert "leaves out Sở Y tế" in left_out.message_en and "0 in every column" in left_out.message_en
    assert "không nêu Sở Y tế" in left_out.message_vi
    # evidence: the list's words, then the cells that decide
    assert len(listed.evidence) == 1 + 1 and len(left_out.evidence) == 1 + 19
    assert "Sở Nội vụ" in listed.claim


def test_a_cell_that_moves_a_unit_out_of_the_list_gives_a_finding_on_its_row():
    # Sở Tài chính, listed with no late file, now printing 3 on 21/7 (column 12)
    report = _set(_copy(), "PHỤ LỤC I ", "Sở Tài chính", 12, 3)
    (f,) = prose_list_tables(report, Settings())
    t = _table(report, "PHỤ LỤC I ")
    assert (t.rows[f.row].cells[1].text, f.columns, f.recomputed) == ("Sở Tài chính", [12], 3)


def test_a_units_only_figure_set_to_0_makes_it_missing_from_both_lists_of_its_table():
    # Sở Nội vụ's only file over 8 hours (21/7, column 12) gone: it now belongs to the 11, not the 19
    report = _set(_copy(), "PHỤ LỤC II ", "Sở Nội vụ", 12, 0)
    findings = prose_list_tables(report, Settings())
    said = sorted((f.claim[:2], "leaves out Sở Nội vụ," in f.message_en, "names Sở Nội vụ," in f.message_en)
                  for f in findings)
    assert said == [("11", True, False), ("19", False, True)]


def test_a_list_of_one_level_of_units_or_of_another_condition_is_not_paired():
    report = _replace_in_list(_copy(), LATE, "Có 14 đơn vị không có", "Có 14 sở không có")
    assert [p.listing.stated for p in find_list_tables(report)] == [11, 19]
    report = _replace_in_list(_copy(), LATE, "Có 14 đơn vị không có hồ sơ trễ hạn", "Có 14 đơn vị giảm hồ sơ trễ hạn")
    assert [p.listing.stated for p in find_list_tables(report)] == [11, 19]


def test_a_list_naming_a_unit_its_table_lacks_is_not_paired():
    # a unit of no row ("Ban Dân tộc"): another list, or another name; nothing is said
    report = _replace_in_list(_copy(), LATE, "Sở Y tế", "Ban Dân tộc")
    assert [p.listing.stated for p in find_list_tables(report)] == [11, 19]
    assert prose_list_tables(report, Settings()) == []


def test_a_list_of_what_no_table_counts_is_not_paired():
    # what is counted is no table's: the words "hồ sơ trễ hạn" became "văn bản trễ hạn"
    report = _replace_in_list(_copy(), LATE, "không có hồ sơ trễ hạn", "không có văn bản trễ hạn")
    assert [p.listing.stated for p in find_list_tables(report)] == [11, 19]


def test_a_table_counting_two_things_is_not_paired():
    # a column of another header beside the dates ("Tổng cộng"): which columns does the list read?
    report = _copy()
    t = _table(report, "PHỤ LỤC I ")
    t.column_paths[-1] = ("Tổng cộng",)
    assert [p.listing.stated for p in find_list_tables(report)] == [11, 19]


def test_the_rendered_seed_gives_no_finding():
    from dvc_extract import extract

    report = extract(str(ROOT / "corpora" / "digital" / "000.pdf"))
    assert [p.listing.stated for p in find_list_tables(report)] == [14, 11, 19]
    assert [f for f in report.findings if f.rule == RULE] == []
