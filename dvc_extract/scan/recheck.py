"""A short cell the page pass read with low confidence is read again as a
number (digits, '.', ',', '%' only); the number is kept only if Tesseract is
more sure of it than of the first reading.

The Vietnamese model reads a lone "3" or "15" in a cell as "Bi" or "To" with
a confidence near zero (correct readings sit above 0.9). Table cells of DVC
reports that are short and unreadable as words are counts and rates.
"""
from __future__ import annotations

import numpy as np

from ..number import is_bare_number
from ..settings import Settings
from . import engine
from .engine import OcrWord
from .reread import NUMERIC_CHARS

# Readings of more words than this are text, whatever their confidence.
MAX_WORDS = 2


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
