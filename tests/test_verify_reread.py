"""Findings on scanned cells weighed by reading the cells again: misreadings are no accusations."""
from __future__ import annotations

import numpy as np

from dvc_extract.model import Cell, Document, Page, PageImage, Report, Row, Table
from dvc_extract.typed import type_table
from dvc_extract.verify import check

HEADER = ("STT", "Đơn vị", "Tổng số", "Trực tiếp", "Trực tuyến")


def _table(rows, confidence=None) -> Table:
    out = []
    for i, row in enumerate(rows):
        cells = []
        for j, text in enumerate(row):
            conf = (confidence or {}).get((i, j), 0.97)
            cells.append(Cell(row=i, col=j, text=text, raw_text=text, page=1, source="ocr", confidence=conf,
                              bbox=(50.0 + 90 * j, 100.0 + 14 * i, 130.0 + 90 * j, 112.0 + 14 * i),
                              value=float(text.replace(".", "")) if j >= 2 and text else None))
        out.append(Row(cells=cells))
    return type_table(Table(id="t1", caption=None, pages=[1], column_paths=[(h,) for h in HEADER], rows=out))


ROWS = [("1", "Sở Tư pháp", "1.608", "386", "1.222"), ("2", "Sở Y tế", "4.569", "49", "4.520"),
        ("3", "Sở Xây dựng", "620", "230", "390"), ("4", "Sở Nội vụ", "526", "1", "525"),
        ("Tổng số", "", "7.323", "666", "6.657")]


def _findings(rows, confidence=None, image=True):
    # a blank page image: read again, every cell gives nothing new
    blank = PageImage(pixels=np.full((1200, 900), 255, dtype=np.uint8), scale=1.0) if image else None
    page = Page(1, 595, 842, "scanned", ocr_image=blank)
    report = Report(document=Document(path="x.pdf", sha256="", pages=[page]), tables=[_table(rows, confidence)])
    return [(f.rule, f.verdict, f.cause, f.row, f.stated) for f in check(report)]


def test_a_sum_broken_by_confident_cells_read_the_same_twice_is_the_source():
    rows = [r if r[1] != "Sở Y tế" else ("2", "Sở Y tế", "4.569", "49", "4.530") for r in ROWS]
    assert sorted(_findings(rows)) == [("table-sum", "inconsistent", "source", 1, 4569),
                                       ("total-row-sum", "inconsistent", "source", 4, 6657)]
    # without the page's image nothing can be read again: the cause stays with the reading
    assert {g[2] for g in _findings(rows, image=False)} == {"ocr"}


def test_one_doubtful_cell_that_a_slip_explains_is_reported_as_unreadable_once():
    # "57" read as "4" with confidence 0.49: its row and the total row break; both sums ask 57 of it
    rows = [("1", "Sở Tư pháp", "1.608", "386", "1.222"), ("2", "Sở Y tế", "4.577", "4", "4.520"),
            ("3", "Sở Xây dựng", "620", "230", "390"), ("4", "Sở Nội vụ", "526", "1", "525"),
            ("Tổng số", "", "7.331", "674", "6.657")]
    assert _findings(rows, confidence={(1, 3): 0.49}) == [("cell-confidence", "unreadable", "ocr", 1, 4),
                                                           ("cell-reread", "unreadable", "ocr", 1, 4)]


def test_a_figure_no_slip_explains_stays_a_finding_blamed_on_nobody():
    # the row asks 8.031 of a doubtful "31": no misreading of it; the finding stays, cause ocr
    # (the total row, 15.801 over 828 + 6.973, breaks the column sum as well: a printed error)
    rows = [("1", "Sở Tư pháp", "1.608", "386", "1.222"), ("2", "Sở Y tế", "12.551", "31", "4.520"),
            ("3", "Sở Xây dựng", "620", "230", "390"), ("4", "Sở Nội vụ", "526", "1", "525"),
            ("5", "Sở Tài chính", "300", "100", "200"), ("6", "Sở Công Thương", "90", "40", "50"),
            ("7", "Sở Ngoại vụ", "11", "5", "6"), ("8", "Sở Giáo dục", "70", "30", "40"),
            ("9", "Sở Du lịch", "25", "5", "20"), ("Tổng số", "", "15.801", "828", "6.973")]
    assert _findings(rows, confidence={(1, 3): 0.49}) == [("cell-confidence", "unreadable", "ocr", 1, 31),
                                                           ("table-sum", "inconsistent", "ocr", 1, 12551),
                                                           ("table-sum", "inconsistent", "source", 9, 15801)]


