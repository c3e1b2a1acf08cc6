"""Relations found in a table's own numbers, whatever its headers say.

A report of another year, agency or province words its headers its own way, so the
relations a kind declares (``data/kinds.json``) are priors, not the whole story. Here a
relation is a candidate tried on every row (or every column) it can be tried on:

    column sum     a count column = Σ 2…n other count columns ("Tổng số = Trực tuyến + Trực tiếp",
                   a difference "Còn lại = Tổng − Đã giải quyết" is the sum Tổng = Đã + Còn lại)
    column rate    a rate column = a / b × 100 of two count columns, within its printed rounding
    row sum        a row = Σ a block of rows, per count column: its children by numbering
                   ("1" over "1.1", "1.2"), by code ("Mã số" 100 = 110 + 120 + …, 110 = 111 + 112,
                   270 = 100 + 200), the items under a "Trong đó" row, the rows a total row closes

A candidate is a relation when it holds on at least ``relation_min_support`` rows (or
cells) and on at least ``relation_min_share`` of those where its cells all hold numbers;
rows whose figures are all zero support nothing (0 = 0 + 0 says nothing), nor does a rate of
100% over two equal columns. Then every
row that breaks it is reported, with the support in the finding. A candidate that holds
on a single row is no relation, and a table whose numbers admit no such relation gets
no finding from here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations
from typing import Optional

import numpy as np

from ..codes import CODE, CODE_HEADER, is_code_column
from ..labels import row_label
from ..model import ColumnType, Table
from ..number import adds_nothing, decimals
from ..numbering import numbering_key, outline_level
from ..settings import Settings
from ..typed import RateRelation, Relation, SumRelation, TotalRowRelation
from ..typed.headers import fold_level
from .rounding import rate_verdict

_TOLERANCE = 0.5  # counts are whole numbers
_OF_WHICH = re.compile(r"^\s*trong\s+đó\b", re.IGNORECASE)
_ITEM = re.compile(r"^\s*(?:[-+•–]|[a-zđ]\))\s*")


@dataclass(frozen=True)
class Basis:
    """How a relation was established: a kind's prior, a label, or the numbers (with support:
    on how many of the rows where it could be tried it holds)."""
    how: str
    support: Optional[int] = None
    tried: Optional[int] = None

    def describe(self) -> str:
        if self.support is None:
            return self.how
        return f"{self.how} (holds on {self.support} of {self.tried})"


Grid = list[list[Optional[float]]]


def _grid(table: Table, ncols: int) -> Grid:
    """Each cell's value; 0 where it prints nothing to add ("", "-"); None where it prints text."""
    grid = []
    for row in table.rows:
        values: list[Optional[float]] = [0.0] * ncols
        for c in row.cells:
            if c.col < ncols:
                values[c.col] = c.value if c.value is not None else (0.0 if adds_nothing(c.text) else None)
        grid.append(values)
    return grid


def code_column(table: Table) -> Optional[int]:
    """The column of a financial statement's codes ("Mã số": 100, 110, 111, 421a): headed
    so, or, on a page continuing a statement without its header, shaped so."""
    heads = [fold_level(path[-1]) if path else "" for path in table.column_paths]
    for j, head in enumerate(heads):
        if CODE_HEADER.match(head):
            return j
    for j, head in enumerate(heads):
        if not head and is_code_column([c.text for r in table.rows for c in r.cells if c.col == j]):
            return j
    return None


def _counts(table: Table, exclude: set[int]) -> list[int]:
    return [j for j, t in enumerate(table.column_types) if t == ColumnType.COUNT and j not in exclude]


def _accepted(support: int, tried: int, settings: Settings) -> bool:
    return support >= settings.relation_min_support and support >= settings.relation_min_share * tried


# --------------------------------------------------------------------------- columns

