"""Running page numbers are page furniture, never a table's row.

A table continued at the top of a page sits just under the page number printed in the
header (or ends just above the one in the footer); the number lines up with the table's
columns like a header line would. The layout keeps it out of every table region: a lone
page number in the page's margin band whose value follows the page sequence.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dvc_extract import ingest, layout, structure, tables  # noqa: E402
from dvc_extract.layout.furniture import page_number_words, parse_page_number  # noqa: E402
from dvc_extract.settings import Settings  # noqa: E402

from test_layout import LEADING, PROSE, W, Sheet, unruled_header  # noqa: E402

# A row that is nothing but a page number, however it is written.
_PAGE_NUMBER_ROW = re.compile(r"^(?:[-–—]\s*)?(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?$",
                              re.IGNORECASE)


def _rows(path) -> list:
    document = ingest.load(str(path), Settings())
    found = layout.find(document)
    return structure.build(tables.read(document, found))


def _lone_page_number_rows(logical) -> list[str]:
    return [f"{t.caption}: {' '.join(c.text for c in r.cells)!r}"
            for t in logical for r in t.rows
            if _PAGE_NUMBER_ROW.match(" ".join(c.text for c in r.cells).strip())]


@pytest.mark.parametrize("text, want", [
    ("2", (2, False)), ("- 2 -", (2, True)), ("– 12 –", (12, True)), ("Trang 2", (2, True)),
    ("Trang 2/15", (2, True)), ("Page 3 of 9", (3, True)), ("2/15", (2, False)),
    ("213/338", (213, False)), ("15/2", None), ("2024 2025", None), ("Tổng số", None), ("1.318", None), ("12,5", None),
])
def test_page_number_texts(text, want):
    assert parse_page_number(text) == want


COLS = [(80, "left"), (110, "left"), (330, "center"), (400, "center"), (470, "center")]
UNITS = ["Sở Ngoại vụ", "Sở Tư pháp", "Sở Y tế", "Sở Tài chính", "Sở Xây dựng",
         "Sở Công Thương", "Sở Nội vụ", "Sở Giao thông vận tải"]


def _row(s: Sheet, top: float, n: int) -> None:
    cells = [str(n), UNITS[n % len(UNITS)], str(40 + n), str(20 + n), f"{(20 + n) / (40 + n) * 100:.2f}"]
    for (x, align), t in zip(COLS, cells):
        s.text(x, top, t, align=align)


def _page_number(s: Sheet, text: str, where: str) -> None:
    s.text(W / 2, 28 if where == "top" else 800, text, align="center")


def continued_unruled_table(path: Path, number: str, where: str) -> None:
    """An unruled table (rule under the header, rule under the last row) running from the
    foot of page 1 to the top of page 2, each page numbered in its header or footer."""
    s = Sheet(path)
    if where == "top":
        _page_number(s, number.format(n=1), where)
    y = s.paragraph(72, 72, PROSE * 4)
    s.text(72, y + 10, "Bảng 1: Số dịch vụ công trực tuyến toàn trình của sở, ban, ngành",
           font="SerifBold")
    top = y + 10 + LEADING + 10
    rule = unruled_header(s, top, COLS)
    y, n = rule + 4, 1
    while y < 775:
        _row(s, y, n)
        y, n = y + LEADING, n + 1
    if where == "bottom":
        _page_number(s, number.format(n=1), where)
    s.next_page()
    if where == "top":
        _page_number(s, number.format(n=2), where)
    y = 50.0
    for _ in range(3):
        _row(s, y, n)
        y, n = y + LEADING, n + 1
    s.line(72, y + 2, 520, y + 2)
    s.paragraph(72, y + 20, PROSE)
    if where == "bottom":
        _page_number(s, number.format(n=2), where)
    s.save()


@pytest.mark.parametrize("where", ["top", "bottom"])
@pytest.mark.parametrize("number", ["{n}", "- {n} -", "Trang {n}", "{n}/2"])
def test_a_page_number_by_a_continued_table_is_not_a_row(tmp_path, number, where):
    pdf = tmp_path / "continued.pdf"
    continued_unruled_table(pdf, number, where)
    logical = _rows(pdf)
    assert not _lone_page_number_rows(logical)
    [table] = logical
    assert table.pages == [1, 2]
    assert [r.cells[0].text for r in table.rows] == [str(k + 1) for k in range(len(table.rows))]


@pytest.mark.e2e
def test_a_page_number_by_a_continued_table_is_not_a_row_on_a_scan(tmp_path):
    """The same pages scanned (200 dpi, Tesseract 'vie'): the OCR'd "Trang 2" over the
    continuation is no header of its own, and the table is stitched across the break."""
    import pypdfium2 as pdfium

    pdf, tif = tmp_path / "continued.pdf", tmp_path / "continued.tif"
    continued_unruled_table(pdf, "Trang {n}", "top")
    images = [p.render(scale=200 / 72).to_pil().convert("L") for p in pdfium.PdfDocument(str(pdf))]
    images[0].save(tif, save_all=True, append_images=images[1:], dpi=(200, 200))
    logical = _rows(tif)
    assert not _lone_page_number_rows(logical)
    [table] = logical
    assert table.pages == [1, 2]


def test_a_lone_figure_out_of_the_page_sequence_is_left_alone(tmp_path):
    """A bare figure in the margin band is a page number only when it follows the page
    sequence; "7" on page 2 of a two-page document with no other number is not vouched for."""
    pdf = tmp_path / "figure.pdf"
    s = Sheet(pdf)
    s.paragraph(72, 72, PROSE)
    s.next_page()
    s.text(W / 2, 28, "7", align="center")
    s.paragraph(72, 72, PROSE)
    s.save()
    assert not page_number_words(ingest.load(str(pdf), Settings()))


@pytest.mark.e2e
def test_no_stitched_table_of_the_office_export_holds_a_page_number_row():
    """000-dejavu: Bảng 1 (unruled) runs from page 3 onto page 4, whose header prints "4"
    just above its rows 15–17; the "4" was read as the continuation's first row."""
    logical = _rows(ROOT / "corpora" / "office" / "000-dejavu.pdf")
    assert not _lone_page_number_rows(logical)
