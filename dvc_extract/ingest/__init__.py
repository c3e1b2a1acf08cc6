"""Ingest stage: a file becomes a Document of pages with words and rulings.

PDF pages are read from their text layer (pdfplumber, no rendering). Pages
without a usable text layer, and image inputs, are read from their image by
the scan stage, one call of :func:`dvc_extract.scan.read_page` per page.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from ..model import Document, Page, PageKind
from ..settings import Settings
from .garbled import page_kind
from .image import page_images
from .pdf import pdf_pages
from .raster import image_pages
from .sniff import InputKind, input_kind


def load(path: str | Path, settings: Settings | None = None) -> Document:
    settings = settings or Settings()
    kind = input_kind(path)  # raises InputNotFound / UnsupportedInput
    pages = pdf_pages(path, settings) if kind == "pdf" else image_pages(path)
    pages = read_scanned_pages(path, kind, pages, settings)
    return Document(path=str(path), sha256=file_sha256(path), pages=pages)


def read_scanned_pages(path: str | Path, kind: InputKind, pages: list[Page],
                       settings: Settings) -> list[Page]:
    """Pages of kind "scanned" (no text), and text-layer pages whose text is garbled
    (see :mod:`.garbled`), read from their image; the others are kept as they are.
    Mixed documents are handled page by page."""
    todo: dict[int, PageKind] = {}
    for i, page in enumerate(pages):
        if page.kind == "scanned":
            todo[i] = "scanned"
        elif page_kind(page.words, settings.min_text_words) == "garbled-text":
            todo[i] = "garbled-text"
    if not todo:
        return pages
    from .. import scan  # OpenCV and Tesseract load only for scanned pages

    pages = list(pages)
    for i, image, dpi in page_images(path, kind, list(todo), settings.scan_assumed_dpi):
        pages[i] = replace(scan.read_page(image, dpi, i + 1, settings), kind=todo[i])
    return pages


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
