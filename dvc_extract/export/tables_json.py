"""`tables.json`: the document, its tables with cell provenance, and prose claims.

The shape is a contract other tools read (``schemas/tables.schema.json``).
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Optional

from ..labels import row_label
from ..model import Cell, Claim, Document, Report, Table
from . import jsonfmt
from .atomic import write_text

SCHEMA_VERSION = "1.0"


def _number(x: Optional[float]) -> Optional[float]:
    # JSON has no NaN/Infinity; a value that is not a finite number is missing.
    if x is None or not math.isfinite(x):
        return None
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else float(x)


def _bbox(b) -> list[float]:
    return [round(float(v), 2) for v in b]


def cell_dict(cell: Cell, with_row: bool = False) -> dict:
    d = {
        "col": cell.col,
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
        d = {"row": cell.row, **d}
    return d


def table_dict(table: Table) -> dict:
    return {
        "id": table.id,
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
