"""The notes column (Thuyết minh) of a financial statement as a scan reads it.

An item's note is a part of the notes in Roman figures and the note's number, a stop
between each level: "V.22", "V.25.3", "V.23a", "VI.27.2". A stop is the smallest glyph of
the cell, and a scan loses it ("V22", "V253") or reads a "1" as an "I" ("V2I"). Where the
column's other notes tell how the figures divide into levels, the stops are put back
(:func:`restore`); where they do not, the reading stays as it is.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Cell
from ..numbering import figure_levels

NOTE = re.compile(r"^([IVX]+)\.(\d{1,2}(?:\.\d{1,2})*)([a-z]?)$")
# A note as a scan may read it: its part, a stop (or a comma, or none), its figures with
# the look-alikes of a "1", an item's letter.
_READ = re.compile(r"^([IVX]+)[.,]?([0-9Il|]{1,4})([a-z]?)$")
_ONES = str.maketrans({"I": "1", "l": "1", "|": "1"})
# A column is one of notes when this many of its cells read as notes, and this share of
# its cells read as notes or as notes that lost their stops.
MIN_NOTES = 1
NOTE_SHARE = 0.6


def note_columns(cells: list[Cell]) -> list[int]:
    """The columns of a table's cells that hold notes: one read whole at least, and most of
    their cells read as notes or as notes that lost their stops."""
    by_col: dict[int, list[str]] = {}
    for c in cells:
        if c.text.strip():
            by_col.setdefault(c.col, []).append(c.text.strip())
    return [col for col, texts in by_col.items()
            if sum(bool(NOTE.match(t)) for t in texts) >= MIN_NOTES
            and sum(bool(NOTE.match(t) or _READ.match(t)) for t in texts) >= NOTE_SHARE * len(texts)]


def restore(cells: list[Cell], col: int) -> list[Cell]:
    """The cells with column ``col``'s notes that lost a stop given it back, where one way
    of dividing their figures is told by the column: a parent its other notes have ("V253"
    is V.25.3 under V.25.1), or a note of one level in a column of them ("V22" is V.22)."""
    notes = [m for c in cells if c.col == col and (m := NOTE.match(c.text.strip()))]
    parents = {(m[1],) + tuple(m[2].split("."))[:k] for m in notes for k in range(1, m[2].count(".") + 1)}
    single = any("." not in m[2] for m in notes)
    out = []
    for c in cells:
        read = _READ.match(c.text.strip()) if c.col == col and not NOTE.match(c.text.strip()) else None
        if read:
            part, figures, letter = read[1], read[2].translate(_ONES), read[3]
            if figures.isdigit():
                told = [levels for levels in figure_levels(figures)
                        if (part,) + levels[:-1] in parents or (len(levels) == 1 and single)]
                if len(told) == 1:
                    text = f"{part}.{'.'.join(told[0])}{letter}"
                    c = replace(c, text=text)  # raw_text keeps the reading
        out.append(c)
    return out
