"""Pages of a PDF: words and rulings from its text layer, one pass per page.

pdfplumber (over pdfminer) reads each page once; nothing is rendered. Every
failure of the libraries becomes one of our typed errors.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import LIT
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import CorruptInput, EncryptedPdf, UsageError
from ..model import Page
from ..progress import Progress, report
from ..settings import Settings, page_numbers
from .chars import quick_objects
from .rulings import rulings_from_objects
from .text_layer import source_of, picture_share
from .words import page_words

LITERAL_IMAGE = LIT("Image")


def pdf_pages(path: str | Path, settings: Settings, progress: Optional[Progress] = None) -> list[Page]:
    try:
        pdf = _open(path, settings.password)
    except PdfminerException as e:
        raise _typed(path, e.args[0] if e.args else e, settings.password) from None
    except Exception as e:  # pdfminer raises bare errors on some broken files
        raise _typed(path, e, settings.password) from None
    with pdf:
        try:
            chosen = [pdf.pages[n - 1] for n in selected(settings, len(pdf.pages))]
            pages = []
            report(progress, "text", 0, len(chosen))
            for p in chosen:
                pages.append(_page(p, settings))
                report(progress, "text", len(pages), len(chosen))
            return pages
        except PdfminerException as e:
            raise _typed(path, e.args[0] if e.args else e, settings.password) from None
        except (EncryptedPdf, CorruptInput, UsageError):
            raise
        except Exception as e:
            raise _typed(path, e, settings.password) from None


def _open(path: str | Path, password: str):
    try:
        return pdfplumber.open(path, password=password)
    except (UnicodeEncodeError, PdfminerException) as e:
        cause = e.args[0] if isinstance(e, PdfminerException) and e.args else e
        if not isinstance(cause, UnicodeEncodeError):
            raise
    # A password outside Latin-1 in a file of the older security handlers (RC4, AES-128),
    # which pdfminer reads as Latin-1: writers put its UTF-8 bytes there.
    return pdfplumber.open(path, password=password.encode("utf-8").decode("latin-1"))


def selected(settings: Settings, count: int) -> list[int]:
    """The page numbers to read of a document of ``count`` pages (``settings.pages``)."""
    if not settings.pages:
        return list(range(1, count + 1))
    numbers = page_numbers(settings.pages)
    if numbers[-1] > count:
        raise UsageError(f"pages {settings.pages}: the document has {count} page(s)")
    return numbers


def _page(p, settings: Settings) -> Page:
    quick_objects(p)
    rulings = rulings_from_objects(p)
    words = page_words(p, p.page_number, rulings)
    page = Page(
        number=p.page_number,
        width=float(p.width),
        height=float(p.height),
        source=source_of(words, settings, picture_share(p)),
        words=words,
        rulings=rulings,
    )
    pictured = bool(p.images)
    p.close()  # drop pdfplumber's per-page caches: long reports stay small in memory
    if pictured:
        _forget_images(p.pdf.doc)
    return page


def _forget_images(doc) -> None:
    """Drop image streams from pdfminer's object cache, which keeps every object parsed for
    the document's life: a scan's page images (~0.35 MB a page) would add up over a long
    report. Fonts and other shared objects stay; a dropped stream is read again if needed."""
    cache = getattr(doc, "_cached_objs", None)
    if not cache:
        return
    for objid in [k for k, (obj, _) in cache.items()
                  if isinstance(obj, PDFStream) and obj.attrs.get("Subtype") is LITERAL_IMAGE]:
        del cache[objid]


def _typed(path, cause: object, password: str = "") -> Exception:
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        if password:
            return EncryptedPdf(f"{path}: the PDF is encrypted and the password given does not open it")
        return EncryptedPdf(f"{path}: the PDF is encrypted and needs a password (--password)")
    detail = str(cause) or type(cause).__name__
    return CorruptInput(f"{path}: damaged PDF ({detail})")
