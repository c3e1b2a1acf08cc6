"""Renderings of Word reports the corpora do not hold, each built here as a small PDF and read
end to end: borderless tables whose cells are centred on their rows without padding (a
shaded header instead of rules), and a page holding only a table's last row."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from dvc_extract import extract

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from corpus.render import BOLD, FONT, register_fonts  # noqa: E402

CAPTION = "Bảng 1: Hồ sơ tiếp nhận của các sở, ban, ngành"
HEADER = ["STT", "Tên cơ quan, đơn vị", "Tổng số", "Trực tuyến", "Tỷ lệ (%)"]
# Names in a narrow column: some wrap to two or three lines, centred on their figures.
ROWS = [["1", "Sở Khoa học và Công nghệ", "116", "64", "55,17"],
        ["2", "Sở Ngoại vụ", "1", "1", "100"],
        ["3", "Sở Lao động, Thương binh và Xã hội", "430", "428", "99,53"],
        ["4", "Sở Giáo dục và Đào tạo", "1.448", "1.317", "90,95"],
        ["5", "Sở Nông nghiệp và Phát triển nông thôn", "7.403", "354", "4,78"],
        ["6", "Sở Tư pháp", "15.094", "11.686", "77,42"]]
LAST = ["7", "Sở Xây dựng", "1.608", "1.165", "72,45"]


def _style(name, size, font=FONT, align=TA_LEFT):
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.15,
                          alignment=align, splitLongWords=0, spaceAfter=0)


def _page_number(canvas, doc):
    if doc.page > 1:
        canvas.setFont(FONT, 13)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, str(doc.page))


def build_pdf(path: Path, rows_page_1: list[list[str]], rows_page_2: list[list[str]],
              rules: str = "none", lead: float = 0) -> None:
    """A table without vertical rules, header shaded grey, cells centred on their rows with no
    padding above or below; the rest of the table on page 2 without its header. ``rules``:
    "none" (no rule at all) or "rows" (a rule over and under every row). ``lead``: points of
    space above the caption (a header alone at the page bottom, its rows on page 2)."""
    register_fonts()
    head = _style("head", 10, BOLD, TA_CENTER)
    name, figure = _style("name", 10), _style("figure", 10, align=TA_CENTER)
    widths = [12 * mm, 26 * mm, 25 * mm, 25 * mm, 25 * mm]

    def table(rows, header):
        data = ([[Paragraph(t, head) for t in HEADER]] if header else []) + [
            [Paragraph(t, name if j == 1 else figure) for j, t in enumerate(r)] for r in rows]
        cmds = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]
        if header:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey))
        if rules == "rows":
            cmds += [("LINEABOVE", (0, 0), (-1, -1), 0.5, colors.black),
                     ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.black)]
        return Table(data, colWidths=widths, style=TableStyle(cmds))

    story = [Spacer(1, lead)] if lead else []
    story += [Paragraph(CAPTION, _style("caption", 13, BOLD, TA_CENTER))]
    story.append(table(rows_page_1, True))
    if rows_page_2:
        story += [PageBreak(), table(rows_page_2, False)]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, leftMargin=30 * mm,
                      rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm).build(
        story, onFirstPage=_page_number, onLaterPages=_page_number)


def _rows(table):
    return [[c.text for c in r.cells] for r in table.rows]


@pytest.fixture(scope="module", params=["none", "rows"])
def centred_pdf(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("variants") / f"centred-{request.param}.pdf"
    build_pdf(path, ROWS, [LAST], rules=request.param)
    return path


@pytest.mark.e2e
def test_names_centred_on_their_figures_without_padding_join_their_own_rows(centred_pdf):
    """The blank bands between lines are all equal: a name's first line, printed above its
    number, must not join the row before. Ruled between rows, the rule above such a line
    does not end the table either."""
    [table] = extract(str(centred_pdf)).tables
    assert table.caption == CAPTION
    assert _rows(table)[:len(ROWS)] == ROWS


@pytest.mark.e2e
def test_a_page_holding_only_the_last_row_continues_the_table(centred_pdf):
    """The only other line on page 2 is its page number, in larger print than the row: the
    row is still a table row, stitched to the table on page 1."""
    [table] = extract(str(centred_pdf)).tables
    assert table.pages == [1, 2]
    assert _rows(table)[-1] == LAST


def build_cut_row_pdf(path: Path) -> None:
    """A ruled table ending at the page bottom on a row whose name the page break cut: its
    last word is alone in a one-row grid at the top of page 2, above a note."""
    register_fonts()
    cell, head = _style("cell", 11), _style("head", 11, BOLD, TA_CENTER)
    widths = [12 * mm, 60 * mm, 30 * mm, 30 * mm]
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                       ("VALIGN", (0, 0), (-1, -1), "TOP")])
    header = ["STT", "Tên cơ quan, đơn vị", "Tổng số TTHC", "Tỷ lệ (%)"]
    rows = [["1", "Sở Ngoại vụ", "4", "100"], ["2", "Sở Tài chính", "851", "75"],
            ["3", "Sở Nông nghiệp và Phát triển nông", "88", "38,64"]]
    first = Table([[Paragraph(t, head) for t in header]]
                  + [[Paragraph(t, cell) for t in r] for r in rows], colWidths=widths, style=grid)
    tail = Table([[Paragraph(t, cell) for t in ["", "thôn", "", ""]]], colWidths=widths,
                 style=grid)
    note = Paragraph("Ghi chú: số liệu đến ngày 15/12/2023 do các đơn vị báo cáo.", _style("n", 13))
    story = [Spacer(1, 600), Paragraph(CAPTION, _style("caption", 13, BOLD, TA_CENTER)), first,
             PageBreak(), tail, Spacer(1, 20), note]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, leftMargin=30 * mm,
                      rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm).build(
        story, onFirstPage=_page_number, onLaterPages=_page_number)


@pytest.mark.e2e
def test_a_row_tail_alone_on_the_next_page_joins_its_row(tmp_path):
    """Word breaks a row across pages: the next page opens with a one-row grid holding only
    the name's last word. It is the table's, not a lone box: joined, and page 2 counted."""
    path = tmp_path / "cut.pdf"
    build_cut_row_pdf(path)
    [table] = extract(str(path)).tables
    assert _rows(table)[-1] == ["3", "Sở Nông nghiệp và Phát triển nông thôn", "88", "38,64"]
    assert table.pages == [1, 2]


@pytest.mark.e2e
def test_a_caption_and_header_alone_at_the_page_bottom_caption_the_rows_on_the_next_page(tmp_path):
    """Word keeps the caption with the header and moves the rows to the next page: the header
    lines are no prose between the caption and its table."""
    path = tmp_path / "orphan.pdf"
    build_pdf(path, [], ROWS, lead=640)
    [table] = extract(str(path)).tables
    assert table.caption == CAPTION
    assert _rows(table) == ROWS


def build_booktabs_pdf(path: Path) -> None:
    """Rules over and under the header, under the table, and one under a spanning header
    cell over its three sub-columns only; no vertical rule."""
    register_fonts()
    head, name, figure = (_style("h", 11, BOLD, TA_CENTER), _style("c", 11),
                          _style("f", 11, align=TA_CENTER))
    top = ["STT", "Tên cơ quan, đơn vị", "Tiếp nhận hồ sơ TTHC", "", ""]
    sub = ["", "", "Tổng số", "Trực tuyến", "Tỷ lệ (%)"]
    body = [r for r in ROWS if len(r[1]) < 20]
    data = ([[Paragraph(t, head) for t in top], [Paragraph(t, head) for t in sub]]
            + [[Paragraph(t, name if j == 1 else figure) for j, t in enumerate(r)] for r in body])
    black = colors.black
    style = TableStyle([("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (4, 0)),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("LINEABOVE", (0, 0), (-1, 0), 1.0, black),
                        ("LINEBELOW", (2, 0), (4, 0), 0.5, black),
                        ("LINEBELOW", (0, 1), (-1, 1), 0.5, black),
                        ("LINEBELOW", (0, -1), (-1, -1), 1.0, black)])
    widths = [12 * mm, 50 * mm, 28 * mm, 28 * mm, 28 * mm]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, leftMargin=30 * mm,
                      rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm).build(
        [Paragraph(CAPTION, _style("caption", 13, BOLD, TA_CENTER)),
         Table(data, colWidths=widths, style=style)])


@pytest.mark.e2e
def test_a_rule_under_a_spanning_header_cell_stays_inside_the_header(tmp_path):
    """Only a rule across the whole table is the table's top or the header's end: the
    spanning cell over its sub-columns is the header's, not the caption's."""
    path = tmp_path / "booktabs.pdf"
    build_booktabs_pdf(path)
    [table] = extract(str(path)).tables
    assert table.caption == CAPTION
    assert table.columns == ["STT", "Tên cơ quan, đơn vị", "Tiếp nhận hồ sơ TTHC / Tổng số",
                             "Tiếp nhận hồ sơ TTHC / Trực tuyến", "Tiếp nhận hồ sơ TTHC / Tỷ lệ (%)"]
    assert _rows(table) == [r for r in ROWS if len(r[1]) < 20]


def test_the_first_row_starts_under_the_header_rule_its_name_box_touches():
    """Word draws the rule under the header where the first row's text box begins: the name
    line printed above its figures, its box starting on the rule, is the row's."""
    from dvc_extract.model import Page, Region, Ruling, Word
    from dvc_extract.tables.stream import unruled_table

    def words(top, cells):
        out = []
        for x, text in cells:
            for k, part in enumerate(text.split()):
                out.append(Word(part, x + 26 * k, top, x + 26 * k + 22, top + 12, 1, "Times", 12))
        return out

    ws = (words(80, [(90, "STT"), (150, "Tên"), (320, "Tổng"), (400, "Tỷ lệ")])
          + words(99.5, [(150, "Sở Khoa học")])
          + words(107, [(90, "1"), (320, "116"), (400, "55,17")])
          + words(114.5, [(150, "và Công nghệ")])
          + words(130, [(90, "2"), (150, "Sở Y tế"), (320, "4"), (400, "1,66")]))
    page = Page(number=1, width=595, height=842, source="text-layer", words=ws,
                rulings=[Ruling(85, 100.0, 500, 100.0, "h"), Ruling(85, 145, 500, 145, "h")])
    table = unruled_table(page, Region(page=1, bbox=(90, 80, 470, 142), ruled=False))
    rows = {}
    for c in table.cells:
        rows.setdefault(c.row, []).append(c.text)
    # Row 1 of the grid: the name's first line joined with its figures' line.
    assert rows[1] == ["1", "Sở Khoa học", "116", "55,17"]


