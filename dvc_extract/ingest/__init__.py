"""Ingest stage: a file becomes a Document of pages with words and rulings.

PDF pages are read from their text layer (pdfplumber, no rendering). Pages
without a usable text layer, and image inputs, are of kind "scanned"; reading
them is the scanned path's job, plugged in at :func:`read_scanned_pages`.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..model import Document
from ..settings import Settings
from .pdf import pdf_pages
from .raster import image_pages
from .sniff import input_kind


def load(path: str | Path, settings: Settings | None = None) -> Document:
    settings = settings or Settings()
    kind = input_kind(path)  # raises InputNotFound / UnsupportedInput
    pages = pdf_pages(path, settings) if kind == "pdf" else image_pages(path)
    document = Document(path=str(path), sha256=file_sha256(path), pages=pages)
    return read_scanned_pages(document, settings)


def read_scanned_pages(document: Document, settings: Settings) -> Document:
    """The scanned path's hook: pages of kind "scanned" and garbled text layers are
    read from their image (OCR); text-layer pages pass through unchanged."""
    from .scan import ocr_pages  # OpenCV and Tesseract load only for the scanned path

    return ocr_pages(document, settings)


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
