"""Render a loaded source to PDF with reportlab platypus, like a Word export.

Each table is drawn as one flowable per page-piece with an explicit page break
between pieces, so which rows sit on which page is decided by the source, not
by pagination chance. Every piece records where it was drawn; truth.py turns
those records into pages and cell boxes.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, KeepTogether, NextPageTemplate,
                                PageBreak, PageTemplate, Paragraph, Table, TableStyle)

from .source import TableSource

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
FONT = "LiberationSerif"
BOLD = FONT + "-Bold"
BODY_SIZE = 13
PAD = dict(left=3, right=3, top=2, bottom=3)
MARGINS = {"portrait": (30 * mm, 20 * mm, 20 * mm, 20 * mm),    # left, right, top, bottom
           "landscape": (15 * mm, 15 * mm, 20 * mm, 20 * mm)}
PAGESIZES = {"portrait": A4, "landscape": landscape(A4)}


def register_fonts() -> None:
    """Liberation Serif: Times metrics with the Vietnamese glyphs Word documents use."""
    # Others in the same process may have registered some of these names: check each.
    known = set(pdfmetrics.getRegisteredFontNames())
    for name, file in [(FONT, "Regular"), (BOLD, "Bold"), (FONT + "-Italic", "Italic"),
                       (FONT + "-BoldItalic", "BoldItalic")]:
        if name not in known:
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"LiberationSerif-{file}.ttf")))
    registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT + "-Italic",
                       boldItalic=FONT + "-BoldItalic")


def _style(name, size=BODY_SIZE, font=FONT, align=TA_JUSTIFY, indent=0, before=0, after=6,
           leading=None):
    # No hyphenation and no splitting of long words: a word cut across lines
    # would make the printed text ambiguous.
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.3,
                          alignment=align, firstLineIndent=indent, spaceBefore=before,
                          spaceAfter=after, splitLongWords=0, hyphenationLang="",
                          embeddedHyphenation=0)


PROSE = {
    "body": _style("body", indent=10 * mm),
    "heading": _style("heading", font=BOLD, before=4),
    "title": _style("title", size=14, font=BOLD, align=TA_CENTER),
    "center": _style("center", align=TA_CENTER),
    "right": _style("right", align=TA_RIGHT),
    "left": _style("left", align=TA_LEFT),
    "note": _style("note", size=11, after=3),
    "signature": _style("signature", font=BOLD, align=TA_RIGHT, before=12),
}
CAPTION = _style("caption", font=BOLD, align=TA_CENTER, before=6, after=6)


class PieceTable(Table):
    """A table piece that reports where it is drawn (page, origin, grid lines)."""
    record: dict | None = None
    recorder: list | None = None
    frame_bottom: float = 0.0

    def drawOn(self, canvas, x, y, _sW=0):
        if self.record is None:
            raise RuntimeError("a table piece was split by pagination: move its break")
        ax = self._hAlignAdjust(x, _sW)
        self.recorder.append({**self.record, "page": canvas.getPageNumber(),
                              "free_below": y - self.frame_bottom,
                              "page_height": canvas._pagesize[1], "x": ax, "y": y,
                              "colpos": list(self._colpositions),
                              "rowpos": list(self._rowpositions)})
        return super().drawOn(canvas, x, y, _sW)


def markup(text: str, font: str) -> str:
    """Paragraph markup of `text` set in `font`. A build in a legacy font encoding
    (scripts/build_legacy_corpus) replaces this to set the text in its own fonts."""
    return escape(text)


def _prose(block: dict) -> Paragraph:
    style = PROSE[block.get("style", "body")]
    return Paragraph(markup(block["text"], style.fontName), style)


def _cell_style(kind: str, size: float, header: bool) -> ParagraphStyle:
    align = TA_LEFT if kind == "text" and not header else TA_CENTER
    return _style(f"cell-{kind}-{size}-{header}", size=size, font=BOLD if header else FONT,
                  align=align, after=0, leading=size * 1.18)


def _check_words(text: str, style: ParagraphStyle, width: float, where: str) -> None:
    room = width - PAD["left"] - PAD["right"]
    for word in text.split():
        if stringWidth(word, style.fontName, style.fontSize) > room:
            raise ValueError(f"{where}: word {word!r} wider than its column; widen it")


def _piece(t: TableSource, first: int, end: int, with_header: bool, last: bool,
           col_widths: list[float]) -> PieceTable:
    n_head = t.header_rows if with_header else 0
    nrows = n_head + (end - first)
    data = [[""] * t.ncols for _ in range(nrows)]
    cmds = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD["left"]),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD["right"]),
            ("TOPPADDING", (0, 0), (-1, -1), PAD["top"]),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD["bottom"])]
    placed = [(c, c.row, True) for c in t.header] if with_header else []
    placed += [(c, n_head + c.row - first, False) for r in range(first, end) for c in t.body[r]]
    for cell, r, is_head in placed:
        style = _cell_style("header" if is_head else t.types[cell.col], t.font_size, is_head)
        width = sum(col_widths[cell.col:cell.col + cell.col_span])
        _check_words(cell.text, style, width, f"table {t.key} cell {cell.row},{cell.col}")
        data[r][cell.col] = Paragraph(markup(cell.text, style.fontName), style)
        if cell.row_span > 1 or cell.col_span > 1:
            cmds.append(("SPAN", (cell.col, r), (cell.col + cell.col_span - 1,
                                                r + cell.row_span - 1)))
    black = colors.black
    if t.ruled:
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, black))
    else:
        # Borderless Word tables: one rule under the header, one at the bottom.
        if n_head:
            cmds.append(("LINEBELOW", (0, n_head - 1), (-1, n_head - 1), 0.75, black))
        if last:
            cmds.append(("LINEBELOW", (0, -1), (-1, -1), 0.75, black))
    return PieceTable(data, colWidths=col_widths, style=TableStyle(cmds), hAlign="CENTER",
                      spaceAfter=6 if last else 0)


def table_flowables(t: TableSource, frame_width: float, frame_bottom: float,
                    recorder: list) -> list:
    scale = frame_width / sum(t.widths)
    col_widths = [w * scale for w in t.widths]
    pieces = t.pieces()
    flow = []
    for i, (first, end, with_header) in enumerate(pieces):
        piece = _piece(t, first, end, with_header, i == len(pieces) - 1, col_widths)
        piece.record = {"table": t.key, "piece": i, "first": first, "end": end,
                        "with_header": with_header}
        piece.recorder = recorder
        piece.frame_bottom = frame_bottom
        if i == 0:
            captions = [Paragraph(markup(line, CAPTION.fontName), CAPTION) for line in t.caption]
            flow.append(KeepTogether(captions + [piece]))
        else:
            flow += [PageBreak(), piece]
    return flow


def all_unruled(source: dict) -> dict:
    """The source with every table drawn borderless (rules only under the header and at
    the end), as many Word reports print them; the truth then says ``ruled: false``."""
    blocks = [{**b, "table": replace(b["table"], ruled=False)} if b["type"] == "table" else b
              for b in source["blocks"]]
    return {**source, "blocks": blocks}


def _page_number(canvas, doc):
    if doc.page > 1:
        w, h = canvas._pagesize
        canvas.setFont(FONT, 12)
        canvas.drawCentredString(w / 2, h - 12 * mm, str(doc.page))


def render(source: dict, pdf_path: Path) -> tuple[list[dict], int]:
    """Write the PDF; return the drawing records of every table piece and the page count."""
    register_fonts()
    templates = []
    for name, size in PAGESIZES.items():
        left, right, top, bottom = MARGINS[name]
        frame = Frame(left, bottom, size[0] - left - right, size[1] - top - bottom,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name)
        templates.append(PageTemplate(id=name, frames=[frame], pagesize=size,
                                      onPage=_page_number))
    doc = BaseDocTemplate(str(pdf_path), pagesize=A4, pageTemplates=templates,
                          invariant=1, title=f"Báo cáo {source['id']}", author="dvc-extract corpus",
                          creator="scripts/build_corpus")
    recorder: list[dict] = []
    story = []
    orientation = "portrait"
    for b in source["blocks"]:
        if b["type"] == "para":
            story.append(_prose(b))
        elif b["type"] == "page_break":
            new = b.get("orientation", orientation)
            if new != orientation:
                story.append(NextPageTemplate(new))
                orientation = new
            story.append(PageBreak())
        else:
            size = PAGESIZES[orientation]
            left, right, _, bottom = MARGINS[orientation]
            story += table_flowables(b["table"], size[0] - left - right, bottom, recorder)
    doc.build(story)
    return recorder, doc.page
