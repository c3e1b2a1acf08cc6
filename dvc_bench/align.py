"""Pairing extracted logical tables with truth tables, then their rows and columns.

Tables: by caption when the truth has one (same text once NFC and spaces are collapsed),
otherwise — or when no extracted caption matches — among tables sharing a page, by how
much their column paths and cell texts overlap. One extracted table serves one truth table.

Rows: an order-keeping alignment (weighted longest common subsequence) where two rows
weigh as many cell texts as they share, whatever the columns, and less for a long text of
one nearly the same as one of the other (a label misread: the row is there, its label is
scored as read); so a row dropped, split or added costs only itself. Columns: each truth
column goes to the extracted column whose cells agree with it most often over the aligned
rows (its own index on a tie).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional, Sequence

from rapidfuzz import fuzz, process

from dvc_extract.model import Cell, Table
from .truth import TruthCell, TruthTable, norm


@dataclass
class TableMatch:
    truth: TruthTable
    table: Optional[Table]
    by_caption: bool = False
    # truth row index -> extracted row index
    rows: dict[int, int] = field(default_factory=dict)
    # truth column -> extracted column
    cols: dict[int, int] = field(default_factory=dict)

    def cell(self, truth_row: int, truth_col: int) -> Optional[Cell]:
        """The extracted cell standing where the truth has (row, col), if any."""
        if self.table is None or truth_row not in self.rows:
            return None
        col = self.cols.get(truth_col, truth_col)
        for c in self.table.rows[self.rows[truth_row]].cells:
            if c.col == col:
                return c
        return None


def cell_texts(cells: Sequence) -> Counter:
    return Counter(t for t in (norm(c.text) for c in cells) if t)


def shared_count(a: Counter, b: Counter) -> int:
    return sum((a & b).values())


def _table_similarity(truth: TruthTable, table: Table) -> float:
    """Column-path overlap (Jaccard) plus the share of truth cell texts found: 0..2."""
    tc = {norm(c) for c in truth.columns if norm(c)}
    ec = {norm(c) for c in table.columns if norm(c)}
    jaccard = len(tc & ec) / len(tc | ec) if tc | ec else 0.0
    truth_texts = cell_texts([c for r in truth.rows for c in r])
    ext_texts = cell_texts([c for r in table.rows for c in r.cells])
    content = shared_count(truth_texts, ext_texts) / max(1, sum(truth_texts.values()))
    return jaccard + content


# Two texts are one cell misread when both are this long and this alike (rapidfuzz ratio).
NEAR_LENGTH, NEAR = 8, 85


def row_weight(a: Counter, b: Counter) -> int:
    """Two points for each cell text two rows share, one for each further long text of the
    first nearly one of the second's."""
    exact = shared_count(a, b)
    left = [t for t in (b - a).elements() if len(t) >= NEAR_LENGTH]
    near = 0
    for text in (t for t in (a - b).elements() if len(t) >= NEAR_LENGTH):
        if left and (found := process.extractOne(text, left, scorer=fuzz.ratio, score_cutoff=NEAR)):
            left.remove(found[0])
            near += 1
    return 2 * exact + near


def align_rows(truth_rows: list[list[TruthCell]], rows: list[list[Cell]]) -> dict[int, int]:
    """Order-keeping alignment maximising shared cell texts (weighted LCS)."""
    a = [cell_texts(r) for r in truth_rows]
    b = [cell_texts(r) for r in rows]
    n, m = len(a), len(b)
    weight = [[row_weight(a[i], b[j]) for j in range(m)] for i in range(n)]
    score = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        si, prev = score[i], score[i - 1]
        for j in range(1, m + 1):
            w = weight[i - 1][j - 1]
            best = max(prev[j], si[j - 1])
            if w and prev[j - 1] + w > best:
                best = prev[j - 1] + w
            si[j] = best
    pairs: dict[int, int] = {}
    i, j = n, m
    while i and j:
        w = weight[i - 1][j - 1]
        if w and score[i][j] == score[i - 1][j - 1] + w:
            pairs[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif score[i][j] == score[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs


def map_columns(truth: TruthTable, table: Table, rows: dict[int, int]) -> dict[int, int]:
    votes: dict[int, Counter] = {}
    for ti, ei in rows.items():
        ext = {}
        for c in table.rows[ei].cells:
            ext.setdefault(norm(c.text), []).append(c.col)
        for tc in truth.rows[ti]:
            for col in ext.get(norm(tc.text), []):
                votes.setdefault(tc.col, Counter())[col] += 1
    mapping = {}
    for j in range(truth.n_cols):
        v = votes.get(j)
        if not v:
            mapping[j] = j
            continue
        top = max(v.values())
        mapping[j] = j if v.get(j) == top else min(k for k, n in v.items() if n == top)
    return mapping


def match_tables(truth_tables: list[TruthTable], tables: list[Table]) -> list[TableMatch]:
    used: set[int] = set()
    found: dict[int, TableMatch] = {}
    # Captions first: they are the surest link, and free the rest for the page rule.
    for ti, t in enumerate(truth_tables):
        if not t.caption:
            continue
        same = [k for k, e in enumerate(tables) if k not in used and e.caption and norm(e.caption) == norm(t.caption)]
        if same:
            k = max(same, key=lambda k: _table_similarity(t, tables[k]))
            used.add(k)
            found[ti] = TableMatch(t, tables[k], by_caption=True)
    candidates = []
    for ti, t in enumerate(truth_tables):
        if ti in found:
            continue
        for k, e in enumerate(tables):
            if k not in used and set(e.pages) & set(t.pages):
                s = _table_similarity(t, e)
                if s > 0:
                    candidates.append((s, ti, k))
    for s, ti, k in sorted(candidates, key=lambda x: (-x[0], x[1], x[2])):
        if ti in found or k in used:
            continue
        used.add(k)
        found[ti] = TableMatch(truth_tables[ti], tables[k])
    out = []
    for ti, t in enumerate(truth_tables):
        m = found.get(ti) or TableMatch(t, None)
        if m.table is not None:
            m.rows = align_rows(t.rows, [r.cells for r in m.table.rows])
            m.cols = map_columns(t, m.table, m.rows)
        out.append(m)
    return out