@pytest.mark.e2e
def test_the_same_header_on_the_next_page_under_a_table_ended_mid_page_starts_a_new_table(tmp_path):
    """Two lists of the same form ("highest" / "lowest" rates), the first ending mid-page
    above a paragraph (far above where the report's tables reach down to), the second
    opening the next page with the same header and no numbering: two tables."""
    register_fonts()
    cell, head = _style("cell", 11), _style("head", 11, BOLD, TA_CENTER)
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    header = ["Đơn vị", "Hồ sơ trực tuyến", "Tỷ lệ"]
    first = [["Sở Thông tin và Truyền thông", "67", "100%"], ["Sở Tài chính", "851", "100%"]]
    second = [["UBND huyện Buôn Đôn", "97", "0,31%"], ["UBND huyện Cư Kuin", "52", "3,53%"]]

    def table(rows):
        return Table([[Paragraph(t, head) for t in header]]
                     + [[Paragraph(t, cell) for t in r] for r in rows],
                     colWidths=[70 * mm, 40 * mm, 30 * mm], style=grid)

    body = _style("body", 13)
    text = "Các đơn vị có tỷ lệ hồ sơ trực tuyến thấp nhất cần rà soát quy trình tiếp nhận."
    path = tmp_path / "two.pdf"
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, leftMargin=30 * mm,
                      rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm).build(
        [Paragraph(CAPTION, _style("caption", 13, BOLD, TA_CENTER)), table(first),
         Paragraph(text, body), Spacer(1, 200), Paragraph(text, body), PageBreak(),
         table(second), Paragraph(text, body), PageBreak(),
         # Another table of the report, down to the page bottom.
         Paragraph("Bảng 2: Hồ sơ theo đơn vị", _style("caption", 13, BOLD, TA_CENTER)),
         table([[f"Đơn vị số {k}", str(10 * k), f"{k},5%"] for k in range(1, 37)])],
        onFirstPage=_page_number, onLaterPages=_page_number)
    tables = extract(str(path)).tables
    assert [_rows(t) for t in tables[:2]] == [first, second]
    assert [t.pages for t in tables] == [[1], [2], [3]]


