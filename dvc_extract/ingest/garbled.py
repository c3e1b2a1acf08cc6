"""Is a page's text layer Vietnamese we can use, or must the page be OCR'd?

Three sources (``model.PageSource``):

- ``scanned``: (almost) no text layer: an image of a page.
- ``garbled-text``: a text layer that is not readable Vietnamese: made by an
  OCR without Vietnamese ("huyén", "S&", "tinh" for "huyện", "Sở", "tỉnh"),
  set in a legacy font encoding that does not decode, or in fonts with no
  Unicode map ("(cid:12)", private-use characters). Such a page is read as a
  scan instead.
- ``text-layer``: usable as it is (a decodable legacy encoding counts as
  usable: the text stage converts it).

Judged by Vietnamese syllable structure, not by a word list, so it also holds
for words never seen before: in real Vietnamese nearly every letter run is a
well-formed syllable, and most syllables carry a diacritic. Text OCR'd without
Vietnamese has many malformed syllables ("huyén": 'uye' needs ê) and few
marks; text with its marks stripped is well-formed but unmarked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import PageSource, Word
from ..vietnamese.legacy import decode_legacy
from ..vietnamese.syllable import has_marks, is_valid

# Fewer letter runs than this say too little to judge: the page is trusted.
MIN_RUNS = 25
# Measured per 300 words on the seed reports: Vietnamese text layers have
# >= 0.85 of their valid syllables marked (lists of ethnic place names such as
# "Krông", "Ea", "Buk" bring the valid share down to 0.6, never the marks);
# text OCR'd without Vietnamese 0.12-0.25, text stripped of its marks 0.
MIN_MARKED_SHARE = 0.5
# Above this share of well-formed syllables an unmarked text is Vietnamese
# written without its marks (0.43-0.78 measured); English pages give <= 0.2,
# and are left alone: OCR with Vietnamese would not read them better.
MIN_VIETNAMESE_LOOKING = 0.35
MAX_ODD_SHARE = 0.05
# Characters no Vietnamese text layer holds inside a word, but a failed OCR
# or an undecoded 8-bit font does.
_ODD_IN_WORD = re.compile(r"[A-Za-zÀ-ỹ][&$¢£§¤µ¶®©«»¬°±¯´¸ª¦]|[&$¢£§¤µ¶®©«»¬°±¯´¸ª¦][A-Za-zÀ-ỹ]")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# A page whose words hold glyphs with no Unicode meaning in this share is read as a scan
# (a few such words are a symbol font's bullets).
MIN_UNMAPPED_SHARE = 0.2
_UNMAPPED = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff\ufffd]")


@dataclass
class TextEvidence:
    runs: int  # letter runs judged
    valid: int  # well-formed Vietnamese syllables among them
    marked: int  # valid syllables with a Vietnamese diacritic
    odd: int  # words with a symbol glued to letters ("S&", "Së")

    @property
    def valid_share(self) -> float:
        return self.valid / self.runs if self.runs else 1.0

    @property
    def marked_share(self) -> float:
        return self.marked / self.valid if self.valid else 0.0


def _is_acronym(run: str) -> bool:
    # "UBND", "TTHC", "DVCTT": capitals that are no syllable are abbreviations.
    return run.isupper() and run.isascii() and len(run) >= 2 and not is_valid(run)


def evidence(texts: list[str]) -> TextEvidence:
    runs = valid = marked = odd = 0
    for text in texts:
        if _ODD_IN_WORD.search(text):
            odd += 1
        for run in _LETTER_RUN.findall(text):
            if _is_acronym(run) or (len(run) == 1 and run.isascii()):
                continue
            runs += 1
            if is_valid(run):
                valid += 1
                marked += has_marks(run)
    return TextEvidence(runs, valid, marked, odd)


def is_vietnamese(ev: TextEvidence) -> bool:
    """Well-marked Vietnamese with no symbols glued into words."""
    odd_share = ev.odd / ev.runs if ev.runs else 0.0
    return ev.marked_share >= MIN_MARKED_SHARE and odd_share < MAX_ODD_SHARE


def is_garbled(ev: TextEvidence) -> bool:
    """Vietnamese-looking text that lost its marks, or symbols inside words."""
    odd_share = ev.odd / ev.runs if ev.runs else 0.0
    if odd_share >= MAX_ODD_SHARE:
        return True
    return ev.marked_share < MIN_MARKED_SHARE and ev.valid_share >= MIN_VIETNAMESE_LOOKING


def unmapped(texts: list[str]) -> bool:
    """Text of glyphs with no Unicode meaning: a font without a Unicode map ("(cid:12)"),
    private-use characters, replacement characters."""
    bad = sum(bool(_UNMAPPED.search(t)) for t in texts)
    return bad >= MIN_UNMAPPED_SHARE * len(texts)


def page_source(words: list[Word], min_words: int = 10) -> PageSource:
    """Where a page's words must come from, told by its text-layer words."""
    texts = [w.text for w in words if w.text.strip()]
    if len(texts) < min_words:
        return "scanned"
    if unmapped(texts):
        return "garbled-text"
    ev = evidence(texts)
    if ev.runs < MIN_RUNS or is_vietnamese(ev) or not is_garbled(ev):
        return "text-layer"
    # Text in a legacy 8-bit encoding that decodes is usable: the text stage converts it.
    decoded = [decode_legacy(w.text, w.fontname or None) for w in words if w.text.strip()]
    if decoded != texts and is_vietnamese(evidence(decoded)):
        return "text-layer"
    return "garbled-text"
