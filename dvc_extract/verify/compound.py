"""A column of one table that is the sum of columns of another, for the same unit.

Reports print a unit's figures in several tables, not always as one quantity: Bảng 2 splits
the dossiers received online into "Một phần" and "Toàn trình", Bảng 4 prints their sum as
"Số hồ sơ phát sinh trực tuyến". Such a relation is found in the numbers, as discover.py finds
the sums inside one table: rows are paired across two tables as crosstable.py pairs them (the
matched unit, else the folded label), and a candidate X.c = Y.a + Y.b (+ …) is tried on every
unit both print. The candidates are few by construction:

- counts only, and the column and its parts name the same periods (captions and headers);
- X.c has no twin in Y: a column of Y that prints the same values is one quantity printed
  twice (crosstable.py), and a sum of Y's columns that is itself a column of Y is that
  column again, not a breakdown;
- every part adds something on some unit the relation holds on, and a unit supports it only
  where two parts or more are not zero: a sum with one part is a figure printed twice, and
  zeros agree with anything.

A candidate is a relation when it holds on ``relation_min_support`` units or more and on
``relation_min_share`` of those where it can be tried; of a column's candidates against one
table, the best supported (then the fewest parts) is kept. Each unit that breaks it is
reported on X.c, with evidence on the cell and on its parts in the other table and the
support in the finding: which of the two tables misprints is not for the numbers to say.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Iterator

import numpy as np

from ..model import ColumnType, Finding, Report, Table
from ..number import format_en, format_vi
from ..settings import Settings
from .crosstable import _cell, _columns, _indicator_table, _row_keys, _valued_cells
from .relations import _finding, _label, _name
from .tally import DISCARD, Tally

RULE = "cross-table-sum"
_TOLERANCE = 0.5  # counts are whole numbers


@dataclass(frozen=True)
class Compound:
    """X.total = Σ Y.parts on the units both tables print: ``rows`` pairs their row indices."""
    table: int            # X, index in the tables compared
    total: int
    other: int            # Y
    parts: tuple[int, ...]
    rows: tuple[tuple[int, int], ...]
    support: int
    tried: int


def _grid(table: Table, rows: list[int], cols: list[int]) -> np.ndarray:
    valued = _valued_cells(table)
    return np.array([[valued[(r, j)].value if (r, j) in valued else np.nan for j in cols] for r in rows],
                     dtype=float).reshape(len(rows), len(cols))


def _same(a: np.ndarray, b: np.ndarray, settings: Settings) -> bool:
    """Two columns of values (units × …) that print one quantity: equal on most units where
    both print a figure that is not zero."""
    both = ~np.isnan(a) & ~np.isnan(b) & ((a != 0) | (b != 0))
    agree = both & (np.abs(a - b) < _TOLERANCE)
    return agree.sum() >= settings.relation_min_support and agree.sum() >= settings.relation_min_share * both.sum()


def _pair(tables: list[Table], ix: int, iy: int, keys: list[dict], columns: list, settings: Settings
          ) -> Iterator[Compound]:
    x_table, y_table = tables[ix], tables[iy]
    shared = sorted(set(keys[ix]) & set(keys[iy]))
    if len(shared) < settings.relation_min_support:
        return
    rows = tuple((keys[ix][k], keys[iy][k]) for k in shared)
    xs = [j for j, t in enumerate(x_table.column_types) if t == ColumnType.COUNT]
    ys = [j for j, t in enumerate(y_table.column_types) if t == ColumnType.COUNT]
    if not xs or len(ys) < 2:
        return
    X = _grid(x_table, [a for a, _ in rows], xs)
    Y = _grid(y_table, [b for _, b in rows], ys)
    for cx, jx in enumerate(xs):
        t = X[:, cx][:, None]
        if any(_same(X[:, cx], Y[:, cy], settings) for cy in range(len(ys))):
            continue  # printed in Y as it is: a twin, crosstable.py's
        scope = columns[ix][jx].scope
        eligible = [cy for cy, jy in enumerate(ys) if columns[iy][jy].scope == scope]
        best = None
        for n in range(2, min(settings.relation_max_parts, len(eligible)) + 1):
            combos = np.array(list(combinations(eligible, n)))
            parts = Y[:, combos]  # units × candidates × parts
            sums = parts.sum(axis=2)
            nonzero = np.nan_to_num(parts) != 0
            equal = ~np.isnan(t) & ~np.isnan(sums) & (np.abs(t - sums) < _TOLERANCE)
            # a unit whose figure is one part, or zero, agrees with any sum and tells nothing
            tried = ~np.isnan(t) & ~np.isnan(sums) & ~(equal & (nonzero.sum(axis=2) < 2))
            holds = tried & equal
            support, tries = holds.sum(axis=0), tried.sum(axis=0)
            used = (nonzero & holds[:, :, None]).any(axis=0).all(axis=1)
            ok = used & (support >= settings.relation_min_support) & (support >= settings.relation_min_share * tries)
            for k in np.nonzero(ok)[0]:
                if any(_same(sums[:, k], Y[:, cy], settings) for cy in range(len(ys)) if cy not in combos[k]):
                    continue  # the parts add up to a column of Y: that column, printed once more
                candidate = (int(support[k]), -n, tuple(ys[cy] for cy in combos[k]), int(tries[k]))
                best = max(best, candidate) if best else candidate
        if best:
            support, _, parts, tries = best
            yield Compound(ix, jx, iy, parts, rows, support, tries)


def compound_relations(tables: list[Table], settings: Settings) -> list[Compound]:
    """Every relation X.c = Σ Y.parts the numbers of two tables show, over every ordered pair."""
    keys = [_row_keys(t) for t in tables]
    columns = [_columns(t) for t in tables]
    return [rel for ix in range(len(tables)) for iy in range(len(tables)) if ix != iy
            for rel in _pair(tables, ix, iy, keys, columns, settings)]


def cross_table_sums(report: Report, settings: Settings, tally: Tally = DISCARD) -> list[Finding]:
    tables = [t for t in report.tables if t.column_types and not _indicator_table(t)]
    findings = []
    for rel in compound_relations(tables, settings):
        x, y = tables[rel.table], tables[rel.other]
        for rx, ry in rel.rows:
            stated = _cell(x, rx, rel.total)
            parts = [_cell(y, ry, j) for j in rel.parts]
            if stated is None or any(p is None for p in parts):
                continue
            tally.add(x.id, RULE)
            recomputed = sum(p.value for p in parts)
            if abs(stated.value - recomputed) < _TOLERANCE:
                continue
            findings.append(_broken(x, rx, y, ry, rel, stated, parts, recomputed))
    return findings


def _broken(x: Table, rx: int, y: Table, ry: int, rel: Compound, stated, parts, recomputed: float) -> Finding:
    label, col = _label(x, rx), _name(x, rel.total)
    names = " + ".join(f"“{_name(y, j)}”" for j in rel.parts)
    vi_parts = " + ".join(format_vi(p.value) for p in parts)
    en_parts = " + ".join(format_en(p.value) for p in parts)
    f = _finding(
        x, rx, stated, parts, recomputed, "inconsistent", RULE,
        f"Bảng {x.id}, dòng “{label}”, cột “{col}” ghi {format_vi(stated.value)}, nhưng ở bảng {y.id} "
        f"cùng đơn vị có {names} = {vi_parts} = {format_vi(recomputed)}. (Quan hệ tìm thấy từ số liệu: "
        f"đúng ở {rel.support}/{rel.tried} đơn vị.)",
        f"Table {x.id}, row “{label}”, column “{col}” states {format_en(stated.value)}, but table {y.id} "
        f"gives the same unit {names} = {en_parts} = {format_en(recomputed)}. (Relation found in the "
        f"numbers: holds in {rel.support} of {rel.tried} units.)",
    )
    f.established_by, f.support, f.tried = "discovered cross-table sum", rel.support, rel.tried
    return f
