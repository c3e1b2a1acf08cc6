"""Decimal and thousands marks that Tesseract dropped, found in the ink.

A comma or a full stop between digits is the smallest glyph on a page: at 150-200 dpi
Tesseract often reads "6,74" as "674", a value a hundred times too large. The ink still
shows the mark: a small blot sitting on the digits' baseline, with nothing above it (a
digit's broken foot has the rest of the digit above it), digits on both sides. Where it
stands among the digits says after which digit the mark goes: figures are printed
equally wide. Which mark it is, the caller decides from the column (a comma and a stop
are the same blot at these resolutions).
"""
from __future__ import annotations

import cv2
import numpy as np

from .engine import INK_LEVEL, clear_above

# A mark is at most these shares of the digits' height wide and tall (a comma's tail
# makes it a third of a figure's height or more) ...
MAX_MARK_WIDTH, MAX_MARK_HEIGHT = 0.35, 0.45
# A glyph that is whole is nearly as tall as the tallest.
WHOLE = 0.8
# (ink smaller than a third of it that is no mark is a speck, or a broken glyph's part)
PIECE = 0.35
# ... its bottom within this share of the height of the digits' baseline ...
BASELINE_REACH = 0.2
# ... and it stands where a gap between two figures is: within this share of a
# figure's width of a figure boundary.
BOUNDARY_SLACK = 0.3
# A mark's advance in figure widths (a comma or stop is set about half a figure wide),
# and a "%"'s (0.83 em against 0.5 em in Times, 0.89 against 0.56 in Arial).
MARK_ADVANCE = 0.5
PERCENT_ADVANCE = 1.6


def dropped_marks(digits: str, grey: np.ndarray, tail: int = 0) -> list[int]:
    """Positions in ``digits`` (a reading of figures only, e.g. "674") before which the
    ink of ``grey`` (the cell's crop of the page image) shows a mark, e.g. [1]; [] when
    it shows none, or when the ink does not match the reading well enough to say.
    ``tail``: glyphs printed after the figures (1 for a "%")."""
    if len(digits) < 2 or not digits.isdigit() or grey.size == 0:
        return []
    # A screen's anti-aliased strokes are grey: at the ink level they break into
    # mark-sized pieces, at the level that parts the cell's ink from its paper they are
    # whole (which on a blurred scan joins a mark to its digits).
    level, _ = cv2.threshold(np.ascontiguousarray(grey), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    for ink_level in (INK_LEVEL, level) if level > INK_LEVEL else (INK_LEVEL,):
        if found := _marks(digits, (grey < ink_level).astype(np.uint8), tail):
            return found
    return []


def _marks(digits: str, ink: np.ndarray, tail: int) -> list[int]:
    """As :func:`dropped_marks`, on the cell's ink mask."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    boxes = [tuple(int(v) for v in stats[i, :4]) for i in range(1, n)]
    if not boxes:
        return []
    height = max(h for _, _, _, h in boxes)
    # The baseline, from the glyphs that are whole (a blurred one breaks into parts).
    whole = [b for b in boxes if b[3] >= WHOLE * height]
    base = float(np.median([y + h for _, y, _, h in whole]))
    marks = [b for b in boxes if _mark_shaped(b, height, base) and clear_above(b, boxes)]
    # The figures' span: every piece of a glyph on the line (a blurred "2" breaks into its
    # bowl and its foot), specks and marks left out.
    glyphs = [b for b in boxes if b not in marks and b[3] > PIECE * height
              and b[1] < base and b[1] + b[3] > base - height]
    if not glyphs:
        return []  # more than one line: not a number's cell
    left, right = min(x for x, _, _, _ in glyphs), max(x + w for x, _, w, _ in glyphs)
    marks = [b for b in marks if left < b[0] and b[0] + b[2] < right]
    if not marks:
        return []
    slots = len(digits) + PERCENT_ADVANCE * tail
    marks = sorted(marks)
    if tail:  # a "%" is made of small round pieces too: those after the figures are its own
        figure = (right - left) / (slots + MARK_ADVANCE * len(marks))
        marks = [b for j, b in enumerate(marks)
                 if _figures_before(b, j, left, figure) < len(digits) - 0.5]
    if not marks:
        return []
    figure = (right - left) / (slots + MARK_ADVANCE * len(marks))
    positions = []
    for j, b in enumerate(marks):
        before = _figures_before(b, j, left, figure)
        k = round(before)
        if abs(before - k) > BOUNDARY_SLACK or not 1 <= k <= len(digits) - 1:
            return []  # the ink and the reading disagree: say nothing
        positions.append(k)
    return positions if len(set(positions)) == len(positions) else []


def _figures_before(mark: tuple[int, int, int, int], j: int, left: int, figure: float) -> float:
    """Figures left of the middle of the ``j``-th mark, once the marks before it are taken off."""
    x, _, w, _ = mark
    return (x + w / 2 - left - (j + 0.5) * MARK_ADVANCE * figure) / figure


def _mark_shaped(box: tuple[int, int, int, int], height: int, base: float) -> bool:
    x, y, w, h = box
    return (w <= MAX_MARK_WIDTH * height and h <= MAX_MARK_HEIGHT * height
            and abs(y + h - base) <= BASELINE_REACH * height)