def test_a_reading_the_figures_ask_for_is_not_said_to_be_read():
    # The blank page reads nothing again: the "57" that explains the sums is inferred from
    # them, one slip from the "4" read, and the finding says so rather than "read again".
    rows = [("1", "Sở Tư pháp", "1.608", "386", "1.222"), ("2", "Sở Y tế", "4.577", "4", "4.520"),
            ("3", "Sở Xây dựng", "620", "230", "390"), ("4", "Sở Nội vụ", "526", "1", "525"),
            ("Tổng số", "", "7.331", "674", "6.657")]
    blank = PageImage(pixels=np.full((1200, 900), 255, dtype=np.uint8), scale=1.0)
    page = Page(1, 595, 842, "scanned", ocr_image=blank)
    report = Report(document=Document(path="x.pdf", sha256="", pages=[page]),
                    tables=[_table(rows, {(1, 3): 0.49})])
    [f] = [f for f in check(report) if f.rule == "cell-reread"]
    assert "may be “57”" in f.message_en and "read again" not in f.message_en
    assert "có thể là “57”" in f.message_vi


def test_of_two_cells_a_look_alike_could_explain_the_one_that_breaks_nothing_else_is_misread():
    # "51" read "57": its row asks 4.577 of the total "4.571" or 51 of the "57", both look-alikes;
    # the total "4.577" would break its column's total row, the "51" mends the other.
    rows = [("1", "Sở Tư pháp", "1.608", "386", "1.222"), ("2", "Sở Y tế", "4.571", "57", "4.520"),
            ("3", "Sở Xây dựng", "620", "230", "390"), ("4", "Sở Nội vụ", "526", "1", "525"),
            ("Tổng số", "", "7.325", "668", "6.657")]
    assert _findings(rows) == [("cell-reread", "unreadable", "ocr", 1, 57)]



