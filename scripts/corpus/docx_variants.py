"""Other ways Word users format the same report tables, applied to a built python-docx Document
(scripts/build_corpus_docx --variant NAME). The content, hence the truth, does not change; only
rules, shading, alignment, margins, widths and notes do.

    booktabs     rules over and under the header and under the table only (and under spanning
                 header cells over their sub-columns); no vertical rule
    shaded       no rule at all, header rows shaded grey
    shaded-rows  header shaded, a rule over and under every row, no vertical rule
    total-bold   "Tổng …" rows in bold
    no-repeat    no "Repeat header row" anywhere
    right        figures right-aligned, every cell top-aligned
    margins      Word's default cell margins (1.9 mm) instead of 1 mm
    footnotes    two small notes under every table
    narrow       name columns 40 % narrower, names wrapping over more lines
"""
from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell


def _tables(doc, src):
    return zip(doc.tables, [b["table"] for b in src["blocks"] if b["type"] == "table"])


def _table_borders(table, edges: set[str]) -> None:
    pr = table._tbl.tblPr
    for old in pr.findall(qn("w:tblBorders")):
        pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if edge in edges else "nil")
        if edge in edges:
            el.set(qn("w:sz"), "6")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    pr.append(borders)
    for tc in table._tbl.iter(qn("w:tc")):
        if tc.tcPr is not None:
            for b in tc.tcPr.findall(qn("w:tcBorders")):
                tc.tcPr.remove(b)


def _cell_rule(tc, edge: str = "bottom") -> None:
    pr = tc.get_or_add_tcPr()
    borders = pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        pr.append(borders)
    el = OxmlElement(f"w:{edge}")
    for k, v in (("val", "single"), ("sz", "6"), ("color", "000000")):
        el.set(qn(f"w:{k}"), v)
    borders.append(el)


def _shade_header(table, t) -> None:
    for tr in table._tbl.tr_lst[:t.header_rows]:
        for tc in tr.tc_lst:
            el = OxmlElement("w:shd")
            for k, v in (("val", "clear"), ("color", "auto"), ("fill", "D9D9D9")):
                el.set(qn(f"w:{k}"), v)
            tc.get_or_add_tcPr().append(el)


def booktabs(doc, src):
    for table, t in _tables(doc, src):
        _table_borders(table, {"top", "bottom"})
        for tc in table._tbl.tr_lst[t.header_rows - 1].tc_lst:
            _cell_rule(tc)
        for tr in table._tbl.tr_lst[:t.header_rows - 1]:
            for tc in tr.tc_lst:
                if tc.xpath("./w:tcPr/w:gridSpan"):
                    _cell_rule(tc)


def shaded(doc, src):
    for table, t in _tables(doc, src):
        _table_borders(table, set())
        _shade_header(table, t)


def shaded_rows(doc, src):
    for table, t in _tables(doc, src):
        _table_borders(table, {"top", "bottom", "insideH"})
        _shade_header(table, t)


def total_bold(doc, src):
    for table, t in _tables(doc, src):
        for tr in table._tbl.tr_lst[t.header_rows:]:
            cells = [_Cell(tc, table) for tc in tr.tc_lst]
            if any(c.text.strip().lower().startswith("tổng") for c in cells[:3]):
                for c in cells:
                    for run in (r for p in c.paragraphs for r in p.runs):
                        run.bold = True


def no_repeat(doc, src):
    for table in doc.tables:
        for tr in table._tbl.tr_lst:
            if tr.trPr is not None:
                for h in tr.trPr.findall(qn("w:tblHeader")):
                    tr.trPr.remove(h)


def right(doc, src):
    for table, t in _tables(doc, src):
        for row in table.rows[t.header_rows:]:
            for j, c in enumerate(row.cells):
                if t.types[j] in ("count", "rate"):
                    for p in c.paragraphs:
                        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for row in table.rows:
            for c in row.cells:
                c.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def margins(doc, src):
    for table in doc.tables:
        pr = table._tbl.tblPr
        for old in pr.findall(qn("w:tblCellMar")):
            pr.remove(old)
        mar = OxmlElement("w:tblCellMar")
        for edge, w in (("top", 0), ("left", 108), ("bottom", 0), ("right", 108)):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:w"), str(w))
            el.set(qn("w:type"), "dxa")
            mar.append(el)
        pr.append(mar)


def footnotes(doc, src):
    notes = ["Ghi chú: (*) Số liệu tính đến ngày 15/12/2023; (**) tỷ lệ 45,5% tính trên 1.234 hồ sơ.",
             "Nguồn: Hệ thống thông tin giải quyết TTHC tỉnh, 12 đơn vị báo cáo."]
    for table in doc.tables:
        for text, italic in reversed(list(zip(notes, (True, False)))):
            p = doc.add_paragraph()
            run = p.add_run(text)
            run.italic, run.font.size = italic, Pt(11)
            table._tbl.addnext(p._p)


def narrow(doc, src):
    for table, t in _tables(doc, src):
        widths = [table.columns[j].width for j in range(t.ncols)]
        names = [j for j in range(t.ncols) if t.types[j] == "text"]
        others = [j for j in range(t.ncols) if j not in names]
        if not names or not others:
            continue
        freed = 0
        for j in names:
            cut = int(widths[j] * 0.4)
            widths[j] -= cut
            freed += cut
        for j in others:
            widths[j] += freed // len(others)
        for j, col in enumerate(table.columns):
            col.width = widths[j]
        for row in table.rows:
            for j, c in enumerate(row.cells):
                c.width = widths[j]
        for j, gc in enumerate(table._tbl.tblGrid.findall(qn("w:gridCol"))):
            gc.set(qn("w:w"), str(int(widths[j] / 635)))   # EMU → twips


VARIANTS = {"booktabs": booktabs, "shaded": shaded, "shaded-rows": shaded_rows,
            "total-bold": total_bold, "no-repeat": no_repeat, "right": right,
            "margins": margins, "footnotes": footnotes, "narrow": narrow}
