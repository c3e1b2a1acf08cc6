"""The name a table goes by in the files a person opens: its printed number ("Bảng 11",
"Phụ lục II", "Biểu 2a") where its caption has one, else its id. tables.xlsx names its sheet
so, csv/ its file in ASCII ("Bang_11.csv"); tables.json keeps the name beside the id, which
findings and the store refer to."""
from __future__ import annotations

import re
import unicodedata

from ..model import Table

_CAPTION_LEAD = re.compile(r"^\s*((?:Bảng|Phụ lục|Biểu)\s*[\w.]*\w)", re.IGNORECASE)


def printed_name(table: Table) -> str:
    m = _CAPTION_LEAD.match(table.caption or "")
    return " ".join(m.group(1).split()) if m else table.id


def ascii_name(name: str) -> str:
    """A portable file name: ASCII letters, digits, '-' and '_' ("Bảng 11" -> "Bang_11")."""
    folded = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    folded = folded.encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_-]+", "_", folded).strip("_") or "table"
