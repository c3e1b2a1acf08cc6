"""Where to read a ruled table cell by cell: the paper regions the grid encloses.

A cell is a connected area of paper bounded by rulings, so merged cells come
out whole with no span logic here (that stays in the shared tables stage).
Reading each region on its own keeps one cell's text from being joined to
its neighbour's and gives a lone digit the context of a block.
"""
from __future__ import annotations

import cv2
import numpy as np

# Regions smaller than this (points) are gaps between double lines or corners.
MIN_SIDE = 5.0


def cell_regions(grid: np.ndarray, px_per_pt: float) -> list[tuple[int, int, int, int]]:
    """Boxes (l, t, r, b px) of the regions fully enclosed by the drawn grid."""
    if not grid.any():
        return []  # no ruling on the page: no cell
    h, w = grid.shape[:2]
    paper = cv2.bitwise_not(grid)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(paper, connectivity=4)
    min_side = MIN_SIDE * px_per_pt
    boxes = []
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        if x == 0 or y == 0 or x + bw >= w or y + bh >= h:
            continue  # open to the page: not enclosed, the page pass reads it
        if bw < min_side or bh < min_side:
            continue
        # A region much smaller than its box is not a cell (a frame's outside).
        if area < 0.5 * bw * bh:
            continue
        boxes.append((int(x), int(y), int(x + bw), int(y + bh)))
    return sorted(boxes, key=lambda b: (b[1], b[0]))


def inset(box: tuple[int, int, int, int], px: int) -> tuple[int, int, int, int]:
    """The box shrunk by ``px`` on every side (kept at least 1 px wide)."""
    l, t, r, b = box
    dx, dy = min(px, (r - l - 1) // 2), min(px, (b - t - 1) // 2)
    return (l + dx, t + dy, r - dx, b - dy)


def blank(image: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> np.ndarray:
    """The image with the given boxes painted paper-white."""
    out = image.copy()
    for l, t, r, b in boxes:
        out[t:b, l:r] = 255
    return out



# Ink taller than this (points) is more than one line of 13-14 pt text, even
# when its lines touch (descenders meeting the next line's diacritics).
MAX_LINE_HEIGHT = 18.0


def text_lines(ink: np.ndarray, box: tuple[int, int, int, int], px_per_pt: float) -> int:
    """0 for an empty cell, 1 for a single line of text, 2 for more."""
    l, t, r, b = box
    rows = np.flatnonzero((ink[t:b, l:r] > 0).sum(axis=1) > 1)
    if rows.size == 0:
        return 0
    height = (rows[-1] - rows[0] + 1) / px_per_pt
    gaps = np.diff(rows) > max(2, int(2.0 * px_per_pt))
    return 1 if height <= MAX_LINE_HEIGHT and not gaps.any() else 2