def column_sums(grid: Grid, cols: list[int], settings: Settings, taken: set[int]) -> list[tuple[Relation, Basis]]:
    """Each count column against the sums of other count columns; the best supported first,
    and a column's second breakdown only over columns of its own (Tổng = Trực tuyến + Trực tiếp
    = Đúng hạn + Quá hạn). All candidates of one size are tried at once, as arrays."""
    if len(cols) < 3:
        return []
    values = np.array([[np.nan if v is None else v for v in row] for row in grid], dtype=float)
    found = []
    for total in cols:
        if total in taken:
            continue
        t = values[:, total][:, None]
        others = [j for j in cols if j != total]
        candidates = []
        for n in range(2, min(settings.relation_max_parts, len(others)) + 1):
            combos = np.array(list(combinations(others, n)))
            parts = values[:, combos]  # rows × candidates × parts
            nonzero = np.nan_to_num(parts) != 0
            tried = ~np.isnan(t) & ~np.isnan(parts).any(axis=2) & ~((t == 0) & ~nonzero.any(axis=2))
            holds = tried & (np.abs(t - np.nansum(parts, axis=2)) < _TOLERANCE) & (nonzero.sum(axis=2) >= 2)
            support, tries = holds.sum(axis=0), tried.sum(axis=0)
            every_part_used = (nonzero & holds[:, :, None]).any(axis=0).all(axis=1)
            ok = every_part_used & (support >= settings.relation_min_support) & \
                (support >= settings.relation_min_share * tries)
            candidates += [(int(support[k]), -n, tuple(int(j) for j in combos[k]), int(tries[k]))
                           for k in np.nonzero(ok)[0]]
        chosen: list[tuple[int, ...]] = []
        for support, _, parts, tried in sorted(candidates, reverse=True):
            if all(not set(parts) & set(c) for c in chosen):
                chosen.append(parts)
                found.append((SumRelation(total, parts), Basis("discovered column sum", support, tried)))
    return found


def column_rates(table: Table, grid: Grid, cols: list[int], settings: Settings,
                 taken: set[int]) -> list[tuple[Relation, Basis]]:
    """Each rate column against a / b × 100 of count columns, within its printed rounding; the
    numerator one column or the sum of two ("trực tuyến" = một phần + toàn trình over the total).
    The best supported wins; on a tie, the fewer columns."""
    found = []
    numerators = [(a,) for a in cols] + list(combinations(cols, 2))
    for rate in (j for j, t in enumerate(table.column_types) if t == ColumnType.RATE and j not in taken):
        cells = {i: c for i, row in enumerate(table.rows) for c in row.cells if c.col == rate}
        places = {i: decimals(c.text or c.raw_text) for i, c in cells.items()}
        best = None
        for num in numerators:
            for b in cols:
                if b in num:
                    continue
                support, tried = 0, 0
                for i, row in enumerate(grid):
                    r, y = row[rate], row[b]
                    xs = [row[a] for a in num]
                    if r is None or any(x is None for x in xs) or not y or (r == 0 and not any(xs)):
                        continue
                    x = sum(xs)
                    holds = rate_verdict(r, x / y * 100, places.get(i, 0)) != "inconsistent"
                    if holds and x == y:
                        continue  # 100% = b/b says nothing of which columns a rate divides
                    tried += 1
                    support += holds
                if _accepted(support, tried, settings) and (best is None or support > best[0]):
                    best = (support, num, b, tried)
        if best:
            support, num, b, tried = best
            found.append((RateRelation(rate, num, b, 100.0), Basis("discovered column rate", support, tried)))
    return found


# --------------------------------------------------------------------------- rows

def _marks(table: Table) -> list[Optional[tuple]]:
    """Each row's place in a hierarchy: its code ("Mã số" 111 → ('code', 111, '')) or its
    decimal numbering ("1.2." → ('number', 1, 2)); None for a row with neither."""
    code = code_column(table)
    numbering = [j for j, t in enumerate(table.column_types) if t == ColumnType.NUMBERING]
    out = []
    for row in table.rows:
        cells = {c.col: c.text for c in row.cells}
        mark = None
        if code is not None:
            m = CODE.match(cells.get(code, ""))
            if m:
                mark = ("code", int(m[1]), m[2])
        elif numbering:
            key = numbering_key(cells.get(numbering[0], ""))
            if key is not None:
                mark = ("number", *key)
        out.append(mark)
    return out


