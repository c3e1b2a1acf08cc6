"""Precision and recall of the unit matcher on a labelled set of names.

The set is a TSV (origin, date, province, expected, text) with expected "-" for
names that must give no match: each name as a report of that province and date
prints it; see scripts/build_unit_testset.
"""
from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from dvc_extract.settings import Settings
from dvc_extract.units.match import match_requests

NO_MATCH = "-"


@dataclass(frozen=True)
class Labelled:
    origin: str
    date: str
    province: str
    expected: Optional[str]
    text: str


@dataclass
class Outcome:
    correct: int = 0
    wrong: int = 0           # matched, to the wrong unit (or a negative matched at all)
    missed: int = 0          # a positive left unmatched
    rejected: int = 0        # a negative correctly left unmatched
    positives: int = 0
    errors: list = field(default_factory=list)
    by_origin: Counter = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        made = self.correct + self.wrong
        return self.correct / made if made else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.positives if self.positives else 1.0

    def wrong_in(self, prefix: str) -> int:
        return sum(1 for kind, row, _ in self.errors if kind == "wrong" and row.origin.startswith(prefix))


def load(path: Path) -> list[Labelled]:
    with Path(path).open(encoding="utf-8") as f:
        return [Labelled(r["origin"], r["date"], r["province"], None if r["expected"] == NO_MATCH else r["expected"],
                         r["text"].replace("\\n", "\n"))
                for r in csv.DictReader(f, delimiter="\t")]


def evaluate(rows: list[Labelled], settings: Optional[Settings] = None) -> Outcome:
    out = Outcome()
    # Shortlisted together, as the units stage does with the labels of a report.
    found = match_requests([(r.text, r.date or None, r.province or None) for r in rows], settings)
    for i, row in enumerate(rows):
        got = found[i][0] if found[i] and found[i][0].passed else None
        group = row.origin.split(":")[0]
        if row.expected is not None:
            out.positives += 1
        if got is None:
            if row.expected is None:
                out.rejected += 1
            else:
                out.missed += 1
                out.errors.append(("missed", row, found[i][0] if found[i] else None))
                out.by_origin[group + " missed"] += 1
        elif got.id == row.expected:
            out.correct += 1
        else:
            out.wrong += 1
            out.errors.append(("wrong", row, got))
            out.by_origin[group + " wrong"] += 1
    return out
