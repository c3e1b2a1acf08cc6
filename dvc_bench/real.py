"""Scores on real documents: hand-made truth of real scans (corpora/real_scan/) and truth taken
from the text layer of real born-digital reports rendered as scans.

- numeric cells exact: as dvc_bench/score.py (printed string and value at the aligned row and
  mapped column);
- labels exact: the row's label as printed, NFC, with white space ignored (a numbering and its
  name read as two cells or one are the same label); a row's label is the text of its cells up
  to its table's label column (the column with the most cells of words);
- tables whole: a truth table matched by one extracted table holding all its rows;
- tables where there is none: extracted tables on pages the truth holds no table on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from dvc_extract.model import Table
from .align import match_tables
from .score import DigitalScore, _score_match
from .truth import TruthReport, norm


def _key(text: str) -> str:
    return "".join(norm(text).split())


def label_column(rows: Sequence[Sequence]) -> Optional[int]:
    """The column holding words (not numbers) in the most rows; the leftmost on a tie."""
    counts: dict[int, int] = {}
    for row in rows:
        for c in row:
            if c.value is None and any(ch.isalpha() for ch in c.text):
                counts[c.col] = counts.get(c.col, 0) + 1
    return min(counts, key=lambda j: (-counts[j], j)) if counts else None


def row_label(cells: Sequence, label_col: Optional[int]) -> str:
    """The text of a row's cells up to the label column (a numbering and its name)."""
    if label_col is None:
        return ""
    return " ".join(norm(c.text) for c in sorted(cells, key=lambda c: c.col)
                    if c.col <= label_col and norm(c.text))


@dataclass
class RealScore:
    strict: DigitalScore = field(default_factory=DigitalScore)
    labels_total: int = 0
    labels_exact: int = 0
    stray_tables: int = 0  # found on pages where the truth has no table
    misses: list[str] = field(default_factory=list)

    def __iadd__(self, other: "RealScore") -> "RealScore":
        s, o = self.strict, other.strict
        for name in ("numeric_total", "numeric_exact", "tables_total", "tables_held"):
            setattr(s, name, getattr(s, name) + getattr(o, name))
        self.labels_total += other.labels_total
        self.labels_exact += other.labels_exact
        self.stray_tables += other.stray_tables
        self.misses += other.misses
        return self


def score_real(truth: TruthReport, tables: list[Table], pages: Optional[Sequence[int]] = None) -> RealScore:
    """Score the tables extracted from a document (only those on ``pages``, when given)."""
    if pages is not None:
        tables = [t for t in tables if set(t.pages) & set(pages)]
        truth_tables = [t for t in truth.tables if set(t.pages) & set(pages)]
    else:
        truth_tables = truth.tables
    out = RealScore()
    for ti, m in enumerate(match_tables(truth_tables, tables)):
        _score_match(m, ti, out.strict)
        want_col = label_column(m.truth.rows)
        got_col = label_column([r.cells for r in m.table.rows]) if m.table is not None else None
        for ri, row in enumerate(m.truth.rows):
            want = row_label(row, want_col)
            if not _key(want):
                continue
            out.labels_total += 1
            got = (row_label(m.table.rows[m.rows[ri]].cells, got_col)
                   if m.table is not None and ri in m.rows else "")
            if _key(got) == _key(want):
                out.labels_exact += 1
            elif len(out.misses) < 12:
                out.misses.append(f"label {want!r} got {got!r}")
    with_truth = {p for t in truth_tables for p in t.pages}
    out.stray_tables = sum(1 for t in tables if not set(t.pages) & with_truth)
    out.misses = out.strict.misses[:12] + out.misses
    return out
