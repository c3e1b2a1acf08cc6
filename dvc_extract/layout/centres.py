"""Which words of a page lie in a box, for many boxes at once.

Every cell of a grid asks which words have their centre in it; one Python test per word
and cell made that quadratic in a page's words, the hot spot of long ruled reports.
"""
from __future__ import annotations

import numpy as np

from ..model import BBox, Word


class Centres:
    """The centres of ``words`` as arrays; word order is kept in every answer."""

    def __init__(self, words: list[Word]):
        self.words = list(words)
        # The same arithmetic as a test of one word, so a centre on an edge falls the same way.
        self.cx = np.array([(w.x0 + w.x1) / 2 for w in self.words], dtype=float)
        self.cy = np.array([(w.top + w.bottom) / 2 for w in self.words], dtype=float)

    def mask(self, box: BBox) -> np.ndarray:
        return (box[0] <= self.cx) & (self.cx <= box[2]) & (box[1] <= self.cy) & (self.cy <= box[3])

    def within(self, box: BBox) -> list[Word]:
        return [self.words[i] for i in np.flatnonzero(self.mask(box))]

    def first_box(self, boxes: list[BBox]) -> list[list[Word]]:
        """The words of each box, a word going to the first box holding its centre."""
        free = np.ones(len(self.words), dtype=bool)
        out = []
        for box in boxes:
            m = self.mask(box) & free
            free &= ~m
            out.append([self.words[i] for i in np.flatnonzero(m)])
        return out
