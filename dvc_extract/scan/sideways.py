"""Whether a page lies on its side (turned 90° either way), from the direction its text
runs: the letters of a word sit close together along their line, lines lie further apart,
so ink smeared along the lines joins into long runs and ink smeared across them does not.

Measured on a small copy of the page (some 50 ms), it tells whether to ask Tesseract's
orientation detection before the page is read, rather than after reading it once in vain.
A page upside down runs the right way: it is still found after its first reading.
"""
from __future__ import annotations

import cv2
import numpy as np

from .preprocess import grey_at_most

MEASURE_DPI = 75.0
# Inches: a ruling is longer than this, the gap between a word's letters shorter than the
# second, a run of text larger than the third squared.
RULING_IN = 1.0
LETTER_GAP_IN = 1 / 12
RUN_IN = 0.1
# A run of text is this many times longer than it is high.
ELONGATED = 2.5
# A page lies on its side when its runs up and down outnumber those across by this much.
# On real and rendered pages: upright ones 0.1–0.7, turned ones 1.9–2.7. Dense small print,
# whose lines touch at MEASURE_DPI, may pass it upright: orientation detection decides.
SIDEWAYS = 1.3


def sideways(image: np.ndarray, dpi: float) -> bool:
    grey, dpi = grey_at_most(image, dpi, MEASURE_DPI)
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ruling = max(3, round(RULING_IN * dpi))
    rulings = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (ruling, 1))) | \
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, ruling)))
    text = cv2.subtract(ink, rulings)
    gap = max(3, round(LETTER_GAP_IN * dpi))
    across, up = (_runs(text, gap, dpi, vertical) for vertical in (False, True))
    return up > SIDEWAYS * max(across, 1)


def _runs(text: np.ndarray, gap: int, dpi: float, vertical: bool) -> int:
    """Runs of text, once gaps of ``gap`` pixels are closed across or, ``vertical``, up and
    down, that are long in that direction."""
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap) if vertical else (gap, 1))
    _, _, stats, _ = cv2.connectedComponentsWithStats(cv2.morphologyEx(text, cv2.MORPH_CLOSE, kernel))
    w, h = stats[1:, 2], stats[1:, 3]
    long, short = (h, w) if vertical else (w, h)
    return int(((long > ELONGATED * short) & (w * h > (RUN_IN * dpi) ** 2)).sum())