@pytest.mark.e2e
def test_a_borderless_header_in_the_captions_font_with_headings_wider_than_their_figures(tmp_path):
    """The header is set bold at the caption's size, right under it: its lines are cells,
    not the caption's. Its last heading reaches out past the short figures under it; the
    rule under the header spans the table, so the heading is still the table's."""
    register_fonts()
    size = 13
    head = _style("head", size, BOLD, TA_CENTER)
    name, figure = _style("name", size), _style("figure", size, align=TA_CENTER)
    header = ["STT", "Tên cơ quan, đơn vị", "Tổng số TTHC", "Số DVC trực tuyến toàn trình",
              "Tỷ lệ hồ sơ trực tuyến toàn trình trên tổng số hồ sơ (%)"]
    rows = [["1", "Sở Ngoại vụ", "4", "4", "100"], ["2", "Sở Tư pháp", "122", "81", "66,39"],
            ["3", "Sở Xây dựng", "56", "35", "62,5"], ["4", "Sở Y tế", "130", "7", "5,38"]]
    data = ([[Paragraph(t, head) for t in header]]
            + [[Paragraph(t, name if j == 1 else figure) for j, t in enumerate(r)] for r in rows])
    style = TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.black),
                        ("LINEBELOW", (0, -1), (-1, -1), 0.75, colors.black)])
    path = tmp_path / "same-font.pdf"
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, leftMargin=30 * mm,
                      rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm).build(
        [Paragraph(CAPTION, _style("caption", size, BOLD, TA_CENTER)),
         Table(data, colWidths=[13 * mm, 45 * mm, 25 * mm, 27 * mm, 45 * mm], style=style)])
    [table] = extract(str(path)).tables
    assert table.caption == CAPTION
    assert table.columns == header
    assert _rows(table) == rows


