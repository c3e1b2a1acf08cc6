"""A scanned page becomes the same :class:`Page` the text layer gives:
words with boxes in PDF points and the drawn lines as rulings.

Steps, each testable alone: even the light (shadows, tinted paper, faint
copies) -> drop coloured ink -> deskew -> perspective (a photographed page's
converging rulings made parallel) -> resample to the resolution Tesseract
reads best at (``settings.ocr_dpi``, measured) -> denoise -> broken rulings
mended -> ruled lines by morphology -> specks smaller than the page's glyphs
dropped -> lines erased -> Tesseract 'vie' in process:
each ruled cell, then the rest of the page in one pass -> words in points. A page
read badly is checked for a turn (fed sideways or upside down), and read again upright.
"""
from __future__ import annotations

import os
import tempfile

import numpy as np

from ..model import Page, PageImage
from ..settings import Settings
from . import dashes, engine, preprocess
from .acronyms import reread_acronyms
from .cells import blank, cell_regions, inset, text_lines
from .glued import reread_glued
from .recheck import recheck_number, reread_lost_line
from .rulings import find_rulings
from .sideways import sideways
from .words import to_words


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


def read_page(
    image: np.ndarray, dpi: float, number: int, settings: Settings | None = None
) -> Page:
    """OCR one page image (grey or colour array scanned at ``dpi``)."""
    settings = settings or Settings()
    # A page whose text runs up and down is turned before it is read; a page upside down
    # is found only by reading it badly. Orientation detection costs a sixth of a page's
    # reading, and most pages need none. Each way up, the page's glyphs tell its
    # resolution (`preprocess.resolution`: a screenshot stating 72 dpi).
    # Orientation detection is asked at that resolution too: told a page's glyphs are
    # smaller than they are (a scan stating no resolution), it finds no lines to judge.
    resolved = preprocess.resolution(image, dpi)
    turn = 0
    if sideways(image, resolved):
        turn = engine.orientation(image, preprocess.resolution(np.rot90(image), dpi), sideways=True)
    page = _read_turned(image, turn, dpi, number, settings) if turn else \
        _read_upright(image, resolved, number, settings)
    if not turn and _maybe_turned(page):
        # Read badly: a turn the detection is less sure of is tried too, and the
        # reading with more sure words kept.
        turn = engine.orientation(image, resolved, engine.UNSURE_ORIENTATION_CONFIDENCE)
        if turn:
            turned = _read_turned(image, turn, dpi, number, settings)
            if _sure_share(turned) > _sure_share(page):
                page = turned
    return page


