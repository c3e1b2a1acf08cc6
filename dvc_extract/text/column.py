"""The type a column's numbers are read as, before any of them is parsed:
label, count, rate or text (:class:`~dvc_extract.model.ColumnType`).

- label: row identifiers: the numbering (STT) and unit/indicator names;
  only a plain integer in it is a number.
- count: whole numbers ("Tổng số", "Số hồ sơ", "Trực tuyến / Một phần").
- rate: percentages ("Tỷ lệ …", "(%)"), with or without a "%" sign.
- text: free text or a mix of types (an indicator table's year column holds
  counts and rates row by row); each cell is then read by its own shape.

The header path speaks first where it is explicit about rates or numbering;
otherwise the shapes of the values decide. This only settles how numbers are
read; the column's type in the table is the schema stage's, from the values
read here.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Iterable, Optional

from ..labels import has_letters
from ..model import ColumnPath, ColumnType, join_path
from ..number import parse_number
from ..numbering import is_numbering_header, is_numbering_sequence

_RATE_CUES = re.compile(r"\bt[ỷỉ]\s+l[ệe]\b|\bphần trăm\b|%", re.IGNORECASE)
_LABEL_CUES = re.compile(
    r"\b(tên|đơn vị|cơ quan|chỉ tiêu|nội dung|địa phương|lĩnh vực|huyện|xã|sở|ban|ngành)\b",
    re.IGNORECASE,
)
_COUNT_CUES = re.compile(r"\b(tổng số|tổng|số lượng|số)\b", re.IGNORECASE)


def shape(text: str) -> str:
    """One cell's shape: 'empty' | 'missing' | 'percent' | 'int' | 'decimal' | 'words' | 'other'."""
    s = " ".join((text or "").split())
    if not s:
        return "empty"
    parsed = parse_number(s)
    if parsed.reason == "missing":
        return "missing"
    if parsed.reason == "percent":
        return "percent"
    if parsed.value is not None:
        if isinstance(parsed.value, int) or re.search(r"[.,]\d{3}$", s):
            return "int"
        return "decimal"
    return "words" if has_letters(s) else "other"


def read_as(path: ColumnPath, values: Iterable[str]) -> ColumnType:
    """The type a column's numbers are read as, from its header path and its printed values."""
    texts = [v for v in values if v is not None]
    shapes = Counter(shape(v) for v in texts)
    filled = sum(n for s, n in shapes.items() if s not in ("empty", "missing"))
    header = unicodedata.normalize("NFC", join_path(path))
    leaf = unicodedata.normalize("NFC", path[-1]) if path else ""

    if is_numbering_header(leaf) or is_numbering_header(header):
        return ColumnType.LABEL
    if filled == 0:
        return _type_from_header(header) or ColumnType.TEXT
    words = shapes["words"] + shapes["other"]
    numeric = shapes["int"] + shapes["decimal"] + shapes["percent"]
    if words > numeric:
        return ColumnType.LABEL if _LABEL_CUES.search(header) or words == filled else ColumnType.TEXT
    if _RATE_CUES.search(header):
        return ColumnType.RATE
    if words and shapes["percent"]:
        return ColumnType.TEXT  # indicator columns: numbers of several types and notes
    if shapes["percent"] and shapes["int"] > shapes["percent"] and _has_big_ints(texts):
        return ColumnType.TEXT
    if shapes["percent"] * 2 >= numeric:
        return ColumnType.RATE
    if is_numbering_sequence(texts):
        return ColumnType.LABEL
    if shapes["decimal"] == 0:
        return ColumnType.COUNT
    if _COUNT_CUES.search(header) and shapes["decimal"] * 4 < numeric:
        return ColumnType.COUNT
    # Decimals without a "%": rates when they stay within 0..100.
    if all((v is None) or 0 <= v <= 100 for v in _values(texts)):
        return ColumnType.RATE
    return ColumnType.TEXT


def _type_from_header(header: str) -> Optional[ColumnType]:
    if _RATE_CUES.search(header):
        return ColumnType.RATE
    if _COUNT_CUES.search(header):
        return ColumnType.COUNT
    if _LABEL_CUES.search(header):
        return ColumnType.LABEL
    return None


def _values(texts: list[str]) -> list[Optional[float]]:
    return [parse_number(t).value for t in texts]


def _has_big_ints(texts: list[str]) -> bool:
    return any(v is not None and v > 100 for v in _values(texts))


def table_read_as(table) -> list[ColumnType]:
    """The type every column's numbers are read as, for a logical :class:`~dvc_extract.model.Table`."""
    values: list[list[str]] = [[] for _ in table.column_paths]
    for row in table.rows:
        for cell in row.cells:
            if 0 <= cell.col < len(values):
                values[cell.col].append(cell.text)
    return [read_as(path, vals) for path, vals in zip(table.column_paths, values)]
