"""How Tesseract 'vie' misreads marks, as a channel: the cost of taking a word it read for
another marking of the same letters.

It reads a word's letters well but not always its marks, and its slips are few and
particular: a hook read as an acute ('TỐNG' for 'TỔNG', 'tiếp' for 'tiểp' is rarer), a
mark lost over a capital ('NGHỀ' as 'NGHÊ'). `scripts/measure_mark_slips` renders Vietnamese
text as scans, reads it with the shipped model and counts what each letter was read as, in
capitals and in small letters; here those counts become log P(read letter | true letter),
so a common slip costs little to undo and one never seen costs much.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache

from ..resources import data_path

MARK_SLIPS_FILE = ("diacritics", "mark_slips.json")  # under dvc_extract/data/, by scripts/measure_mark_slips


class MarkSlips:
    def __init__(self, read_as: dict[str, dict[str, dict[str, int]]]):
        self.read_as = read_as

    def cost(self, read: str, word: str, capitals: bool) -> float:
        """Log-probability that `word` (lower case) came out as `read`, letters alike, less
        that of its being read right: 0 for `read` itself, below for every other marking."""
        table = self.read_as["capitals" if capitals else "small"]
        return sum(_slip(table.get(t, {}), r) for r, t in zip(read, word) if r != t)


def _slip(counts: dict[str, int], read: str) -> float:
    # Add-one: a slip never seen is as likely as one seen once in as many readings plus one.
    return math.log((counts.get(read, 0) + 1) / (sum(counts.values()) + 1))


@lru_cache(maxsize=1)
def mark_slips() -> MarkSlips:
    return MarkSlips(json.loads(data_path(*MARK_SLIPS_FILE).read_text(encoding="utf-8"))["read_as"])
