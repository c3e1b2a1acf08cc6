"""Table captions: a line opening with a caption label ("Bảng 2 -", "PHỤ LỤC I")
and the lines that follow it down to its table."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..model import Caption
from .lines import Line

# Label, optional "số", an arabic or roman number, then the end of the line,
# punctuation, or a capitalised title — "Bảng 2 cho thấy …" in prose is no caption. A
# roman number may end in "H": OCR reads a closing "II" as one letter ("Phụ lục VIH").
_LABEL = re.compile(
    r"^\s*(Bảng|BẢNG|Biểu|BIỂU|Phụ\s+lục|Phụ\s+Lục|PHỤ\s+LỤC|Table|TABLE|Appendix|APPENDIX)"
    r"(\s+(số|Số|SỐ))?\s*(\d+[a-z]?|[IVXLCDM]+H?)\b\.?\s*(?P<after>.?)"
)
_AFTER_OK = set(":.-–—") | {""}

# At most this many lines between a label line and its table belong to the caption.
MAX_CAPTION_LINES = 4
# Lines of one caption are at most this many line heights apart.
MAX_LINE_GAP = 1.2
# Lines of one caption share its axis (centred) or its left edge within this many ems.
ALIGN_EM = 2.0


def is_caption_label(text: str) -> bool:
    m = _LABEL.match(unicodedata.normalize("NFC", text))
    if not m:
        return False
    after = m.group("after")
    return after in _AFTER_OK or after.isupper() or after in "\"“'"


def font_of(line: Line) -> tuple[str, float]:
    return Counter((w.fontname, round(w.size, 1)) for w in line.words).most_common(1)[0][0]


def continuation(lines: list[Line], i: int) -> list[int]:
    """Indexes of lines after the label line ``lines[i]`` set in its font, close below."""
    out = []
    font = font_of(lines[i])
    prev = lines[i]
    for j in range(i + 1, min(len(lines), i + 1 + MAX_CAPTION_LINES)):
        line = lines[j]
        if font_of(line) != font or line.top - prev.bottom > MAX_LINE_GAP * prev.height:
            break
        if is_caption_label(line.text) or not _aligned_with(line, lines[i]):
            break
        out.append(j)
        prev = line
    return out


def _aligned_with(line: Line, label: Line) -> bool:
    """One run of text, centred like the label line or starting where it starts: a table
    header set in the caption's font has cells apart, off the caption's axis."""
    em = line.size or line.height
    if len(line.segments()) > 1:
        return False
    centred = abs((line.x0 + line.x1) / 2 - (label.x0 + label.x1) / 2) <= ALIGN_EM * em
    return centred or abs(line.x0 - label.x0) <= ALIGN_EM * em


def caption_from(lines: list[Line], page: int) -> Caption:
    text = " ".join(unicodedata.normalize("NFC", line.text) for line in lines)
    text = " ".join(text.split())
    m = _LABEL.match(text)
    if m and m.group(4).endswith("H"):
        text = text[:m.end(4) - 1] + "II" + text[m.end(4):]
    bbox = (min(l.x0 for l in lines), min(l.top for l in lines),
            max(l.x1 for l in lines), max(l.bottom for l in lines))
    return Caption(text=text, page=page, bbox=bbox)
