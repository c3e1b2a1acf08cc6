"""OCR of scanned pages: preprocessing (OpenCV), Tesseract 'vie' reading, and
re-reading of single cells.

    preprocess      even the light, drop coloured ink, deskew, undo perspective, resample,
                    denoise, binarise, mend broken rulings
    engine          Tesseract in process (tesserocr) or through pytesseract
    words           pixel words -> model Words in PDF points
    reread          reread_cell(page, bbox, numeric) -> (text, confidence)
    cells_reread    reread_tables(raw_tables, document): doubtful scanned cells read again
    recheck         a short low-confidence cell read again as a number (page reading)
    score           OCR against ground truth: words, cells by position, unit names
"""
from __future__ import annotations

from .engine import backend, read_words, tessdata_dir
from .cells_reread import reread_tables
from .reread import reread_cell

__all__ = ["backend", "read_words", "reread_cell", "reread_tables", "tessdata_dir"]