# A text-heavy list of indicators: numbered "1." … "3.1.1.", names over three centred lines,
# a section row without figures, a cell's "Phiên bản 1.0" wrapped in a narrow column beside
# a wider one holding it on one line, years wrapped out of the "Năm 2021" headings.
LIST_HEADER = ["STT", "Chỉ tiêu", "Năm 2021", "Năm 2022", "Năm 2023", "Năm 2024"]
LIST_ROWS = [
    ["1.", "Cập nhật Kiến trúc Chính phủ điện tử phiên bản mới nhất",
     "Phiên bản 1.0", "Phiên bản 2.0", "Phiên bản 2.0", "Phiên bản 2.0"],
    ["2.", "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng", "100%", "100%", "100%", "100%"],
    ["3.", "Cung cấp dịch vụ công trực tuyến"],
    ["3.1.", "Tỷ lệ thủ tục cung cấp dịch vụ công trực tuyến toàn trình",
     "46,14", "39,13", "41,5", "50,49"],
    ["3.1.1.", "Tổng số thủ tục cung cấp dịch vụ công trực tuyến", "1.543", "1.674", "1.600", "1.741"],
    ["3.1.2.", "Số thủ tục đang cung cấp trực tuyến toàn trình", "712", "655", "664", "879"],
    ["3.2.", "Tỷ lệ hồ sơ thủ tục được tiếp nhận trực tuyến", "18,95", "16,62", "21,68", "37,96"],
]


def _list_table(rows: list[list[str]], rules: str, pad: float = 0) -> Table:
    """Word's 1 mm cell margins, cells centred on their rows, ``pad`` points above and below
    each row. ``rules``: "booktabs" (over and under the header, under the table), "shaded"
    (none, header shaded), "rows" (header shaded, a rule under every row). The numbering
    column is just wide enough for "3.1.1.": it ends 6 pt before its name, less than the print
    size's column gap (0.6 em) yet more than two word spaces."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    register_fonts()
    size, margin = 11, 1 * mm
    head = _style("lh", size + 1, BOLD, TA_CENTER)  # "Năm 2021" wraps, "Phiên bản" fits
    name, figure = _style("ln", size), _style("lf", size, align=TA_CENTER)
    stt = stringWidth("3.1.1.", FONT, size) + 2 * margin + 2 * (6.2 - 2 * margin)
    widths = [stt, 38 * mm, 19 * mm, 19 * mm, 19 * mm, 26 * mm]
    data = [[Paragraph(t, head) for t in LIST_HEADER]] + [
        [Paragraph(t, name if j == 1 else figure) for j, t in enumerate(r + [""] * (6 - len(r)))]
        for r in rows]
    black = colors.black
    cmds = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ("LEFTPADDING", (0, 0), (-1, -1), margin), ("RIGHTPADDING", (0, 0), (-1, -1), margin)]
    if rules == "booktabs":
        cmds += [("LINEABOVE", (0, 0), (-1, 0), 0.5, black), ("LINEBELOW", (0, 0), (-1, 0), 0.5, black),
                 ("LINEBELOW", (0, -1), (-1, -1), 0.5, black)]
    else:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey))
    if rules == "rows":
        cmds += [("LINEABOVE", (0, 0), (-1, -1), 0.5, black), ("LINEBELOW", (0, -1), (-1, -1), 0.5, black)]
    return Table(data, colWidths=widths, style=TableStyle(cmds))


def build_list_pdf(path: Path, rules: str) -> None:
    register_fonts()
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, leftMargin=30 * mm,
                      rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm).build(
        [Paragraph(CAPTION, _style("caption", 13, BOLD, TA_CENTER)), _list_table(LIST_ROWS, rules)])


@pytest.fixture(scope="module", params=["booktabs", "shaded", "rows"])
def list_table(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("list") / f"list-{request.param}.pdf"
    build_list_pdf(path, request.param)
    return extract(str(path)).tables


@pytest.mark.e2e
def test_a_numbering_column_closer_than_a_column_gap_is_its_own_column(list_table):
    """"3.1.1." stands closer to its name than the print size's column gap, yet farther
    than two of the text's own word spaces: the numbering is a column of its own."""
    assert [[r[0] for r in _rows(t)] for t in list_table] == [[r[0] for r in LIST_ROWS]]
    assert all(not r[1][0].isdigit() for r in _rows(list_table[0]))


