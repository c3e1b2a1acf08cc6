"""The same figure printed in two tables of one report must be the same number.

Reports print a unit's figures more than once ("Tổng số hồ sơ tiếp nhận" of a
department in Bảng 2 and again in Bảng 4). Cells are paired across tables by
their row (the matched unit, else the row's own label) and by what their column
means: the kind's canonical column name when both tables are of a known kind,
else closely similar header paths. Two columns are taken to hold the same
quantity only when

- their type agrees (a count with a count, a rate with a rate), and so does
  their scope: the periods their captions and headers name ("tháng 11",
  "năm 2024", "lũy kế") are the same;
- their values agree on most of the units both print (``AGREEMENT``, and at
  least ``MIN_AGREEING`` pairs; a pair of zeros, or of rates of 100%, tells
  nothing and is not counted): columns that mostly disagree are two
  different quantities under similar names, not one quantity misprinted.

Cells linked this way form groups (a figure printed in three tables is one
group); in a group whose values differ, each cell apart from the most common
value gets a finding, with evidence on its own cell and on the cells it
contradicts.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from rapidfuzz import fuzz

from ..labels import has_letters, label_columns
from ..model import Cell, ColumnType, Finding, Report, Table, join_path
from ..number import decimals, format_en, format_vi
from ..typed import get
from ..typed.headers import fold_level
from ..settings import Settings
from .relations import _finding, _label, _name
from .tally import DISCARD, Tally

AGREEMENT = 0.6    # share of shared, non-zero units on which two columns must agree
MIN_AGREEING = 3   # agreeing units needed before a disagreement means anything
HEADER_MIN = 90.0  # header similarity (token sort, folded) for columns no kind names
_VALUE_TYPES = (ColumnType.COUNT, ColumnType.RATE)
# What a caption or a header says about the span of time its numbers cover; a bare date
# ("02/3", "30/11/2024") heads a column of that day's figures.
_SCOPE = re.compile(
    r"l[ũu]y\s*k[ếe]|t[ừu]\s+đầu\s+năm|\d+\s+tháng(?:\s+đầu\s+năm)?|"
    r"(?:tháng|quý|năm|ngày)\b(?:\s+(?:[ivx]+|\d{1,4})\b(?:\s*/\s*\d{1,4})*)?|"
    r"(?<![\d/.,])\d{1,2}/\d{1,2}(?:/\d{4})?(?![\d/])",
    re.IGNORECASE,
)

CellKey = tuple[int, int, int]  # (table index, row, col)


def _scope(table: Table, col: int) -> frozenset[str]:
    header = join_path(table.column_paths[col]) if col < len(table.column_paths) else ""
    text = " ".join([table.caption or "", header])
    text = unicodedata.normalize("NFC", text).lower()
    return frozenset(" ".join(m.group(0).split()) for m in _SCOPE.finditer(text))


def _row_keys(table: Table) -> dict[str, int]:
    """Row key -> row index: the unit's id, else the folded label; keys printed twice are dropped."""
    labels = label_columns(table)
    keys: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(table.rows):
        if row.unit is not None:
            keys[f"unit:{row.unit.id}"].append(i)
            continue
        text = " ".join(c.text for c in sorted(row.cells, key=lambda c: c.col)
                        if (c.col in labels if labels else c.value is None) and has_letters(c.text))
        folded = fold_level(text)
        if folded:
            keys[f"label:{folded}"].append(i)
    return {k: rows[0] for k, rows in keys.items() if len(rows) == 1}


def _indicator_table(table: Table) -> bool:
    kind = get(table.kind)
    return kind is not None and kind.rows == "indicator"


@dataclass(frozen=True)
class _Column:
    """What a column means, worked out once: columns are compared for every pair of tables."""
    type: ColumnType
    scope: frozenset[str]
    known: bool           # its table is of a known kind: ``name`` is the kind's canonical name
    name: Optional[str]
    header: str           # the header path, folded


def _columns(table: Table) -> list[_Column]:
    known = get(table.kind) is not None
    return [_Column(t, _scope(table, j), known, table.column_names[j] if known and j < len(table.column_names) else None,
                    fold_level(join_path(table.column_paths[j])) if j < len(table.column_paths) else "")
            for j, t in enumerate(table.column_types)]


def _same_meaning(a: _Column, b: _Column) -> bool:
    if a.type != b.type or a.scope != b.scope:
        return False
    if a.known and b.known:
        return a.name == b.name
    return bool(a.header and b.header) and _similar_headers(a.header, b.header)


@lru_cache(maxsize=None)
def _similar_headers(a: str, b: str) -> bool:
    # Long reports repeat their headers table after table: each pair is scored once.
    return fuzz.token_sort_ratio(a, b) >= HEADER_MIN


def _cell(table: Table, row: int, col: int) -> Optional[Cell]:
    return next((c for c in table.rows[row].cells if c.col == col and c.value is not None), None)


def _valued_cells(table: Table) -> dict[tuple[int, int], Cell]:
    """(row, col) -> the cell :func:`_cell` finds there, looked up for every pair of tables."""
    out: dict[tuple[int, int], Cell] = {}
    for i, row in enumerate(table.rows):
        for c in row.cells:
            if c.value is not None:
                out.setdefault((i, c.col), c)
    return out


