"""A scanned page becomes the same :class:`Page` the text layer gives:
words with boxes in PDF points and the drawn lines as rulings.

Steps, each testable alone: even the light (shadows, tinted paper, faint
copies) -> drop coloured ink -> deskew -> perspective (a photographed page's
converging rulings made parallel) -> resample to the resolution Tesseract
reads best at (``settings.ocr_dpi``, measured) -> denoise -> broken rulings
mended -> ruled lines by morphology -> specks smaller than the page's glyphs
dropped -> lines erased -> Tesseract 'vie' in process:
each ruled cell, then the rest of the page in one pass -> words in points.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from ..model import Document, Page
from ..ocr import engine, preprocess
from ..ocr.cells import blank, cell_regions, inset, text_lines
from ..ocr.recheck import recheck_number
from ..ocr.words import to_words
from ..settings import Settings
from ..tables.image_grid import find_rulings
from .classify import page_kind
from .image import load_image_pages, render_pdf_page


# Points kept off a cell's borders when reading it.
CELL_INSET_PT = 1.0


def prepare(image: np.ndarray, dpi: float, settings: Settings) -> tuple[np.ndarray, float, float, object]:
    """Grey, level page at the OCR resolution; returns (grey, skew°, px per pt,
    the perspective correction applied after the deskew, or None)."""
    grey = preprocess.drop_colour_ink(preprocess.even_light(image, dpi / 72.0))
    skew = preprocess.estimate_skew(grey)
    grey = preprocess.rotate(grey, skew)
    homography = preprocess.perspective(grey, dpi / 72.0)
    grey = preprocess.warp(grey, homography)
    grey = preprocess.resample(grey, settings.ocr_dpi / dpi)
    grey = preprocess.denoise(grey)
    px_per_pt = grey.shape[1] / (image.shape[1] * 72.0 / dpi)
    return grey, skew, px_per_pt, homography


def read_scanned_page(
    image: np.ndarray, dpi: float, number: int, settings: Settings | None = None
) -> Page:
    """OCR one page image (grey or colour array scanned at ``dpi``)."""
    settings = settings or Settings()
    grey, skew, px_per_pt, homography = prepare(image, dpi, settings)
    ink = preprocess.ink_mask(grey, px_per_pt)
    rulings, grid = find_rulings(preprocess.mend_rulings(ink, px_per_pt), px_per_pt)
    # Specks go after the rulings are found: a worn rule's pieces are speck-sized.
    speckless = preprocess.drop_specks(grey, px_per_pt)
    if speckless is not grey:
        grey, ink = speckless, preprocess.ink_mask(speckless, px_per_pt)
    # Tesseract reads table text far better without the grid around it.
    # The whole band of each line goes, grey fringes included: a faint line
    # left at the edge of a cell makes Tesseract read a digit as a letter.
    clean = grey.copy()
    clean[grid > 0] = 255
    ink[grid > 0] = 0
    ocr_words = read_page_words(clean, ink, grid, px_per_pt, settings)
    h, w = grey.shape[:2]
    return Page(
        number=number,
        width=w / px_per_pt,
        height=h / px_per_pt,
        kind="scanned",
        words=to_words(ocr_words, px_per_pt, number, rulings),
        rulings=rulings,
        deskew=skew,
        image=clean,
        scale=px_per_pt,
        picture=preprocess.resample(preprocess.warp(preprocess.rotate(image, skew), homography),
                                    settings.ocr_dpi / dpi),
    )


def read_page_words(
    clean: np.ndarray, ink: np.ndarray, grid: np.ndarray, px_per_pt: float, settings: Settings
):
    """Ruled cells one by one, then the rest of the page in one pass.

    A cell read alone cannot have its text joined to its neighbour's, and a
    lone digit is read as a line rather than lost as noise. One line of
    text is read in single-line mode (no layout analysis), several as a
    block; an empty cell is not read at all.
    """
    dpi = int(round(px_per_pt * 72))
    if engine.backend() != "tesserocr":
        # Through pytesseract each call starts a process (~0.15 s): one pass
        # over the page in block mode instead (lone digits read worse).
        return engine.read_words(clean, settings.ocr_lang, engine.PSM_SINGLE_BLOCK, dpi)
    cells, modes = [], []
    # Off the cell's edges: what is left of a border reads as '.', '-' or 'l'.
    margin = max(1, round(CELL_INSET_PT * px_per_pt))
    regions = cell_regions(grid, px_per_pt)
    for box in regions:
        box = inset(box, margin)
        lines = text_lines(ink, box, px_per_pt)
        if lines:
            cells.append(box)
            modes.append(engine.PSM_SINGLE_LINE if lines == 1 else engine.PSM_SINGLE_BLOCK)
    words = []
    if cells:
        found = engine.read_regions(clean, cells, settings.ocr_lang, modes, dpi)
        for box, mode, cell_words in zip(cells, modes, found):
            if mode == engine.PSM_SINGLE_LINE:
                cell_words = recheck_number(clean, box, cell_words, settings, dpi)
            words.extend(cell_words)
    rest = blank(clean, regions)
    words.extend(engine.read_words(rest, settings.ocr_lang, settings.ocr_psm, dpi))
    return words


def read_image(path: str | Path, settings: Settings | None = None) -> list[Page]:
    """Every page of a PNG/JPEG/TIFF (multi-page too), OCR'd."""
    settings = settings or Settings()
    return [
        read_scanned_page(arr, dpi, i + 1, settings)
        for i, (arr, dpi) in enumerate(load_image_pages(path, settings.scan_assumed_dpi))
    ]


