"""A short cell the page pass read with low confidence is read again as a
number (digits, '.', ',', '%' only); the number is kept only if Tesseract is
more sure of it than of the first reading.

The Vietnamese model reads a lone "3" or "15" in a cell as "Bi" or "To" with
a confidence near zero (correct readings sit above 0.9). Table cells of DVC
reports that are short and unreadable as words are counts and rates.

A cell whose ink makes a line but that reads as nothing is read again at other
scales: Tesseract loses a lone short number ("1." in a row-number cell, bold or
not) at one scale and reads it surely at another.
"""
from __future__ import annotations

import cv2
import numpy as np

from ..number import is_bare_number
from ..settings import Settings
from . import engine
from .engine import OcrWord
from .reread import NUMERIC_CHARS, ink_box

# Readings of more words than this are text, whatever their confidence.
MAX_WORDS = 2
# Scales a line read as nothing is read again at, in turn, until one reads it surely.
LOST_ZOOMS = (0.75, 1.5, 0.5)


def recheck_number(
    image: np.ndarray,
    box: tuple[int, int, int, int],
    words: list[OcrWord],
    settings: Settings,
    dpi: int,
) -> list[OcrWord]:
    """``words`` of one single-line cell, or one number word in their place."""
    if not words or len(words) > MAX_WORDS:
        return words
    confidence = min(w.confidence for w in words)
    text = "".join(w.text for w in words)
    # Sure readings stay: a number, or words without digits. Digits mixed
    # with letters, or marks alone ("]" for a "1"), are read again.
    wordlike = any(c.isalpha() for c in text) and not any(c.isdigit() for c in text)
    if confidence >= settings.min_cell_confidence and (is_bare_number(text) or wordlike):
        return words
    number, number_conf = engine.read_line(image, box, settings.ocr_lang, NUMERIC_CHARS, dpi)
    number = number.replace(" ", "")
    # Marks alone mean nothing in a table cell: a number read from the same
    # ink wins whatever its confidence (it keeps it, low or not).
    marks_only = not any(c.isalnum() for c in text)
    if not is_bare_number(number) or (number_conf <= confidence and not marks_only):
        return words
    l, t = min(w.left for w in words), min(w.top for w in words)
    r, b = max(w.right for w in words), max(w.bottom for w in words)
    return [OcrWord(number, l, t, r, b, number_conf, words[0].line)]


def reread_lost_line(
    image: np.ndarray,
    box: tuple[int, int, int, int],
    settings: Settings,
    dpi: int,
    line: int,
) -> list[OcrWord]:
    """The line of ink in ``box`` that the cell's reading lost, read at the first of
    LOST_ZOOMS that reads it with the cells' confidence, then cut to its ink at each
    scale (a bold "1." alone in a tall cell reads as nothing but so); none where nothing
    does."""
    l, t, r, b = box
    crop = np.ascontiguousarray(image[t:b, l:r])
    if crop.size == 0:
        return []
    h, w = crop.shape[:2]
    tight = ink_box(crop, (0, 0, w, h), dpi / 72.0)
    cuts = [(crop, LOST_ZOOMS)]
    if tight is not None:
        x0, y0, x1, y1 = tight
        cuts.append((np.ascontiguousarray(crop[y0:y1, x0:x1]), (1.0,) + LOST_ZOOMS))
    for cut, zooms in cuts:
        for zoom in zooms:
            scaled = cut if zoom == 1.0 else cv2.resize(
                cut, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_AREA if zoom < 1 else cv2.INTER_CUBIC)
            h, w = scaled.shape[:2]
            text, conf = engine.read_line(scaled, (0, 0, w, h), settings.ocr_lang, None, round(dpi * zoom))
            if text.strip() and conf >= settings.min_cell_confidence:
                return [OcrWord(" ".join(text.split()), l, t, r, b, conf, line)]
    return []

