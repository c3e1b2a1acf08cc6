"""Codes of a financial statement's items (Mã số: 100, 110, 111, 411a, 421b, 440, 01, 01.1).

A statement lists its items under codes that rise down the page, a letter or a stop and a
figure after the code of the item it divides (411 over 411a, 411b; 01 over 01.1, 01.2). The
column of them is known by its header, or on a page that continues a statement without one,
by its shape: codes, and rising. Read from a scan, a code out of its place is given back by the codes around it
(:func:`restore`): the one reading of it that stands between them.
"""
from __future__ import annotations

import re
from dataclasses import replace
from itertools import product
from typing import Iterable, Optional

from .model import Cell

CODE = re.compile(r"^\s*(\d{2,3})([a-z]?)\s*$")
# A code that divides another after a stop (131.1, 01.3).
_SUB_CODE = re.compile(r"^\s*(\d{2,3})\.(\d{1,2})\s*$")
CODE_HEADER = re.compile(r"^ma(?: so)?(?: chi tieu)?$")
# A column is one of codes when at least this many of its cells, and this share of those
# holding anything, are codes, and at most one of them is out of order.
MIN_CODES = 4
CODE_SHARE = 0.6
# Letters a scan reads for the figures of a code ("4Il" for 411); a figure read as a mark
# of its own (")" in "4)Ja") stands for any figure.
LOOKALIKES = str.maketrans({"l": "1", "I": "1", "|": "1", "]": "1", "J": "1", "j": "1", "i": "1",
                             "O": "0", "o": "0", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2"})
ANY_FIGURE = set(")(!/\\[}{")
# Letters that follow a code (411a, 421b): the last character of a reading is one of
# them, not a figure read as a letter.
_SUFFIXES = "abcdef"

Key = tuple[int, str, int]


def code_key(text: str) -> Optional[Key]:
    """(411, 'a', 0) for "411a", (1, '', 3) for "01.3"; None for anything else."""
    if m := CODE.match(text):
        return int(m[1]), m[2], 0
    if m := _SUB_CODE.match(text):
        return int(m[1]), "", int(m[2])
    return None


def _printed(key: Key, read: str) -> str:
    """A code as printed: as wide as its reading ("02", not "2")."""
    number, letter, sub = key
    digits = len(re.match(r"\d*", read.strip().translate(LOOKALIKES))[0])
    if sub and "." not in read:
        digits -= len(str(sub))  # its stop lost: "013" is 01.3
    return f"{number:0{min(max(digits, 2), 3)}d}{letter}" + (f".{sub}" if sub else "")


def is_code_column(texts: Iterable[str]) -> bool:
    """Cells (top to bottom, empty ones left out) that are mostly codes, rising."""
    texts = [t for t in texts if t.strip()]
    keys = [k for t in texts if (k := code_key(t)) is not None]
    if len(keys) < MIN_CODES or len(keys) < CODE_SHARE * len(texts):
        return False
    return sum(b <= a for a, b in zip(keys, keys[1:])) <= 1


def restore(cells: list[Cell], col: int, sure: float) -> list[Cell]:
    """The cells with the codes of column ``col`` that stand out of their place read again
    by the codes around them ("4351" between 430 and 432 is 431; "4)Ja" between 411 and
    411b is 411a); a code in its place, or given back so, is vouched for by it (its
    confidence raised to ``sure``). A code with no single reading between its neighbours
    is left as read."""
    column = sorted((c for c in cells if c.col == col and c.text.strip()), key=lambda c: c.row)
    keys: list[Optional[Key]] = [code_key(c.text) for c in column]
    trusted = _rising(keys)
    placed = set()
    changed = True
    while changed:
        changed = False
        for i, c in enumerate(column):
            low = next((keys[k] for k in range(i - 1, -1, -1) if k in trusted), None)
            high = next((keys[k] for k in range(i + 1, len(column)) if k in trusted), None)
            if i in placed or low is None or high is None:
                continue
            if keys[i] is not None and low < keys[i] < high:
                fits = {keys[i]}
            else:
                fits = {k for k in _readings(c.text) if low < k < high}
            if len(fits) == 1:
                keys[i] = fits.pop()
                trusted.add(i)
                placed.add(i)
                changed = True
    out = []
    at = {id(c): i for i, c in enumerate(column)}
    for c in cells:
        i = at.get(id(c))
        if i in placed:
            text = _printed(keys[i], c.text)
            c = replace(c, text=text, confidence=max(c.confidence, sure),
                        raw_text=c.raw_text if text == c.text.strip() else text)
        out.append(c)
    return out


def _rising(keys: list[Optional[Key]]) -> set[int]:
    """The places of the longest run of codes read that rises (not necessarily adjacent):
    the codes that vouch for each other."""
    idx = [i for i, k in enumerate(keys) if k is not None]
    best: dict[int, list[int]] = {}
    for n, i in enumerate(idx):
        chain = max((best[j] for j in idx[:n] if keys[j] < keys[i]), key=len, default=[])
        best[i] = chain + [i]
    return set(max(best.values(), key=len, default=[]))


def _readings(text: str) -> set[Key]:
    """The codes a misread code may be: its letters read as the figures they look like,
    a mark standing for any figure, one character too many dropped or one figure lost
    ("1" between 10 and 12 is 11), and a lost stop put back ("013" may be 01.3)."""
    text = text.strip()
    suffix = text[-1] if text and text[-1] in _SUFFIXES else ""
    body = (text[:-1] if suffix else text).translate(LOOKALIKES)
    if "." in body:
        main, _, sub = body.partition(".")
        return {(n, "", int(sub)) for n, _, _ in _readings(main)} if sub.isdigit() and len(sub) <= 2 else set()
    # Too long, one character too many; too short, a figure lost (")" stands for any figure).
    bodies = {body} | {body[:i] + body[i + 1:] for i in range(len(body))} if len(body) > 3 else \
        {body} | {body[:i] + ")" + body[i:] for i in range(len(body) + 1)} if len(body) < 3 else {body}
    out = set()
    for b in bodies:
        slots = ["0123456789" if ch in ANY_FIGURE else ch for ch in b]
        if len(slots) > 3 or sum(len(s) > 1 for s in slots) > 1:
            continue
        for figures in product(*slots):
            key = code_key("".join(figures) + suffix)
            if key is not None:
                out.add(key)
    if not suffix and body.isdigit() and len(body) in (3, 4):
        out |= {k for k in (code_key(body[:-1] + "." + body[-1]),) if k is not None}
    return out
