"""`tables.json`: the document, its tables with cell provenance, and prose claims.

The shape is a contract other tools read (``schemas/tables.schema.json``).
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Optional

from ..labels import row_label
from ..model import COUNT_FROM, Cell, Claim, Document, Page, PageBox, Report, Row, Table, UnitMatch, split_path
from ..errors import UsageError
from . import jsonfmt
from .atomic import write_text
from .names import printed_name

# 2: rows and columns count from 1 (model.COUNT_FROM); 1.x counted them from 0.
SCHEMA_VERSION = "2.0"


def _number(x: Optional[float]) -> Optional[float]:
    # JSON has no NaN/Infinity; a value that is not a finite number is missing.
    if x is None or not math.isfinite(x):
        return None
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else float(x)


def _bbox(b) -> list[float]:
    return [round(float(v), 2) for v in b]


def cell_dict(cell: Cell, with_row: bool = False) -> dict:
    d = {
        "col": cell.col + COUNT_FROM,
        "row_span": cell.row_span,
        "col_span": cell.col_span,
        "text": cell.text,
        "raw_text": cell.raw_text,
        "value": _number(cell.value),
        "page": cell.page,
        "bbox": _bbox(cell.bbox),
        "confidence": round(float(cell.confidence), 4),
        "source": cell.source,
    }
    if with_row:
        d = {"row": cell.row + COUNT_FROM, **d}
    return d


def table_dict(table: Table) -> dict:
    return {
        "id": table.id,
        "name": printed_name(table),
        "caption": table.caption,
        "pages": list(table.pages),
        "regions": [{"page": r.page, "bbox": _bbox(r.bbox)} for r in table.regions],
        "kind": table.kind,
        "columns": list(table.columns),
        "column_types": list(table.column_types),
        "header": [cell_dict(c, with_row=True) for c in table.header],
        "rows": [
            {
                "is_total": bool(row.is_total),
                "label": row_label(table, row),
                "unit": (
                    {"id": row.unit.id, "name": row.unit.name, "score": round(float(row.unit.score), 2)}
                    if row.unit else None
                ),
                "cells": [cell_dict(c) for c in sorted(row.cells, key=lambda c: c.col)],
            }
            for row in table.rows
        ],
    }


def document_dict(doc: Document) -> dict:
    d = {
        "path": doc.path,
        "sha256": doc.sha256,
        "pages": doc.page_count,
        "kinds": [p.source for p in doc.pages],
    }
    for key in ("issuer", "province", "date", "period"):
        if getattr(doc, key):
            d[key] = getattr(doc, key)
    return d


def claim_dict(claim: Claim) -> dict:
    return {
        "text": claim.text,
        "sentence": claim.sentence,
        "page": claim.page,
        "bbox": _bbox(claim.bbox),
        "rate": _number(claim.rate),
        "numerator": _number(claim.numerator),
        "denominator": _number(claim.denominator),
    }


def report_dict(report: Report) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "document": document_dict(report.document),
        "tables": [table_dict(t) for t in report.tables],
        "claims": [claim_dict(c) for c in report.claims],
    }


def write(report: Report, outdir: Path) -> Path:
    data = report_dict(report)
    return write_text(Path(outdir) / "tables.json", jsonfmt.dumps(data) + "\n")


# --------------------------------------------------------------------------- reading back

def _cell(d: dict, row: int) -> Cell:
    """A cell of tables.json; ``row``: its body row's index (header cells say their own)."""
    header_row = d.get("row")
    return Cell(row=row if header_row is None else header_row - COUNT_FROM, col=d["col"] - COUNT_FROM,
                text=d["text"], raw_text=d.get("raw_text", d["text"]),
                bbox=tuple(d["bbox"]), page=d["page"], row_span=d.get("row_span", 1),
                col_span=d.get("col_span", 1), source=d.get("source", "text-layer"),
                confidence=d.get("confidence", 1.0), value=d.get("value"))


def _table(d: dict) -> Table:
    rows = []
    for i, r in enumerate(d["rows"]):
        unit = r.get("unit")
        rows.append(Row(cells=[_cell(c, i) for c in r["cells"]], is_total=r.get("is_total", False),
                        unit=UnitMatch(unit["id"], unit["name"], unit["score"]) if unit else None))
    return Table(id=d["id"], caption=d.get("caption"), pages=list(d.get("pages", [])),
                 column_paths=[split_path(c) for c in d["columns"]], rows=rows,
                 header=[_cell(c, 0) for c in d.get("header", [])], kind=d.get("kind", "inferred"),
                 regions=[PageBox(r["page"], tuple(r["bbox"])) for r in d.get("regions", [])])


def check_version(data: dict, path: Path) -> None:
    """A file of another schema version counts its rows otherwise: refused, not misread."""
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise UsageError(f"{path}: schema version {version or 'unknown'}, not {SCHEMA_VERSION} "
                         f"(written by another version): run dvc-extract on the report again")


def read(path: Path) -> Report:
    """A tables.json back into a report: its document (pages and their sources, no words),
    its tables as written (cells' text, value and provenance) and its claims. Column types,
    names and kinds are the typed stage's to set again."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    check_version(data, path)
    doc = data["document"]
    pages = [Page(number=i + 1, width=0.0, height=0.0, source=kind) for i, kind in enumerate(doc.get("kinds", []))]
    document = Document(path=doc["path"], sha256=doc.get("sha256", ""), pages=pages, issuer=doc.get("issuer"),
                        date=doc.get("date"), period=doc.get("period"))
    claims = [Claim(text=c["text"], sentence=c.get("sentence", c["text"]), page=c["page"], bbox=tuple(c["bbox"]),
                    rate=c.get("rate"), numerator=c.get("numerator"), denominator=c.get("denominator"))
              for c in data.get("claims", [])]
    return Report(document=document, tables=[_table(t) for t in data.get("tables", [])], claims=claims)
