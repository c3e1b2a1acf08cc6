"""Total rows: a label that says so ("TỔNG SỐ", "Tổng cộng", "TỔNG SỞ, BAN,
NGÀNH", "Cộng", "Toàn tỉnh"), on a row without numbering of its own (an
indicator "5.1.1. Tổng số TTHC …" is a row like the others)."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from ..model import Row
from ..numbering import is_row_mark
from ..units.normalize import has_marks
from .headers import fold_level

# With diacritics the marks decide ("Cộng" is a total, "Công an tỉnh" is not);
# without (a stripped or OCR'd label) only unambiguous words count.
_TOTAL_MARKED = re.compile(r"^(?:tổng|cộng|toàn tỉnh)\b")
_TOTAL_FOLDED = re.compile(r"^(?:t[o0]ng\b|c[o0]ng$|cong cong\b|toan tinh\b)")
# On a scan the tone mark is the OCR's guess ("TỐNG" for "TỔNG"); the other words keep theirs.
_TOTAL_SCANNED = re.compile(r"^(?:t[ôốồổỗộ]ng|cộng|toàn tỉnh)\b")
# A mark read below this confidence is a speck, not a row number (Settings.min_cell_confidence).
_SURE = 0.80


def is_total_label(text: str, scanned: bool = False) -> bool:
    marked = unicodedata.normalize("NFC", text).strip().lower()
    if has_marks(marked):
        return bool((_TOTAL_SCANNED if scanned else _TOTAL_MARKED).match(marked))
    return bool(_TOTAL_FOLDED.match(fold_level(text)))


def is_total(row: Row, label_col: Optional[int]) -> bool:
    """The row's first words name a total and it carries no numbering."""
    cells = sorted((c for c in row.cells if c.text.strip()), key=lambda c: c.col)
    if not cells:
        return False
    last = label_col if label_col is not None else 1
    leading = [c for c in cells if c.col <= last]
    if any(is_row_mark(c.text, letters="") and c.confidence >= _SURE for c in leading):
        return False
    return any(is_total_label(c.text, c.source == "ocr") for c in leading[:2])
