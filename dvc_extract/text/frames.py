"""What a report's OCR reads after the same words, again and again, settles a slip in one
copy. A Roman one read as a figure between two words ("khoản 6 mục 1 dự thảo" among eleven
"mục I dự thảo"); a code that lost its stop after the same word ("mã TTHC: 1011443" among
seven "mã TTHC: 1.013980"). A Roman number and a figure are both words, and a code's figures
are a number either way: the language model cannot tell them, but a report repeats its own
phrases and formats. Only text cells are settled: a numeric cell's value was read already.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..model import Cell, Table
from ..number import NUMBER_IN_WORD, figure_shape
from .acronyms import often

# A word of one glyph and the look-alike an OCR reads for it.
LOOKALIKE = {"I": "1", "1": "I"}
# A word that is a number, with the marks around it ("1.011443)").
_NUMBER = re.compile(rf"^(\W*?)({NUMBER_IN_WORD.pattern})(\W*)$")


def settle(tables: list[Table]) -> list[Table]:
    """The tables with each look-alike read between two words, and each number read without
    the marks its word before is followed by elsewhere, put right where the report's OCR reads
    the other often enough."""
    cells = [c for t in tables for r in t.rows for c in r.cells if _settled(c)]
    glyphs = Counter(frame for c in cells for _, frame in _glyphs(c.text.split(" ")))
    shapes = Counter(frame for c in cells for _, frame in _shapes(c.text.split(" ")))
    glyph_fixes = {frame for frame, n in glyphs.items()
                   if often(glyphs[frame[0], LOOKALIKE[frame[1]], frame[2]], n)}
    shape_fixes = {}
    for (before, shape), n in shapes.items():
        if "." in shape or "," in shape:
            continue
        marked = [(s, m) for (b, s), m in shapes.items()
                  if b == before and s != shape and s.replace(".", "").replace(",", "") == shape]
        if len(marked) == 1 and often(marked[0][1], n):
            shape_fixes[before, shape] = marked[0][0]
    if not glyph_fixes and not shape_fixes:
        return tables

    def fixed(text: str) -> str:
        words = text.split(" ")
        for i, frame in _glyphs(words):
            if frame in glyph_fixes:
                words[i] = LOOKALIKE[words[i]]
        for i, frame in _shapes(words):
            if frame in shape_fixes:
                lead, figures, trail = _NUMBER.match(words[i]).groups()
                digits = iter(figures)
                words[i] = lead + "".join(next(digits) if ch == "d" else ch for ch in shape_fixes[frame]) + trail
        return " ".join(words)

    return [replace(t, rows=[replace(r, cells=[replace(c, text=fixed(c.text)) if _settled(c) else c
                                                for c in r.cells]) for r in t.rows]) for t in tables]


def _settled(cell: Cell) -> bool:
    return cell.source == "ocr" and cell.value is None


def _glyphs(words: list[str]):
    """(index, (word before, look-alike, word after)), lower case, of each look-alike between two words."""
    for i in range(1, len(words) - 1):
        if words[i] in LOOKALIKE and words[i - 1] and words[i + 1]:
            yield i, (words[i - 1].lower(), words[i], words[i + 1].lower())


def _shapes(words: list[str]):
    """(index, (word before, shape)) of each number after a word of letters: its figures as
    "d" and its marks as read ("d.dddddd")."""
    for i in range(1, len(words)):
        m = _NUMBER.match(words[i])
        if m and any(ch.isalpha() for ch in words[i - 1]):
            yield i, (words[i - 1].lower(), figure_shape(m[2]))