def _code_options(marks: list, i: int) -> tuple[list[list[int]], bool]:
    """The blocks a code may add up, and whether its block is the code range itself (strict):
    421 ← 421a, 421b; 110 ← 111…119; 100 ← 110, 120, … (the last of which may be a grand total
    instead); a code whose range holds no rows (270, 440) ← the last hundreds above it."""
    _, code, suffix = marks[i]
    if suffix:
        return [], False
    rows = [(k, m) for k, m in enumerate(marks) if m and m[0] == "code"]
    lettered = [k for k, m in rows if m[1] == code and m[2]]
    if lettered:
        return [lettered], True
    if code % 100 == 0:
        tens = [k for k, m in rows if code < m[1] < code + 100 and m[1] % 10 == 0 and not m[2]]
        if tens:
            return ([tens, tens[:-1]] if len(tens) > 2 else [tens]), len(tens) <= 2
    if code % 10 == 0:
        units = [k for k, m in rows if code < m[1] < code + 10 and not m[2]]
        if units:
            return [units], True
        hundreds = [k for k, m in rows if k < i and m[1] % 100 == 0]
        return [hundreds[-n:] for n in range(2, len(hundreds) + 1)], False
    return [], False


def _outline(table: Table) -> tuple[dict[int, int], dict[int, list[int]]]:
    """The outline the first column prints: each marked row's level, and each row's
    children ("D-" over "I.", "II."; "I." over "1." … "13."; "1." over its "- …" sub-rows),
    the rows one level down until a row of its level or above."""
    levels = {}
    for i, row in enumerate(table.rows):
        first = min(row.cells, key=lambda c: c.col, default=None)
        mark = first.text.split()[0] if first is not None and first.col == 0 and first.text.split() else ""
        if (level := outline_level(mark)) is not None:  # "I." alone, or opening "I. Tiền …"
            levels[i] = level
    children = {}
    marked = sorted(levels)
    for n, i in enumerate(marked):
        below = []
        for k in marked[n + 1:]:
            if levels[k] <= levels[i]:
                break
            below.append(k)
        if below:
            top = min(levels[k] for k in below)
            children[i] = [k for k in below if levels[k] == top]
    return levels, children


def _number_children(marks: list, i: int) -> list[int]:
    """"1" ← "1.1", "1.2", … up to the next row of its level or above."""
    key = marks[i][1:]
    out = []
    for k in range(i + 1, len(marks)):
        m = marks[k]
        if m is None or m[0] != "number":
            continue
        sub = m[1:]
        if len(sub) <= len(key):
            break
        if sub[:len(key)] == key and len(sub) == len(key) + 1:
            out.append(k)
    return out


def _of_which_children(table: Table, grid: Grid, cols: list[int]) -> list[tuple[int, list[int]]]:
    """A row, then "Trong đó:" (a row of its own or the label's opening), then items ("- …",
    "a) …"): the items are parts of the row above."""
    out = []
    labels = [row_label(table, r) or "" for r in table.rows]
    for i, label in enumerate(labels):
        if not _OF_WHICH.match(label):
            continue
        own = any(grid[i][j] for j in cols)
        parent = i - 1 if not own else None
        first = i + 1
        while parent is not None and parent >= 0 and not any(grid[parent][j] for j in cols):
            parent -= 1
        if parent is None or parent < 0:
            continue
        items = []
        for k in range(first, len(labels)):
            if _ITEM.match(labels[k]):
                items.append(k)
            else:
                break
        if len(items) >= 2:
            out.append((parent, items))
    return out


def _total_children(table: Table) -> list[tuple[int, list[int]]]:
    """A total row over the rows since the previous total row; the last over the totals
    before it when there are several (a grand total of subtotals)."""
    totals = [i for i, r in enumerate(table.rows) if r.is_total]
    out = []
    for n, i in enumerate(totals):
        start = totals[n - 1] + 1 if n else 0
        rows = [k for k in range(start, i)]
        if rows:
            out.append((i, rows))
    return out


