"""Text lines: words that share a baseline band, left to right.

Shared by the layout stage (captions, prose, unruled tables) and the tables
stage (cell text in reading order).
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import Iterable

from ..model import BBox, Word

# A column gap is wider than this fraction of the font size; a space in
# Times-like fonts is 0.25 em, and justified prose rarely stretches it past 0.5.
COLUMN_GAP_EM = 0.6


@dataclass
class Line:
    words: list[Word]

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def size(self) -> float:
        sizes = [w.size for w in self.words if w.size > 0]
        return median(sizes) if sizes else self.height

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def segments(self, gap: float | None = None) -> list[list[Word]]:
        """Runs of words separated by gaps wider than a word space."""
        gap = column_gap(self.size) if gap is None else gap
        out = [[self.words[0]]]
        for prev, w in zip(self.words, self.words[1:]):
            if w.x0 - prev.x1 > gap:
                out.append([])
            out[-1].append(w)
        return out


def column_gap(size: float) -> float:
    return max(3.0, COLUMN_GAP_EM * size)


def text_lines(words: Iterable[Word]) -> list[Line]:
    """Group words into lines by vertical overlap, top to bottom."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        mid = (w.top + w.bottom) / 2
        if lines:
            last = lines[-1]
            # Same line when the word's centre falls in the line's middle band. The band
            # is the taller one's: a dash or a full stop read alone has a box a fraction
            # of its line's height, centred on the line's letters.
            band = 0.35 * max(last.height, w.bottom - w.top)
            last_mid = (last.top + last.bottom) / 2
            if abs(mid - last_mid) <= band or abs(mid - _nearest_mid(last, w)) <= band:
                last.words.append(w)
                continue
        lines.append(Line([w]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def _nearest_mid(line: Line, word: Word) -> float:
    """The middle of the line's word nearest ``word`` across: on a photographed page a row
    slopes (the camera's tilt), and a dash at its far end sits off the row's middle."""
    near = min(line.words, key=lambda v: max(v.x0 - word.x1, word.x0 - v.x1))
    return (near.top + near.bottom) / 2


def reading_text(words: Iterable[Word]) -> str:
    """Words in reading order, lines joined with one space."""
    return " ".join(line.text for line in text_lines(words))
