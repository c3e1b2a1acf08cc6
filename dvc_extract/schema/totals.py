"""Total rows: a label that says so ("TỔNG SỐ", "Tổng cộng", "TỔNG SỞ, BAN,
NGÀNH", "Cộng", "Toàn tỉnh"), on a row without numbering of its own (an
indicator "5.1.1. Tổng số TTHC …" is a row like the others)."""
from __future__ import annotations

import re
from typing import Optional

from ..model import Row
from .headers import fold_level

_TOTAL = re.compile(r"^(?:t[o0]ng\b|c[o0]ng\b|toan tinh\b|tong cong\b)")
_NUMBERING = re.compile(r"^\s*(?:\d+(?:[.,]\d+)*\.?|[IVXLC]+\.?)\s*$", re.IGNORECASE)


def is_total_label(text: str) -> bool:
    return bool(_TOTAL.match(fold_level(text)))


def is_total(row: Row, label_col: Optional[int]) -> bool:
    """The row's first words name a total and it carries no numbering."""
    cells = sorted((c for c in row.cells if c.text.strip()), key=lambda c: c.col)
    if not cells:
        return False
    last = label_col if label_col is not None else 1
    leading = [c for c in cells if c.col <= last]
    if any(_NUMBERING.match(c.text) for c in leading):
        return False
    return any(is_total_label(c.text) for c in leading[:2])
