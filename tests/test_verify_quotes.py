"""A figure the prose quotes from a table against the cell it quotes (verify/quotes.py).

The tables are seed 000's as extracted from its rendering (corpora/digital/000.pdf): Bảng 1
(procedures and online services per department, with its total row "Tổng số 1.318 565"), Bảng 2
(dossiers received per department), Bảng 6 and Bảng 8 (per district; they print Krông Pắc's
dossiers received as 47.965 and 47.966). The real reports (seeds and ../shared/real/born/) hold
no sentence that quotes a unit's or a total row's figure in a shape this rule can pair with
certainty (seed 000's "cấp tỉnh: 565; cấp huyện 54" is Bảng 1's total and half of Bảng 5's
total: no total is named, and the levels decide), so the sentences below are written in the
reports' own words, with the tables' figures (and with one figure changed).
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest

from dvc_extract.model import TextBlock
from dvc_extract.settings import Settings
from dvc_extract.verify import Tally
from dvc_extract.verify.quotes import find_quotes
from dvc_extract.verify.rules import prose_quotes

ROOT = Path(__file__).resolve().parents[1]
BORN = ROOT.parent / "shared" / "real" / "born"
RULE = "prose-table-figure"


@lru_cache(maxsize=None)
def _extracted(path: str):
    from dvc_extract import extract

    return extract(path)


def _seed000():
    return _extracted(str(ROOT / "corpora" / "digital" / "000.pdf"))


def _with(*sentences: str):
    """Seed 000's tables, with these sentences as its prose (on p. 2, a page of prose)."""
    blocks = [TextBlock(text=s, page=2, bbox=(50, 100 + 40 * i, 550, 130 + 40 * i)) for i, s in enumerate(sentences)]
    return replace(_seed000(), prose=blocks, findings=[], checks=[])


def _findings(*sentences: str):
    return prose_quotes(_with(*sentences), Settings())


def _pairs(*sentences: str) -> list[tuple[str, int, int, str]]:
    return [(q.table.id, q.row, q.cell.col, q.cell.text) for q in find_quotes(_with(*sentences))]


# --- a unit's figure ------------------------------------------------------------------------

def test_a_units_count_as_its_row_prints_it_is_paired_and_passes():
    sentence = "Sở Tư pháp tiếp nhận 15.094 hồ sơ."
    # Bảng 2, row 13 (Sở Tư pháp), column "Tiếp nhận hồ sơ TTHC / Tổng số"; Bảng 3 and 4 print it too
    assert _pairs(sentence) == [("t2", 12, 2, "15094")]
    tally = Tally()
    assert prose_quotes(_with(sentence), Settings(), tally) == []
    (count,) = [c for c in tally.counts([]) if c.rule == RULE]
    assert (count.table, count.made, count.passed) == ("t2", 1, 1)


def test_a_units_count_changed_gives_one_finding_on_its_cell():
    (f,) = _findings("Tổng số hồ sơ tiếp nhận của Sở Tư pháp là 15.904 hồ sơ.")
    assert (f.rule, f.severity, f.verdict, f.cause) == (RULE, "error", "inconsistent", "source")
    assert (f.stated, f.recomputed, f.difference) == (15904, 15094, 810)
    assert (f.table, f.row, f.columns) == ("t2", 12, [2])
    assert f.claim == "Tổng số hồ sơ tiếp nhận của Sở Tư pháp là 15.904"
    assert f.message_en == ("Figure 15,904 in the text does not match table t2, row “Sở Tư pháp”, "
                            "column “Tiếp nhận hồ sơ TTHC / Tổng số”: 15,094.")
    assert "không khớp" in f.message_vi and "15.094" in f.message_vi
    # evidence on the prose and on the cell (Bảng 2 is on p. 4)
    assert [e.page for e in f.evidence] == [2, 4]


def test_procedures_spelt_out_are_the_column_of_procedures():
    assert _pairs("Sở Tư pháp có 122 thủ tục hành chính.") == [("t1", 4, 2, "122")]
    (f,) = _findings("Sở Tư pháp có 112 TTHC, trong đó 81 DVC trực tuyến toàn trình.")
    assert (f.stated, f.recomputed, f.table, f.columns) == (112, 122, "t1", [2])


def test_a_qualified_count_is_its_own_column():
    # "trực tuyến toàn trình" after the figure: the column "Trực tuyến / Toàn trình", not the total
    assert _pairs("Sở Tư pháp tiếp nhận 11.686 hồ sơ trực tuyến toàn trình.") == [("t2", 12, 6, "11686")]
    assert _findings("Sở Tư pháp tiếp nhận 11.686 hồ sơ trực tuyến toàn trình.") == []


# --- rates ----------------------------------------------------------------------------------

def test_a_rate_printed_with_fewer_decimals_is_the_cells_rounded():
    # Bảng 2, Sở Y tế: 98.93
    assert _findings("Tỷ lệ hồ sơ tiếp nhận trực tuyến của Sở Y tế đạt 98,9%.") == []
    assert _findings("Tỷ lệ hồ sơ tiếp nhận trực tuyến của Sở Y tế đạt 98,93%.") == []


def test_a_rate_that_differs_is_a_finding():
    (f,) = _findings("Tỷ lệ hồ sơ tiếp nhận trực tuyến của Sở Y tế đạt 98,8%.")
    assert (f.verdict, f.stated, f.recomputed, f.table, f.row, f.columns) == ("inconsistent", 98.8, 98.93, "t2", 8, [7])


