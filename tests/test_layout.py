"""Layout stage on small PDFs drawn with reportlab (real fonts, real pdfplumber).

The drawing helpers here are shared with test_tables.py.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dvc_extract import ingest, layout  # noqa: E402

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"
W, H = 595.0, 842.0
SIZE = 12.0
LEADING = 15.0


class Sheet:
    """A page drawn in top-left coordinates (pdfplumber's), Times-metric font."""

    def __init__(self, path: Path):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen import canvas

        for name, file in (("Serif", FONT), ("SerifBold", BOLD)):
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, file))
        self.c = canvas.Canvas(str(path), pagesize=(W, H))
        self.c.setFont("Serif", SIZE)

    def text(self, x: float, top: float, s: str, font: str = "Serif", size: float = SIZE,
             align: str = "left") -> None:
        self.c.setFont(font, size)
        baseline = H - top - size * 0.8
        if align == "center":
            self.c.drawCentredString(x, baseline, s)
        elif align == "right":
            self.c.drawRightString(x, baseline, s)
        else:
            self.c.drawString(x, baseline, s)

    def width(self, s: str, font: str = "Serif", size: float = SIZE) -> float:
        return self.c.stringWidth(s, font, size)

    def line(self, x0: float, top: float, x1: float, bottom: float, width: float = 0.5) -> None:
        self.c.setLineWidth(width)
        self.c.line(x0, H - top, x1, H - bottom)

    def box(self, x0: float, top: float, x1: float, bottom: float) -> None:
        self.c.setLineWidth(0.5)
        self.c.rect(x0, H - bottom, x1 - x0, bottom - top, stroke=1, fill=0)

    def grid(self, xs: list[float], ys: list[float], cells: list[tuple]) -> None:
        """Ruled cells: (row, col, row_span, col_span, [text lines]); each cell is boxed,
        so shared borders are drawn twice, as word processors do."""
        for row, col, rs, cs, lines in cells:
            x0, x1 = xs[col], xs[col + cs]
            top, bottom = ys[row], ys[row + rs]
            self.box(x0, top, x1, bottom)
            for k, s in enumerate(lines):
                self.text(x0 + 3, top + 3 + k * LEADING, s)

    def paragraph(self, x: float, top: float, lines: list[str]) -> float:
        for k, s in enumerate(lines):
            self.text(x, top + k * LEADING, s)
        return top + len(lines) * LEADING

    def next_page(self) -> None:
        self.c.showPage()
        self.c.setFont("Serif", SIZE)

    def save(self) -> None:
        self.c.save()


PROSE = [
    "Trong năm qua, Ủy ban nhân dân tỉnh đã ban hành nhiều văn bản chỉ đạo về",
    "dịch vụ công trực tuyến và số hóa hồ sơ, kết quả giải quyết thủ tục hành",
    "chính; các sở, ban, ngành đã triển khai đồng bộ các giải pháp nêu trên.",
]


def ruled_report(path: Path) -> None:
    """Prose, a captioned ruled table with a two-level header, more prose."""
    s = Sheet(path)
    y = s.paragraph(72, 72, PROSE)
    s.text(72, y + 10, "Bảng 2 - Tỷ lệ hồ sơ tiếp nhận trực tuyến của các sở,", font="SerifBold")
    s.text(72, y + 10 + LEADING, "ban, ngành năm 2023", font="SerifBold")
    top = y + 10 + 2 * LEADING + 8
    xs = [72, 110, 260, 330, 400, 470]
    ys = [top + k * 36 for k in range(6)]
    s.grid(xs, ys, [
        (0, 0, 2, 1, ["STT"]), (0, 1, 2, 1, ["Tên cơ quan, đơn vị"]),
        (0, 2, 1, 3, ["Tiếp nhận hồ sơ TTHC"]), (1, 2, 1, 1, ["Tổng số"]),
        (1, 3, 1, 1, ["Trực", "tuyến"]), (1, 4, 1, 1, ["Tỷ lệ (%)"]),
        (2, 0, 1, 1, ["1"]), (2, 1, 1, 1, ["Sở Lao động, Thương", "binh và Xã hội"]),
        (2, 2, 1, 1, ["430"]), (2, 3, 1, 1, ["428"]), (2, 4, 1, 1, ["99,53%"]),
        (3, 0, 1, 1, ["2"]), (3, 1, 1, 1, ["Sở Y tế"]), (3, 2, 1, 1, ["4.569"]),
        (3, 3, 1, 1, ["4.444"]), (3, 4, 1, 1, ["97.26"]),
        (4, 0, 1, 1, ["3"]), (4, 1, 1, 1, ["UBND huyện Cư M'gar"]), (4, 2, 1, 1, ["1.608"]),
        (4, 3, 1, 1, ["1.222"]), (4, 4, 1, 1, ["76"]),
    ])
    s.paragraph(72, ys[-1] + 20, PROSE)
    s.save()


