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
# "UBND TỈNH X", "ỦY BAN NHÂN DÂN" / "TỈNH X" (two lines), "UBND THÀNH PHỐ X", "UBND TP. X".
_AUTHORITY = re.compile(
    r"(?:UBND|[UỦ]Y BAN NH[ÂA]N D[ÂA]N)\s+(?:T[ỈI]NH|TH[ÀA]NH PH[ỐO]|TP\.?)\s+"
    rf"({_LETTER}[^\n]*?)\s*(?:\n|$)", re.IGNORECASE)
# A title naming the province, for an annex without the authority's heading
# ("… NĂM 2026 TỈNH LÂM ĐỒNG").
_TITLE = re.compile(r"(?:T[ỈI]NH|TH[ÀA]NH PH[ỐO])\s+(\S[^\n]*?)\s*$")
# "Lâm Đồng, ngày 28 tháng 11 năm 2024", "Đắk Lắk, ngày … tháng 12 năm 2025".
_DATE_LINE = re.compile(
    rf"({_LETTER}[\w' .-]*?)\s*,\s*ng[àa]y\s*(\d{{1,2}})?[\s.…]*th[áa]ng\s*(\d{{1,2}})\s*n[ăa]m\s*(\d{{4}})",
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
    authority = next((m.group(1) for m in _AUTHORITY.finditer("\n".join(left)) if _capitals(m.group(0))), None)
    if authority is None:
        titles = (_TITLE.search(line.text) for line in lines if _capitals(line.text))
        authority = next((m.group(1) for m in titles if m), None)
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
    day, month, year = m.group(2), int(m.group(3)), int(m.group(4))
    if not 1 <= month <= 12:
        return None
    return f"{year:04d}-{month:02d}-{int(day):02d}" if day and 1 <= int(day) <= 31 else f"{year:04d}-{month:02d}"
