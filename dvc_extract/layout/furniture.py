"""Page furniture: the running page number printed in a page's top or bottom margin.

A page number is not a table row, whatever it stands next to: set a few points above a
table that opens the page (or below one that ends it), it lines up with the table's
columns as well as any header line would, and an unruled table would take it in. It is
told apart by evidence a table line does not have all at once:

- its text is a page number and nothing else ("2", "- 2 -", "Trang 2", "Page 2", "2/15");
- it sits in the page's top or bottom margin band, with nothing but other short running
  lines between it and the page's edge;
- its value follows the page sequence: it is the page's own number, or its offset from the
  page's number is the one another page's number shows (a report numbered from its second
  page). A number written out as a page number ("- 2 -", "Trang 2", "2/15") needs no
  second page to vouch for it.

The words found are kept out of table regions (the layout passes them as stop lines); they
stay in the page's prose, where a running line has always been.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Document, Page
from .lines import Line, text_lines

# The top and bottom margin bands: this share of the page's height from its edge.
MARGIN_BAND = 0.12
# Lines between a page number and the page's edge are running text of at most this many
# words (a running title, a document number), never prose or a table row.
RUNNING_WORDS = 4
# A page number has at most this many digits.
MAX_DIGITS = 4

_DASH = r"[-–—]"
_N = rf"\d{{1,{MAX_DIGITS}}}"
# Bare: "2". Needs the page sequence to vouch for it.
_BARE = re.compile(rf"^({_N})$")
# Written as a page number: "- 2 -", "Trang 2", "Trang 2/15", "Page 2 of 15".
_WRITTEN = [
    re.compile(rf"^{_DASH}\s*({_N})\s*{_DASH}$"),
    re.compile(rf"^(?:trang|tr\.|page|p\.)\s*({_N})(?:\s*(?:/|trên|của|of)\s*({_N}))?$",
               re.IGNORECASE),
]
# "2/15": a page of a count, or a ratio ("213/338"): the page sequence must vouch for it.
_OF_COUNT = re.compile(rf"^({_N})\s*/\s*({_N})$")


@dataclass
class _Candidate:
    page: int
    line: Line
    value: int
    written: bool  # written out as a page number, not a bare figure


def page_number_words(document: Document) -> set[int]:
    """``id()`` of the words of every running page number in the document."""
    candidates = [c for page in document.pages for c in _candidates(page)]
    # Pages showing each offset (a page numbered at top and bottom counts once).
    offsets = Counter(offset for _, offset in {(c.page, c.value - c.page) for c in candidates})
    out: set[int] = set()
    for c in candidates:
        offset = c.value - c.page
        # In sequence: the page's own number, or an offset another page shares.
        if c.written or offset == 0 or offsets[offset] >= 2:
            out.update(id(w) for w in c.line.words)
    return out


def _candidates(page: Page) -> list[_Candidate]:
    lines = text_lines(page.words)
    if not lines or page.height <= 0:
        return []
    band = MARGIN_BAND * page.height
    out = []
    # From each edge inwards, over running lines only: the first page-number line found.
    for ordered, in_band in ((lines, lambda l: l.bottom <= band),
                             (lines[::-1], lambda l: l.top >= page.height - band)):
        for line in ordered:
            if not in_band(line):
                break
            parsed = parse_page_number(line.text)
            if parsed is not None:
                out.append(_Candidate(page.number, line, *parsed))
                break
            if len(line.text.split()) > RUNNING_WORDS:
                break
    return out


def parse_page_number(text: str) -> tuple[int, bool] | None:
    """(number, written out as a page number) when ``text`` is a page number alone."""
    text = " ".join(text.split())
    m = _BARE.match(text)
    if m:
        return int(m.group(1)), False
    m = _OF_COUNT.match(text)
    if m:
        n, total = int(m.group(1)), int(m.group(2))
        return (n, False) if 1 <= n <= total else None
    for pattern in _WRITTEN:
        m = pattern.match(text)
        if m:
            n = int(m.group(1))
            total = m.group(2) if m.lastindex and m.lastindex >= 2 else None
            if total is not None and not (1 <= n <= int(total)):
                return None  # no page 16 of 15
            return n, True
    return None
