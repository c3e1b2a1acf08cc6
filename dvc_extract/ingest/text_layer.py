"""Whether a PDF page has a text layer to read or is a picture to be read as a scan."""
from __future__ import annotations

from ..model import PageSource, Word
from ..settings import Settings

# A page is a scan when images cover at least this share of it, or when its
# text is drawn as this many vector shapes (outlined glyphs) rather than characters.
SCAN_IMAGE_SHARE = 0.3
OUTLINED_TEXT_SHAPES = 50


def source_of(words: list[Word], settings: Settings, picture: float = 1.0) -> PageSource:
    """A page with (almost) no words in its text layer, drawn as a picture, is a scan.

    A near-empty page without a large image (a signature page, a blank back) is
    born-digital: reading it as a scan would only trade exact text for OCR.
    Garbled text layers (legacy encodings, OCR without Vietnamese) are told
    apart later (:mod:`.garbled`), which may turn a "text-layer" page into
    "garbled-text"; see :func:`dvc_extract.ingest.read_scanned_pages`.
    """
    printable = sum(1 for w in words if w.text.strip())
    if printable >= settings.min_text_words or picture < SCAN_IMAGE_SHARE:
        return "text-layer"
    return "scanned"


def picture_share(page) -> float:
    """How much of a pdfplumber page is a picture: the share its images cover (a
    scanner may cut a page into strips), or all of it when its text is outlined."""
    if len(page.curves) >= OUTLINED_TEXT_SHAPES:
        return 1.0
    area = float(page.width) * float(page.height)
    if not area:
        return 0.0
    covered = 0.0
    for im in page.images:
        w = max(0.0, min(float(im["x1"]), float(page.width)) - max(float(im["x0"]), 0.0))
        h = max(0.0, min(float(im["bottom"]), float(page.height)) - max(float(im["top"]), 0.0))
        covered += w * h
    return min(1.0, covered / area)
