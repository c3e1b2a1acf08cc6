"""OCR of scanned pages: preprocessing (OpenCV), Tesseract 'vie' reading, and
re-reading of single cells.

    preprocess      drop coloured ink, deskew, resample, denoise, binarise
    engine          Tesseract in process (tesserocr) or through pytesseract
    words           pixel words -> model Words in PDF points
    reread          reread_cell(page, bbox, numeric) -> (text, confidence)
"""
from __future__ import annotations

from .engine import backend, read_words, tessdata_dir
from .reread import reread_cell

__all__ = ["backend", "read_words", "reread_cell", "tessdata_dir"]
