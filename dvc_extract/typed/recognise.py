"""Which known kind a table is, from its column paths alone.

Each column spec of a kind is matched to the table column it resembles most
(greedy, best pairs first, one column per spec); a series spec takes every
remaining column whose leaf is a period under a matching group header. A kind
applies when all its required columns are found; its score is the mean match
score times the share of the table's columns it explains, so a kind that
leaves columns unexplained loses to one that explains them all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..model import ColumnPath
from . import headers
from .kinds import ColumnSpec, Kind, kinds

COLUMN_MIN = 78.0  # a column resembles a spec at least this much
KIND_MIN = 70.0    # a kind applies from this score


@dataclass(frozen=True)
class Recognition:
    kind: Kind
    score: float
    columns: dict[int, tuple[ColumnSpec, Optional[str]]]  # table column -> (spec, period)


def _spec_score(spec: ColumnSpec, lv: list[str]) -> float:
    if not lv:
        return 0.0
    best = 0.0
    for pattern in spec.patterns:
        parts = pattern.split(" / ")
        if len(parts) > 1:
            if len(lv) >= len(parts):
                best = max(best, headers.similarity(pattern, " / ".join(lv[-len(parts):])))
        else:
            best = max(best, headers.similarity(pattern, lv[-1]), headers.similarity(pattern, " ".join(lv)))
    return best


def _series_score(spec: ColumnSpec, path: ColumnPath) -> tuple[float, Optional[str]]:
    when = headers.period(path[-1] if path else "", spec.series or "period")
    if when is None:
        return 0.0, None
    group = " ".join(headers.levels(path[:-1]))
    if "*" in spec.patterns:
        return 100.0, when
    return (max((headers.similarity(p, group) for p in spec.patterns), default=0.0) if group else 0.0), when


def _missing_years(spec: ColumnSpec, columns: list[ColumnPath],
                   taken: dict[int, tuple[ColumnSpec, Optional[str]]]) -> list[tuple[int, str]]:
    """Columns of a year series whose header OCR mangled ("Năm 2022" read "202"): between
    the series' years y - 1 and y + 1, under the same group, the leaf's digits a part of y."""
    out = []
    for j in range(1, len(columns) - 1):
        left, right = taken.get(j - 1), taken.get(j + 1)
        if j in taken or not left or not right or left[0] is not spec or right[0] is not spec:
            continue
        if columns[j][:-1] != columns[j - 1][:-1] or not (left[1] or "").isdigit() or not (right[1] or "").isdigit():
            continue
        year = int(left[1]) + 1
        digits = re.sub(r"\D", "", columns[j][-1] if columns[j] else "")
        if int(right[1]) == year + 1 and len(digits) >= 2 and _within(digits, str(year)):
            out.append((j, str(year)))
    return out


def _within(part: str, whole: str) -> bool:
    """Whether ``part``'s characters occur in ``whole`` in order."""
    rest = iter(whole)
    return all(ch in rest for ch in part)


def fit(kind: Kind, columns: list[ColumnPath], label_col: Optional[int] = None) -> Optional[Recognition]:
    """``label_col``: the column the cells show to be the row labels, used when
    no header names it (an OCR-mangled "TÊN ĐƠN VỊ")."""
    lv = [headers.levels(c) for c in columns]
    taken: dict[int, tuple[ColumnSpec, Optional[str]]] = {}
    scores: list[float] = []
    singles = [s for s in kind.columns if not s.series]
    # Best pairs first; on a tie (two columns both "Tỷ lệ (%)") the later spec takes the later
    # column, so specs listed in print order fill columns in print order.
    pairs = sorted(((_spec_score(s, lv[j]), k, j) for k, s in enumerate(singles) for j in range(len(columns))),
                   reverse=True)
    done: set[int] = set()
    for score, k, j in pairs:
        if score < COLUMN_MIN or k in done or j in taken:
            continue
        taken[j] = (singles[k], None)
        done.add(k)
        scores.append(score)
    for spec in (s for s in kind.columns if s.series):
        for j, path in enumerate(columns):
            if j in taken:
                continue
            score, when = _series_score(spec, path)
            if score >= COLUMN_MIN:
                taken[j] = (spec, when)
                scores.append(score)
        for j, year in _missing_years(spec, columns, taken):
            taken[j] = (spec, year)
            scores.append(COLUMN_MIN)
    label = next((k for k, s in enumerate(singles) if s.type == "label"), None)
    if label is not None and label not in done and label_col is not None and label_col not in taken:
        taken[label_col] = (singles[label], None)
        scores.append(COLUMN_MIN)
    found = {spec.name for spec, _ in taken.values()}
    if not set(kind.required) <= found or not columns:
        return None
    # Columns with no header words (numbering "STT" as OCR mangles it, blanks) do not count against a kind.
    counted = [j for j in range(len(columns)) if j in taken or len(" ".join(lv[j]).replace(" ", "")) > 3]
    score = sum(scores) / len(scores) * sum(j in taken for j in counted) / max(1, len(counted))
    return Recognition(kind, round(score, 2), taken)


def recognise(columns: list[ColumnPath], label_col: Optional[int] = None) -> Optional[Recognition]:
    """The best-fitting known kind, or None (the table is then 'inferred')."""
    fits = [r for r in (fit(k, columns, label_col) for k in kinds()) if r is not None and r.score >= KIND_MIN]
    return max(fits, key=lambda r: r.score, default=None)
