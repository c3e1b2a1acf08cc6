"""Reports exported by LibreOffice from Word documents (corpora/office, built by
scripts/build_corpus_docx), end to end against their ground truth, with the floors of the
born-digital path: ≥ 99.5 % of numeric cells exact, every caption, every unit-name cell exact,
every page-spanning table stitched into one. A second rendering family beside corpora/digital:
the word processor paginates, draws the borders and may break a row across pages."""
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from dvc_bench import floors_unmet, load_truth

OFFICE = Path(__file__).resolve().parent.parent / "corpora" / "office"
TRUTHS = sorted(OFFICE.glob("*.truth.json"))


def _ids(p):
    return p.name.split(".")[0]


def test_the_corpus_has_office_exports_with_tables():
    assert TRUTHS and all(load_truth(p).tables for p in TRUTHS), f"no office export in {OFFICE}"


@pytest.mark.e2e
@pytest.mark.parametrize("truth_path", TRUTHS, ids=_ids)
def test_truth_rows_are_printed_on_the_pages_they_claim(truth_path):
    """The truth's pages were read from the PDF: each row's words are on its pages, every
    table's pages are its rows' pages, and the page count is the PDF's."""
    truth = load_truth(truth_path)
    with pdfplumber.open(truth.pdf_path) as pdf:
        assert len(pdf.pages) == truth.pages
        words = [{unicodedata.normalize("NFC", w["text"]) for w in page.extract_words()}
                 for page in pdf.pages]
    import json
    raw = json.loads(truth_path.read_text(encoding="utf-8"))
    for t in raw["tables"]:
        row_pages = set()
        for row in t["rows"]:
            pages = row.get("pages", [row["page"]])
            row_pages.update(pages)
            on_pages = set().union(*(words[p - 1] for p in pages))
            for cell in row["cells"]:
                missing = [w for w in cell["text"].split() if w not in on_pages]
                assert not missing, f"{t['caption']}: {cell['text']!r} not on pages {pages}"
        assert sorted(row_pages) == t["pages"], t["caption"]


@pytest.mark.e2e
@pytest.mark.parametrize("truth_path", TRUTHS, ids=_ids)
def test_extracted_tables_meet_the_floors(truth_path):
    unmet = floors_unmet(truth_path)
    assert not unmet, unmet


# The general mechanisms these exports called for, on small hand-made grids.

from dvc_extract import structure  # noqa: E402
from dvc_extract.model import Caption, Cell, RawTable  # noqa: E402

_X = [85.0, 115.0, 300.0, 400.0]   # column edges


def _grid(page, top, rows, caption=None):
    cells, h = [], 14.0
    for r, texts in enumerate(rows):
        for c, t in enumerate(texts):
            box = (_X[c], top + r * h, _X[c + 1], top + (r + 1) * h)
            cells.append(Cell(row=r, col=c, text=t, raw_text=t, bbox=box, page=page))
    bbox = (_X[0], top, _X[-1], top + len(rows) * h)
    cap = Caption(caption, page, (_X[0], top - 20, _X[-1], top - 6)) if caption else None
    return RawTable(page=page, bbox=bbox, cells=cells, n_rows=len(rows), n_cols=3,
                    ruled=True, caption=cap)


def test_a_header_left_at_the_page_bottom_heads_the_rows_on_the_next_page():
    head = _grid(1, 740, [["STT", "Tên cơ quan", "Tỷ lệ hồ sơ"]], caption="Bảng 3 - Tỷ lệ")
    body = _grid(2, 57, [["", "", "trực tuyến (%)"], ["1", "Sở Tư pháp", "12,5"],
                         ["2", "Sở Y tế", "7"]])
    [table] = structure.build([head, body])
    assert table.caption == "Bảng 3 - Tỷ lệ"
    assert table.columns == ["STT", "Tên cơ quan", "Tỷ lệ hồ sơ trực tuyến (%)"]
    assert [[c.text for c in r.cells] for r in table.rows] == [["1", "Sở Tư pháp", "12,5"],
                                                             ["2", "Sở Y tế", "7"]]
    assert table.pages == [1, 2]


def test_a_row_cut_by_the_page_break_is_joined_without_a_numbering_column():
    first = _grid(1, 600, [["Đơn vị", "Ghi chú", "Tỷ lệ"], ["Sở Tư pháp", "", "100%"],
                           ["Ban Quản lý các Khu", "", "6,45%"]], caption="Bảng 9 - Cao nhất")
    first.bbox = (first.bbox[0], first.bbox[1], first.bbox[2], 780.0)
    rest = _grid(2, 57, [["công nghiệp tỉnh", "", ""], ["Sở Y tế", "", "5%"]])
    [table] = structure.build([first, rest])
    assert [r.cells[0].text for r in table.rows] == [
        "Sở Tư pháp", "Ban Quản lý các Khu công nghiệp tỉnh", "Sở Y tế"]
    assert table.pages == [1, 2]
