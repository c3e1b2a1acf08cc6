"""Re-reading one cell: a single text line, digits only where the column is numeric.

The page pass reads a table with page-level context; a cell whose words came
back with low confidence, or with letters in a numeric column, is read again
alone, where a whitelist keeps Tesseract from turning 0 into O or 1 into l.
"""
from __future__ import annotations

from typing import Optional

import cv2
import numpy as np

from ..model import BBox, Page
from ..settings import Settings
from . import engine
from .cells import text_lines
from .acronyms import reread_acronyms
from .glued import reread_glued
from .italic import SLANTS, leans, upright

NUMERIC_CHARS = "0123456789.,%-()"
# Scales a figure is read at again when its reading at the page's scale is unsure: a figure
# the page's scale blurs ("Ø1" for "31") is often read whole enlarged.
ZOOMS = (1.5, 3.0)
# Below this confidence a reading at the page's scale says nothing: the cell is read the other ways.
NO_READING = 0.3
# An italic reading is taken for a figure of at least this many digits.
ITALIC_DIGITS = 3
# Points kept inside a ruled cell's border, so the border's remains are not read; an
# unruled cell's box is its text's own, and is widened by as much: cut to it, the
# glyphs lose their edges.
INSET = 1.2


def reread_cell(
    page: Page, bbox: BBox, numeric: bool, settings: Settings | None = None, ruled: bool = True,
    zoom: float = 1.0, tight: bool = False, slant: float = 0.0, lang: str | None = None,
    chars: str = NUMERIC_CHARS, stretch: float = 1.0, binary: bool = False,
) -> tuple[str, float]:
    """(text, confidence 0-1) of the cell at ``bbox`` (PDF points) on a scanned page.

    After the tables stage, on cells that need it: a confidence below
    ``settings.min_cell_confidence``, or letters in a numeric column. The
    caller keeps the better of the two readings and the confidence with it. ``zoom``
    reads the cell enlarged (a comma lost at the page's scale often shows larger); ``tight``
    reads only its ink's extent (a row number alone in a tall cell of specks); ``slant``
    shears italic print upright by so many degrees; ``stretch`` widens it so many times more
    than it heightens it (two touching equal figures come apart); ``binary`` reads it black on
    white, split at the level that parts its ink from its paper (Otsu). A numeric cell is read
    for ``chars`` only, by ``lang`` (``settings.ocr_lang`` unless given).
    """
    if page.ocr_image is None:
        raise ValueError(f"page {page.number} has no image to re-read (not a scanned page)")
    settings = settings or Settings()
    image, s = page.ocr_image.pixels, page.ocr_image.scale
    box = _box(page, bbox, ruled)
    if tight:
        box = ink_box(image, box, s) or box
    if box[2] - box[0] < 3 or box[3] - box[1] < 3:
        return "", 0.0
    # A number is one line; a name may wrap onto several.
    psm = engine.PSM_SINGLE_LINE
    if not numeric:
        l, t, r, b = box
        ink = (image[t:b, l:r] < 160).astype("uint8")  # the page image is clean paper
        if text_lines(ink, (0, 0, r - l, b - t), s) > 1:
            psm = engine.PSM_SINGLE_BLOCK
    if slant:
        image = upright(image, box, slant)
        box = (0, 0, image.shape[1], image.shape[0])
    if zoom != 1.0 or stretch != 1.0:
        l, t, r, b = box
        image = cv2.resize(image[t:b, l:r], None, fx=zoom * stretch, fy=zoom, interpolation=cv2.INTER_CUBIC)
        box = (0, 0, image.shape[1], image.shape[0])
    if binary:
        l, t, r, b = box
        _, image = cv2.threshold(np.ascontiguousarray(image[t:b, l:r]), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        box = (0, 0, image.shape[1], image.shape[0])
    dpi = int(round(s * 72 * zoom))
    if not numeric:
        return read_text(image, box, psm, settings, dpi)
    return engine.read_line(image, box, lang=lang or settings.ocr_lang, whitelist=chars, dpi=dpi, psm=psm)


# What a second reading of a row number may hold.
ROW_NUMBER_CHARS = "0123456789."


def reread_row_number(page: Page, bbox: BBox, settings: Settings, ruled: bool = True) -> tuple[str, ...]:
    """The row number in the cell at ``bbox`` read by ``settings.row_number_lang``, as it is and
    black on white: readings the numbering column's sequence may take where the first one is
    out of its place. A blurred scan's grey strokes ("2.1." on bc329's annex at 150 dpi, read
    "Si,") read right once split from the paper; an italic "1.4.1." may lose its strokes so."""
    readings = (reread_cell(page, bbox, True, settings, ruled, lang=settings.row_number_lang,
                            chars=ROW_NUMBER_CHARS, binary=binary)[0].replace(" ", "") for binary in (False, True))
    return tuple(dict.fromkeys(r for r in readings if r))


def read_text(image: np.ndarray, box: tuple[int, int, int, int], psm: int, settings: Settings,
              dpi: int) -> tuple[str, float]:
    """The text in ``box`` (px) and the mean confidence of its words (0-1), as
    `engine.read_line` reads them, word by word: a stop or a colon read for a comma or a
    semicolon is told by its tail (`engine`), glued words' phrases and acronyms printed once
    are read again."""
    crop = engine.framed(image, box)
    if crop is None:
        return "", 0.0
    words = engine.read_words(crop, settings.ocr_lang, psm, dpi)
    if not words:
        return "", 0.0
    confidence = sum(w.confidence for w in words) / len(words)
    words = reread_acronyms(crop, reread_glued(crop, words, settings, dpi), settings, dpi)
    return " ".join(w.text for w in words), max(0.0, confidence)


def bordered(page: Page, bbox: BBox) -> bool:
    """Whether the page's rulings frame the cell at ``bbox``: a ruling along its top or its
    bottom edge, across its width. A box of an unruled table is its text's own, and is read
    widened, not cut inside (which would cut its glyphs' edges)."""
    x0, top, x1, bottom = bbox
    near = BORDER_PT
    return any(r.orientation == "h" and r.x0 <= x0 + near and r.x1 >= x1 - near
               and (abs(r.top - top) <= near or abs(r.top - bottom) <= near) for r in page.rulings)


# A ruling this close to a cell's edge (points) is its border.
BORDER_PT = 3.0


def _box(page: Page, bbox: BBox, ruled: bool) -> tuple[int, int, int, int]:
    """The cell's box in the page image's pixels, inside a ruled cell's border, around an
    unruled cell's text."""
    image, s = page.ocr_image.pixels, page.ocr_image.scale
    h, w = image.shape[:2]
    x0, top, x1, bottom = bbox
    inset = INSET if ruled else -INSET
    return (max(0, int((x0 + inset) * s)), max(0, int((top + inset) * s)),
            min(w, int((x1 - inset) * s)), min(h, int((bottom - inset) * s)))


def italic(page: Page, bbox: BBox, ruled: bool) -> bool:
    """Whether the cell's print leans."""
    return leans(page.ocr_image.pixels, _box(page, bbox, ruled))


def ink_box(image, box, scale):
    """The extent of the ink inside ``box`` (px), leaving out specks (under about half a
    point across) and what touches the box's edge (a ruling's remains); None when blank."""
    l, t, r, b = box
    ink = (image[t:b, l:r] < 128).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = ink.shape
    keep = [(x, y, x + bw, y + bh) for x, y, bw, bh, area in stats[1:]
            if area >= max(4, (0.6 * scale) ** 2) and x > 0 and y > 0 and x + bw < w and y + bh < h]
    if not keep:
        return None
    return (l + min(k[0] for k in keep), t + min(k[1] for k in keep),
            l + max(k[2] for k in keep), t + max(k[3] for k in keep))


def cell_ink(page: Page, bbox: BBox, ruled: bool = True) -> Optional[tuple[int, int, int, int]]:
    """The extent (px) of the ink of the cell at ``bbox`` on the page image (`ink_box`)."""
    return ink_box(page.ocr_image.pixels, _box(page, bbox, ruled), page.ocr_image.scale)


def glyphs(page: Page, bbox: BBox, ruled: bool = True) -> Optional[int]:
    """How many glyphs stand the full height of the figure in the cell: its digits (a
    separator or a speck is shorter), pieces of one broken glyph counted once. None when the
    cell shows no ink or no image. A "1" the OCR lost is one of them."""
    if page.ocr_image is None:
        return None
    image = page.ocr_image.pixels
    box = cell_ink(page, bbox, ruled)
    if box is None:
        return None
    l, t, r, b = box
    _, _, stats, _ = cv2.connectedComponentsWithStats((image[t:b, l:r] < 128).astype(np.uint8), connectivity=8)
    height = b - t
    # pieces side by side or stacked (a broken "9", a faint "1" in two) are one glyph
    pieces = sorted((x, x + w, y, y + h) for x, y, w, h, area in stats[1:] if area >= (SPECK * height) ** 2)
    spans: list[list[int]] = []
    for x0, x1, y0, y1 in pieces:
        if spans and x0 < spans[-1][1]:
            last = spans[-1]
            last[1], last[2], last[3] = max(last[1], x1), min(last[2], y0), max(last[3], y1)
        else:
            spans.append([x0, x1, y0, y1])
    # a span as tall as a digit is one, or as many as its width holds when digits blurred
    # into one another ("81" as one blot); a comma, a dot or a speck is shorter
    return sum(1 if x1 - x0 <= WIDE * height else max(2, round((x1 - x0) / (DIGIT * height)))
               for x0, x1, y0, y1 in spans if y1 - y0 >= TALL * height) or None


# A piece of ink this share of the figure's height tall is (part of) a digit; commas, dots and
# specks are shorter. A digit is at most WIDE of its height wide (0.35-0.65 in print), about
# DIGIT on average: a wider piece is digits run together.
TALL = 0.55
WIDE = 0.85
SPECK = 0.15  # ink smaller than this share of the height squared is a speck, not a piece
DIGIT = 0.5


def reread_figure(page: Page, bbox: BBox, settings: Settings | None = None, ruled: bool = True,
                  shaped=None, vouch: bool = True) -> tuple[str, float]:
    """The cell read as a figure at the page's scale, then, while unsure, cut to its ink and
    enlarged: the most confident reading (of those ``shaped`` accepts, when given). Tesseract's
    confidence in a short token says little: a reading only another way of cutting or scaling
    gives stays below ``min_cell_confidence`` unless a second one agrees."""
    settings = settings or Settings()
    text, conf = reread_cell(page, bbox, True, settings, ruled)
    if conf >= settings.min_cell_confidence:
        return text, conf
    # Italics read upright: taken when every slant reads the same, surely.
    leans = sum(ch.isdigit() for ch in text) >= ITALIC_DIGITS and italic(page, bbox, ruled)
    upright = [reread_cell(page, bbox, True, settings, ruled, slant=a) for a in SLANTS] if leans else []
    if upright and len({t for t, _ in upright}) == 1 and min(c for _, c in upright) >= settings.min_cell_confidence \
            and (shaped is None or shaped(upright[0][0].replace(" ", ""))):
        return upright[0][0], min(c for _, c in upright)
    if conf >= NO_READING and (shaped is None or shaped(text.replace(" ", ""))):
        # A figure read, if unsure, is kept: cut or enlarged, a comma is lost more often than
        # found. Read enlarged to the same digits, it is as sure of them as that reading is
        # (its marks are the ink's business, figures.py), unless ``vouch`` is off (a row
        # number: a speck reads as one digit at every scale; its sequence vouches for it).
        big, big_conf = reread_cell(page, bbox, True, settings, ruled, ZOOMS[0]) if vouch else ("", 0.0)
        if _digits(big) == _digits(text):
            return text, max(conf, big_conf)
        return text, conf
    others = upright + [reread_cell(page, bbox, True, settings, ruled, zoom, tight)
                        for zoom, tight in ((1.0, True), *((z, False) for z in ZOOMS))]
    best = (text, conf)
    for k, (t, c) in enumerate(others):
        if c > best[1] and (shaped is None or shaped(t.replace(" ", ""))):
            agree = any(t == t2 for t2, _ in [(text, conf)] + others[:k] + others[k + 1:])
            best = (t, c if agree else min(c, unsure(settings)))
    return best


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def unsure(settings: Settings) -> float:
    """A confidence just below the threshold: the cell is still reported ``unreadable``."""
    return settings.min_cell_confidence - 0.01
