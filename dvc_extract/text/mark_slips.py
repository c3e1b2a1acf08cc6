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
import unicodedata
from collections import Counter
from functools import lru_cache

from ..resources import data_path

MARK_SLIPS_FILE = ("diacritics", "mark_slips.json")  # under dvc_extract/data/, by scripts/measure_mark_slips


class MarkSlips:
    def __init__(self, read_as: dict[str, dict[str, dict[str, int]]]):
        self.read_as = read_as

    def cost(self, read: str, word: str, capitals: bool, per_mark: float,
             text_rates: dict[tuple[str, str, bool], float] | None = None) -> float:
        """Log-probability that `word` (lower case) came out as `read`, letters alike, less
        that of its being read right: 0 for `read` itself, below for every other marking.
        A letter's slip costs at most `per_mark` for each mark it changes: real scans slip
        in ways the renderings never showed (a dot below lost), but a letter with its hat
        and its tone both changed ('cố' read 'cờ') is two slips, rarer than one. A tone slip
        costs at most what this text's own rate of it says, when given (``text_rates``, by
        `tone_slip` kind)."""
        table = self.read_as["capitals" if capitals else "small"]
        rates = text_rates or {}
        return sum(max(_slip(table.get(t, {}), r), per_mark * _marks_changed(r, t),
                       rates.get(tone_slip(r, t), -math.inf))
                   for r, t in zip(read, word) if r != t)


def tone_slip(read: str, true: str) -> tuple[str, str, bool] | None:
    """The kind of slip by which the letter ``true`` came out as ``read``, when only its tone
    changed: (tone read, tone printed, whether the tone stands on a hat, breve or horn), a
    tone being "" for none. Stacked, the two marks run together in a coarse or blurred scan:
    a chart of accounts at 150 dpi lost 112 of its 501 such tones and 8 of the 631 over plain
    vowels."""
    (base_r, shape_r, tone_r), (base_t, shape_t, tone_t) = _parts(read), _parts(true)
    if base_r != base_t or shape_r != shape_t or tone_r == tone_t:
        return None
    return tone_r, tone_t, bool(shape_t)


def tone_slips(pairs) -> tuple[Counter, Counter]:
    """Of the vowels of (read, repaired) word pairs: how many carry each tone once repaired
    (by tone, "" for none, and whether it stands on a hat, breve or horn), and how many slips
    of each kind (`tone_slip`) the repair undid."""
    letters: Counter = Counter()
    slips: Counter = Counter()
    for read, word in pairs:
        for r, t in zip(read, word):
            base, shape, tone = _parts(t)
            if base not in _VOWELS:
                continue
            letters[tone, bool(shape)] += 1
            kind = tone_slip(r, t)
            if kind is not None:
                slips[kind] += 1
    return letters, slips


def _marks_changed(a: str, b: str) -> int:
    """How many of a letter's marks differ: its tone, its hat, breve or horn, its stroke (đ)."""
    (base_a, shape_a, tone_a), (base_b, shape_b, tone_b) = _parts(a), _parts(b)
    return (tone_a != tone_b) + (shape_a != shape_b) + (base_a != base_b)


_VOWELS = set("aeiouy")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@lru_cache(maxsize=512)
def _parts(letter: str) -> tuple[str, str, str]:
    """A letter as its base, its shape mark (hat, breve, horn) and its tone; 'đ' is 'd' stroked."""
    d = unicodedata.normalize("NFD", letter)
    base = "d" if d[0] in "đĐ" else d[0].lower()
    return base, "".join(c for c in d[1:] if c not in _TONES) + ("đ" if d[0] in "đĐ" else ""), \
        "".join(c for c in d[1:] if c in _TONES)


def _slip(counts: dict[str, int], read: str) -> float:
    # Add-one: a slip never seen is as likely as one seen once in as many readings plus one.
    return math.log((counts.get(read, 0) + 1) / (sum(counts.values()) + 1))


@lru_cache(maxsize=1)
def mark_slips() -> MarkSlips:
    return MarkSlips(json.loads(data_path(*MARK_SLIPS_FILE).read_text(encoding="utf-8"))["read_as"])
