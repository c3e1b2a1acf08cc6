"""Unruled (borderless) tables end to end: reports 000 and 002 rendered with every table
borderless (``scripts/build_corpus --unruled``) meet the issue's floors against their truth.

The rendering keeps only a rule under the header and one under the last row, as Word's
borderless tables often do; everything else — regions, captions, header lines, columns,
wrapped rows, the caption-less continuation on the next page — comes from the words.
"""
import importlib.machinery
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from dvc_bench import load_truth, score_report
from dvc_extract import extract
from dvc_extract.layout.columns import shared_gaps
from dvc_extract.layout.lines import Line
from dvc_extract.layout.unruled import unruled_blocks
from dvc_extract.model import Word

ROOT = Path(__file__).resolve().parent.parent


def _build_corpus_module():
    sys.path.insert(0, str(ROOT / "scripts"))
    loader = importlib.machinery.SourceFileLoader("build_corpus", str(ROOT / "scripts" / "build_corpus"))
    spec = importlib.util.spec_from_loader("build_corpus", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def unruled_corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("unruled")
    build = _build_corpus_module().build
    for report in ("000", "002"):
        build(ROOT / "corpora" / "source" / f"{report}.json", out, unruled=True)
    return out


def test_the_unruled_rendering_says_so_in_its_truth(unruled_corpus):
    for report in ("000", "002"):
        truth = json.loads((unruled_corpus / f"{report}.truth.json").read_text(encoding="utf-8"))
        assert truth["tables"] and all(t["ruled"] is False for t in truth["tables"])


@pytest.mark.e2e
@pytest.mark.parametrize("report", ["000", "002"])
def test_unruled_tables_meet_the_floors(unruled_corpus, report):
    truth = load_truth(unruled_corpus / f"{report}.truth.json")
    score = score_report(truth, extract(str(truth.pdf_path)))
    failures = score.floor_failures()
    assert not failures, "; ".join(failures) + "\n" + score.summary() + "\n  " + "\n  ".join(score.misses)
    # Every table found whole, not only the floors' cells.
    assert score.tables_held == score.tables_total, score.summary()


def _line(top: float, cells: list[tuple[float, str]], size: float = 12.0) -> Line:
    words = []
    for x, text in cells:
        for k, part in enumerate(text.split()):
            x0 = x + 30 * k
            words.append(Word(text=part, x0=x0, top=top, x1=x0 + 6 * len(part), bottom=top + size,
                              page=1, fontname="Times", size=size))
    return Line(words)


def test_one_row_under_its_header_is_a_table():
    lines = [_line(100, [(90, "STT"), (150, "Đơn vị"), (320, "Tổng"), (400, "Số"), (470, "Tỷ lệ")]),
             _line(130, [(90, "1"), (150, "UBND"), (320, "331"), (400, "80"), (470, "24.17")])]
    blocks = unruled_blocks(lines, set(), [])
    assert len(blocks) == 1 and blocks[0].lines == [0, 1] and blocks[0].body == [1]


def test_a_lone_line_with_two_figures_is_prose_not_a_table():
    lines = [_line(100, [(90, "Năm"), (200, "2024"), (300, "tăng"), (400, "12")])]
    assert unruled_blocks(lines, set(), []) == []


def test_one_line_in_an_otherwise_empty_column_keeps_both_gaps():
    rows = [_line(100 + 20 * i, [(90, str(i + 1)), (330, "800"), (420, "12")]) for i in range(5)]
    rows.insert(2, _line(140, [(90, "9"), (240, "24,16%"), (330, "800"), (420, "12")]))
    gaps = shared_gaps(rows)
    # The merged cell's column stands between two gaps, not inside one wide gap.
    assert not any(a < 240 and b > 276 for a, b in gaps), gaps
    assert any(b <= 240 for a, b in gaps) and any(a >= 276 and b <= 330 for a, b in gaps), gaps


def test_a_label_and_two_figures_over_three_rows_is_a_table():
    """An article's three-column table ("Toàn thế giới  4,1  2,7"): two column gaps only,
    shared by every row."""
    names = ["Toàn thế giới", "Các nước phát triển", "Nam Á"]
    rows = [_line(100 + 16 * i, [(20, name), (200, "4,1"), (320, "2,7")]) for i, name in enumerate(names)]
    blocks = unruled_blocks(rows, set(), [])
    assert len(blocks) == 1 and blocks[0].body == [0, 1, 2]
    # Two such lines may line up by chance.
    assert unruled_blocks(rows[:2], set(), []) == []


def test_a_header_standing_off_the_rows_over_a_blank_line_is_the_header():
    """A balance sheet's header ("CHỈ TIÊU  Mã số  Thuyết minh  Số cuối năm"), a blank line
    above its first row; the title over a full rule above it is not the table's."""
    from dvc_extract.model import Ruling

    title = _line(90, [(70, "Bảng cân đối kế toán hợp nhất (tiếp theo)")])
    header = _line(120, [(180, "CHỈ TIÊU"), (350, "Mã số"), (445, "Số cuối năm"), (560, "Số đầu năm")], size=10)
    rows = [_line(150 + 15 * i, [(70, name), (350, code), (445, "152.206.327.328"), (560, "167.565.859.901")])
            for i, (name, code) in enumerate([("D - VỐN CHỦ SỞ HỮU", "400"), ("I. Vốn chủ sở hữu", "410"),
                                              ("1. Vốn góp của chủ sở hữu", "411")])]
    rule = Ruling(x0=69, top=106, x1=636, bottom=106.5, orientation="h")
    blocks = unruled_blocks([title, header, *rows], set(), [rule])
    assert len(blocks) == 1 and blocks[0].lines == [1, 2, 3, 4] and blocks[0].body == [2, 3, 4]
    # A line of one phrase as far over the rows is a caption, not a header.
    words, x = [], 180.0
    for part in "Đơn vị tính đồng cho cả năm tài chính".split():
        words.append(Word(text=part, x0=x, top=120, x1=x + 5 * len(part), bottom=130, page=1,
                          fontname="Times", size=10))
        x += 5 * len(part) + 3
    caption = Line(words)
    assert unruled_blocks([title, caption, *rows], set(), [rule])[0].lines == [2, 3, 4]


def test_a_sloping_row_keeps_the_dash_at_its_far_end():
    # A photographed page's row slopes down to the right (the camera's tilt): its last
    # column's nil dash sits 4.5 pt under the middle of the row's band, beside a dash level
    # with it, and is the row's, not a line of its own; the next row stays apart.
    from dvc_extract.layout.lines import text_lines
    from dvc_extract.model import Word

    def word(text, x0, top, bottom):
        return Word(text=text, x0=x0, top=top, x1=x0 + 6 * len(text), bottom=bottom, page=1)

    row = [word("4.", 60, 293, 302), word("Vốn", 80, 293, 303), word("khác", 110, 293, 303),
           word("414", 300, 294, 304), word("-", 460, 300, 302), word("-", 560, 302, 304)]
    below = [word("5.", 60, 309, 320), word("Cổ", 80, 309, 321), word("415", 300, 310, 322)]
    lines = text_lines(row + below)
    assert [[w.text for w in line.words] for line in lines] == [
        ["4.", "Vốn", "khác", "414", "-", "-"], ["5.", "Cổ", "415"]]


def _article(first: str, last: str) -> list[Line]:
    """The article's table (label, 2010, 2011) with a figure of its first and of its last
    row misread as a photographed page gives them ("2>" for "2,7", "4$" for "4,8")."""
    names = ["Toàn thế giới", "Các nước phát triển", "Các nước đang phát triển",
             "- Đông Âu và Trung Á", "- Trung Đông và Bắc Phi", "- Cận Sahara châu Phi"]
    figures = [("4,1", first), ("3,0", "1,6"), ("7,3", "6,0"), ("5,2", "5,3"), ("3,6", "1,7"), (last, "4,9")]
    return [_set(40 + 12 * i, [(12, name), (185, a), (290, b)])
            for i, (name, (a, b)) in enumerate(zip(names, figures))]


def _set(top: float, cells: list[tuple[float, str]]) -> Line:
    """A line of 9 pt print: each cell's words a space apart."""
    words = []
    for x, text in cells:
        for part in text.split():
            words.append(Word(text=part, x0=x, top=top, x1=x + 4.5 * len(part), bottom=top + 9,
                              page=1, fontname="Times", size=9))
            x += 4.5 * len(part) + 2.5
    return Line(words)


def test_rows_with_a_figure_misread_stay_rows_of_the_table():
    lines = _article("2>", "4$")
    blocks = unruled_blocks(lines, set(), [])
    # The first line may be taken for a header here: the tables stage reads it as a row
    # (below); the last is the table's last row.
    assert len(blocks) == 1 and blocks[0].lines == list(range(6)) and blocks[0].body[-1] == 5


def test_a_first_row_with_a_figure_misread_is_not_the_next_rows_name():
    """Under the header's rule, a line over the first row line is the start of that row's
    name (centred on its figures) only when it prints the name alone."""
    from dvc_extract.model import Page, Region, Ruling
    from dvc_extract.tables.stream import unruled_table

    header = _set(22, [(12, "Khu vực"), (185, "2010"), (290, "2011")])
    lines = [header, *_article("2>", "4,8")]
    page = Page(number=1, width=400, height=200, source="ocr", words=[w for l in lines for w in l.words],
                rulings=[Ruling(8, 36, 360, 36, "h"), Ruling(8, 115, 360, 115, "h")])
    table = unruled_table(page, Region(page=1, bbox=(10, 20, 362, 112), ruled=False))
    rows: dict[int, list[str]] = {}
    for c in table.cells:
        rows.setdefault(c.row, []).append(c.text)
    assert rows[1] == ["Toàn thế giới", "4,1", "2>"] and rows[2] == ["Các nước phát triển", "3,0", "1,6"]
