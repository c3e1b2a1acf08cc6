"""A kind's relations resolved to one table's column (and row) indices, for the verifier.

    RateRelation           rate = Σ numerator / denominator × scale, on every row
    SumRelation            total = Σ parts, on every row
    TotalRowRelation       a total row = Σ the unit rows above it, per column
    IndicatorRateRelation  an indicator's rate row = its numerator row / denominator row × scale

A relation is given only when every column it names is in the table.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Union

from ..model import Table
from ..numbering import decimal_numbering
from .headers import fold_level
from .kinds import IndicatorRateSpec, RateSpec, SumSpec, TotalRowSpec, get


@dataclass(frozen=True)
class RateRelation:
    rate: int
    numerator: tuple[int, ...]
    denominator: int
    scale: float


@dataclass(frozen=True)
class SumRelation:
    total: int
    parts: tuple[int, ...]


@dataclass(frozen=True)
class TotalRowRelation:
    row: int
    over_rows: tuple[int, ...]
    columns: tuple[int, ...]


@dataclass(frozen=True)
class IndicatorRateRelation:
    row: int
    numerator_row: int
    denominator_row: int
    columns: tuple[int, ...]
    scale: float


Relation = Union[RateRelation, SumRelation, TotalRowRelation, IndicatorRateRelation]


def _columns_by_name(table: Table) -> dict[str, list[int]]:
    by = defaultdict(list)
    for j, name in enumerate(table.column_names):
        by[name.split("[")[0]].append(j)
    return by


def relations(table: Table) -> list[Relation]:
    kind = get(table.kind)
    if kind is None:
        return []
    cols = _columns_by_name(table)
    one = {n: js[0] for n, js in cols.items() if len(js) == 1}
    out: list[Relation] = []
    for rel in kind.relations:
        if isinstance(rel, RateSpec) and all(n in one for n in [rel.rate, rel.denominator, *rel.numerator]):
            out.append(RateRelation(one[rel.rate], tuple(one[n] for n in rel.numerator), one[rel.denominator],
                                    rel.scale))
        elif isinstance(rel, SumSpec) and all(n in one for n in [rel.total, *rel.parts]):
            out.append(SumRelation(one[rel.total], tuple(one[n] for n in rel.parts)))
        elif isinstance(rel, TotalRowSpec):
            js = [j for n in rel.columns for j in cols.get(n, [])]
            totals = [i for i, r in enumerate(table.rows) if r.is_total]
            for i in totals:
                # the unit rows since the previous total row
                start = max([k + 1 for k in totals if k < i], default=0)
                over = [k for k in range(start, i) if not table.rows[k].is_total]
                if js and over:
                    out.append(TotalRowRelation(i, tuple(over), tuple(sorted(js))))
        elif isinstance(rel, IndicatorRateSpec):
            out.extend(_indicator_rates(table, rel, cols))
    return out


def _indicator_rates(table: Table, rel: IndicatorRateSpec, cols: dict[str, list[int]]) -> list[IndicatorRateRelation]:
    numbering = cols.get("stt", [])
    label = cols.get("indicator", [])
    values = cols.get("value", [])
    if not numbering or not label or not values:
        return []
    stt, lab = numbering[0], label[0]
    by_number, labels = {}, {}
    for i, row in enumerate(table.rows):
        for c in row.cells:
            if c.col == stt and decimal_numbering(c.text):
                by_number[decimal_numbering(c.text)] = i
            if c.col == lab:
                labels[i] = fold_level(c.text)
    out = []
    for number, i in by_number.items():
        num = by_number.get(f"{number}.{rel.numerator_child}")
        den = by_number.get(f"{number}.{rel.denominator_child}")
        if num is not None and den is not None and labels.get(i, "").startswith(rel.rate_label):
            out.append(IndicatorRateRelation(i, num, den, tuple(values), rel.scale))
    return out
