"""Column paths as the kind recogniser compares them: levels folded (no
diacritics, lowercase, punctuation dropped) and, for series, the period a
leaf names ("02/3", "Năm 2021", "Quý III/2018", "Tháng 11/2024")."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz

from ..model import ColumnPath
from ..units.normalize import fold

_DIGIT_AS_LETTER = str.maketrans({"0": "o", "1": "l", "6": "o"})
_OCR_SKELETON = str.maketrans({"i": "a", "l": "a", "e": "o", "p": "d", "w": "u", "y": "u"})
_DATE = re.compile(r"^(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{2,4}))?$")
_YEAR = re.compile(r"^(?:nam\s*)?((?:19|20)\d\d)$")
_MONTH = re.compile(r"^thang\s*(\d{1,2})(?:\s*/\s*(\d{4}))?$")
_QUARTER = re.compile(r"^quy\s*([ivx]+|\d)(?:\s*/\s*(\d{4}))?$")


def fold_level(text: str) -> str:
    words = re.sub(r"[^\w/]+", " ", fold(text)).split()
    # OCR reads letters as digits inside words ("ph6"): mend those, keep real numbers.
    words = [w.translate(_DIGIT_AS_LETTER) if re.search(r"[a-z]", w) else w for w in words]
    return " ".join(words)


def levels(path: ColumnPath) -> list[str]:
    return [fold_level(p) for p in path if fold_level(p)]


@lru_cache(maxsize=1 << 16)  # every kind's patterns against every header: the same pairs recur
def similarity(pattern: str, text: str) -> float:
    """Folded similarity; spaces ignored ("Sohéso" for "Số hồ sơ") or the OCR
    skeleton compared, at a small cost."""
    flat_p, flat_t = pattern.replace(" ", ""), text.replace(" ", "")
    return max(fuzz.ratio(pattern, text), fuzz.ratio(flat_p, flat_t) - 2,
               fuzz.ratio(flat_p.translate(_OCR_SKELETON), flat_t.translate(_OCR_SKELETON)) - 5)


def period(leaf: str, series: str = "period") -> Optional[str]:
    """The period a header leaf names, or None. ``series='year'`` accepts years only."""
    text = fold(leaf).strip().rstrip(".")
    m = _YEAR.match(text)
    if m:
        return m[1]
    if series == "year":
        return None
    m = _DATE.match(text)
    if m and 1 <= int(m[1]) <= 31 and 1 <= int(m[2]) <= 12:
        return f"{int(m[1]):02d}/{int(m[2]):02d}" + (f"/{m[3]}" if m[3] else "")
    m = _MONTH.match(text)
    if m and 1 <= int(m[1]) <= 12:
        return f"{int(m[1]):02d}" + (f"/{m[2]}" if m[2] else "")
    m = _QUARTER.match(text)
    if m:
        return f"Q{m[1].upper()}" + (f"/{m[2]}" if m[2] else "")
    return None