def test_a_rate_rounded_the_wrong_way_is_a_rounding_finding():
    # Bảng 2, Sở Nội vụ: 99.81, which rounds to 99,8
    (f,) = _findings("Tỷ lệ hồ sơ tiếp nhận trực tuyến của Sở Nội vụ đạt 99,9%.")
    assert (f.severity, f.verdict, f.stated, f.recomputed) == ("info", "rounding", 99.9, 99.81)


# --- the total ------------------------------------------------------------------------------

def test_the_total_of_the_departments_is_the_total_row_of_their_table():
    # Bảng 1 "… của sở, ban, ngành", total row "Tổng số 1.318 565"
    assert _pairs("Tổng số DVC trực tuyến toàn trình của các sở, ban, ngành là 565.") == [("t1", 17, 3, "565")]
    assert _pairs("Tổng số TTHC của các sở, ban, ngành là 1.318 TTHC.") == [("t1", 17, 2, "1.318")]
    (f,) = _findings("Tổng số DVC trực tuyến toàn trình của các sở, ban, ngành là 556.")
    assert (f.stated, f.recomputed, f.table, f.row, f.columns) == (556, 565, "t1", 17, [3])


def test_the_provinces_total_is_not_the_total_of_a_table_of_departments():
    # seed 000 p. 2: 645 online services in the province, 565 of them the departments'
    assert _pairs("Tổng số DVC trực tuyến toàn trình toàn tỉnh là 645.") == []
    assert _pairs("Tổng số DVC trực tuyến toàn trình là 645.") == []


def test_a_level_in_a_breakdown_is_that_levels_total_and_no_other():
    # seed 000 p. 2, as printed: "cấp tỉnh: 565" is Bảng 1's total of the departments; "cấp huyện
    # 54" is not Bảng 5's 80 (which counts the communes' too), and "một phần" no column of Bảng 1
    sentence = ("- 645 dịch vụ công trực tuyến toàn trình (cấp tỉnh: 565; cấp huyện 54; cấp xã: 26), "
                "chiếm 39,2%; 720 dịch vụ công trực tuyến một phần (cấp tỉnh: 496; cấp huyện 134; cấp xã: 90), "
                "chiếm 43,7%; 283 dịch vụ cung cấp thông tin trực tuyến (cấp tỉnh: 256; cấp huyện 26; cấp xã: 01). 17,2%.")
    assert _pairs(sentence) == [("t1", 17, 3, "565")]
    (f,) = _findings(sentence.replace("cấp tỉnh: 565", "cấp tỉnh: 595"))
    assert (f.stated, f.recomputed, f.table, f.row, f.columns) == (595, 565, "t1", 17, [3])


# --- uncertain: nothing said ----------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    # Bảng 6 prints 47.965, Bảng 8 47.966: which one is quoted is not known
    "UBND huyện Krông Pắc tiếp nhận 47.965 hồ sơ.",
    "UBND huyện Krông Pắc tiếp nhận 47.000 hồ sơ.",
    # a cumulative figure, another period: the tables name none
    "Lũy kế từ đầu năm, Sở Tư pháp tiếp nhận 15.000 hồ sơ.",
    "Năm 2022, Sở Tư pháp tiếp nhận 15.000 hồ sơ.",
    "Sở Tư pháp tiếp nhận 15.000 hồ sơ trong tháng 11/2024.",
    # another quantity: a qualifier no column has, a change, a part
    "Sở Tư pháp tiếp nhận 15.000 hồ sơ trực tuyến.",
    "Sở Tư pháp tiếp nhận tăng 15.000 hồ sơ so với năm trước.",
    "Sở Tư pháp tiếp nhận 15.094 hồ sơ, trong đó trực tuyến 11.000 hồ sơ.",
    # two units, or a body no row matches
    "Sở Tư pháp và Sở Nội vụ tiếp nhận 15.000 hồ sơ.",
    "Chi cục Thuế tiếp nhận 15.000 hồ sơ.",
    # a rate whose quantity is not named
    "Sở Y tế đạt 90%.",
    # no unit and no total
    "Tiếp nhận 15.000 hồ sơ.",
])
def test_uncertain_pairings_say_nothing(sentence):
    assert _findings(sentence) == []


def test_the_first_figure_of_a_clause_is_checked_and_the_part_after_it_left_alone():
    (f,) = _findings("Sở Tư pháp: tổng số hồ sơ tiếp nhận 15.049 hồ sơ, trong đó trực tuyến 11.000 hồ sơ.")
    assert (f.stated, f.recomputed) == (15049, 15094)


def test_scanned_pages_are_not_read_for_quotes():
    report = _with("Sở Tư pháp tiếp nhận 15.000 hồ sơ.")
    pages = [replace(p, source="scanned") if p.number == 2 else p for p in report.document.pages]
    report = replace(report, document=replace(report.document, pages=pages))
    assert prose_quotes(report, Settings()) == []


# --- the real reports -----------------------------------------------------------------------

@pytest.mark.e2e
@pytest.mark.parametrize("rendering", ["digital/000.pdf", "digital/001.pdf", "digital/002.pdf", "digital/004.pdf"])
def test_seed_renderings_give_no_quote_finding(rendering):
    report = _extracted(str(ROOT / "corpora" / rendering))
    assert [f.message_en for f in report.findings if f.rule == RULE] == []


@pytest.mark.e2e
@pytest.mark.skipif(not BORN.is_dir(), reason="the real documents are not here")
@pytest.mark.parametrize("stem", sorted(p.stem for p in BORN.glob("*.pdf")) if BORN.is_dir() else [])
def test_real_born_reports_give_no_quote_finding(stem):
    report = _extracted(str(BORN / f"{stem}.pdf"))
    assert [f.message_en for f in report.findings if f.rule == RULE] == []
