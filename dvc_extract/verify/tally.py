"""How many checks each rule made, so that a clean report and one where nothing could be
checked do not look the same.

Each rule adds one to its count, per table (None: the prose), at the point where it compares
a stated figure with what it recomputes — the same place a finding would come from. What
passed is what was made less what the findings say failed (``counts``), so a finding the
weighing of scanned cells (reread.py) takes back counts as a check passed.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Optional

from ..model import CheckCount, Finding

Key = tuple[Optional[str], str]  # (table id or None for the prose, rule)


class Tally:
    def __init__(self) -> None:
        self.made: Counter[Key] = Counter()

    def add(self, table: Optional[str], rule: str, n: int = 1) -> None:
        self.made[(table, rule)] += n

    def counts(self, findings: Iterable[Finding], order: Iterable[str] = ()) -> list[CheckCount]:
        """One count per (table, rule) that made a check: the tables in ``order`` (the report's),
        then the prose."""
        failed = Counter((f.table, f.rule) for f in findings)
        rank = {t: i for i, t in enumerate(order)}
        keys = sorted((k for k, n in self.made.items() if n > 0), key=lambda k: (k[0] is None, rank.get(k[0], len(rank)), k[0] or "", k[1]))
        return [CheckCount(rule=rule, table=table, made=self.made[(table, rule)],
                           passed=max(0, self.made[(table, rule)] - failed[(table, rule)]))
                for table, rule in keys]


class _Discard(Tally):
    def add(self, table: Optional[str], rule: str, n: int = 1) -> None:
        pass


# For a rule run alone (a test, the checks run again on a cell read another way): counts nothing.
DISCARD: Tally = _Discard()