@pytest.mark.e2e
def test_years_wrapped_out_of_their_headings_are_header(list_table):
    """"Năm" over "2021 2022 2023": a line of years only is the header's, not a first row
    (nor the table's columns, or the caption's end)."""
    [table] = list_table
    assert table.caption == CAPTION
    assert table.columns == LIST_HEADER


@pytest.mark.e2e
def test_figures_wrapped_in_a_cell_stay_in_their_row(list_table):
    """"Phiên bản / 1.0" wrapped in a narrow column, printed between the lines of its row
    beside one-line "Phiên bản 2.0": one row, not a row of figures of its own."""
    [table] = list_table
    assert _rows(table)[0] == LIST_ROWS[0]


@pytest.mark.e2e
def test_centred_names_and_a_numbered_row_without_figures_keep_their_rows(list_table):
    """Names over three lines centred on their figures, rows without padding: every row is
    balanced about its numbering and figures (also the first, whose name starts on the
    header's rule), and a numbered row without figures between rules keeps the table whole."""
    [table] = list_table
    assert _rows(table) == LIST_ROWS


@pytest.mark.e2e
@pytest.mark.parametrize("rules", ["booktabs", "shaded"])
def test_a_row_tail_over_the_first_row_on_the_next_page_joins_its_row(rules, tmp_path):
    """The page break cut a row's name: its last words open page 2 under the repeated
    header, right over the next row's centred name. Rows are padded, so a wider blank band
    parts the tail from that row: it ends the row on page 1."""
    cut = LIST_ROWS[5][:1] + ["Số thủ tục đang cung cấp trực tuyến toàn trình có phát sinh hồ sơ"] + LIST_ROWS[5][2:]
    more = ["3.3.", "Tỷ lệ hồ sơ thủ tục được giải quyết đúng hạn trong năm", "98,1", "97,5", "99,2", "99,6"]
    path = tmp_path / "cut-list.pdf"
    register_fonts()
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, leftMargin=30 * mm,
                      rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm).build(
        [Spacer(1, 250), Paragraph(CAPTION, _style("caption", 13, BOLD, TA_CENTER)),
         _list_table(LIST_ROWS[:5] + [cut], rules, pad=1.5), PageBreak(),
         _list_table([["", "nộp trực tuyến"], LIST_ROWS[6], more], rules, pad=1.5)],
        onFirstPage=_page_number, onLaterPages=_page_number)
    [table] = extract(str(path)).tables
    whole = cut[:1] + [cut[1] + " nộp trực tuyến"] + cut[2:]
    assert _rows(table) == LIST_ROWS[:5] + [whole, LIST_ROWS[6], more]
    assert table.pages == [1, 2]


# Two lists side by side in one table ("highest" | "lowest" rates): a top row of two cells
# spanning two columns each, whose texts are the two tables' captions.
SIDE_TOP = ["HỒ SƠ TRỰC TUYẾN CAO NHẤT", "HỒ SƠ TRỰC TUYẾN THẤP NHẤT"]
SIDE_HEADER = ["Hồ sơ trực tuyến", "Tỷ lệ"]
SIDE_ROWS = [["Sở Thông tin và Truyền thông", "100%", "Sở Tài nguyên và Môi trường", "1,65%"],
             ["Sở Văn hóa, Thể thao và Du lịch", "100%", "Sở Giao thông vận tải", "17,87%"],
             ["Sở Tài chính", "98,5%", "Sở Công Thương", "20,4%"],
             ["Sở Khoa học và Công nghệ", "96,2%", "", ""]]


