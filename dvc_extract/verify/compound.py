"""A column of one table that is a sum (or a difference) of columns of another, for the same unit.

Reports print a unit's figures in several tables, not always as one quantity: Bảng 2 splits
the dossiers received online into "Một phần" and "Toàn trình", Bảng 4 prints their sum as
"Số hồ sơ phát sinh trực tuyến"; another report prints the total and the dossiers received at
the desk in one table, the online ones in another (online = total − desk). Such a relation is
found in the numbers, as discover.py finds the sums inside one table: rows are paired across
two tables as crosstable.py pairs them (the matched unit, else the folded label), and each
candidate X.c = Y.a + Y.b (+ …), or X.c = Y.a − Y.b (− …), is tried on every unit both print.
The candidates are few by construction:

- counts only, of 2 … ``relation_max_parts`` columns of Y, and the column and its parts name
  the same periods (captions and headers: "tháng 11", "lũy kế", a date "02/3");
- no column printed in both tables as it is (a twin, crosstable.py's) is summed or a part: it
  is one quantity printed twice, and a relation through it is a relation inside one table; nor
  do the columns make a column of Y (that column again, not a breakdown);
- every column adds something on some unit the relation holds on, and a unit supports it only
  where two parts of the sum or more are not zero: a sum with one part is a figure printed
  twice, and zeros agree with anything;
- a candidate that misses, on every unit that breaks it, what one other column of the two
  tables prints there is short of a part ("Qua BCCI", zero on most units), not misprinted.

A candidate is a relation when it holds on ``relation_min_support`` units or more and on
``relation_min_share`` of those where it can be tried; of a column's candidates against one
table, the best supported (then the fewest columns) is kept. Each unit that breaks it is
reported on X.c, with evidence on the cell and on the other table's cells and the support in
the finding (which of the two tables misprints is not for the numbers to say); a cell two
relations check is judged once. On the seeds' and the real documents' tables (every pair of
tables that print three units or more in common: 434,626 candidates in seed 000, none
elsewhere) only the two true relations hold; with the other table's rows shuffled, none does.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Iterator, Optional

import numpy as np

from ..model import ColumnType, Finding, Report, Table
from ..number import format_en, format_vi
from ..settings import Settings
from .crosstable import AGREEMENT, MIN_AGREEING, _cell, _columns, _indicator_table, _row_keys, _valued_cells
from .relations import _finding, _label, _name
from .tally import DISCARD, Tally

RULE = "cross-table-sum"
_TOLERANCE = 0.5  # counts are whole numbers


@dataclass(frozen=True)
class Compound:
    """X.total = Σ Y.parts − Σ Y.minus on the units both tables print: ``rows`` pairs their row
    indices. A difference X.c = Y.a − Y.b is the sum Y.a = X.c + Y.b."""
    table: int            # X, index in the tables compared
    total: int
    other: int            # Y
    parts: tuple[int, ...]
    minus: tuple[int, ...]
    rows: tuple[tuple[int, int], ...]
    support: int
    tried: int


def _grid(table: Table, rows: list[int], cols: list[int]) -> np.ndarray:
    valued = _valued_cells(table)
    return np.array([[valued[(r, j)].value if (r, j) in valued else np.nan for j in cols] for r in rows],
                     dtype=float).reshape(len(rows), len(cols))


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Two columns of values (units × …) that print one quantity, as crosstable.py pairs them:
    equal on most units where either prints a figure that is not zero."""
    both = ~np.isnan(a) & ~np.isnan(b) & ((a != 0) | (b != 0))
    agree = (both & (np.abs(a - b) < _TOLERANCE)).sum()
    return agree >= MIN_AGREEING and agree >= AGREEMENT * both.sum()


