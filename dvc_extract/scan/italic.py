"""Italic print: whether it leans, and the same pixels sheared upright.

Tesseract 'vie' reads italic figures and letters worse than upright ones ("110.402.410.000"
read "10.302.410.000", "(lũy" read "(7y"); sheared back by its slant, the same ink reads whole.
"""
from __future__ import annotations

import cv2
import numpy as np

# Slants (degrees) italic print is sheared back by. Print leans when a slant gathers its stems
# this much better than none (italic figures 1.3-1.4, upright ones at most 1.0, a lone "7"
# 1.26; measured on the real balance sheet and phone-photographed pages).
SLANTS = (10.0, 16.0)
LEANING = 1.2


def leans(image: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """Whether the print in ``box`` (px) leans: its stems stand straightest sheared back by an
    italic's slant (their ink gathers into the fewest columns), clearly more than as printed."""
    if box[2] - box[0] < 3 or box[3] - box[1] < 3:
        return False

    def gathered(slant: float) -> float:
        columns = (upright(image, box, slant) < 128).sum(axis=0).astype(np.float64)
        return float((columns ** 2).sum())
    return max(gathered(a) for a in SLANTS) >= LEANING * gathered(0.0)


def upright(image: np.ndarray, box: tuple[int, int, int, int], slant: float) -> np.ndarray:
    """The box's pixels with italic print sheared upright: each row moved left by its height
    above the bottom times the slant, on paper widened to hold it."""
    l, t, r, b = box
    h = b - t
    k = float(np.tan(np.radians(slant)))
    shift = int(np.ceil(k * h))
    crop = np.pad(np.ascontiguousarray(image[t:b, l:r]), ((0, 0), (shift, 0)), constant_values=255)
    m = np.float32([[1, k, -k * h], [0, 1, 0]])
    return cv2.warpAffine(crop, m, (crop.shape[1], h), borderValue=255)
