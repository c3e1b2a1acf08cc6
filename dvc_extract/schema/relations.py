"""A kind's relations resolved to one table's column (and row) indices, for the verifier.

    rate            {"type": "rate", "rate": j, "numerator": [j...], "denominator": j, "scale": 100}
    sum             {"type": "sum", "total": j, "parts": [j...]}
    total_row       {"type": "total_row", "row": i, "over_rows": [i...], "columns": [j...]}
    indicator_rate  {"type": "indicator_rate", "row": i, "numerator_row": i, "denominator_row": i,
                     "columns": [j...], "scale": 100}
A relation is given only when every column it names is in the table.
"""
from __future__ import annotations

from collections import defaultdict

from ..model import Table
from ..numbering import decimal_numbering
from .headers import fold_level
from .kinds import get


def _columns_by_name(table: Table) -> dict[str, list[int]]:
    by = defaultdict(list)
    for j, name in enumerate(table.column_names):
        by[name.split("[")[0]].append(j)
    return by


def relations(table: Table) -> list[dict]:
    kind = get(table.kind)
    if kind is None:
        return []
    cols = _columns_by_name(table)
    one = {n: js[0] for n, js in cols.items() if len(js) == 1}
    out = []
    for rel in kind.relations:
        t = rel["type"]
        if t == "rate" and all(n in one for n in [rel["rate"], rel["denominator"], *rel["numerator"]]):
            out.append({"type": "rate", "rate": one[rel["rate"]], "numerator": [one[n] for n in rel["numerator"]],
                        "denominator": one[rel["denominator"]], "scale": rel["scale"]})
        elif t == "sum" and all(n in one for n in [rel["total"], *rel["parts"]]):
            out.append({"type": "sum", "total": one[rel["total"]], "parts": [one[n] for n in rel["parts"]]})
        elif t == "total_row":
            js = [j for n in rel["columns"] for j in cols.get(n, [])]
            totals = [i for i, r in enumerate(table.rows) if r.is_total]
            for i in totals:
                # the unit rows since the previous total row
                start = max([k + 1 for k in totals if k < i], default=0)
                over = [k for k in range(start, i) if not table.rows[k].is_total]
                if js and over:
                    out.append({"type": "total_row", "row": i, "over_rows": over, "columns": sorted(js)})
        elif t == "indicator_rate":
            out.extend(_indicator_rates(table, rel, cols))
    return out


def _indicator_rates(table: Table, rel: dict, cols: dict[str, list[int]]) -> list[dict]:
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
        num = by_number.get(f"{number}.{rel['numerator_child']}")
        den = by_number.get(f"{number}.{rel['denominator_child']}")
        if num is not None and den is not None and labels.get(i, "").startswith(rel["rate_label"]):
            out.append({"type": "indicator_rate", "row": i, "numerator_row": num, "denominator_row": den,
                        "columns": values, "scale": rel["scale"]})
    return out
