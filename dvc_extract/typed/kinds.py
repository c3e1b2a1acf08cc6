"""Table kinds, read from ``dvc_extract/data/kinds.json``: header patterns, canonical
columns with their types, and the relations between columns."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..resources import data_path

INFERRED = "inferred"
COLUMN_TYPES = ("numbering", "label", "count", "rate", "score", "value", "text")


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    type: str
    patterns: tuple[str, ...]
    series: Optional[str] = None  # 'period' | 'year': one column per period under a group header


@dataclass(frozen=True)
class Kind:
    id: str
    title: str
    rows: str  # 'unit' | 'indicator'
    columns: tuple[ColumnSpec, ...]
    required: tuple[str, ...]
    relations: tuple[dict, ...]

    def spec(self, name: str) -> ColumnSpec:
        return next(c for c in self.columns if c.name == name)


@lru_cache(maxsize=None)
def kinds() -> tuple[Kind, ...]:
    data = json.loads(data_path("kinds.json").read_text(encoding="utf-8"))
    out = []
    for k in data["kinds"]:
        cols = tuple(ColumnSpec(c["name"], c["type"], tuple(c["patterns"]), c.get("series")) for c in k["columns"])
        assert all(c.type in COLUMN_TYPES for c in cols), k["id"]
        out.append(Kind(k["id"], k["title"], k["rows"], cols, tuple(k["required"]), tuple(k["relations"])))
    return tuple(out)


def get(kind_id: str) -> Optional[Kind]:
    return next((k for k in kinds() if k.id == kind_id), None)