@dataclass(frozen=True)
class _Shape:
    """Candidates of one shape: ``cols`` (candidates × n) of Y, the first ``plus`` of each added,
    the others subtracted; their values per unit, which of their cells are not zero, how many
    of the parts of their sum are (a sum's own parts; for Y.a = X.c + Y.b + …, the subtracted
    columns, X.c to be added), and where every cell prints a figure."""
    cols: np.ndarray
    plus: int
    values: np.ndarray   # units × candidates
    nonzero: np.ndarray  # units × candidates × n
    parts: np.ndarray    # units × candidates
    known: np.ndarray    # units × candidates

    def few(self, t: np.ndarray) -> np.ndarray:
        """Where a candidate has fewer than two parts that are not zero (units × candidates):
        such a unit agrees with it whatever it is, and tells nothing."""
        if self.plus == self.cols.shape[1]:
            return self.parts < 2
        return self.parts + (np.nan_to_num(t) != 0) < 2


@lru_cache(maxsize=None)
def _combinations(m: int, n: int) -> np.ndarray:
    return np.array(list(combinations(range(m), n)))


def _shapes(Y: np.ndarray, eligible: list[int], settings: Settings) -> list[_Shape]:
    """Every sum of 2 … ``relation_max_parts`` eligible columns of Y, and every difference of
    one of them and 1 … ``relation_max_parts`` − 1 others."""
    out = []
    for n in range(2, min(settings.relation_max_parts, len(eligible)) + 1):
        combos = np.array(eligible)[_combinations(len(eligible), n)]
        # a difference: each column of a combination in turn the one the others are taken from
        rolled = np.concatenate([np.roll(combos, -k, axis=1) for k in range(n)])
        for cols, plus in ((combos, n), (rolled, 1)):
            cells = Y[:, cols]  # units × candidates × n
            values = cells[:, :, :plus].sum(axis=2) - cells[:, :, plus:].sum(axis=2)
            nonzero = ~np.isnan(cells) & (cells != 0)
            parts = nonzero.sum(axis=2) if plus == n else nonzero[:, :, plus:].sum(axis=2)
            out.append(_Shape(cols, plus, values, nonzero, parts, ~np.isnan(values)))
    return out


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
    # a column printed in both tables as it is (crosstable.py's twins) is one quantity, not a
    # relation between the two: it is neither summed nor a part
    twins = {(cx, cy) for cx in range(len(xs)) for cy in range(len(ys)) if _same(X[:, cx], Y[:, cy])}
    single = [cy for cy in range(len(ys)) if all((cx, cy) not in twins for cx in range(len(xs)))]
    shapes_of: dict[frozenset, list[_Shape]] = {}  # per period: every candidate of Y, computed once
    for cx, jx in enumerate(xs):
        if any((cx, cy) in twins for cy in range(len(ys))):
            continue
        scope = columns[ix][jx].scope
        if scope not in shapes_of:
            shapes_of[scope] = _shapes(Y, [cy for cy in single if columns[iy][ys[cy]].scope == scope], settings)
        t = X[:, cx]
        best = _best(t, shapes_of[scope], Y, np.delete(X, cx, axis=1), settings)
        if best:
            support, _, plus, minus, tried = best
            yield Compound(ix, jx, iy, tuple(ys[c] for c in plus), tuple(ys[c] for c in minus), rows, support, tried)


def _best(t: np.ndarray, shapes: list[_Shape], Y: np.ndarray, rest: np.ndarray, settings: Settings
          ) -> Optional[tuple]:
    """The best supported candidate that is a relation for the column ``t`` (``rest``: the other
    columns of its table), as (support, −its size, the columns added, those subtracted, units
    tried); None when none is."""
    best = None
    for shape in shapes:
        equal = shape.known & (np.abs(t[:, None] - shape.values) < _TOLERANCE)
        few = shape.few(t[:, None])
        holds = equal & ~few
        for k in np.nonzero(holds.sum(axis=0) >= settings.relation_min_support)[0]:
            tried = ~np.isnan(t) & shape.known[:, k] & ~(equal[:, k] & few[:, k])
            support = int(holds[:, k].sum())
            if support < settings.relation_min_share * tried.sum():
                continue
            cols = shape.cols[k]
            if not (shape.nonzero[:, k] & holds[:, k, None]).any(axis=0).all():
                continue  # a column that adds nothing wherever the relation holds is no part of it
            if any(_same(shape.values[:, k], Y[:, cy]) for cy in range(Y.shape[1]) if cy not in cols):
                continue  # the columns make a column of Y: that column, printed once more
            others = np.concatenate([rest, np.delete(Y, cols, axis=1)], axis=1)
            if _missing_part(t, shape.values[:, k], tried, others):
                continue
            candidate = (support, -len(cols), tuple(cols[:shape.plus]), tuple(cols[shape.plus:]), int(tried.sum()))
            best = max(best, candidate) if best else candidate
    return best


