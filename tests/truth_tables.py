"""The born-digital corpus truth as model Tables (no extraction involved), for
tests of the stages after structure: units, kinds, relations."""
from __future__ import annotations

import json
from pathlib import Path

from dvc_extract.model import Cell, Row, Table, split_path

DIGITAL = Path(__file__).resolve().parent.parent / "corpora" / "digital"


def truth_tables(stem: str) -> list[Table]:
    data = json.loads((DIGITAL / f"{stem}.truth.json").read_text(encoding="utf-8"))
    tables = []
    for k, t in enumerate(data["tables"]):
        rows = [Row(cells=[Cell(row=i, col=c["col"], text=c["text"], raw_text=c["text"], bbox=(0, 0, 0, 0),
                                page=t["pages"][0], value=c.get("value"), col_span=c.get("col_span", 1))
                           for c in r["cells"]]) for i, r in enumerate(t["rows"])]
        tables.append(Table(id=f"{stem}-t{k + 1}", caption=t["caption"], pages=t["pages"],
                            column_paths=[split_path(c) for c in t["columns"]], rows=rows))
    return tables
