"""A report's abbreviations as it prints them: one read with a slip of a glyph ("TSCD",
"VBOPPL", "T1SCĐ") where the same report's OCR reads the abbreviation right again and again
("TSCĐ" six times, "VBQPPL" ten) is put right. An abbreviation is no word the language model
can settle, but a report repeats its own."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..model import Table
from ..vietnamese.syllable import is_valid

# Glyphs an OCR reads for each other in capitals, and in symbols of letters and figures ("b1").
LOOKALIKES = {frozenset(pair) for pair in ("DĐ", "OQ", "O0", "I1", "Il", "l1", "CƠ", "S5", "B8")}
# The form kept is read at least this many times, and this many times as often as the slip.
MIN_READ = 2
TIMES = 3

_TOKEN = re.compile(r"(?<![^\W_])[^\W_]{3,}(?![^\W_])")


def _abbreviation(token: str) -> bool:
    """Capitals (a slip may hold a figure) that spell no Vietnamese syllable."""
    letters = [ch for ch in token if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters) and not is_valid(token.lower())


def look_alike(slip: str, form: str) -> bool:
    """``slip`` is ``form`` with one glyph read as its look-alike (LOOKALIKES)."""
    diff = [frozenset(pair) for pair in zip(slip, form) if pair[0] != pair[1]]
    return len(slip) == len(form) and len(diff) == 1 and diff[0] in LOOKALIKES


def _one_slip(slip: str, form: str) -> bool:
    """``slip`` is ``form`` with one glyph read as its look-alike, or one glyph too many inside
    it (at its end a figure may be a number set without its space: "TCTP4.3.3")."""
    if len(slip) == len(form):
        return look_alike(slip, form)
    return len(slip) == len(form) + 1 and any(slip[:i] + slip[i + 1:] == form for i in range(1, len(slip) - 1))


def often(kept: int, slips: int) -> bool:
    """Whether a report's OCR reads a form often enough (MIN_READ, TIMES) to settle a slip
    read ``slips`` times."""
    return kept >= MIN_READ and kept >= TIMES * slips


def settle(tables: list[Table]) -> list[Table]:
    """The tables with each abbreviation slip read by OCR put right, where the report's OCR
    reads one form it could be often enough (MIN_READ, TIMES)."""
    cells = [c for t in tables for r in t.rows for c in r.cells if c.source == "ocr"]
    read = Counter(tok for c in cells for tok in _TOKEN.findall(c.text) if _abbreviation(tok))
    fixes = {}
    for slip, n in read.items():
        forms = [f for f, m in read.items() if often(m, n) and _one_slip(slip, f)]
        if len(forms) == 1:
            fixes[slip] = forms[0]
    if not fixes:
        return tables

    def fixed(text: str) -> str:
        return _TOKEN.sub(lambda m: fixes.get(m.group(0), m.group(0)), text)

    return [replace(t, rows=[replace(r, cells=[replace(c, text=fixed(c.text)) if c.source == "ocr" else c
                                                for c in r.cells]) for r in t.rows]) for t in tables]
