"""A letter's figure against the column of the appendix table it cites (verify/appendix.py).

The letter is seed 003's (corpora/letters/003: "Trong quý III/2018, toàn tỉnh thực hiện việc gửi,
nhận 67.309 văn bản điện tử; trong đó gửi liên thông 17.695 văn bản, nhận và xử lý liên thông
49.614 văn bản điện tử … (có Phụ lục 1 kèm theo)." and Phụ lục 1, whose 34 units' "GỬI LIÊN
THÔNG" and "NHẬN LIÊN THÔNG" add up to 17.695 and 49.614, with no total row). Each test changes
one figure, one cell or one word of it.
"""
from __future__ import annotations

import copy
from functools import lru_cache

from dvc_bench.seed_findings import transcribed
from dvc_extract.model import Cell, Report, Row, TextBlock
from dvc_extract.settings import Settings
from dvc_extract.verify import Tally
from dvc_extract.verify.appendix import find_appendix_figures
from dvc_extract.verify.rules import prose_appendix_figures

RULE = "prose-appendix-figure"


@lru_cache(maxsize=None)
def _letter() -> Report:
    return transcribed("003")


def _edited(old: str, new: str) -> Report:
    report = copy.deepcopy(_letter())
    i = next(i for i, b in enumerate(report.prose) if old in b.text)
    b = report.prose[i]
    report.prose[i] = TextBlock(text=b.text.replace(old, new, 1), page=b.page, bbox=b.bbox)
    return report


def _pairs(report: Report) -> list[tuple[float, str, int, float, int]]:
    return [(a.stated, a.table.id, a.col, a.recomputed, len(a.cells)) for a in find_appendix_figures(report)]


def test_the_letters_two_figures_sum_up_their_columns_and_agree():
    # 67.309 ("gửi, nhận") names no one column: it is the prose sum's (17.695 + 49.614)
    assert _pairs(_letter()) == [(17695, "t1", 2, 17695, 34), (49614, "t1", 3, 49614, 34)]
    tally = Tally()
    assert prose_appendix_figures(_letter(), Settings(), tally) == []
    assert [(c.table, c.made, c.passed) for c in tally.counts([]) if c.rule == RULE] == [("t1", 2, 2)]


def test_a_figure_changed_in_the_letter_gives_a_finding_on_its_column():
    (f,) = prose_appendix_figures(_edited("49.614", "48.614"), Settings())
    assert (f.rule, f.severity, f.verdict, f.cause) == (RULE, "error", "inconsistent", "source")
    assert (f.table, f.row, f.columns, f.stated, f.recomputed, f.difference) == ("t1", None, [3], 48614, 49614, -1000)
    assert f.claim == "văn bản, nhận và xử lý liên thông 48.614"
    assert f.message_en == ("Figure 48,614 in the text does not match the appendix (table t1), column “NHẬN LIÊN "
                            "THÔNG”, sum of its 34 rows: 49,614.")
    assert "không khớp với phụ lục" in f.message_vi and "49.614" in f.message_vi
    assert f.established_by.startswith("sum of column over the 34 rows") and f.support == 34
    assert len(f.evidence) == 1 + 34  # the letter's words, and every cell summed


def test_a_cell_changed_in_the_appendix_gives_a_finding_on_its_column():
    report = copy.deepcopy(_letter())
    cell = next(c for c in report.tables[0].rows[4].cells if c.col == 2)  # Thanh tra tỉnh: 167
    cell.text = cell.raw_text = "187"
    cell.value = 187.0
    (f,) = prose_appendix_figures(report, Settings())
    assert (f.columns, f.stated, f.recomputed) == ([2], 17695, 17715)


def test_a_total_row_is_the_columns_figure():
    report = copy.deepcopy(_letter())
    t = report.tables[0]
    cells = [Cell(row=len(t.rows), col=1, text="Tổng cộng", raw_text="Tổng cộng", bbox=(0, 0, 0, 0), page=4),
             Cell(row=len(t.rows), col=2, text="17.659", raw_text="17.659", bbox=(0, 0, 0, 0), page=4, value=17659),
             Cell(row=len(t.rows), col=3, text="49.614", raw_text="49.614", bbox=(0, 0, 0, 0), page=4, value=49614)]
    t.rows.append(Row(cells=cells, is_total=True))
    (f,) = prose_appendix_figures(report, Settings())
    assert (f.row, f.columns, f.stated, f.recomputed) == (34, [2], 17695, 17659)
    assert "total row “Tổng cộng”" in f.message_en and f.established_by == "total row of table t1"


def test_no_citation_no_pairing():
    assert _pairs(_edited(" (có Phụ lục 1 kèm theo)", "")) == []
    assert _pairs(_edited("Phụ lục 1", "Phụ lục 2")) == []  # an appendix the report does not hold


def test_a_figure_qualified_or_of_another_period_is_not_paired():
    # a part of the column ("quá hạn"), a column's words shared by two figures, another quarter
    assert _pairs(_edited("gửi liên thông 17.695", "gửi liên thông quá hạn 17.695")) == [(49614, "t1", 3, 49614, 34)]
    assert _pairs(_edited("nhận và xử lý liên thông 49.614", "gửi liên thông 49.614")) == []
    assert _pairs(_edited("quý III/2018", "quý II/2018")) == []


def test_a_table_with_subtotal_rows_has_no_sum():
    report = copy.deepcopy(_letter())
    label = next(c for c in report.tables[0].rows[3].cells if c.col == 1)
    label.text = label.raw_text = "Trong đó: Sở Khoa học và Công nghệ"
    assert _pairs(report) == []


def test_the_seeds_citing_sentences_without_figures_pair_nothing():
    # seed 000: "(Số liệu chi tiết trong Phụ lục I và Phụ lục số II kèm theo)"; seed 002 is an
    # appendix of indicators, whose rows are quantities, not units
    for stem in ("000", "001", "002", "004"):
        assert find_appendix_figures(transcribed(stem)) == []


def test_a_column_naming_only_what_is_counted_or_a_partial_table_is_not_paired():
    report = copy.deepcopy(_letter())
    # "17.695 văn bản": which of them? and "49.614 văn bản" now names that column too
    report.tables[0].column_paths[2] = ("VĂN BẢN",)
    assert _pairs(report) == []
    report = copy.deepcopy(_letter())
    report.tables[0].caption = report.tables[0].caption.replace("Thống kê", "Thống kê 10 đơn vị có số văn bản cao nhất,")
    assert _pairs(report) == []