@pytest.mark.e2e
@pytest.mark.parametrize("rules", ["booktabs", "rows"])
def test_a_ruled_top_row_of_spanning_cells_captions_the_blocks_side_by_side(rules, tmp_path):
    """No vertical rule; a rule over the table, one under the spanning cells (meeting across
    the whole width), one under the sub-header and one under the table ("booktabs"), or one
    over every row ("rows"). The spanning row is the header's top, not what precedes the
    table, and the rule under the sub-header, not the one over it, ends the header. The
    left list is a row longer: its last row, printing two columns of four, is a row."""
    register_fonts()
    head, cell = _style("head", 11, BOLD, TA_CENTER), _style("cell", 11)
    figure = _style("figure", 11, align=TA_CENTER)
    data = ([[Paragraph(SIDE_TOP[0], head), "", Paragraph(SIDE_TOP[1], head), ""],
             [Paragraph(t, head) for t in SIDE_HEADER * 2]]
            + [[Paragraph(t, figure if j % 2 else cell) for j, t in enumerate(r)] for r in SIDE_ROWS])
    black = colors.black
    cmds = [("SPAN", (0, 0), (1, 0)), ("SPAN", (2, 0), (3, 0)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    if rules == "booktabs":
        cmds += [("LINEABOVE", (0, 0), (-1, 0), 0.5, black), ("LINEBELOW", (0, 0), (-1, 1), 0.5, black),
                 ("LINEBELOW", (0, -1), (-1, -1), 0.5, black)]
    else:
        cmds += [("LINEABOVE", (0, 0), (-1, -1), 0.5, black), ("LINEBELOW", (0, -1), (-1, -1), 0.5, black)]
    path = tmp_path / f"side-{rules}.pdf"
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, leftMargin=30 * mm,
                      rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm).build(
        [Paragraph("a) Về tỷ lệ phát sinh hồ sơ trực tuyến", _style("body", 13, BOLD)), Spacer(1, 6),
         Table(data, colWidths=[60 * mm, 22 * mm, 60 * mm, 22 * mm], style=TableStyle(cmds))])
    tables = extract(str(path)).tables
    assert [t.caption for t in tables] == SIDE_TOP
    assert [t.columns for t in tables] == [SIDE_HEADER, SIDE_HEADER]
    assert [_rows(t) for t in tables] == [[r[:2] for r in SIDE_ROWS],
                                          [r[2:] for r in SIDE_ROWS if r[2]]]


@pytest.mark.e2e
def test_a_header_line_reaching_past_the_figures_right_over_the_header_rule_is_header(tmp_path):
    """A rule over and under every row, no vertical rule: the header's last line, right over
    the rule closing the header, holds a heading far wider than the short figures centred
    under it. The rule spans the table, so that line is still the table's."""
    register_fonts()
    size = 9.5
    head, name = _style("head", size, BOLD, TA_CENTER), _style("name", size)
    figure = _style("figure", size, align=TA_CENTER)
    header = ["STT", "Tên cơ quan, đơn vị", "Tổng số TTHC", "Tỷ lệ DVCTT toàn trình (%)"]
    rows = [["1", "Sở Ngoại vụ", "4", "100"], ["2", "Sở Tư pháp", "122", "66,39"],
            ["3", "Sở Xây dựng", "56", "62,5"], ["4", "Sở Y tế", "130", "5,38"]]
    data = ([[Paragraph(t, head) for t in header]]
            + [[Paragraph(t, name if j == 1 else figure) for j, t in enumerate(r)] for r in rows])
    style = TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("LINEABOVE", (0, 0), (-1, -1), 0.5, colors.black),
                        ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.black)])
    path = tmp_path / "wide-heading.pdf"
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, leftMargin=30 * mm,
                      rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm).build(
        [Paragraph(CAPTION, _style("caption", 13, BOLD, TA_CENTER)),
         Table(data, colWidths=[13 * mm, 45 * mm, 30 * mm, 60 * mm], style=style)])
    [table] = extract(str(path)).tables
    assert table.caption == CAPTION
    assert table.columns == header
    assert _rows(table) == rows
