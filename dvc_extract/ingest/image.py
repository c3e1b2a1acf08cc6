"""Page images in: image files (PNG, JPEG, multi-page TIFF) and the pages of
image-only PDFs, each with the resolution it was scanned at."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import numpy as np

from ..errors import CorruptInput, ImageUnreadable, UnsupportedInput
from .raster import MAX_PIXELS
from .sniff import InputFormat

# A4 in inches: when an image carries no believable resolution, a page of A4
# proportions tells it from its pixel size.
A4_IN = (8.27, 11.69)
# Writers put 72 or 96 dpi into files that were never measured.
_PLACEHOLDER_DPI = {72, 96}


def page_images(path: str | Path, fmt: InputFormat, indexes: list[int],
                assumed_dpi: float = 300, password: str = "") -> Iterator[tuple[int, np.ndarray, float]]:
    """(index, RGB or grey array, dpi) of the pages at ``indexes`` (0-based) of a PDF
    (``fmt`` "pdf", each page rendered when it is reached; ``password`` opens an encrypted
    one) or of an image file."""
    if fmt != "pdf":
        frames = load_image_pages(path, assumed_dpi)
        for i in indexes:
            yield (i, *frames[i])
        return
    pdf = PdfPages(path, password)
    try:
        for i in indexes:
            yield (i, *render_pdf_page(pdf, i))
    finally:
        pdf.close()


class PdfPages:
    """A PDF's pages for pypdfium2, ``pdf[i]`` as from a ``PdfDocument``, the document
    opened again every ``REOPEN_AFTER`` pages: pdfium keeps what it parsed of every page
    (a scan's image streams, ~0.35 MB a page) until its document is closed."""

    REOPEN_AFTER = 16

    def __init__(self, path: str | Path, password: str = ""):
        self.path, self.password = str(path), password or None
        self._pdf = None
        self._loaded = 0

    def __getitem__(self, index: int):
        if self._pdf is None or self._loaded >= self.REOPEN_AFTER:
            self.close()
            import pypdfium2 as pdfium

            self._pdf = pdfium.PdfDocument(self.path, password=self.password)
        self._loaded += 1
        return self._pdf[index]

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
        self._pdf, self._loaded = None, 0


def guess_dpi(width_px: int, height_px: int, stated: float | None, assumed: float) -> float:
    """The stated resolution if believable, else from A4 proportions, else ``assumed``."""
    if stated and 100 <= stated <= 1200 and round(stated) not in _PLACEHOLDER_DPI:
        return float(stated)
    short, long_ = sorted((width_px, height_px))
    if abs(long_ / short - A4_IN[1] / A4_IN[0]) < 0.03:
        return short / A4_IN[0]
    return float(stated) if stated and 100 <= stated <= 1200 else float(assumed)


def load_image_pages(path: str | Path, assumed_dpi: float = 300) -> list[tuple[np.ndarray, float]]:
    """Every frame of an image file as (RGB or grey array, dpi)."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        img = Image.open(path)
    except Image.DecompressionBombError as exc:
        raise ImageUnreadable(f"{path}: image too large to read safely (a decompression bomb)") from exc
    except UnidentifiedImageError as exc:
        raise UnsupportedInput(f"{path}: not an image we can read") from exc
    except OSError as exc:
        raise CorruptInput(f"{path}: cannot read image ({exc})") from exc
    pages = []
    try:
        for frame in ImageSequence.Iterator(img):
            stated = frame.info.get("dpi", (None, None))[0]
            arr = np.asarray(frame.convert("L" if frame.mode in ("1", "L", "I;16", "I") else "RGB"))
            pages.append((arr, guess_dpi(arr.shape[1], arr.shape[0], stated, assumed_dpi)))
    except OSError as exc:
        raise CorruptInput(f"{path}: truncated or corrupt image ({exc})") from exc
    return pages


def native_dpi(page) -> float | None:
    """Resolution of the largest image on a pypdfium2 page (an image-only PDF's scan),
    the higher of its two axes'."""
    import pypdfium2.raw as pdfium_c

    best, best_area = None, 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        try:
            w, h = obj.get_px_size()
            meta = obj.get_metadata()
        except Exception:  # a broken image object: fall back to the caller's dpi
            continue
        # An image stretched to the page (a cut-down scan fitted to A4, a fax's
        # 204 x 98 dpi) has two resolutions: rendered at the higher, no axis
        # loses the scan's own detail.
        dpi = max(meta.horizontal_dpi, meta.vertical_dpi)
        if w * h > best_area and dpi > 0:
            best, best_area = float(dpi), w * h
    return best


def render_pdf_page(pdf, index: int, dpi: float | None = None, max_dpi: float = 600) -> tuple[np.ndarray, float]:
    """A PDF page as a grey/colour array at ``dpi`` (default: its scan's own resolution)."""
    page = pdf[index]
    try:
        if dpi is None:
            dpi = min(native_dpi(page) or 300.0, max_dpi)
        # A page drawn huge (a poster, a plan) is rendered no larger than a page image
        # may be: its print is large too.
        width, height = page.get_size()
        dpi = min(dpi, 72.0 * (MAX_PIXELS / max(1.0, width * height)) ** 0.5)
        bitmap = page.render(scale=dpi / 72.0)
        arr = bitmap.to_numpy().copy()
    finally:
        page.close()
    return arr[:, :, :3] if arr.ndim == 3 else arr, float(dpi)
