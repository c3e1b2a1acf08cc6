"""Word-level accuracy of OCR against reference words on the same page
(the text layer of the PDF a scan was made from), matched by position."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from dvc_extract.model import Word
from dvc_extract.number import is_number_chars

from .align import match_tables


@dataclass
class WordScore:
    words: int = 0
    exact: int = 0
    numbers: int = 0
    numbers_exact: int = 0
    chars: int = 0
    char_errors: int = 0

    @property
    def word_accuracy(self) -> float:
        return self.exact / self.words if self.words else 1.0

    @property
    def number_accuracy(self) -> float:
        return self.numbers_exact / self.numbers if self.numbers else 1.0

    @property
    def cer(self) -> float:
        return self.char_errors / self.chars if self.chars else 0.0

    def __iadd__(self, other: "WordScore") -> "WordScore":
        for f in self.__dataclass_fields__:
            setattr(self, f, getattr(self, f) + getattr(other, f))
        return self


def _norm(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def read_at(reference: Word, read: list[Word], pad: float = 1.5) -> str:
    """The read words whose centres fall inside the reference word's box."""
    x0, top, x1, bottom = reference.x0 - pad, reference.top - pad, reference.x1 + pad, reference.bottom + pad
    hits = [
        w for w in read
        if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom
    ]
    return "".join(w.text for w in sorted(hits, key=lambda w: w.x0))


def score_words(reference: list[Word], read: list[Word]) -> WordScore:
    """Exact-word rate, number-word rate and CER of ``read`` against ``reference``.

    Words are compared where the reference has them; an OCR word spanning
    two reference words is counted against each (its centre decides).
    """
    s = WordScore()
    for ref in reference:
        want = _norm(ref.text)
        got = _norm(read_at(ref, read))
        ok = got == want
        s.words += 1
        s.exact += ok
        if is_number_chars(want):
            s.numbers += 1
            s.numbers_exact += ok
        s.chars += len(want)
        s.char_errors += Levenshtein.distance(want, got)
    return s


def cell_text(words: list[Word], bbox, pad: float = 1.0) -> tuple[str, float]:
    """Text of the words whose centres lie in ``bbox``, in reading order, and
    their lowest confidence."""
    x0, top, x1, bottom = bbox
    inside = [
        w for w in words
        if x0 - pad <= (w.x0 + w.x1) / 2 <= x1 + pad and top - pad <= (w.top + w.bottom) / 2 <= bottom + pad
    ]
    lines: list[list[Word]] = []
    for w in sorted(inside, key=lambda w: (w.top + w.bottom) / 2):
        mid = (w.top + w.bottom) / 2
        if lines and abs(mid - sum((o.top + o.bottom) / 2 for o in lines[-1]) / len(lines[-1])) < 0.5 * (w.bottom - w.top):
            lines[-1].append(w)
        else:
            lines.append([w])
    text = " ".join(w.text for line in lines for w in sorted(line, key=lambda w: w.x0))
    return text, min((w.confidence for w in inside), default=0.0)


@dataclass
class CellScore:
    numeric: int = 0
    numeric_exact: int = 0
    names: int = 0
    name_chars: int = 0
    name_errors: int = 0
    misses: list = None

    @property
    def numeric_accuracy(self) -> float:
        return self.numeric_exact / self.numeric if self.numeric else 1.0

    @property
    def name_cer(self) -> float:
        return self.name_errors / self.name_chars if self.name_chars else 0.0

    def __iadd__(self, other: "CellScore") -> "CellScore":
        for f in ("numeric", "numeric_exact", "names", "name_chars", "name_errors"):
            setattr(self, f, getattr(self, f) + getattr(other, f))
        self.misses = (self.misses or []) + (other.misses or [])
        return self


def is_name_cell(cell: dict) -> bool:
    """A body cell holding words (a unit's name), not a number or a code."""
    letters = sum(ch.isalpha() for ch in cell["text"])
    return cell.get("part", "body") == "body" and cell.get("value") is None and letters >= 4


def score_cells(truth_cells: list[dict], words_by_page: dict[int, list[Word]]) -> CellScore:
    """Printed string of numeric cells exact; character error rate of name cells.

    ``truth_cells``: dicts with page, bbox, text, value (the scanned corpus'
    ``cells`` list). The words are placed by position alone: this scores the
    page reading, before any table logic.
    """
    s = CellScore(misses=[])
    for c in truth_cells:
        got, _ = cell_text(words_by_page.get(c["page"], []), c["bbox"])
        want = _norm(c["text"])
        got = _norm(got)
        if c.get("value") is not None:
            s.numeric += 1
            s.numeric_exact += got == want
            if got != want:
                s.misses.append((c["page"], want, got))
        elif is_name_cell(c):
            s.names += 1
            s.name_chars += len(want)
            err = Levenshtein.distance(want, got)
            s.name_errors += err
            if err:
                s.misses.append((c["page"], want, got))
    return s


def unit_name_cer(truth, tables) -> tuple[int, int, list]:
    """(character errors, characters, misses) of the unit-name cells of extracted
    logical tables against a corpus truth (:class:`.truth.TruthReport`), rows and
    columns aligned as the born-digital scoring aligns them."""
    errors = chars = 0
    misses = []
    for m in match_tables(truth.tables, tables):
        t = m.truth
        label_col = t.label_column()
        for ri, row in enumerate(t.rows):
            label = t.label_of(row)
            if label is None or label.col != label_col:
                continue
            got = m.cell(ri, label_col) if m.table is not None else None
            want, have = _norm(label.text), _norm(got.text) if got is not None else ""
            d = Levenshtein.distance(want, have)
            errors += d
            chars += len(want)
            if d:
                misses.append((want, have))
    return errors, chars, misses
