"""Ingest stage: a file becomes a Document of pages with words and rulings.

PDF pages are read from their text layer (pdfplumber, no rendering). Pages
without a usable text layer, and image inputs, are read from their image by
the scan stage, one call of :func:`dvc_extract.scan.read_page` per page.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Optional

from ..model import Document, Page, PageSource
from ..processes import steady_heap
from ..progress import Progress, report
from ..settings import Settings
from .garbled import page_source
from .image import page_images
from .pdf import pdf_pages, selected
from .raster import image_pages
from .sniff import InputFormat, input_format


def load(path: str | Path, settings: Settings | None = None, progress: Optional[Progress] = None) -> Document:
    """The file's pages; ``progress`` hears of each page read ("text", then "OCR")."""
    settings = settings or Settings()
    fmt = input_format(path)  # raises InputNotFound / UnsupportedInput
    if fmt == "pdf":
        pages = pdf_pages(path, settings, progress)
    else:
        frames = image_pages(path)
        pages = [frames[n - 1] for n in selected(settings, len(frames))]
    pages = read_scanned_pages(path, fmt, pages, settings, progress)
    return Document(path=str(path), sha256=file_sha256(path), pages=pages, password=settings.password)


def read_scanned_pages(path: str | Path, fmt: InputFormat, pages: list[Page],
                       settings: Settings, progress: Optional[Progress] = None) -> list[Page]:
    """Pages of source "scanned" (no text), and text-layer pages whose text is garbled
    (see :mod:`.garbled`), read from their image; the others are kept as they are.
    Mixed documents are handled page by page."""
    todo: dict[int, PageSource] = {}
    for i, page in enumerate(pages):
        if page.source == "scanned" or settings.text_layer == "ocr":
            todo[i] = "scanned"
        elif settings.text_layer == "auto" and page_source(page.words, settings.min_text_words) == "garbled-text":
            todo[i] = "garbled-text"
    if not todo:
        return pages
    from .. import scan  # OpenCV and Tesseract load only for scanned pages

    steady_heap()  # page-sized buffers from here on (not before: a text layer's are smaller)
    pages = list(pages)
    report(progress, "OCR", 0, len(todo))
    at = {pages[i].number - 1: i for i in todo}  # the file's page index -> its place here
    images = page_images(path, fmt, list(at), settings.scan_assumed_dpi, settings.password)
    read = scan.read_pages(images, settings) if settings.jobs > 1 and len(todo) > 1 else (
        scan.read_page(image, dpi, index + 1, settings) for index, image, dpi in images)
    for done, page in enumerate(read, 1):
        i = at[page.number - 1]
        pages[i] = replace(page, source=todo[i])
        report(progress, "OCR", done, len(todo))
    return pages


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
