"""Totals stated in prose with their parts listed after them; the parts must add up.

Three shapes, all common in monthly reports:

    in one sentence   "Có 369 hồ sơ …, gồm: 296 hồ sơ …, 10 hồ sơ … và 27 hồ sơ …"
                      "Trong 296 hồ sơ …, có 09 hồ sơ …, 11 hồ sơ … và có 276 hồ sơ …"
    in brackets       "645 dịch vụ … (cấp tỉnh: 565; cấp huyện 54; cấp xã: 26)"
    as a list         "Tổng số hồ sơ …: 77.390 hồ sơ. Trong đó:" then "- Có 77.021 hồ sơ …",
                      "- Có 369 hồ sơ …", one part per item

A part counts only when it names the total's noun ("hồ sơ", "TTHC"), so "1.579 văn bản"
after "736.963 hồ sơ, trong đó …" is not added in. Bracketed parts are the segments between
";", each led by its number. A list item that opens with "Trong N …" breaks down an
earlier item rather than adding to the total.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ..model import TextBlock
from ..number import PROSE_COUNT, parse_count
from .claims import _same_noun

_NUMBER = rf"(?<![\d/.,])(?P<n>{PROSE_COUNT})(?![\d/%]|[.,]\d|\s*%)"
COUNTED = re.compile(rf"{_NUMBER}\s+(?P<noun>[^\W\d_]+(?:\s+[^\W\d_]+)?)")
# What announces the parts: "gồm:", "trong đó (có):", "cụ thể:", "bao gồm".
INTRO = re.compile(r"(?:\b(?:bao\s+)?gồm|\b[Tt]rong\s+đó(?:\s+có)?|\b[Cc]ụ\s+thể)\s*:?", re.IGNORECASE)
OF_TOTAL = re.compile(rf"\bTrong\s+{_NUMBER}\s+(?P<noun>[^\W\d_]+(?:\s+[^\W\d_]+)?)")
LIST_INTRO = re.compile(r"(?:[Tt]rong\s+đó|[Cc]ụ\s+thể|gồm)\s*:\s*$")
BULLET = re.compile(r"^\s*([-+•])\s")
SEGMENT_LEAD = re.compile(rf"^[^\d]*?{_NUMBER}")


@dataclass
class Sum:
    """A total and its parts as printed: each is (text, value, block) for the evidence."""
    total: tuple[str, float, TextBlock]
    parts: list[tuple[str, float, TextBlock]]
    text: str


def _text(block: TextBlock) -> str:
    return " ".join(block.text.split())


def _depth0(text: str) -> list[int]:
    """Bracket depth at each character: parts inside brackets belong to the number before them."""
    depth, out = 0, []
    for ch in text:
        if ch == ")":
            depth = max(0, depth - 1)
        out.append(depth)
        if ch == "(":
            depth += 1
    return out


def _sentences(text: str):
    start = 0
    for m in re.finditer(r"\.(?:\s+|$)", text):
        yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _in_sentence(block: TextBlock, text: str) -> list[Sum]:
    out = []
    depth = _depth0(text)
    for s0, s1 in _sentences(text):
        sentence = text[s0:s1]
        counted = [m for m in COUNTED.finditer(sentence) if depth[s0 + m.start()] == 0]
        total, parts_from = None, None
        of = OF_TOTAL.search(sentence)
        if of and depth[s0 + of.start()] == 0:
            total, parts_from = of, of.end()
        else:
            intro = next((i for i in INTRO.finditer(sentence) if depth[s0 + i.start()] == 0), None)
            before = [m for m in counted if intro and m.end() <= intro.start()]
            if before:
                total, parts_from = before[-1], intro.end()
        if total is None:
            continue
        parts = [m for m in counted if m.start() >= parts_from and _same_noun(m["noun"], total["noun"])]
        if len(parts) >= 2:
            out.append(Sum((total.group(0), parse_count(total["n"]), block),
                           [(p.group(0), parse_count(p["n"]), block) for p in parts],
                           sentence[total.start():parts[-1].end()]))
    return out


def _in_brackets(block: TextBlock, text: str) -> list[Sum]:
    out = []
    for m in re.finditer(r"\(([^()]*)\)", text):
        inner = m.group(1)
        segments = [s for s in inner.split(";") if s.strip()]
        if len(segments) < 2 or "/" in inner or "%" in inner:
            continue
        leads = [SEGMENT_LEAD.match(s) for s in segments]
        if not all(leads):
            continue
        clause = re.split(r"[;.]\s", text[:m.start()])[-1]
        before = list(COUNTED.finditer(clause))
        if not before:
            continue
        total = before[-1]
        out.append(Sum((total.group(0), parse_count(total["n"]), block),
                       [(ld["n"], parse_count(ld["n"]), block) for ld in leads],
                       clause[total.start():] + m.group(0)))
    return out


def _as_list(blocks: list[TextBlock], i: int) -> Optional[Sum]:
    text = _text(blocks[i])
    if not LIST_INTRO.search(text):
        return None
    counted = list(COUNTED.finditer(text))
    if not counted:
        return None
    total = counted[-1]
    parts, marker = [], None
    for block in blocks[i + 1:]:
        item = _text(block)
        bullet = BULLET.match(item)
        if not bullet or (marker and bullet.group(1) != marker):
            break
        marker = bullet.group(1)
        if OF_TOTAL.match(item[bullet.end():]):
            continue  # "- Trong 296 hồ sơ …": a breakdown of an item above
        first = next((m for m in COUNTED.finditer(item) if _depth0(item)[m.start()] == 0), None)
        if first is None or not _same_noun(first["noun"], total["noun"]):
            return None  # an item without its number: the list is not a sum
        parts.append((first.group(0), parse_count(first["n"]), block))
    if len(parts) < 2:
        return None
    return Sum((total.group(0), parse_count(total["n"]), blocks[i]), parts,
               text[total.start():] + " " + " ".join(p[0] for p in parts))


def find_sums(prose: Iterable[TextBlock]) -> list[Sum]:
    blocks = list(prose)
    out: list[Sum] = []
    for i, block in enumerate(blocks):
        text = _text(block)
        out += _in_sentence(block, text) + _in_brackets(block, text)
        listed = _as_list(blocks, i)
        if listed:
            out.append(listed)
    return out
