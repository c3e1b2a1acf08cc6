"""Where on the page a claim is printed: the boxes of its own words; and the finding on
one cell, whose evidence is the cell.

A prose block can be a whole paragraph; an auditor wants the crop of the
sentence fragment that states the rate, so the claim's characters are found
among the page's words inside the block, and their boxes become the evidence.
"""
from __future__ import annotations

import unicodedata

from ..model import BBox, Claim, Document, Evidence, Finding, Word

_SLACK = 2.0  # points: words sit inside their block's box up to rounding


def inside(w: Word, box: BBox) -> bool:
    x0, top, x1, bottom = box
    return w.x0 >= x0 - _SLACK and w.x1 <= x1 + _SLACK and w.top >= top - _SLACK and w.bottom <= bottom + _SLACK


def _squash(s: str) -> str:
    return "".join(unicodedata.normalize("NFC", s).split())


def claim_evidence(claim: Claim, document: Document) -> list[Evidence]:
    """One box per printed line of the claim; the block's box when the words are not found."""
    fallback = [Evidence(page=claim.page, bbox=claim.bbox)]
    page = next((p for p in document.pages if p.number == claim.page), None)
    if page is None or not page.words:
        return fallback
    words = [w for w in page.words if inside(w, claim.bbox)]
    text, owner = "", []
    for i, w in enumerate(words):
        piece = _squash(w.text)
        text += piece
        owner.extend([i] * len(piece))
    start = text.find(_squash(claim.text))
    if start < 0:
        return fallback
    used = sorted(set(owner[start:start + len(_squash(claim.text))]))
    lines: list[list[Word]] = []
    for i in used:  # words of one printed line share their vertical extent
        w = words[i]
        if lines and abs(lines[-1][-1].top - w.top) < (w.bottom - w.top) / 2:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [Evidence(page=claim.page, bbox=(min(w.x0 for w in ln), min(w.top for w in ln),
                                            max(w.x1 for w in ln), max(w.bottom for w in ln)))
            for ln in lines]


def cell_finding(rule: str, table, row, cell, message_vi: str, message_en: str) -> Finding:
    """An `unreadable` warning on one OCR cell, with the cell as its evidence."""
    return Finding(rule=rule, severity="warning", verdict="unreadable", cause="ocr",
                   message_vi=message_vi, message_en=message_en, table=table.id, row=row,
                   columns=[cell.col], stated=cell.value, evidence=[Evidence(page=cell.page, bbox=cell.bbox)])