def _blocks(table: Table, grid: Grid, cols: list[int], covered: set[int]) -> dict[str, list]:
    """Per family, each parent row with the blocks it may add up and whether its block is fixed."""
    marks = _marks(table)
    levels, outline = _outline(table) if code_column(table) is not None else ({}, {})
    families: dict[str, list] = {"code": [], "numbering": [], "trong đó": [], "total row": []}
    for i, m in enumerate(marks):
        if m is None or i in covered:
            continue
        if m[0] == "code":
            options, strict = _code_options(marks, i)
            if i in levels:  # a code range holding the row's siblings is no block of it
                options = [b for b in options if all(levels.get(k, 99) > levels[i] for k in b)]
            # The outline the rows print ("I." over "1." … "13.") says what a code range
            # cannot: 410 adds up 411 … 429, its "10." (420) included.
            if (outlined := outline.get(i)) and outlined not in options:
                options, strict = options + [outlined], False
            if options:
                families["code"].append((i, options, strict))
        else:
            children = _number_children(marks, i)
            if children:
                families["numbering"].append((i, [children], False))
    families["trong đó"] = [(p, [c], False) for p, c in _of_which_children(table, grid, cols) if p not in covered]
    if not families["code"]:
        families["total row"] = [(p, [c], False) for p, c in _total_children(table)
                                 if p not in covered and not _has_sections(marks, c)]
    return families


def row_sums(table: Table, grid: Grid, cols: list[int], settings: Settings,
             covered: set[int]) -> list[tuple[Relation, Basis]]:
    """Rows that add up a block of rows, per count column. A parent's block is the one of its
    candidates that holds in most columns; a parent none of whose candidates holds anywhere is
    no sum (an indicator "Tỷ lệ" over its operands) unless its block is fixed by its code. A
    family (by code, by numbering, under "Trong đó", closed by a total row) is a relation of
    the table when enough of its cells hold."""
    found = []
    # A cell read without confidence is no evidence for a relation, nor against it.
    unsure = {(i, c.col) for i, r in enumerate(table.rows) for c in r.cells
              if c.confidence < settings.min_cell_confidence}
    for how, parents in _blocks(table, grid, cols, covered).items():
        support, tried, chosen = 0, 0, []
        for parent, options, strict in parents:
            scored = []
            for block in options:
                holds, evaluable = 0, 0
                for j in cols:
                    t, ps = grid[parent][j], [grid[k][j] for k in block]
                    if t is None or any(p is None for p in ps) or (t == 0 and not any(ps)):
                        continue
                    if any((k, j) in unsure for k in (parent, *block)):
                        continue
                    evaluable += 1
                    holds += abs(t - sum(ps)) < _TOLERANCE
                scored.append((holds, evaluable, block))
            holds, evaluable, block = max(scored, key=lambda s: (s[0], -s[1]))
            if evaluable and (holds or (strict and len(options) == 1)):
                support, tried = support + holds, tried + evaluable
                chosen.append((parent, block))
        if not _accepted(support, tried, settings):
            continue
        basis = Basis(f"discovered row sum ({how})", support, tried)
        found += [(TotalRowRelation(parent, tuple(block), tuple(cols)), basis) for parent, block in chosen]
    return found


def _has_sections(marks: list, rows: list[int]) -> bool:
    """Rows numbered at two levels ("1." over "1.1."): their total adds the top level only."""
    levels = {len(marks[k]) for k in rows if marks[k] is not None}
    return len(levels) > 1


# --------------------------------------------------------------------------- all

def discover(table: Table, declared: list[Relation], settings: Settings) -> list[tuple[Relation, Basis]]:
    """The relations the table's numbers show, beside those its kind declares: a column
    a declared relation already explains is not searched again."""
    ncols = max([len(table.column_types)] + [c.col + 1 for r in table.rows for c in r.cells])
    grid = _grid(table, ncols)
    code = code_column(table)
    cols = _counts(table, {code} if code is not None else set())
    sums_taken = {r.total for r in declared if isinstance(r, SumRelation)}
    rates_taken = {r.rate for r in declared if isinstance(r, RateRelation)}
    found = column_sums(grid, cols, settings, sums_taken) + column_rates(table, grid, cols, settings, rates_taken)
    covered = {r.row for r in declared if isinstance(r, TotalRowRelation)}
    found += row_sums(table, grid, cols, settings, covered)
    return found