def _missing_part(t: np.ndarray, values: np.ndarray, tried: np.ndarray, others: np.ndarray) -> bool:
    """Whether the candidate with one more column of the two tables, added or taken away, holds
    on every unit it was tried on, those it breaks included: it is short of that part (a "Qua
    BCCI" zero on most units), and what it breaks is no misprint."""
    miss = (t - values)[tried]
    if not (np.abs(miss) >= _TOLERANCE).any():
        return False
    z = others[tried]
    return bool(((np.abs(miss[:, None] - z) < _TOLERANCE).all(axis=0) |
                 (np.abs(miss[:, None] + z) < _TOLERANCE).all(axis=0)).any())


def compound_relations(tables: list[Table], settings: Settings) -> list[Compound]:
    """Every relation X.c = Σ Y.parts − Σ Y.minus the numbers of two tables show, over every
    ordered pair of tables."""
    keys = [_row_keys(t) for t in tables]
    columns = [_columns(t) for t in tables]
    return [rel for ix in range(len(tables)) for iy in range(len(tables)) if ix != iy
            for rel in _pair(tables, ix, iy, keys, columns, settings)]


def cross_table_sums(report: Report, settings: Settings, tally: Tally = DISCARD) -> list[Finding]:
    tables = [t for t in report.tables if t.column_types and not _indicator_table(t)]
    findings = []
    judged: set[tuple[int, int, int]] = set()
    for rel in compound_relations(tables, settings):
        x, y = tables[rel.table], tables[rel.other]
        for rx, ry in rel.rows:
            stated = _cell(x, rx, rel.total)
            parts, minus = [_cell(y, ry, j) for j in rel.parts], [_cell(y, ry, j) for j in rel.minus]
            if stated is None or any(p is None for p in parts + minus) or (rel.table, rx, rel.total) in judged:
                continue  # a cell two relations check (a sum in one table, a difference in another) is judged once
            judged.add((rel.table, rx, rel.total))
            tally.add(x.id, RULE)
            recomputed = sum(p.value for p in parts) - sum(p.value for p in minus)
            if abs(stated.value - recomputed) < _TOLERANCE:
                continue
            findings.append(_broken(x, rx, y, rel, stated, parts, minus, recomputed))
    return findings


def _broken(x: Table, rx: int, y: Table, rel: Compound, stated, parts, minus, recomputed: float) -> Finding:
    label, col = _label(x, rx), _name(x, rel.total)
    terms = [("+", j, c) for j, c in zip(rel.parts, parts)] + [("−", j, c) for j, c in zip(rel.minus, minus)]
    names = "".join(f"{f' {s} ' if k else ''}“{_name(y, j)}”" for k, (s, j, _) in enumerate(terms))
    vi = "".join(f"{f' {s} ' if k else ''}{format_vi(c.value)}" for k, (s, _, c) in enumerate(terms))
    en = "".join(f"{f' {s} ' if k else ''}{format_en(c.value)}" for k, (s, _, c) in enumerate(terms))
    f = _finding(
        x, rx, stated, parts + minus, recomputed, "inconsistent", RULE,
        f"Bảng {x.id}, dòng “{label}”, cột “{col}” ghi {format_vi(stated.value)}, nhưng ở bảng {y.id} "
        f"cùng đơn vị có {names} = {vi} = {format_vi(recomputed)}. (Quan hệ tìm thấy từ số liệu: "
        f"đúng ở {rel.support}/{rel.tried} đơn vị.)",
        f"Table {x.id}, row “{label}”, column “{col}” states {format_en(stated.value)}, but table {y.id} "
        f"gives the same unit {names} = {en} = {format_en(recomputed)}. (Relation found in the "
        f"numbers: holds in {rel.support} of {rel.tried} units.)",
    )
    f.established_by, f.support, f.tried = "discovered cross-table sum", rel.support, rel.tried
    return f