def _read_turned(image: np.ndarray, turn: int, dpi: float, number: int, settings: Settings) -> Page:
    turned = np.ascontiguousarray(np.rot90(image, turn // 90))
    return _read_upright(turned, preprocess.resolution(turned, dpi), number, settings)


# A page is read badly when fewer of its words than this share are read with confidence
# (an upright page of print reads most of them; a turned one, next to none).
SURE_WORD = 0.8
MIN_SURE_SHARE = 0.5


def _maybe_turned(page: Page) -> bool:
    return bool(page.words) and _sure_share(page) < MIN_SURE_SHARE


def _sure_share(page: Page) -> float:
    return sum(w.confidence >= SURE_WORD for w in page.words) / max(len(page.words), 1)


def _read_upright(image: np.ndarray, dpi: float, number: int, settings: Settings) -> Page:
    """The page read as it lies, at its resolution ``dpi``."""
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
    ocr_words = dashes.restore(read_page_words(clean, ink, grid, px_per_pt, settings), ink, px_per_pt)
    # The page as scanned, in colour, made after the reading (not held through it).
    as_scanned = preprocess.resample(preprocess.warp(preprocess.rotate(image, skew), homography),
                                     settings.ocr_dpi / dpi)
    ocr_words = _off_stamps(ocr_words, preprocess.paper_white(as_scanned, px_per_pt), settings)
    h, w = grey.shape[:2]
    return Page(
        number=number,
        width=w / px_per_pt,
        height=h / px_per_pt,
        source="scanned",
        words=to_words(ocr_words, px_per_pt, number, rulings),
        rulings=rulings,
        deskew=skew,
        ocr_image=PageImage(on_disk(clean), px_per_pt),
        evidence_image=PageImage(on_disk(as_scanned), px_per_pt),
    )


# A word read unsure whose ink is coloured on the scan is a stamp's or a signature's (a red
# stamp's "0582"); printed words are black, also where a stamp covers them and its black
# is most of their ink. A word in dark coloured print reads surely.
def _off_stamps(words: list, colour: np.ndarray | None, settings: Settings) -> list:
    """``words`` less those read unsure in coloured ink (``colour``: the page as
    `preprocess.paper_white` gives it, None for a grey page)."""
    if colour is None:
        return words
    return [w for w in words if w.confidence >= settings.min_cell_confidence
            or not preprocess.coloured_ink(colour, (w.left, w.top, w.right, w.bottom))]


def on_disk(pixels: np.ndarray) -> np.ndarray:
    """The pixels as a read-only array mapped from a temporary file, so a report's pages do
    not stay in memory while the later stages run (a page image is 6-25 MB; a 300-page scan
    would hold gigabytes): the system reads back what a re-read or an evidence crop needs.
    The file's name is removed at once; its space goes with the array."""
    with tempfile.NamedTemporaryFile(prefix="dvc-extract-page-", suffix=".npy", delete=False) as f:
        np.save(f, np.ascontiguousarray(pixels))
    try:
        return np.load(f.name, mmap_mode="r")
    finally:
        os.unlink(f.name)


# Ink in a cell's margin is a glyph's, not a border's remains, when it runs no longer down
# the margin than a glyph is tall (points).
GLYPH_IN_MARGIN_PT = 10.0


def _glyphs_whole(box: tuple[int, int, int, int], region: tuple[int, int, int, int], ink: np.ndarray,
                  px_per_pt: float) -> tuple[int, int, int, int]:
    """``box`` (the cell inset off its borders) widened back to the cell's own edge on a side
    where a glyph reaches into the margin: text set flush against a column rule ("Thống kê"
    with no padding) loses its first letter's left to the inset, and "T" reads "[".
    A border's remains run down the margin, longer than any glyph."""
    l, t, r, b = box
    if r - l < 3:
        return box
    # Each side: the margin strip, and the columns either side of the inset edge.
    for side, strip, edge in (("left", ink[t:b, region[0]:l], ink[t:b, l - 1:l + 1]),
                              ("right", ink[t:b, r:region[2]], ink[t:b, r - 1:r + 1])):
        rows = strip.any(axis=1) if strip.size else np.zeros(0, bool)
        # A glyph crosses the edge (a speck in the margin does not) and ends within a glyph's height.
        crossing = edge.shape[1] == 2 and (edge > 0).all(axis=1).any()
        if crossing and _longest_run(rows) <= GLYPH_IN_MARGIN_PT * px_per_pt:
            l, r = (region[0], r) if side == "left" else (l, region[2])
    return l, t, r, b


def _longest_run(flags: np.ndarray) -> int:
    padded = np.concatenate(([0], flags.astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(padded))
    return int((edges[1::2] - edges[::2]).max()) if len(edges) else 0


def read_page_words(
    clean: np.ndarray, ink: np.ndarray, grid: np.ndarray, px_per_pt: float, settings: Settings
):
    """Ruled cells one by one, then the rest of the page in one pass.

    A cell read alone cannot have its text joined to its neighbour's, and a
    lone digit is read as a line rather than lost as noise. One line of
    text is read in single-line mode (no layout analysis), several as a
    block; an empty cell, dust in it or not, is not read at all (Tesseract reads a
    speck as a letter).
    """
    dpi = int(round(px_per_pt * 72))
    cells, modes, one_line = [], [], []
    # Off the cell's edges: what is left of a border reads as '.', '-' or 'l'.
    margin = max(1, round(CELL_INSET_PT * px_per_pt))
    regions = cell_regions(grid, px_per_pt)
    glyphs = preprocess.without_dust(ink, px_per_pt) if regions else ink
    for region in regions:
        box = _glyphs_whole(inset(region, margin), region, ink, px_per_pt)
        # Dust alone leaves a cell empty. Where there is text, the reading mode is chosen on
        # the ink as it is, dust and all, as measured (a "34" with a speck under it reads
        # "34" as a block, "4" as one line); a line with dust that reads as nothing as a
        # block is read again as a line lost (a row's "1" with a speck beside it).
        lines, glyph_lines = text_lines(ink, box, px_per_pt), text_lines(glyphs, box, px_per_pt)
        if lines and glyph_lines:
            cells.append(box)
            modes.append(engine.PSM_SINGLE_LINE if lines == 1 else engine.PSM_SINGLE_BLOCK)
            one_line.append(glyph_lines == 1)
    words = []
    if cells:
        found = engine.read_regions(clean, cells, settings.ocr_lang, modes, dpi)
        lines_read = max((w.line for ws in found for w in ws), default=-1) + 1
        for box, mode, line, cell_words in zip(cells, modes, one_line, found):
            if mode == engine.PSM_SINGLE_LINE or (line and not cell_words):
                if not cell_words:
                    cell_words = reread_lost_line(clean, box, settings, dpi, lines_read)
                    lines_read += 1
                cell_words = recheck_number(clean, box, cell_words, settings, dpi)
            words.extend(cell_words)
        words = reread_acronyms(clean, reread_glued(clean, words, settings, dpi), settings, dpi)
    rest = blank(clean, regions)
    # The rest's lines are numbered afresh: its words are re-read apart from the cells'.
    words.extend(reread_acronyms(rest, reread_glued(rest, engine.read_words(rest, settings.ocr_lang, settings.ocr_psm, dpi),
                                                    settings, dpi), settings, dpi))
    return words
