"""Scan stage: a page image read as the same :class:`~dvc_extract.model.Page` a text
layer gives (words with boxes in PDF points, drawn lines as rulings), and, after the
tables stage, the doubtful cells of scanned tables read again.

    read_page(image, dpi, number, settings) -> Page     ingest calls it for each page
                                                         without a usable text layer
    read_pages(images, settings) -> pages               the same, settings.jobs at once
    reread_tables(raw, document, settings) -> raw       doubtful scanned cells read again
    reread_cell(page, bbox, numeric, settings) -> (text, confidence)
    reread_figure(page, bbox, settings) -> (text, confidence)   at other scales while unsure
    glyphs(page, bbox, ruled) -> int | None             the digits a figure's ink shows
    bordered(page, bbox) -> bool                        whether rulings frame a cell

    preprocess      even the light, drop coloured ink, deskew, undo perspective, resample,
                    denoise, binarise, mend broken rulings, specks dropped, dust that
                    leaves a cell empty; whether a word's ink is coloured (a stamp's)
    rulings         ruled lines of the page image, by morphology (a blurred text line run
                    together is none)
    engine          Tesseract in process (tesserocr); a comma read as a stop told by its
                    tail below the line, in the ink, after a word and between figures
    cells           the ruled cells to read one by one
    recheck         a short low-confidence cell read again as a number (page reading)
    dashes          nil dashes ("-" alone in a cell) read by their shape
    words           pixel words -> model Words in PDF points
    page            the steps above, in order, for one page; unsure words in coloured
                    ink (a stamp's, a signature's) dropped
    pool            pages read in worker processes (--jobs)
    glued           a letter read as a figure glued to its word: the phrase read again
    italic          whether print leans, and the same pixels sheared upright
    reread          one cell read again
    widths          figures narrower than their ink (a glyph lost) read again stretched
    accounts        a chart of accounts' numbers held to its rules (sub-accounts, order)
    doubtful        which cells of a scanned table need a second reading
"""
from __future__ import annotations

from .doubtful import reread_tables
from .page import read_page
from .pool import read_pages
from .reread import bordered, glyphs, reread_cell, reread_figure

__all__ = ["bordered", "glyphs", "read_page", "read_pages", "reread_cell", "reread_figure", "reread_tables"]
