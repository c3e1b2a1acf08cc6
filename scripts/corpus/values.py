"""The ground-truth value of a printed cell, from its column's type hint.

Deliberately simple and independent of dvc_extract: the truth must not be
computed by the code it is used to judge.
"""
import re

COUNT = "count"   # whole numbers; "." or "," group thousands ("8.787" -> 8787)
RATE = "rate"     # percentages; "," or "." is the decimal mark ("39,2%" -> 39.2)
LABEL = "label"   # STT column: a plain integer keeps its value, "4.1." does not
TEXT = "text"     # names and words: never a value
TYPES = (COUNT, RATE, LABEL, TEXT)

_COUNT_RE = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$|^\d+$")
_RATE_RE = re.compile(r"^\d+(?:[.,]\d+)?%?$")
_INT_RE = re.compile(r"^\d+$")


def value_of(text: str, kind: str):
    """Return the number `text` means under `kind`, or None."""
    s = text.strip()
    if kind == COUNT:
        if _COUNT_RE.match(s):
            return int(re.sub(r"[.,]", "", s))
        return None
    if kind == RATE:
        if _RATE_RE.match(s):
            return float(s.rstrip("%").replace(",", "."))
        return None
    if kind == LABEL:
        return int(s) if _INT_RE.match(s) else None
    if kind == TEXT:
        return None
    raise ValueError(f"unknown column type {kind!r}")
