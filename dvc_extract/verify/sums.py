"""Totals stated in prose with their parts listed after them; the parts must add up.

Three shapes, all common in monthly reports:

    in one sentence   "Có 369 hồ sơ …, gồm: 296 hồ sơ …, 10 hồ sơ … và 27 hồ sơ …"
                      "Trong 296 hồ sơ …, có 09 hồ sơ …, 11 hồ sơ … và có 276 hồ sơ …"
    in brackets       "645 dịch vụ … (cấp tỉnh: 565; cấp huyện 54; cấp xã: 26)",
                      "420 TTHC (Thuế tỉnh 217 TTHC; …; Công an tỉnh 167 TTHC, Bảo hiểm xã hội tỉnh 25 TTHC)"
    as a list         "Tổng số hồ sơ …: 77.390 hồ sơ. Trong đó:" then "- Có 77.021 hồ sơ …",
                      "- Có 369 hồ sơ …", one part per item

What tells a breakdown from a mention:

- a part names the total's noun ("hồ sơ", "TTHC", "tỷ đồng"), so "1.579 văn bản" after
  "736.963 hồ sơ, trong đó …" is not added in, and a bracket whose parts count "cơ quan"
  after a total of "xã" breaks down something else: it is not checked;
- "gồm" says the parts make the whole; "trong đó" ("of which") says only that they are in
  it, so after "trong đó" each part must lead its clause ("trong đó có 09 hồ sơ …, 11 hồ
  sơ …"). "… 734 văn bản, trong đó đề xuất xử lý đối với 303 văn bản và đã xử lý đối với
  303 văn bản" tells of steps, not of parts, and is not checked;
- a year is no amount ("kế hoạch năm 2025 là 19.596 tỷ đồng");
- bracketed parts are the pieces between ";", ", " or "và", each with its number; a piece
  that opens a breakdown of its own ("…, trong đó …") makes the bracket no flat list;
- a list item that opens with "Trong N …" breaks down an earlier item rather than
  adding to the total.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ..model import TextBlock
from ..number import PROSE_COUNT, is_prose_year, is_scaled_unit, parse_count
from .claims import _same_noun

_NUMBER = rf"(?<![\d/.,])(?P<n>{PROSE_COUNT})(?![\d/%]|[.,]\d|\s*%)"
COUNTED = re.compile(rf"{_NUMBER}\s+(?P<noun>[^\W\d_]+(?:\s+[^\W\d_]+)?)")
BARE = re.compile(_NUMBER)
# What announces the parts: "gồm:", "trong đó (có):", "cụ thể:", "bao gồm".
INTRO = re.compile(r"(?:\b(?:bao\s+)?gồm|\b[Tt]rong\s+đó(?:\s+có)?|\b[Cc]ụ\s+thể)\s*[:,]?", re.IGNORECASE)
# "trong đó": parts that are in the total, not necessarily all of it.
OF_WHICH = re.compile(r"trong\s+đó", re.IGNORECASE)
OF_TOTAL = re.compile(rf"\bTrong\s+{_NUMBER}\s+(?P<noun>[^\W\d_]+(?:\s+[^\W\d_]+)?)")
LIST_INTRO = re.compile(r"(?:[Tt]rong\s+đó|[Cc]ụ\s+thể|gồm)\s*:\s*$")
BULLET = re.compile(r"^\s*([-+•])\s")
# Where a clause of parts begins, and the words that may stand before its number.
_CLAUSE_BREAK = re.compile(r"[,;:]\s*|\s(?:và|còn)\s")
_LEAD_WORDS = {"có", "là", "và", "còn", "với"}


@dataclass
class Sum:
    """A total and its parts as printed: each is (text, value, block) for the evidence.
    ``rounded``: the amounts are in a scaled unit ("tỷ đồng"), each printed rounded."""
    total: tuple[str, float, TextBlock]
    parts: list[tuple[str, float, TextBlock]]
    text: str
    rounded: bool = False


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


def _amount(text: str, m: re.Match) -> bool:
    """A matched number that is an amount, not a year."""
    return not is_prose_year(m["n"], text[:m.start()])


def _counted(text: str) -> list[re.Match]:
    return [m for m in COUNTED.finditer(text) if _amount(text, m)]


def _sentences(text: str):
    start = 0
    for m in re.finditer(r"\.(?:\s+|$)", text):
        yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _leads_its_clause(sentence: str, start: int, part: re.Match) -> bool:
    """Nothing but "có", "là", "và" stands between the clause's start and the part's number."""
    before = sentence[start:part.start()]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    lead = before[breaks[-1].end():] if breaks else before
    return all(w.lower() in _LEAD_WORDS for w in lead.split())


def _sum(total: re.Match, parts: list, block: TextBlock, text: str, noun: str) -> Sum:
    return Sum((total.group(0), parse_count(total["n"]), block),
               [(p.group(0), parse_count(p["n"]), block) for p in parts],
               text, is_scaled_unit(noun))


def _in_sentence(block: TextBlock, text: str) -> list[Sum]:
    out = []
    depth = _depth0(text)
    for s0, s1 in _sentences(text):
        sentence = text[s0:s1]
        counted = [m for m in _counted(sentence) if depth[s0 + m.start()] == 0]
        total, parts_from, of_which = None, None, False
        of = OF_TOTAL.search(sentence)
        if of and depth[s0 + of.start()] == 0 and _amount(sentence, of):
            total, parts_from, of_which = of, of.end(), True
        else:
            intro = next((i for i in INTRO.finditer(sentence) if depth[s0 + i.start()] == 0), None)
            before = [m for m in counted if intro and m.end() <= intro.start()]
            if before:
                total, parts_from = before[-1], intro.end()
                of_which = bool(OF_WHICH.match(intro.group(0)))
        if total is None:
            continue
        parts = [m for m in counted if m.start() >= parts_from and _same_noun(m["noun"], total["noun"])]
        if of_which and not all(_leads_its_clause(sentence, parts_from, p) for p in parts):
            continue  # "trong đó đề xuất … 303 văn bản và đã xử lý … 303 văn bản": steps, not parts
        if len(parts) >= 2:
            out.append(_sum(total, parts, block, sentence[total.start():parts[-1].end()], total["noun"]))
    return out


@dataclass
class _Part:
    """A bracketed part: its number as printed, its value, the words after it, and the
    parts it is broken down into after a colon ("UBND cấp huyện 218 hồ sơ: Buôn Ma Thuột 47, …")."""
    printed: str
    value: float
    after: str
    sub: Optional[list["_Part"]] = None


# After a part's number, its noun and a colon: the part is listed in turn.
_LISTED_IN_TURN = re.compile(r"^\s*(?:[^\W\d_]+\s*){0,3}:\s*")


def _pieces(body: str, separators: str) -> Optional[list[str]]:
    """The pieces of ``body`` between separators, each holding an amount: words without one
    name the part after them ("Sở Văn hóa, Thể thao và Du lịch 12"); None when a piece opens
    a breakdown of its own ("…, trong đó …")."""
    pieces: list[str] = []
    pending = ""
    for piece in re.split(separators, body):
        if not piece.strip():
            continue
        if INTRO.search(piece):
            return None
        if not any(_amount(piece, m) for m in BARE.finditer(piece)):
            pending += piece + ", "
            continue
        pieces.append(pending + piece)
        pending = ""
    if pending and pieces:
        pieces[-1] += ", " + pending
    return pieces


_ITEMS = r";\s*"
_FLAT = r",\s+|\s+và\s+"


def _bracket_parts(inner: str) -> Optional[list[_Part]]:
    """The parts of a bracket; None when it is no list of parts."""
    intro = INTRO.match(inner.strip())
    body = inner.strip()[intro.end():] if intro else inner.strip()
    items = _pieces(body, _ITEMS)
    if items is None:
        return None
    parts: list[_Part] = []
    for item in items:
        first = next(m for m in BARE.finditer(item) if _amount(item, m))
        after = item[first.end():]
        listed = _LISTED_IN_TURN.match(after)
        if listed and len(items) > 1:
            sub = _flat(after[listed.end():])
            parts.append(_Part(first.group(0), parse_count(first["n"]), after.strip(), sub))
            continue
        flat = _flat(item)
        if flat is None:
            return None
        parts.extend(flat)
    return parts


def _flat(text: str) -> Optional[list[_Part]]:
    pieces = _pieces(text, _FLAT)
    if pieces is None:
        return None
    out = []
    for piece in pieces:
        first = next(m for m in BARE.finditer(piece) if _amount(piece, m))
        out.append(_Part(first.group(0), parse_count(first["n"]), piece[first.end():].strip()))
    return out


def _agree(parts: list[_Part], noun: str) -> bool:
    """Every part names the total's noun (or, without one, the same), or none names any: a
    number naming nothing among parts that name theirs is no part one can be sure of (a
    rate's remnant "4, ! 22" on a scan, a code)."""
    nouns = [_words(p.after) for p in parts if _words(p.after)]
    if nouns and len(nouns) != len(parts):
        return False
    noun = noun or (nouns[0] if nouns else "")
    return all(_same_noun(n, noun) for n in nouns)


def _bracket_sum(total: tuple[str, float], noun: str, parts: list[_Part], block: TextBlock, text: str) -> list[Sum]:
    if len(parts) < 2 or not _agree(parts, noun):
        return []
    nouns = [_words(p.after) for p in parts if _words(p.after)]
    out = [Sum((total[0], total[1], block), [(p.printed, p.value, block) for p in parts], text,
               is_scaled_unit(noun or (nouns[0] if nouns else "")))]
    for p in parts:
        if p.sub:
            out += _bracket_sum((p.printed, p.value), _words(p.after), p.sub, block, f"{p.printed} {p.after}")
    return out


def _in_brackets(block: TextBlock, text: str) -> list[Sum]:
    out = []
    for m in re.finditer(r"\(([^()]*)\)", text):
        inner = m.group(1)
        if "/" in inner:  # dates, fractions: parts of another kind
            continue
        parts = _bracket_parts(inner)
        if not parts:
            continue
        clause = re.split(r"[;.]\s", text[:m.start()])[-1]
        bare = list(BARE.finditer(clause))
        if bare and not clause[bare[-1].end():].strip() and _amount(clause, bare[-1]):
            total, noun = bare[-1], ""  # "là 2.372 (trong đó, cấp tỉnh 1.946 TTHC, …)"
        else:
            before = _counted(clause)
            if not before:
                continue
            total, noun = before[-1], before[-1]["noun"]
        # a bracket counting another noun than the total breaks down something else
        out += _bracket_sum((total.group(0), parse_count(total["n"])), noun, parts, block,
                            clause[total.start():] + m.group(0))
    return out


def _words(after: str) -> str:
    """The words right after a part's number, up to any punctuation: its noun."""
    w = re.match(r"[^\W\d_]+(?:\s+[^\W\d_]+)?", after)
    return w.group(0) if w else ""


def _as_list(blocks: list[TextBlock], i: int) -> Optional[Sum]:
    text = _text(blocks[i])
    if not LIST_INTRO.search(text):
        return None
    counted = _counted(text)
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
        depth = _depth0(item)
        first = next((m for m in _counted(item) if depth[m.start()] == 0), None)
        if first is None or not _same_noun(first["noun"], total["noun"]):
            return None  # an item without its number: the list is not a sum
        parts.append((first.group(0), parse_count(first["n"]), block))
    if len(parts) < 2:
        return None
    return Sum((total.group(0), parse_count(total["n"]), blocks[i]), parts,
               text[total.start():] + " " + " ".join(p[0] for p in parts), is_scaled_unit(total["noun"]))


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
