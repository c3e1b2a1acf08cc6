"""The heading of an administrative document (Nghị định 30/2020/NĐ-CP, form of the first
page): on the left the issuing authority ("UBND TỈNH LÂM ĐỒNG" over "SỞ NỘI VỤ"), on
the right the national motto and, below the number, the place and date
("Lâm Đồng, ngày 28 tháng 11 năm 2024"; the day is often left blank in drafts).

Read from the top of the first page as printed; the units stage resolves the
names against the registry.
"""
from __future__ import annotations

import re
from typing import Optional

from ..model import Document, Letterhead
from .lines import text_lines

# The heading sits in this top share of the first page, and within this many points of
# its top (a page exported from a spreadsheet may be metres tall).
HEADING_SHARE = 0.35
HEADING_POINTS = 320
_LETTER = r"[^\W\d_]"
# The province in the authority's heading, printed in capitals: "UBND TỈNH X", "ỦY BAN NHÂN DÂN" over
# "TỈNH X", "CÔNG AN TỈNH X", "UBND THÀNH PHỐ X", "UBND TP. X" (OCR may read "TÍNH"), or in the
# title of an annex without heading ("… NĂM 2026 TỈNH LÂM ĐỒNG").
_SEAT = re.compile(r"(?:^|\s)(?:T[ỈIÍÌĨỊ]NH|TH[ÀA]NH PH[ỐOÓÒ]|TP\.?)\s+(\S.*?)\s*$")
# "Lâm Đồng, ngày 28 tháng 11 năm 2024", "Đắk Lắk, ngày … tháng 12 năm 2025". The day, and in a
# scan the month, may be blank, dotted or smudged ("ngày *Š? tháng $ năm 2026"): the date is
# then the month, or the year.
_DATE_LINE = re.compile(
    rf"({_LETTER}[\w' .-]*?)\s*,\s*ng[àa]y\s*(\S{{0,4}}?)\s*th[áa]ng\s*(\S{{0,3}}?)\s*n[ăa]m\s*(\d{{4}})",
    re.IGNORECASE)


def read(document: Document) -> Letterhead:
    if not document.pages:
        return Letterhead()
    page = document.pages[0]
    limit = min(page.height * HEADING_SHARE, HEADING_POINTS)
    lines = [line for line in text_lines(page.words) if line.bottom <= limit]
    left = []
    for line in lines:
        for segment in line.segments():
            if min(w.x0 for w in segment) < page.width / 2 and max(w.x1 for w in segment) < page.width * 0.6:
                left.append(" ".join(w.text for w in segment))
    # Headings are printed in capitals; prose that says "UBND tỉnh tổ chức …" is not one.
    # The authority's block (left) first, then whole lines (a centred title).
    seats = (_SEAT.search(text) for text in left + [line.text for line in lines] if _capitals(text))
    authority = next((m.group(1) for m in seats if m), None)
    # The day may be left blank: a gap wide enough to split the line's segments.
    date_line = next((m for m in (_DATE_LINE.search(line.text) for line in lines) if m), None)
    return Letterhead(province=_clean(authority) if authority else None,
                      place=_clean(date_line.group(1)) if date_line else None,
                      date=_iso(date_line) if date_line else None)


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _clean(text: str) -> Optional[str]:
    text = " ".join(text.split()).strip(" .,-")
    return text or None


def _iso(m: re.Match) -> Optional[str]:
    day, month, year = m.group(2), m.group(3), int(m.group(4))
    if not (month.isdigit() and 1 <= int(month) <= 12):
        return f"{year:04d}"
    if day.isdigit() and 1 <= int(day) <= 31:
        return f"{year:04d}-{int(month):02d}-{int(day):02d}"
    return f"{year:04d}-{int(month):02d}"
