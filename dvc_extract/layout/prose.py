"""Prose: the page's remaining lines joined into paragraphs."""
from __future__ import annotations

import unicodedata

from ..model import TextBlock
from .lines import Line

# A paragraph ends at a gap wider than this share of a line height, at an
# indented first line, or after a line stopping short of the right margin.
PARAGRAPH_GAP = 0.8
INDENT_EM = 1.0
SHORT_LINE_EM = 4.0


def paragraphs(lines: list[Line], page: int) -> list[TextBlock]:
    if not lines:
        return []
    right = max(l.x1 for l in lines)
    groups: list[list[Line]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        em = line.size or line.height
        new = (
            line.top - prev.bottom > PARAGRAPH_GAP * prev.height
            or line.x0 > prev.x0 + INDENT_EM * em
            or prev.x1 < right - SHORT_LINE_EM * em
        )
        if new:
            groups.append([])
        groups[-1].append(line)
    return [_block(g, page) for g in groups]


def _block(lines: list[Line], page: int) -> TextBlock:
    text = " ".join(" ".join(unicodedata.normalize("NFC", l.text) for l in lines).split())
    bbox = (min(l.x0 for l in lines), min(l.top for l in lines),
            max(l.x1 for l in lines), max(l.bottom for l in lines))
    return TextBlock(text=text, page=page, bbox=bbox)
