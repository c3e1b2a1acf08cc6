"""A loaded corpus source as a .docx, made the way a Word user makes a report.

Real Word tables (merged cells with cell.merge, "Repeat header row" where the source repeats
the header, rows allowed to break across pages), captions as bold centred paragraphs above
their table, 13 pt body text, a landscape section for the wide Phụ lục tables. No page break
is forced inside a table: the source's `breaks` only say whether the header is repeated, the
word processor decides where pages end.
"""
from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from corpus.source import TableSource

BODY_SIZE = 13
MARGINS = {"portrait": (3.0, 2.0, 2.0, 2.0),      # left, right, top, bottom (cm)
           "landscape": (1.5, 1.5, 2.0, 2.0)}
ALIGN = {"body": WD_ALIGN_PARAGRAPH.JUSTIFY, "heading": WD_ALIGN_PARAGRAPH.JUSTIFY,
         "title": WD_ALIGN_PARAGRAPH.CENTER, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT,
         "note": WD_ALIGN_PARAGRAPH.JUSTIFY, "signature": WD_ALIGN_PARAGRAPH.RIGHT}


def _set_font(style_or_run, font: str) -> None:
    """Every script slot of rFonts, so Vietnamese letters never fall back to another font."""
    style_or_run.font.name = font
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)


def _page_setup(section, orientation: str) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if orientation == "landscape" else WD_ORIENT.PORTRAIT
    short, long_ = Cm(21.0), Cm(29.7)
    section.page_width, section.page_height = ((long_, short) if orientation == "landscape"
                                               else (short, long_))
    left, right, top, bottom = MARGINS[orientation]
    section.left_margin, section.right_margin = Cm(left), Cm(right)
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.header_distance = Cm(1.0)


def _page_number_header(section) -> None:
    """The page number centred at the top, from page 2 on, as in the originals."""
    section.different_first_page_header_footer = True
    section.header.is_linked_to_previous = False
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    p._p.append(field)


def _prose(doc, block: dict) -> None:
    style = block.get("style", "body")
    p = doc.add_paragraph()
    p.alignment = ALIGN[style]
    fmt = p.paragraph_format
    fmt.space_after = Pt(3 if style == "note" else 6)
    if style == "body":
        fmt.first_line_indent = Cm(1.0)
    run = p.add_run(block["text"])
    run.bold = style in ("heading", "title", "signature")
    run.font.size = Pt({"title": 14, "note": 11}.get(style, BODY_SIZE))


def _caption(doc, line: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(6)
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.keep_with_next = True
    p.add_run(line).bold = True


def _borders(table, spec: dict) -> None:
    """Table-level borders, e.g. {"top": "single", "insideV": "nil"}."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        kind = spec.get(edge, "nil")
        el.set(qn("w:val"), kind)
        if kind != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def _cell_margins(table, left_right_twips: int = 57) -> None:
    """Narrow cell margins (1 mm instead of Word's 1.9 mm), as users set them so that
    "STT" or "05/10" fit their narrow columns instead of being cut mid-word."""
    mar = OxmlElement("w:tblCellMar")
    for edge, w in (("top", 0), ("left", left_right_twips), ("bottom", 0),
                    ("right", left_right_twips)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(w))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    table._tbl.tblPr.append(mar)


def _cell_bottom_rule(cell) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    el = OxmlElement("w:bottom")
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), "6")
    el.set(qn("w:color"), "000000")
    borders.append(el)
    tc_pr.append(borders)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _fill(cell, text: str, size: float, bold: bool, center: bool) -> None:
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.first_line_indent = Cm(0)
    run = p.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _table(doc, t: TableSource, frame_cm: float, cell_scale: float) -> None:
    for line in t.caption:
        _caption(doc, line)
    nrows = t.header_rows + len(t.body)
    table = doc.add_table(rows=nrows, cols=t.ncols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    if t.ruled:
        _borders(table, {e: "single" for e in ("top", "left", "bottom", "right",
                                               "insideH", "insideV")})
    else:
        _borders(table, {})
    _cell_margins(table)
    scale = frame_cm / sum(t.widths)
    widths = [Cm(w * scale) for w in t.widths]
    for j, col in enumerate(table.columns):
        col.width = widths[j]
    for row in table.rows:
        for j, cell in enumerate(row.cells):
            cell.width = widths[j]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    placed = [(c, c.row, True) for c in t.header]
    placed += [(c, t.header_rows + c.row, False) for row in t.body for c in row]
    for c, r, head in placed:
        cell = table.cell(r, c.col)
        if c.row_span > 1 or c.col_span > 1:
            cell = cell.merge(table.cell(r + c.row_span - 1, c.col + c.col_span - 1))
        kind = "header" if head else t.types[c.col]
        _fill(cell, c.text, round(t.font_size * cell_scale * 2) / 2, head, center=kind != "text")
    if any(b["repeat_header"] for b in t.breaks):
        for r in range(t.header_rows):
            _repeat_header(table.rows[r])
    if not t.ruled:
        # Borderless Word table: a rule under the header and one under the last row.
        for r in (t.header_rows - 1, nrows - 1):
            for cell in table.rows[r].cells:
                _cell_bottom_rule(cell)
    # Word needs a paragraph after a table; a small gap like a Word report's.
    gap = doc.add_paragraph()
    gap.paragraph_format.space_after = Pt(0)


def build(source: dict, font: str, cell_scale: float = 1.0):
    """The python-docx Document of `source`, every text set in `font`; table text scaled by
    `cell_scale` (a user with a wide font shrinks table text so figures fit their columns)."""
    doc = Document()
    normal = doc.styles["Normal"]
    _set_font(normal, font)
    normal.font.size = Pt(BODY_SIZE)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    section = doc.sections[0]
    orientation = "portrait"
    _page_setup(section, orientation)
    _page_number_header(section)
    for b in source["blocks"]:
        if b["type"] == "para":
            _prose(doc, b)
        elif b["type"] == "page_break":
            new = b.get("orientation", orientation)
            if new != orientation:
                orientation = new
                section = doc.add_section(WD_SECTION.NEW_PAGE)
                _page_setup(section, orientation)
            else:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            left, right = MARGINS[orientation][:2]
            frame = (29.7 if orientation == "landscape" else 21.0) - left - right
            _table(doc, b["table"], frame, cell_scale)
    return doc
