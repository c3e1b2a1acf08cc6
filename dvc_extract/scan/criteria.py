"""Criterion codes opening a row's label, as a scan reads them.

An assessment numbers its criteria as an outline under an acronym: "TC 1.4 - Công tác tuyên
truyền CCHC", "TCTP 7.3.2 - Tỷ lệ nhiệm vụ …". A stop is the smallest glyph of the code and a
scan loses it ("TCTP 7.32", "744"), reads it as a slash ("TC 1/4") or adds a speck ("7.4.1]").
The codes of one acronym down a table tell the code's levels and its order: a code read
otherwise is given the one reading of its figures that stands between the codes around it,
under a parent they have (as :mod:`.notes` does for a column of notes); where none or several
do, the reading stays as it is.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ..model import Cell
from ..numbering import ONE_LOOKALIKES, figure_levels, follows_exactly

# A label opening with its criterion's code: an optional row number, an acronym, the code,
# then a dash or the label's end.
LABEL = re.compile(r"^((?:\d+\.?\s+)?([A-ZĐ]{2,6})\s+)([\dIl|\]/.,]+?)(?=\s*-|\s*$)")
CODE = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")
_ONES = str.maketrans({ch: "1" for ch in sorted(ONE_LOOKALIKES)})
# Codes of one acronym that must read whole, of the depth most have, before they tell the others.
MIN_CODES = 2

Key = tuple[int, ...]


def restore(parts: list[list[Cell]]) -> list[list[Cell]]:
    """The cells of a table's parts (in order) with its criteria's codes that a scan misread
    given back where the codes around them tell them."""
    cells = [c for part in parts for c in part]
    fixed: dict[int, str] = {}
    for acronym in {m[2] for c in cells if (m := LABEL.match(c.text))}:
        found = [(i, m) for i, c in enumerate(cells) if (m := LABEL.match(c.text)) and m[2] == acronym]
        fixed.update(_told(found))
    if not fixed:
        return parts
    out, k = [], 0
    for part in parts:
        out.append([replace(c, text=fixed[k + n]) if k + n in fixed else c for n, c in enumerate(part)])
        k += len(part)
    return out


def _told(found: list[tuple[int, re.Match]]) -> dict[int, str]:
    """The texts of the labels in ``found`` whose codes their neighbours tell, by position."""
    keys = [_key(m[3]) for _, m in found]
    depths = [len(k) for k in keys if k is not None]
    depth = max(set(depths), key=depths.count, default=0)
    if depths.count(depth) < MIN_CODES or 2 * depths.count(depth) <= len(depths):
        return {}  # too few codes read whole, or no depth most of them have
    standing = [k if k is not None and len(k) == depth else None for k in keys]
    for n, k in enumerate(standing):  # a whole code out of its order stands for nothing
        if k is not None and not _between(k, _near(standing, n, -1), _near(standing, n, 1)):
            standing[n] = None
    parents = {k[:d] for k in standing if k is not None for d in range(1, depth)}
    dot = any(m[3].endswith(".") for (_, m), k in zip(found, standing) if k is not None)
    told = {}
    for n, ((i, m), k) in enumerate(zip(found, standing)):
        if k is not None:
            continue
        before, after = _near(standing, n, -1), _near(standing, n, 1)
        fits = [r for r in _readings(m[3], depth)
                if (depth == 1 or r[:-1] in parents) and _between(r, before, after) and r not in standing]
        if len(fits) > 1:
            fits = [r for r in fits if follows_exactly(before, r) or follows_exactly(r, after)]
        if len(fits) == 1:
            code = ".".join(map(str, fits[0])) + ("." if dot else "")
            told[i] = m.string[:m.start(3)] + code + m.string[m.end(3):]
    return told


def _key(code: str) -> Optional[Key]:
    return tuple(int(p) for p in code.rstrip(".").split(".")) if CODE.match(code) else None


def _near(keys: list[Optional[Key]], n: int, step: int) -> Optional[Key]:
    """The nearest code standing before (step -1) or after (step 1) the n-th."""
    n += step
    while 0 <= n < len(keys):
        if keys[n] is not None:
            return keys[n]
        n += step
    return None


def _between(key: Key, before: Optional[Key], after: Optional[Key]) -> bool:
    return (before is None or before < key) and (after is None or key < after)


def _readings(code: str, depth: int) -> set[Key]:
    """The codes of ``depth`` levels a reading may be: its stops, slashes and commas as stops,
    a speck at its end left out or a look-alike of a "1", its figures divided anew."""
    readings = set()
    for read in {code, code.rstrip("]|.,/"), code.translate(_ONES)}:
        read = read.replace("/", ".").replace(",", ".")
        key = _key(read)
        if key is not None and len(key) == depth:
            readings.add(key)
        figures = read.replace(".", "")
        if figures.isdigit():
            readings |= {tuple(int(f) for f in levels) for levels in figure_levels(figures) if len(levels) == depth}
    return readings