def unruled_header(s: Sheet, top: float, cols) -> float:
    """The two header lines of a borderless table and the rule under them; the rule's y."""
    header = [["STT", "Tên cơ quan, đơn vị", "Tổng số", "Số DVC", "Tỷ lệ"],
              ["", "", "TTHC", "toàn trình", "(%)"]]
    for k, row in enumerate(header):
        for (x, align), t in zip(cols, row):
            if t:
                s.text(x, top + k * LEADING, t, align=align)
    rule = top + 2 * LEADING + 2
    s.line(72, rule, 520, rule)
    return rule


def unruled_report(path: Path, unit_note: bool = False) -> None:
    """A caption, a borderless number table (rule under the header and at the end)."""
    s = Sheet(path)
    y = s.paragraph(72, 72, PROSE)
    s.text(72, y + 10, "Bảng 1: Số dịch vụ công trực tuyến toàn trình của sở, ban, ngành",
           font="SerifBold")
    if unit_note:
        y += LEADING
        s.text(520, y + 10, "(Đơn vị tính: thủ tục)", align="right")
    top = y + 10 + LEADING + 10
    cols = [(80, "left"), (110, "left"), (330, "center"), (400, "center"), (470, "center")]
    rule = unruled_header(s, top, cols)
    body = [["1", "Sở Ngoại vụ", "4", "4", "100"],
            ["2", "Sở Giáo dục và Đào tạo", "86", "78", "90.7"],
            ["3", "Sở Lao động, Thương binh", "83", "65", "78.31"],
            ["", "và Xã hội", "", "", ""],
            ["4", "Sở Tài chính", "4", "3", "75"],
            ["5", "Sở Tư pháp", "122", "81", "66.39"]]
    y = rule + 4
    for row in body:
        for (x, align), t in zip(cols, row):
            if t:
                s.text(x, y, t, align=align)
        y += LEADING
    s.line(72, y + 2, 520, y + 2)
    s.paragraph(72, y + 20, PROSE)
    s.save()


def boxes_report(path: Path) -> None:
    """Things that are not tables: a framed note, a lone underline, a signature box."""
    s = Sheet(path)
    y = s.paragraph(72, 72, PROSE)
    s.box(70, y + 10, 500, y + 10 + 2 * LEADING + 8)
    s.paragraph(76, y + 14, ["Ghi chú: số liệu tính đến ngày 15/12/2023, nguồn", "Hệ thống thông tin."])
    s.line(72, y + 80, 300, y + 80)
    s.paragraph(72, y + 100, PROSE)
    s.save()


def load_layout(path: Path):
    doc = ingest.load(path)
    return doc, layout.find(doc)


def test_ruled_region_caption_and_prose(tmp_path):
    pdf = tmp_path / "ruled.pdf"
    ruled_report(pdf)
    _, found = load_layout(pdf)
    assert len(found.regions) == 1
    region = found.regions[0]
    assert region.ruled
    assert region.bbox == pytest.approx((72, region.bbox[1], 470, region.bbox[3]), abs=1.5)
    assert region.caption is not None
    assert region.caption.text == ("Bảng 2 - Tỷ lệ hồ sơ tiếp nhận trực tuyến của các sở, "
                                   "ban, ngành năm 2023")
    assert [c.text for c in found.captions] == [region.caption.text]
    texts = [b.text for b in found.prose]
    assert texts[0].startswith("Trong năm qua") and texts[0].endswith("nêu trên.")
    assert len(texts) == 2 and texts[0] == texts[1]
    # Nothing of the table leaks into prose.
    assert not any("99,53%" in t or "Sở Y tế" in t for t in texts)


def test_unruled_region_from_alignment(tmp_path):
    pdf = tmp_path / "unruled.pdf"
    unruled_report(pdf)
    _, found = load_layout(pdf)
    assert len(found.regions) == 1
    region = found.regions[0]
    assert not region.ruled
    assert region.caption is not None
    assert region.caption.text == "Bảng 1: Số dịch vụ công trực tuyến toàn trình của sở, ban, ngành"
    # The header lines (above the rule) and the wrapped last-but-one row are in the region.
    x0, top, x1, bottom = region.bbox
    assert top < region.caption.bbox[3] + 3 * LEADING
    assert top > region.caption.bbox[3]
    prose = " ".join(b.text for b in found.prose)
    assert "STT" not in prose and "Sở Tư pháp" not in prose and "và Xã hội" not in prose
    assert "Bảng 1" not in prose
    assert len(found.prose) == 2


def test_unit_note_over_an_unruled_table_belongs_to_the_caption(tmp_path):
    pdf = tmp_path / "unit.pdf"
    unruled_report(pdf, unit_note=True)
    _, found = load_layout(pdf)
    [region] = found.regions
    assert region.caption is not None
    assert region.caption.text == ("Bảng 1: Số dịch vụ công trực tuyến toàn trình của sở, ban, ngành "
                                   "(Đơn vị tính: thủ tục)")
    assert region.bbox[1] > region.caption.bbox[3]


def test_boxes_and_underlines_are_not_tables(tmp_path):
    pdf = tmp_path / "boxes.pdf"
    boxes_report(pdf)
    _, found = load_layout(pdf)
    assert found.regions == []
    assert any("Ghi chú" in b.text for b in found.prose)