def _figures_page(figures, scale, space=0.0):
    """A page image (``scale`` px per point) with each (text, bbox) printed in its box, its
    glyphs ``space`` points further apart (below 0, run together)."""
    import io

    import pypdfium2 as pdfium
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from scan_pages import FONT
    pdfmetrics.registerFont(TTFont("LibSerif", FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(500, 300), invariant=1)
    c.setFont("LibSerif", 11)
    for text, (x0, top, x1, bottom) in figures:
        c.drawRightString(x1 - 4, 300 - bottom + 3, text, charSpace=space)
    c.showPage()
    c.save()
    pdf = pdfium.PdfDocument(buf.getvalue())
    pixels = pdf[0].render(scale=scale, grayscale=True).to_numpy().copy()
    pdf.close()
    return pixels if pixels.ndim == 2 else pixels[:, :, 0]


def test_a_digit_the_ink_has_no_room_for_is_no_misreading():
    # "19,3" printed where 48 / 251 gives 19,12: the look-alike "19,13" (a "1" lost) would
    # explain it, but the cell's ink shows three digits, not four: the source is wrong.
    rows = [("5.5.", "Tỷ lệ TTHC được tích hợp thanh toán trực tuyến", "19,3"),
            ("5.5.1.", "Tổng số TTHC có yêu cầu nghĩa vụ tài chính", "251"),
            ("5.5.2.", "Số TTHC đã triển khai thanh toán trực tuyến", "48")]
    body, figures = [], []
    for i, row in enumerate(rows):
        cells = []
        for j, text in enumerate(row):
            box = ([40.0, 80.0, 340.0][j], 100.0 + 16 * i, [80.0, 340.0, 400.0][j], 116.0 + 16 * i)
            if j == 2:
                figures.append((text, box))
            cells.append(Cell(row=i, col=j, text=text, raw_text=text, page=1, source="ocr", confidence=0.97,
                              bbox=box, value=float(text.replace(",", ".")) if j == 2 else None))
        body.append(Row(cells=cells))
    table = type_table(Table(id="t1", caption=None, pages=[1], rows=body,
                             column_paths=[("STT",), ("Chỉ tiêu",), ("Tỉnh Đắk Lắk", "Năm 2022")]))
    image = PageImage(pixels=_figures_page(figures, 3.0), scale=3.0)
    page = Page(1, 500, 300, "scanned", ocr_image=image)
    report = Report(document=Document(path="x.pdf", sha256="", pages=[page]), tables=[table])
    assert [(f.rule, f.cause) for f in check(report)] == [("indicator-rate", "source")]


def test_a_cell_is_cut_inside_its_border_only_where_rulings_frame_it():
    from dvc_extract.model import Ruling
    from dvc_extract.scan import bordered, glyphs

    # "109" in a box that is its own text's (an unruled table): cut inside, its glyphs would
    # lose their edges and read as nothing; widened, the ink shows its three digits
    box = (300.0, 100.0, 318.0, 109.0)
    pixels = _figures_page([("109", (300.0, 98.0, 322.0, 111.0))], 3.0)
    page = Page(1, 500, 300, "scanned", ocr_image=PageImage(pixels=pixels, scale=3.0))
    text_box = _ink_box_pt(pixels, 3.0)
    assert not bordered(page, text_box) and glyphs(page, text_box, bordered(page, text_box)) == 3
    assert glyphs(page, text_box, True) is None
    framed = Page(1, 500, 300, "scanned", ocr_image=page.ocr_image,
                  rulings=[Ruling(290, box[1] - 2, 330, box[1] - 2, "h"), Ruling(290, box[3] + 2, 330, box[3] + 2, "h")])
    assert bordered(framed, box)


def _ink_box_pt(pixels, scale):
    """The box (points) of the ink on the page: a cell box that is its text's own."""
    ys, xs = np.nonzero(pixels < 128)
    return (xs.min() / scale, ys.min() / scale, (xs.max() + 1) / scale, (ys.max() + 1) / scale)


def test_a_digit_the_ink_does_not_show_is_a_reading_to_try_without_it():
    # "99,777" read where the ink prints "99,77": four glyphs for five digits
    from dvc_extract.verify.reread import _glyph_counts, _look_alikes

    box = (300.0, 98.0, 340.0, 112.0)
    table = _table([("1", "Sở Y tế", "430", "1", "429")])
    for printed, dropped in (("99,77", True), ("99,777", False)):
        page = Page(1, 500, 300, "scanned", ocr_image=PageImage(pixels=_figures_page([(printed, box)], 3.0), scale=3.0))
        cell = Cell(row=0, col=4, text="99,777", raw_text="99,777", page=1, source="ocr", confidence=0.97,
                    bbox=box, value=99.777)
        assert (("99,77", 99.77) in _look_alikes(cell, table, _glyph_counts({1: page}))) is dropped


def test_digits_run_together_count_as_many_as_their_width_holds():
    from dvc_extract.scan import glyphs

    box = (300.0, 98.0, 340.0, 112.0)
    for space in (0.0, -2.0):  # "81" apart, and as one blot
        page = Page(1, 500, 300, "scanned", ocr_image=PageImage(pixels=_figures_page([("81", box)], 3.0, space),
                                                               scale=3.0))
        assert glyphs(page, box, False) == 2


def test_a_digit_broken_in_pieces_is_one_glyph():
    from dvc_extract.scan import glyphs

    box = (300.0, 98.0, 340.0, 112.0)
    pixels = _figures_page([("81", box)], 3.0)
    ys, xs = np.nonzero(pixels[290:340, 990:1020] < 128)  # the "1"
    pixels[290 + (ys.min() + ys.max()) // 2, 990:1020] = 255  # cut across its middle
    page = Page(1, 500, 300, "scanned", ocr_image=PageImage(pixels=pixels, scale=3.0))
    assert glyphs(page, box, False) == 2
