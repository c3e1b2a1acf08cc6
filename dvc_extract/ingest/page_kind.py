"""Whether a page's text layer can be used or the page must be read as a scan."""
from __future__ import annotations

from ..model import PageKind, Word
from ..settings import Settings


def kind_of(words: list[Word], settings: Settings) -> PageKind:
    """A page with (almost) no words in its text layer is a scan.

    Garbled text layers (legacy encodings, OCR without Vietnamese) are told
    apart by the scanned path, which may turn a "text-layer" page into
    "garbled-text"; see :func:`dvc_extract.ingest.read_scanned_pages`.
    """
    printable = sum(1 for w in words if w.text.strip())
    return "text-layer" if printable >= settings.min_text_words else "scanned"
