"""Re-reading one cell: a single text line, digits only where the column is numeric.

The page pass reads a table with page-level context; a cell whose words came
back with low confidence, or with letters in a numeric column, is read again
alone, where a whitelist keeps Tesseract from turning 0 into O or 1 into l.
"""
from __future__ import annotations

import cv2

from ..model import BBox, Page
from ..settings import Settings
from . import engine
from .cells import text_lines

NUMERIC_CHARS = "0123456789.,%-()"
# Scales a figure is read at again when its reading at the page's scale is unsure: a figure
# the page's scale blurs ("Ø1" for "31") is often read whole enlarged.
ZOOMS = (1.5, 3.0)
# Points kept inside a ruled cell's border, so the border's remains are not read; an
# unruled cell's box is its text's own, and is widened by as much: cut to it, the
# glyphs lose their edges.
INSET = 1.2


def reread_cell(
    page: Page, bbox: BBox, numeric: bool, settings: Settings | None = None, ruled: bool = True,
    zoom: float = 1.0,
) -> tuple[str, float]:
    """(text, confidence 0-1) of the cell at ``bbox`` (PDF points) on a scanned page.

    After the tables stage, on cells that need it: a confidence below
    ``settings.min_cell_confidence``, or letters in a numeric column. The
    caller keeps the better of the two readings and the confidence with it. ``zoom``
    reads the cell enlarged (a comma lost at the page's scale often shows larger).
    """
    if page.ocr_image is None:
        raise ValueError(f"page {page.number} has no image to re-read (not a scanned page)")
    settings = settings or Settings()
    image, s = page.ocr_image.pixels, page.ocr_image.scale
    h, w = image.shape[:2]
    x0, top, x1, bottom = bbox
    inset = INSET if ruled else -INSET
    box = (
        max(0, int((x0 + inset) * s)), max(0, int((top + inset) * s)),
        min(w, int((x1 - inset) * s)), min(h, int((bottom - inset) * s)),
    )
    if box[2] - box[0] < 3 or box[3] - box[1] < 3:
        return "", 0.0
    # A number is one line; a name may wrap onto several.
    psm = engine.PSM_SINGLE_LINE
    if not numeric:
        l, t, r, b = box
        ink = (image[t:b, l:r] < 160).astype("uint8")  # the page image is clean paper
        if text_lines(ink, (0, 0, r - l, b - t), s) > 1:
            psm = engine.PSM_SINGLE_BLOCK
    if zoom != 1.0:
        l, t, r, b = box
        image = cv2.resize(image[t:b, l:r], None, fx=zoom, fy=zoom, interpolation=cv2.INTER_CUBIC)
        box = (0, 0, image.shape[1], image.shape[0])
    return engine.read_line(
        image, box, lang=settings.ocr_lang,
        whitelist=NUMERIC_CHARS if numeric else None, dpi=int(round(s * 72 * zoom)), psm=psm,
    )



def reread_figure(page: Page, bbox: BBox, settings: Settings | None = None, ruled: bool = True,
                  shaped=None) -> tuple[str, float]:
    """The cell read as a figure at the page's scale and, while unsure, enlarged: the most
    confident reading (of those ``shaped`` accepts, when given)."""
    settings = settings or Settings()
    best = ("", 0.0)
    for zoom in (1.0, *ZOOMS):
        text, conf = reread_cell(page, bbox, True, settings, ruled, zoom)
        if conf > best[1] and (shaped is None or zoom == 1.0 or shaped(text.replace(" ", ""))):
            best = (text, conf)
        if best[1] >= settings.min_cell_confidence:
            break
    return best