def _equal(x: Cell, y: Cell, column_type: ColumnType) -> bool:
    if column_type == ColumnType.COUNT:
        return abs(x.value - y.value) < 0.5
    # A rate printed with fewer decimals is the same rate rounded.
    places = min(decimals(x.text or x.raw_text), decimals(y.text or y.raw_text))
    return abs(x.value - y.value) <= 10.0 ** -places / 2 + 1e-9


def _telling(x: Cell, y: Cell, column_type: ColumnType) -> bool:
    """Whether the two agreeing would say anything: zeros agree everywhere, and so do rates of 100%."""
    bounds = (0.0, 100.0) if column_type == ColumnType.RATE else (0.0,)
    return not (x.value in bounds and y.value == x.value)


def _links(tables: list[Table]) -> Iterator[tuple[CellKey, CellKey]]:
    """Pairs of cells that print the same figure, from column pairs that agree enough to be one
    quantity. Yielded, not listed: a figure printed in n tables has n² pairs."""
    keyed = [_row_keys(t) for t in tables]
    columns = [_columns(t) for t in tables]
    valued = [_valued_cells(t) for t in tables]
    for ia, a in enumerate(tables):
        for ib in range(ia + 1, len(tables)):
            b = tables[ib]
            shared = sorted(set(keyed[ia]) & set(keyed[ib]))
            if len(shared) < MIN_AGREEING:
                continue
            for ja, ta in enumerate(a.column_types):
                if ta not in _VALUE_TYPES:
                    continue
                for jb in range(len(b.column_types)):
                    if not _same_meaning(columns[ia][ja], columns[ib][jb]):
                        continue
                    pairs = []
                    for k in shared:
                        ra, rb = keyed[ia][k], keyed[ib][k]
                        x, y = valued[ia].get((ra, ja)), valued[ib].get((rb, jb))
                        if x is not None and y is not None and _telling(x, y, ta):
                            pairs.append(((ia, ra, ja), (ib, rb, jb), _equal(x, y, ta)))
                    agreeing = sum(same for *_, same in pairs)
                    if agreeing >= MIN_AGREEING and agreeing >= AGREEMENT * len(pairs):
                        yield from ((p, q) for p, q, _ in pairs)


def _groups(links: Iterable[tuple[CellKey, CellKey]]) -> list[list[CellKey]]:
    parent: dict[CellKey, CellKey] = {}

    def root(x: CellKey) -> CellKey:
        while parent.setdefault(x, x) != x:
            parent[x] = x = parent[parent[x]]  # path halving: the trees stay shallow
        return x

    for p, q in links:
        parent[root(p)] = root(q)
    by: dict[CellKey, list[CellKey]] = defaultdict(list)
    for x in list(parent):
        by[root(x)].append(x)
    return [sorted(g) for g in by.values()]


def cross_table(report: Report, settings: Settings, tally: Tally = DISCARD) -> list[Finding]:
    tables = [t for t in report.tables if t.column_types and not _indicator_table(t)]
    findings = []
    for group in _groups(_links(tables)):
        cells = {k: _cell(tables[k[0]], k[1], k[2]) for k in group}
        column_type = tables[group[0][0]].column_types[group[0][2]]
        # The reference is the value most cells print; on a tie, the one printed first.
        counts = Counter()
        for k in group:
            match = next((r for r in counts if _equal(cells[r], cells[k], column_type)), k)
            counts[match] += 1
        reference = max(counts, key=lambda r: (counts[r], -group.index(r)))
        ref = cells[reference]
        agreeing = [k for k in group if _equal(cells[k], ref, column_type)]
        for k in group:
            if k != reference:  # each other printing of the figure is checked against it
                tally.add(tables[k[0]].id, "cross-table")
            if k in agreeing:
                continue
            findings.append(_mismatch(tables, k, cells[k], agreeing, cells, column_type))
    return findings


def _mismatch(tables: list[Table], k: CellKey, stated: Cell, agreeing: list[CellKey], cells: dict,
              column_type: ColumnType) -> Finding:
    table, other = tables[k[0]], tables[agreeing[0][0]]
    ref = cells[agreeing[0]]
    places = decimals(stated.text or stated.raw_text) if column_type == ColumnType.RATE else 0
    ref_places = decimals(ref.text or ref.raw_text) if column_type == ColumnType.RATE else 0
    where = ", ".join(dict.fromkeys(tables[a[0]].id for a in agreeing))
    label, col, other_col = _label(table, k[1]), _name(table, k[2]), _name(other, agreeing[0][2])
    return _finding(
        table, k[1], stated, [cells[a] for a in agreeing], ref.value, "inconsistent", "cross-table",
        f"Bảng {table.id}, dòng “{label}”, cột “{col}” ghi {format_vi(stated.value, places)}, "
        f"nhưng bảng {where} (cột “{other_col}”) ghi {format_vi(ref.value, ref_places)} cho cùng đơn vị.",
        f"Table {table.id}, row “{label}”, column “{col}” states {format_en(stated.value, places)}, "
        f"but table {where} (column “{other_col}”) states {format_en(ref.value, ref_places)} for the same unit.",
    )
