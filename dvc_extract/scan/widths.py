"""Figures the OCR lost, told by the width of their ink.

Figures are printed equally wide (0.5 em in Times, 0.556 in Arial), a thousands or decimal
mark half a figure, a "%" 1.6 figures, a bracket two thirds. The span of a number's ink, in
the widths of its table's figures, says how many glyphs it holds. Tesseract's line reader
merges two touching equal figures into one ("33" read "3", "99,10" read "9,10" at 150 dpi,
surely): a reading that much narrower than its ink is read again stretched across, where the
two come apart, and a reading that fills the ink is kept. Without one the cell keeps its
reading, unsure, so it is reported and never passed as a clean value.
"""
from __future__ import annotations

import statistics
from dataclasses import replace

from ..model import Cell, Page
from ..number import is_bare_number
from ..settings import Settings
from .reread import bordered, cell_ink, reread_cell, unsure

# Advances in figure widths of what a number prints besides its figures.
ADVANCE = {",": 0.5, ".": 0.5, "%": 1.6, "(": 0.67, ")": 0.67, "-": 0.67}
# A number's ink is narrower than its advances by about this share of a figure: the first
# and last glyphs' side bearings.
BEARINGS = 0.15
# The table's figure width is measured on its sure readings of at least this many advances,
# when it has this many of them (a statement's codes, "01" … "52", are two figures wide).
MIN_ADVANCES, MIN_SAMPLES = 2, 3
# A reading this many figure widths narrower than its ink lost a glyph: on real and rendered
# scans, of 2,750 readings that are right none is more than 0.45 narrower (99% at most 0.35),
# and the figures lost are 0.5 and more. A reading again fills the ink when it is at most FITS
# wider than it, as 99% of those right are (a lone "1", the narrowest figure, the most).
LOST, FITS = 0.5, 0.56
# One line of figures is at most this many figure widths tall (a comma's tail included).
ONE_LINE = 2.0
# How many times wider than tall a cell is read again.
STRETCHES = (1.25, 1.5)


def advances(text: str) -> float:
    """The width of a number as printed, in figure widths."""
    return sum(1.0 if ch.isdigit() else ADVANCE.get(ch, 1.0) for ch in text)


def refill(cells: list[Cell], values: set[int], page: Page, ruled: bool, settings: Settings) -> list[Cell]:
    """The cells of the ``values`` columns whose figures are narrower than their ink read
    again stretched (see the module's doc)."""
    framed = {k: ruled and bordered(page, c.bbox) for k, c in enumerate(cells)
              if c.col in values and c.col_span == 1 and _number(c.text)}
    spans = {k: (box[2] - box[0], box[3] - box[1]) for k, inside in framed.items()
             if (box := cell_ink(page, cells[k].bbox, inside))}
    read = {k: advances(_bare(cells[k].text)) for k in spans}
    sure = [w / (read[k] - BEARINGS) for k, (w, _) in spans.items()
            if read[k] >= MIN_ADVANCES and cells[k].confidence >= settings.min_cell_confidence]
    if len(sure) < MIN_SAMPLES:
        return cells
    figure = statistics.median(sure)
    out = list(cells)
    for k, (width, height) in spans.items():
        c = out[k]
        wide = width / figure + BEARINGS
        if height > ONE_LINE * figure or wide - read[k] < LOST:
            continue
        fits = [(text, conf) for stretch in STRETCHES
                for text, conf in [reread_cell(page, c.bbox, True, settings, framed[k], stretch=stretch)]
                if _number(text) and wide - advances(_bare(text)) >= -FITS and _more(_bare(c.text), _bare(text))]
        texts = {text for text, _ in fits}
        if len(texts) == 1 and len(fits) == len(STRETCHES):
            # two ways of stretching agree, and fill the ink: as sure as the surer
            out[k] = replace(c, text=fits[0][0].replace(" ", ""), confidence=max(conf for _, conf in fits))
        elif fits:
            best = max(fits, key=lambda f: f[1])
            out[k] = replace(c, text=best[0].replace(" ", ""), confidence=min(best[1], unsure(settings)))
        else:
            out[k] = replace(c, confidence=min(c.confidence, unsure(settings)))
    return out


def _bare(text: str) -> str:
    return text.replace(" ", "")


def _number(text: str) -> bool:
    t = _bare(text)
    return is_bare_number(t[1:-1] if t[:1] == "(" and t[-1:] == ")" else t)


def _more(read: str, again: str) -> bool:
    """Whether ``again`` holds the figures of ``read``, in order, and more."""
    a, b = [ch for ch in read if ch.isdigit()], iter(ch for ch in again if ch.isdigit())
    return sum(ch.isdigit() for ch in again) > len(a) and all(ch in b for ch in a)
