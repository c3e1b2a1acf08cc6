"""Ground truth of a LibreOffice rendering: the logical tables of the source (as in
corpora/digital, without cell boxes) and the pages read back from the PDF (pages.py)."""
from __future__ import annotations

from corpus.source import Cell, TableSource
from corpus.truth import columns
from corpus.values import value_of

from .pages import Locator, word_stream, locate_rows


def _logical(t: TableSource, cols: range, caption_cell: Cell | None) -> dict:
    shift = cols.start
    head_skip = 1 if caption_cell else 0   # a side-by-side block's spanning top row
    header = [c for c in t.header if c.col in cols and c.row >= head_skip]
    rows = []
    for body_row in t.body:
        cells = [{"col": c.col - shift, "text": c.text,
                  "value": value_of(c.text, c.kind or t.types[c.col]),
                  "row_span": c.row_span, "col_span": c.col_span}
                 for c in body_row if c.col in cols and c.text]
        if cells:
            rows.append({"cells": cells})
    shifted = [Cell(c.row - head_skip, c.col - shift, c.text, c.row_span, c.col_span)
               for c in header]
    return {"caption": caption_cell.text if caption_cell else (" ".join(t.caption) or None),
            "pages": [], "ruled": t.ruled, "header_rows": t.header_rows - head_skip,
            "header": [{"row": c.row, "col": c.col, "row_span": c.row_span,
                        "col_span": c.col_span, "text": c.text} for c in shifted],
            "columns": columns(shifted, len(cols)), "rows": rows}


def logical_tables(source: dict) -> list[dict]:
    tables = []
    for b in source["blocks"]:
        if b["type"] != "table":
            continue
        t = b["table"]
        if not t.split_columns:
            tables.append(_logical(t, range(t.ncols), None))
            continue
        for part in t.split_columns:
            top = [c for c in t.header if c.row == 0 and c.col == part[0]]
            tables.append(_logical(t, range(part[0], part[-1] + 1), top[0]))
    return tables


def truth(source: dict, pdf_path, report_id: str) -> dict:
    words, page_count = word_stream(pdf_path)
    loc = Locator(words)
    tables = logical_tables(source)
    search_from = 0
    for t in tables:
        if t["caption"] is None:
            raise ValueError("an uncaptioned table cannot be located")
        # Search from the previous caption's start: side-by-side captions share a line.
        after_caption = loc.find_caption(t["caption"], search_from)
        search_from = after_caption - len(t["caption"].split())
        row_pages, _ = locate_rows(loc, t, after_caption)
        for row, pages in zip(t["rows"], row_pages):
            row["page"] = pages[0]
            row["pages"] = pages
        t["pages"] = sorted({p for ps in row_pages for p in ps})
    return {"id": report_id, "pdf": f"{report_id}.pdf", "pages": page_count,
            "captions": [t["caption"] for t in tables if t["caption"]], "tables": tables}