def read_pdf_page(pdf, index: int, settings: Settings | None = None) -> Page:
    """Page ``index`` (0-based) of an open ``pypdfium2.PdfDocument``, OCR'd:
    for image-only pages and pages whose text layer is garbled."""
    settings = settings or Settings()
    arr, dpi = render_pdf_page(pdf, index)
    return read_scanned_page(arr, dpi, index + 1, settings)


def read_scanned_pdf(path: str | Path, settings: Settings | None = None) -> list[Page]:
    import pypdfium2 as pdfium

    settings = settings or Settings()
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [read_pdf_page(pdf, i, settings) for i in range(len(pdf))]
    finally:
        pdf.close()


def ocr_pages(document: Document, settings: Settings | None = None) -> Document:
    """The ingest hook: every page that has no usable text layer is OCR'd.

    Pages of kind "scanned" (no text), and text-layer pages whose text is
    garbled (see :mod:`.classify`), are read from their image; the others
    are kept as they are. Mixed documents are handled page by page.
    """
    settings = settings or Settings()
    todo = []
    for i, page in enumerate(document.pages):
        if page.image is not None:
            continue  # read already
        kind = page.kind
        if kind == "text-layer" and page_kind(page.words, settings.min_text_words) == "garbled-text":
            kind = "garbled-text"
        if kind != "text-layer":
            todo.append((i, kind))
    if not todo:
        return document
    pages = list(document.pages)
    if not _is_pdf(document.path):
        frames = load_image_pages(document.path, settings.scan_assumed_dpi)
        for i, kind in todo:
            arr, dpi = frames[i]
            pages[i] = _with_kind(read_scanned_page(arr, dpi, i + 1, settings), kind)
    else:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(document.path))
        try:
            for i, kind in todo:
                pages[i] = _with_kind(read_pdf_page(pdf, i, settings), kind)
        finally:
            pdf.close()
    return replace(document, pages=pages)


def _with_kind(page: Page, kind: str) -> Page:
    page.kind = "garbled-text" if kind == "garbled-text" else "scanned"
    return page


def _is_pdf(path: str | Path) -> bool:
    with open(path, "rb") as f:
        return b"%PDF-" in f.read(1024)
