"""JSON laid out for people and diffs: containers indented, each flat record on one line.

A cell, a unit, a piece of evidence (a dict of scalars and scalar lists) sits on
one line, so a 600-cell table reads as 600 lines rather than 12,000.
"""
from __future__ import annotations

import json


def _flat(obj) -> bool:
    scalars = (str, int, float, bool, type(None))
    if isinstance(obj, dict):
        return all(isinstance(v, scalars) or (isinstance(v, list) and all(isinstance(x, scalars) for x in v))
                   for v in obj.values())
    if isinstance(obj, list):
        return all(isinstance(x, scalars) for x in obj)
    return True


def dumps(obj, indent: int = 1, _level: int = 0) -> str:
    if _flat(obj):
        return json.dumps(obj, ensure_ascii=False)
    pad, inner = " " * (indent * _level), " " * (indent * (_level + 1))
    if isinstance(obj, dict):
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {dumps(v, indent, _level + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    items = [inner + dumps(v, indent, _level + 1) for v in obj]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"
