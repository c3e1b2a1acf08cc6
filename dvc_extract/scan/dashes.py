"""Nil dashes read by their shape.

Tables print "-" for nothing, alone in a cell. Tesseract reads such a lone short bar
badly: as "ũ", "¬", "Ễ", "=", or not at all. Its shape says what it is: one short,
flat stroke at the letters' middle height, with no other ink beside it. Every such
stroke becomes a "-" word, replacing what Tesseract read over it.
"""
from __future__ import annotations

import cv2
import numpy as np

from .engine import OcrWord
from .preprocess import glyph_height

# As shares of the page's glyph height: a dash is this flat, this long ...
MAX_THICKNESS = 0.35
MIN_LENGTH, MAX_LENGTH = 0.3, 2.2
# (a phone-photographed statement's dashes, JPEG-blurred and enlarged, are 13 x 7 px; a
# photograph a little out of focus makes them blots of 14 x 10 against glyphs of 33: alone
# in their cell, they are still nils)
MIN_ASPECT = 1.25
# ... and no other ink stands within this reach of it, sideways or above and below.
CLEAR_SIDE = 1.0
CLEAR_ABOVE = 0.6
# A word read over a dash holds no more ink than this share beside the dash.
OTHER_INK = 0.15
# What a dash read by its shape is worth (Tesseract's own confidences run 0-1).
CONFIDENCE = 0.95
# Dashes are looked for on a page with print: this many words read with this confidence.
MIN_SURE_WORDS, SURE = 3, 0.8


def restore(words: list[OcrWord], ink: np.ndarray, px_per_pt: float) -> list[OcrWord]:
    """``words`` with every lone dash of ``ink`` (a binary mask, ink 255) read as "-"."""
    if sum(w.confidence >= SURE and any(ch.isalnum() for ch in w.text) for w in words) < MIN_SURE_WORDS:
        return words  # a page nearly blank (a sheet's back): its specks are no table's nils
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n < 2:
        return words
    size = glyph_height(stats, px_per_pt)
    if not size:
        return words
    dashes = [i for i in range(1, n) if _dash_shaped(stats[i], size)]
    if not dashes:
        return words
    boxes = stats[1:, :4].astype(np.int64)
    lone = [i for i in dashes if _alone(stats[i], boxes, i - 1, size)]
    out = list(words)
    for i in lone:
        x, y, w, h = (int(v) for v in stats[i, :4])
        dash = (x, y, x + w, y + h)
        over = [k for k, word in enumerate(out) if _overlaps(word, dash)]
        if any(_other_ink(out[k], labels, i) > OTHER_INK for k in over):
            continue  # a hyphen inside a word Tesseract read: its reading stands
        at = over[0] if over else len(out)
        line = out[at].line if over else (out[-1].line + 1 if out else 0)
        out = out[:at] + [OcrWord("-", *dash, CONFIDENCE, line)] + [
            word for k, word in enumerate(out) if k >= at and k not in over]
    return out


def _dash_shaped(stat: np.ndarray, size: float) -> bool:
    w, h = int(stat[cv2.CC_STAT_WIDTH]), int(stat[cv2.CC_STAT_HEIGHT])
    return (h <= MAX_THICKNESS * size and MIN_LENGTH * size <= w <= MAX_LENGTH * size
            and w >= MIN_ASPECT * h)


def _alone(stat: np.ndarray, boxes: np.ndarray, own: int, size: float) -> bool:
    """No other ink beside the dash or just above or below it (a minus sign, a hyphen
    in "2009-2011", a "=" all have company)."""
    x, y, w, h = (int(v) for v in stat[:4])
    side, up = CLEAR_SIDE * size, CLEAR_ABOVE * size
    cy = y + h / 2
    bx, by, bw, bh = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    near = ((bx < x + w + side) & (bx + bw > x - side)
            & (by < cy + up) & (by + bh > cy - up))
    near[own] = False
    return not near.any()


def _overlaps(word: OcrWord, box: tuple[int, int, int, int]) -> bool:
    return word.left < box[2] and word.right > box[0] and word.top < box[3] and word.bottom > box[1]


def _other_ink(word: OcrWord, labels: np.ndarray, dash: int) -> float:
    """Share of the word's box inked by anything but the dash."""
    crop = labels[max(word.top, 0):word.bottom, max(word.left, 0):word.right]
    if crop.size == 0:
        return 0.0
    return float(((crop > 0) & (crop != dash)).sum()) / crop.size
