"""Ground truth (the format of corpora/README.md) from a source and its drawing records."""
from __future__ import annotations

import json

from .source import Cell, TableSource
from .values import value_of


def _end(cell: Cell) -> int:
    return cell.col + cell.col_span


def _bbox(rec: dict, local_row: int, cell: Cell) -> list[float]:
    """Cell box in PDF points, top-left origin (pdfplumber's x0, top, x1, bottom)."""
    h = rec["page_height"]
    x0 = rec["x"] + rec["colpos"][cell.col]
    x1 = rec["x"] + rec["colpos"][cell.col + cell.col_span]
    top = h - (rec["y"] + rec["rowpos"][local_row])
    bottom = h - (rec["y"] + rec["rowpos"][local_row + cell.row_span])
    return [round(v, 2) for v in (x0, top, x1, bottom)]


def columns(header: list[Cell], ncols: int) -> list[str]:
    """Column paths: header texts covering each column top to bottom, repeats dropped."""
    paths = []
    for j in range(ncols):
        texts = []
        for c in sorted(header, key=lambda c: c.row):
            if c.col <= j < c.col + c.col_span and c.text and (not texts or texts[-1] != c.text):
                texts.append(c.text)
        paths.append(" / ".join(texts))
    return paths


def _table_truth(t: TableSource, recs: list[dict], cols: range, caption_cell: Cell | None):
    """Truth of the part of `t` in `cols` (all columns unless side-by-side)."""
    first_rec = recs[0]
    shift = cols.start
    head_skip = 1 if caption_cell else 0   # a side-by-side block's spanning top row
    header = [c for c in t.header if c.col in cols and c.row >= head_skip]
    header_out = [{"row": c.row - head_skip, "col": c.col - shift, "row_span": c.row_span,
                   "col_span": c.col_span, "text": c.text, "bbox": _bbox(first_rec, c.row, c)}
                  for c in header]
    rows_out, pages = [], []
    for rec in recs:
        n_head = t.header_rows if rec["with_header"] else 0
        for r in range(rec["first"], rec["end"]):
            cells = []
            for c in t.body[r]:
                if c.col not in cols or not c.text:
                    continue
                kind = c.kind or t.types[c.col]
                cells.append({"col": c.col - shift, "text": c.text, "value": value_of(c.text, kind),
                              "row_span": c.row_span, "col_span": c.col_span,
                              "bbox": _bbox(rec, n_head + r - rec["first"], c)})
            if cells:
                rows_out.append({"page": rec["page"], "cells": cells})
                if rec["page"] not in pages:
                    pages.append(rec["page"])
    if caption_cell:
        caption = caption_cell.text
    else:
        caption = " ".join(t.caption) or None
    shifted = [Cell(c.row, c.col - shift, c.text, c.row_span, c.col_span) for c in header]
    return {"caption": caption, "pages": pages, "ruled": t.ruled,
            "header_rows": t.header_rows - head_skip, "header": header_out,
            "columns": columns(shifted, len(cols)), "rows": rows_out,
            "_order": (pages[0] if pages else first_rec["page"], -first_rec["y"]
                       - first_rec["rowpos"][0], shift)}


def truth(source: dict, records: list[dict], pdf_name: str, page_count: int) -> dict:
    tables = []
    for b in source["blocks"]:
        if b["type"] != "table":
            continue
        t = b["table"]
        recs = sorted((r for r in records if r["table"] == t.key), key=lambda r: r["piece"])
        if len(recs) != len(t.pieces()):
            raise RuntimeError(f"table {t.key}: {len(recs)} pieces drawn, "
                               f"{len(t.pieces())} expected")
        if not t.split_columns:
            tables.append(_table_truth(t, recs, range(t.ncols), None))
            continue
        for part in t.split_columns:
            cols = range(part[0], part[-1] + 1)
            top = [c for c in t.header if c.row == 0 and c.col == part[0]]
            if len(top) != 1 or _end(top[0]) != cols.stop:
                raise ValueError(f"table {t.key}: part {part} lacks one spanning top header")
            tables.append(_table_truth(t, recs, cols, top[0]))
    tables.sort(key=lambda tb: tb.pop("_order"))
    return {"id": source["id"], "pdf": pdf_name, "pages": page_count,
            "captions": [tb["caption"] for tb in tables if tb["caption"]],
            "tables": tables}


def to_json(result: dict) -> str:
    """The truth as JSON with one header cell or body row per line (readable diffs)."""
    def one(x):
        return json.dumps(x, ensure_ascii=False)

    tables = []
    for t in result["tables"]:
        head = {k: v for k, v in t.items() if k not in ("header", "rows")}
        s = "  " + one(head)[:-1] + ',\n   "header": [\n'
        s += ",\n".join("    " + one(c) for c in t["header"]) + '],\n   "rows": [\n'
        s += ",\n".join("    " + one(r) for r in t["rows"]) + "]}"
        tables.append(s)
    top = {k: v for k, v in result.items() if k != "tables"}
    return (one(top)[:-1] + ',\n "tables": [\n' + ",\n".join(tables) + "]}\n")
