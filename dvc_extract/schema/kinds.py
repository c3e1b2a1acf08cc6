"""Table kinds, read from ``schemas/kinds.json``: header patterns, canonical
columns with their types, and the relations between columns."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..model import ColumnType

KINDS_FILE = Path(__file__).resolve().parents[2] / "schemas" / "kinds.json"
INFERRED = "inferred"


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    type: ColumnType
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
    data = json.loads(KINDS_FILE.read_text(encoding="utf-8"))
    out = []
    for k in data["kinds"]:
        cols = tuple(ColumnSpec(c["name"], ColumnType(c["type"]), tuple(c["patterns"]), c.get("series"))
                     for c in k["columns"])
        out.append(Kind(k["id"], k["title"], k["rows"], cols, tuple(k["required"]), tuple(k["relations"])))
    return tuple(out)


def get(kind_id: str) -> Optional[Kind]:
    return next((k for k in kinds() if k.id == kind_id), None)
