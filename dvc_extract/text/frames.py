"""A glyph read as its look-alike where it stands alone between words ("khoản 6 mục 1 dự
thảo" for "mục I"), put right where the same report's OCR reads that word between the same
two words again and again ("mục I dự thảo" eleven times). A Roman number and a figure are
both words, and the language model cannot tell them; a report repeats its own phrases.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..model import Table

# A word of one glyph and the look-alike an OCR reads for it.
LOOKALIKE = {"I": "1", "1": "I"}
# The reading kept between two words is read there at least this many times, and this many
# times as often as its look-alike.
MIN_READ = 2
TIMES = 3


def settle(tables: list[Table]) -> list[Table]:
    """The tables with each look-alike read by OCR between two words put right, where the
    report's OCR reads the other glyph between the same words often enough."""
    cells = [c for t in tables for r in t.rows for c in r.cells if c.source == "ocr"]
    read = Counter(frame for c in cells for frame in _frames(c.text.split()))
    fixes = {frame for frame, n in read.items()
             if (m := read[frame[0], LOOKALIKE[frame[1]], frame[2]]) >= MIN_READ and m >= TIMES * n}
    if not fixes:
        return tables

    def fixed(text: str) -> str:
        words = text.split(" ")
        for i, frame in _frames(words, at=True):
            if frame in fixes:
                words[i] = LOOKALIKE[words[i]]
        return " ".join(words)

    return [replace(t, rows=[replace(r, cells=[replace(c, text=fixed(c.text)) if c.source == "ocr" else c
                                                for c in r.cells]) for r in t.rows]) for t in tables]


def _frames(words: list[str], at: bool = False):
    """(word before, look-alike, word after), lower case, of each look-alike between two words
    (with its index when ``at``)."""
    for i in range(1, len(words) - 1):
        if words[i] in LOOKALIKE and words[i - 1] and words[i + 1]:
            frame = (words[i - 1].lower(), words[i], words[i + 1].lower())
            yield (i, frame) if at else frame
