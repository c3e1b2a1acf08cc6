"""Table kinds, read from ``dvc_extract/data/kinds.json``: header patterns, canonical
columns with their types, and the relations between columns."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Union

from ..model import ColumnType
from ..resources import data_path

INFERRED = "inferred"


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    type: ColumnType
    patterns: tuple[str, ...]
    series: Optional[str] = None  # 'period' | 'year': one column per period under a group header


# The relations a kind states between its columns, by canonical column name.

@dataclass(frozen=True)
class RateSpec:
    """rate = Σ numerator / denominator × scale, on every row."""
    rate: str
    numerator: tuple[str, ...]
    denominator: str
    scale: float


@dataclass(frozen=True)
class SumSpec:
    """total = Σ parts, on every row."""
    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class TotalRowSpec:
    """In these columns, a total row is the sum of the rows above it."""
    columns: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorRateSpec:
    """An indicator whose label starts with ``rate_label`` ("ty le", folded) is its child
    rows ``numerator_child`` / ``denominator_child`` × scale ("5.1" = "5.1.2" / "5.1.1")."""
    rate_label: str
    numerator_child: int
    denominator_child: int
    scale: float


RelationSpec = Union[RateSpec, SumSpec, TotalRowSpec, IndicatorRateSpec]


@dataclass(frozen=True)
class Kind:
    id: str
    title: str
    rows: str  # 'unit' | 'indicator'
    columns: tuple[ColumnSpec, ...]
    required: tuple[str, ...]
    relations: tuple[RelationSpec, ...]

    def spec(self, name: str) -> ColumnSpec:
        return next(c for c in self.columns if c.name == name)


@lru_cache(maxsize=None)
def kinds() -> tuple[Kind, ...]:
    data = json.loads(data_path("kinds.json").read_text(encoding="utf-8"))
    out = []
    for k in data["kinds"]:
        cols = tuple(ColumnSpec(c["name"], ColumnType(c["type"]), tuple(c["patterns"]), c.get("series"))
                     for c in k["columns"])
        out.append(Kind(k["id"], k["title"], k["rows"], cols, tuple(k["required"]),
                        tuple(_relation(r) for r in k["relations"])))
    return tuple(out)


def _relation(d: dict) -> RelationSpec:
    if d["type"] == "rate":
        return RateSpec(d["rate"], tuple(d["numerator"]), d["denominator"], d["scale"])
    if d["type"] == "sum":
        return SumSpec(d["total"], tuple(d["parts"]))
    if d["type"] == "total_row":
        return TotalRowSpec(tuple(d["columns"]))
    if d["type"] == "indicator_rate":
        return IndicatorRateSpec(d["rate_label"], d["numerator_child"], d["denominator_child"], d["scale"])
    raise ValueError(f"unknown relation type {d['type']!r}")


def get(kind_id: str) -> Optional[Kind]:
    return next((k for k in kinds() if k.id == kind_id), None)
