"""An acronym a page prints once, read with a letter for its look-alike ("COCM" for "CQCM",
"OLCL" for "QLCL", "(VDXP)" for "(NDXP)"): read again alone, as a glued word's phrase is.

In a line or a block Tesseract reads an acronym's letters by what follows them as much as by
their ink, and it reads them sure ("COCM" at 0.92). Read alone, as printed, at three scales,
the same ink reads right; so does a heading's word that lost its marks ("TIEU", "NGUÒN").
Sheared, upright capitals read badly, so italic slants are not tried. An acronym the page
prints again is left to the text stage (`text.acronyms`), which settles one reading among
several.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import numpy as np

from ..settings import Settings
from ..vietnamese.syllable import is_valid
from .engine import OcrWord
from .glued import OPENING, at_place, overlap, read_alone

# Letters between a word's marks: "(HCNN)", "CQCM,"; an acronym's are capitals.
_ACRONYM = re.compile(r"^(\W*)([^\W\d_]{3,})(\W*)$")
# The word is read alone as printed at these scales (sheared, upright capitals read badly);
# every reading must give the same other acronym for it to replace the first.
SCALES = (1.0, 1.5, 2.0)
# The Icelandic eth Tesseract reads for a "Đ" (the text stage writes it so).
_ETH = str.maketrans({"Ð": "Đ"})


def reread_acronyms(image: np.ndarray, words: list[OcrWord], settings: Settings, dpi: int) -> list[OcrWord]:
    """``words`` with each acronym printed once among them, that no syllable spells, read again
    alone; where every reading gives one other acronym over its ink, it replaces the first."""
    counts = Counter(_letters(w.text) for w in words)
    out = list(words)
    for i, w in enumerate(words):
        read = _letters(w.text)
        if read is None or counts[read] > 1 or is_valid(read):
            continue
        readings = read_alone(image, [w], settings, dpi, (0.0,), SCALES)
        # One word over its ink each time: two ("SỐ HIỆU" for "SOHIEU") are not an acronym.
        if any(sum(overlap(n, w) > 0 for n in again) != 1 for again in readings):
            continue
        again = {_letters(n.text) for n in at_place(w, readings)}
        if len(again) == 1 and None not in again and again != {read}:
            # Opening marks stay; other marks before it were its first letter's ink ("(/BND").
            lead, _, trail = _ACRONYM.match(w.text).groups()
            out[i] = replace(w, text="".join(ch for ch in lead if ch in OPENING) + again.pop() + trail)
    return out


def _letters(word: str) -> str | None:
    """The acronym ``word`` is, its marks aside, or None (not all capitals, or too short)."""
    m = _ACRONYM.match(word.translate(_ETH))
    return m.group(2) if m and m.group(2).isupper() else None