@pytest.mark.parametrize("text,ok", [
    ("Bảng 1: Số Dịch vụ công", True),
    ("Bảng 2 - Tỷ lệ hồ sơ", True),
    ("BẢNG 3. TỔNG HỢP", True),
    ("PHỤ LỤC I", True),
    ("Phụ lục VIH", True),   # a scan's "VIII", its closing "II" read as one letter
    ("Bảng Hà Nội", False),
    ("Phụ lục số 02", True),
    ("Biểu 5 – Kết quả", True),
    ("Bảng 2 cho thấy tỷ lệ hồ sơ", False),
    ("(Số liệu chi tiết trong Phụ lục I và Phụ lục số II kèm theo)", False),
    ("Bảng tổng hợp dưới đây", False),
])
def test_caption_labels(text, ok):
    from dvc_extract.layout.captions import is_caption_label

    assert is_caption_label(text) is ok


def test_caption_at_the_foot_of_a_page_goes_with_the_table_overleaf(tmp_path):
    pdf = tmp_path / "overleaf.pdf"
    s = Sheet(pdf)
    y = 72
    for _ in range(8):
        y = s.paragraph(72, y, PROSE) + 6
    s.text(72, 740, "Bảng 3 - Tỷ lệ hồ sơ tiếp nhận trực tiếp", font="SerifBold")
    s.text(290, 800, "5")  # page number
    s.next_page()
    xs, ys = [72, 110, 260, 330], [72, 100, 128, 156]
    s.grid(xs, ys, [(0, 0, 1, 1, ["STT"]), (0, 1, 1, 1, ["Đơn vị"]), (0, 2, 1, 1, ["Tổng số"]),
                    (1, 0, 1, 1, ["1"]), (1, 1, 1, 1, ["Sở Y tế"]), (1, 2, 1, 1, ["4569"]),
                    (2, 0, 1, 1, ["2"]), (2, 1, 1, 1, ["Sở Tư pháp"]), (2, 2, 1, 1, ["15094"])])
    s.paragraph(72, 200, PROSE)
    s.save()
    _, found = load_layout(pdf)
    [region] = found.regions
    assert region.page == 2
    assert region.caption is not None and region.caption.page == 1
    assert region.caption.text == "Bảng 3 - Tỷ lệ hồ sơ tiếp nhận trực tiếp"
    assert [c.text for c in found.captions] == [region.caption.text]


def test_framed_title_and_notes_are_not_table_rows(tmp_path):
    """A frame holding a title row, the table, and a note row: the table is the grid
    between them, the title its caption, the note prose."""
    pdf = tmp_path / "framed.pdf"
    s = Sheet(pdf)
    xs, ys = [72, 110, 260, 330], [100, 130, 152, 174, 196, 226]
    s.box(xs[0], ys[0], xs[-1], ys[-1])  # the frame
    for y in ys[1:-1]:
        s.line(xs[0], y, xs[-1], y)
    for x in xs[1:-1]:
        s.line(x, ys[1], x, ys[-2])
    s.text(76, 108, "Bảng 4: Hồ sơ trễ hạn theo đơn vị")
    for r, row in enumerate([["STT", "Đơn vị", "Trễ hạn"], ["1", "Sở Y tế", "12"],
                             ["2", "Sở Tư pháp", "7"]]):
        for c, text in enumerate(row):
            s.text(xs[c] + 3, ys[r + 1] + 4, text)
    s.text(76, 204, "Ghi chú: số liệu tính đến ngày 30/11/2023.")
    s.paragraph(72, 300, PROSE)
    s.save()
    _, found = load_layout(pdf)
    [region] = found.regions
    assert region.bbox == pytest.approx((72, 130, 330, 196), abs=1.5)
    assert region.caption is not None and region.caption.text == "Bảng 4: Hồ sơ trễ hạn theo đơn vị"
    assert any(b.text.startswith("Ghi chú") for b in found.prose)


def test_centres_place_words_as_the_one_word_test_does():
    # Centres answers for many boxes at once; a centre on a box's edge is inside, and a word
    # in two boxes goes to the first, as the test of one word against one box said.
    from dvc_extract.layout.centres import Centres
    from dvc_extract.model import Word

    words = [Word("a", 0, 0, 10, 10, 1), Word("b", 10, 0, 20, 10, 1), Word("c", 50, 50, 60, 60, 1)]
    boxes = [(0, 0, 15, 10), (5, 0, 30, 10), (100, 100, 110, 110)]
    centres = Centres(words)
    assert [w.text for w in centres.within((5, 5, 15, 5))] == ["a", "b"]
    assert [[w.text for w in ws] for ws in centres.first_box(boxes)] == [["a", "b"], [], []]


def test_a_caption_number_whose_closing_ii_ocr_merged_is_printed_whole():
    from dvc_extract.layout.captions import caption_from
    from dvc_extract.layout.lines import Line
    from dvc_extract.model import Word

    words = [Word(t, x, 100, x + 30, 112, 1) for t, x in (("Phụ", 100), ("lục", 135), ("VIH", 170))]
    assert caption_from([Line(words)], 1).text == "Phụ lục VIII"
