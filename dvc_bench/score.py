"""The issue's measures on extracted logical tables, against a corpus truth file.

- numeric cells exact: a truth cell whose ``value`` is not null is numeric; it is exact when the
  extracted cell at the aligned row and mapped column prints the same string (NFC) AND parses
  to the same value;
- unit-name cells exact: the truth's label column (see :meth:`TruthTable.label_column`), cells
  that hold words; exact means the same string, NFC;
- captions found: every caption of the truth (its caption list and its tables' captions) is the
  caption of some extracted table, once NFC and spaces are collapsed;
- page-spanning tables stitched: a truth table on ≥ 2 pages is matched by ONE extracted table
  with the same pages;
- strict table recall: a truth table counts only when its one matched extracted table holds all
  its rows (each row aligned to an extracted row sharing at least half its cell texts).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from dvc_extract.model import Report, Table
from .align import TableMatch, cell_texts, match_tables, row_weight
from .truth import TruthReport, norm

# The floors of the born-digital path (issue 2).
NUMERIC_FLOOR = 0.995
# Misses kept per kind, for a readable failure message.
_MAX_MISSES = 8


def same_value(a: Optional[float], b: Optional[float]) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


@dataclass
class DigitalScore:
    numeric_total: int = 0
    numeric_exact: int = 0
    unit_total: int = 0
    unit_exact: int = 0
    captions_total: int = 0
    captions_found: int = 0
    spanning_total: int = 0
    spanning_stitched: int = 0
    tables_total: int = 0
    tables_held: int = 0
    misses: list[str] = field(default_factory=list)
    _kinds: dict = field(default_factory=dict, repr=False)

    def miss(self, kind: str, what: str) -> None:
        self._kinds[kind] = self._kinds.get(kind, 0) + 1
        if self._kinds[kind] <= _MAX_MISSES:
            self.misses.append(what)

    @staticmethod
    def _rate(k: int, n: int) -> float:
        return k / n if n else 1.0

    @property
    def numeric_accuracy(self) -> float:
        return self._rate(self.numeric_exact, self.numeric_total)

    @property
    def unit_accuracy(self) -> float:
        return self._rate(self.unit_exact, self.unit_total)

    @property
    def strict_recall(self) -> float:
        return self._rate(self.tables_held, self.tables_total)

    def floor_failures(self) -> list[str]:
        """Why the floors are not met; empty when they are."""
        out = []
        if self.numeric_accuracy < NUMERIC_FLOOR:
            out.append(f"numeric cells exact {self.numeric_exact}/{self.numeric_total} "
                       f"= {self.numeric_accuracy:.2%} < {NUMERIC_FLOOR:.1%}")
        if self.captions_found < self.captions_total:
            out.append(f"captions found {self.captions_found}/{self.captions_total}")
        if self.unit_exact < self.unit_total:
            out.append(f"unit-name cells exact {self.unit_exact}/{self.unit_total}")
        if self.spanning_stitched < self.spanning_total:
            out.append(f"page-spanning tables stitched {self.spanning_stitched}/{self.spanning_total}")
        return out

    def summary(self) -> str:
        return (f"numeric {self.numeric_exact}/{self.numeric_total} ({self.numeric_accuracy:.2%}), "
                f"units {self.unit_exact}/{self.unit_total}, captions {self.captions_found}/{self.captions_total}, "
                f"stitched {self.spanning_stitched}/{self.spanning_total}, "
                f"strict recall {self.tables_held}/{self.tables_total}")


def _score_match(m: TableMatch, ti: int, s: DigitalScore) -> None:
    t = m.truth
    where = f"table {ti + 1} ({t.caption or 'no caption'}, p. {','.join(map(str, t.pages))})"
    label_col = t.label_column()
    if m.table is None:
        s.miss("table", f"{where}: no extracted table matched")
    held = m.table is not None
    for ri, row in enumerate(t.rows):
        aligned = ri in m.rows
        if aligned:
            ext = m.table.rows[m.rows[ri]].cells
            # held: at least half its cells read as the truth prints them, a long one nearly
            if row_weight(cell_texts(row), cell_texts(ext)) < len([c for c in row if norm(c.text)]):
                held = False
        else:
            held = False
        for c in row:
            got = m.cell(ri, c.col)
            if c.is_numeric:
                s.numeric_total += 1
                if got is not None and got.text == c.text and same_value(got.value, c.value):
                    s.numeric_exact += 1
                else:
                    s.miss("numeric", f"{where} row {ri + 1} col {c.col}: numeric {c.text!r}={c.value} got "
                           + (f"{got.text!r}={got.value}" if got is not None else "nothing"))
            elif c.col == label_col and t.label_of(row) is c:
                s.unit_total += 1
                if got is not None and got.text == c.text:
                    s.unit_exact += 1
                else:
                    s.miss("unit", f"{where} row {ri + 1}: unit {c.text!r} got {got.text if got else None!r}")
    s.tables_total += 1
    s.tables_held += held
    if len(set(t.pages)) >= 2:
        s.spanning_total += 1
        if m.table is not None and set(m.table.pages) == set(t.pages):
            s.spanning_stitched += 1
        else:
            s.miss("stitch", f"{where}: not stitched into one table"
                   + (f" (matched table has pages {m.table.pages})" if m.table is not None else ""))


def score_tables(truth: TruthReport, tables: list[Table]) -> DigitalScore:
    s = DigitalScore()
    matches = match_tables(truth.tables, tables)
    for ti, m in enumerate(matches):
        _score_match(m, ti, s)
    # A caption printed twice (two side-by-side blocks with the same headers) must be found twice.
    wanted = Counter(norm(c) for c in truth.captions if norm(c))
    for key, n in Counter(norm(t.caption) for t in truth.tables if t.caption and norm(t.caption)).items():
        wanted[key] = max(wanted[key], n)
    have = Counter(norm(t.caption) for t in tables if t.caption)
    s.captions_total = sum(wanted.values())
    for key, n in wanted.items():
        s.captions_found += min(n, have[key])
        if have[key] < n:
            s.miss("caption", f"caption not found: {key!r}" + (f" ({have[key]} of {n})" if have[key] else ""))
    return s


def score_report(truth: TruthReport, report: Report) -> DigitalScore:
    return score_tables(truth, report.tables)


def floors_unmet(truth_path) -> str:
    """Run the whole pipeline on the PDF a truth file describes; '' when the
    issue's floors hold, else what failed with the score and the misses."""
    from dvc_extract.pipeline import extract
    from .truth import load_truth

    truth = load_truth(truth_path)
    score = score_report(truth, extract(str(truth.pdf_path)))
    failures = score.floor_failures()
    if not failures:
        return ""
    return "; ".join(failures) + "\n" + score.summary() + "\n  " + "\n  ".join(score.misses)
