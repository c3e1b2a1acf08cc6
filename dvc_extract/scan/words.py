"""Tesseract's pixel words become the model's :class:`Word`s in PDF points."""
from __future__ import annotations

import statistics
import unicodedata

from ..model import Ruling, Word
from .engine import OcrWord


def to_words(
    ocr_words: list[OcrWord], px_per_pt: float, page: int, rulings: list[Ruling] = ()
) -> list[Word]:
    """Scale to points, NFC, and split a word that straddles a vertical ruling.

    Once lines are erased, two cells' texts can sit close enough for Tesseract
    to read them as one word; the ruling between them says they are two.
    """
    verticals = sorted(r.x0 for r in rulings if r.orientation == "v")
    out: list[Word] = []
    for w in _without_floating_marks(ocr_words):
        text = unicodedata.normalize("NFC", w.text)
        x0, top, x1, bottom = (v / px_per_pt for v in (w.left, w.top, w.right, w.bottom))
        for part_text, px0, px1 in _split_at(text, x0, x1, verticals, top, bottom, rulings):
            out.append(
                Word(part_text, px0, top, px1, bottom, page, size=bottom - top,
                     source="ocr", confidence=round(w.confidence, 3))
            )
    return out


def _split_at(text, x0, x1, verticals, top, bottom, rulings):
    inner = [
        x for x in verticals
        if x0 + 1.0 < x < x1 - 1.0 and any(
            r.orientation == "v" and abs(r.x0 - x) < 0.5 and r.top <= bottom and r.bottom >= top
            for r in rulings
        )
    ]
    if not inner or len(text) < 2:
        return [(text, x0, x1)]
    # Characters are spread evenly over the box: good enough to cut between cells.
    parts, start_char, start_x = [], 0, x0
    per_char = (x1 - x0) / len(text)
    for x in inner:
        cut = int(round((x - x0) / per_char))
        if start_char < cut < len(text):
            parts.append((text[start_char:cut], start_x, x))
            start_char, start_x = cut, x
    parts.append((text[start_char:], start_x, x1))
    return [(t.strip(), a, b) for t, a, b in parts if t.strip()]


# A word of one or two letters this much shorter than the page's words, sitting on a word just
# under it, is the stacked mark of that word's vowel read as a line of its own: "Mã" / "số"
# in a narrow header cell reads "Mã", "Á", "sô".
FLOATING_HEIGHT = 0.6
FLOATING_GAP = 0.15


def _without_floating_marks(words: list[OcrWord]) -> list[OcrWord]:
    if len(words) < 3:
        return words
    height = statistics.median(w.bottom - w.top for w in words)

    def floating(w: OcrWord) -> bool:
        if not (w.text.isalpha() and len(w.text) <= 2 and w.bottom - w.top < FLOATING_HEIGHT * height):
            return False
        return any(o is not w and o.left <= w.left and w.right <= o.right
                   and 0 <= o.top - w.bottom <= FLOATING_GAP * height for o in words)
    return [w for w in words if not floating(w)]
