"""Score breakdowns in prose: a score "x/100 điểm" with its items listed under it.

    "… đạt 72,09/100 điểm … Cụ thể:"
    "1. Kết quả về công khai minh bạch: 14,21/18 điểm."
    "- Tỷ lệ thủ tục hành chính công bố đúng hạn: 4,05/6 điểm;"  …
    "3. Dịch vụ trực tuyến"  (no score of its own: its items "a) …: 5,95/12 điểm", "b) …" make it)

"y/12 điểm" is no ratio: 12 is the item's maximum. But the items of a score add up to it,
and their maxima to its maximum. The outline of list marks (numbering.outline_rank) says
which statement is an item of which; a line without a mark that states "x/y điểm" opens a
new outline, one without a maximum is a remark, not an item.

Each printed score is rounded to its last digit, so the items' sum may miss the score by
the half-units of all of them ("72,78/100" over items printed to the tenth: 11,4 + 19,3 +
5,8 + 2,7 + 18,0 + 15,5 = 72,7 is consistent); only a miss beyond that is inconsistent.

What tells a breakdown from a list of scores that happen to follow one another: when the
items' maxima add up to the score's maximum, the scores must add up too; when the scores
add up, so must the maxima. When neither adds up, the lines are no breakdown: silence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..model import TextBlock
from ..number import decimals, parse_rate
from ..numbering import outline_rank

SCORE = re.compile(r"(?<![\d/.,])(?P<got>\d{1,3}(?:[.,]\d{1,3})?)\s*/\s*(?P<max>\d{1,3})\s*điểm", re.IGNORECASE)
# A list mark at the start of a line, or after "; " or ". " inside a block that holds several lines.
_MARK = re.compile(r"(?:^|(?<=[;.:]\s))\s*(?P<mark>[-–+•]|\d+(?:\.\d+)*\.|[a-zđ]\)|[IVX]+\.)\s")
_EPS = 1e-9


@dataclass
class Node:
    """A line of the outline: its rank, its stated score and maximum (None when it states none)."""
    rank: int
    text: str
    block: TextBlock
    score: Optional[float] = None
    maximum: Optional[float] = None
    printed: str = ""
    items: list["Node"] = field(default_factory=list)

    def total(self) -> Optional[tuple[float, float, float]]:
        """The score, maximum and rounding half-width it stands for: stated (a score printed to
        the hundredth is within 0,005 of the true one; full marks and zero are exact), or made
        by its items (their half-widths add up)."""
        if self.score is not None:
            exact = self.score in (0, self.maximum)
            return self.score, self.maximum, 0.0 if exact else 10.0 ** -decimals(self.printed) / 2
        scored = [i.total() for i in self.items]
        scored = [s for s in scored if s is not None]
        if len(scored) < 2:
            return None
        return sum(s[0] for s in scored), sum(s[1] for s in scored), sum(s[2] for s in scored)


@dataclass
class Breakdown:
    """A stated score and its items, and one of the two checks on them: its score against
    its items' scores, or its maximum against their maxima."""
    node: Node
    items: list[Node]
    # "inconsistent", or None where it adds up (within the printed rounding of its items)
    verdict: Optional[str]
    what: str  # "score" or "maximum"
    stated: float
    recomputed: float


def _lines(block: TextBlock) -> list[tuple[Optional[int], str]]:
    text = " ".join(block.text.split())
    starts = [m for m in _MARK.finditer(text)]
    if not starts or starts[0].start() > 0 and text[:starts[0].start()].strip():
        starts = [None, *starts]
    out = []
    for k, m in enumerate(starts):
        begin = 0 if m is None else m.start()
        end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        rank = None if m is None else outline_rank(m["mark"])
        out.append((rank, text[begin:end].strip()))
    return out


def outline(prose: Iterable[TextBlock]) -> list[Node]:
    """The roots of the outlines that hold scores, their items below them."""
    roots: list[Node] = []
    stack: list[Node] = []
    for block in prose:
        for rank, line in _lines(block):
            m = SCORE.search(line)
            if rank is None:
                if not m:
                    continue  # a remark ("… 19,16 điểm.") or prose: no line of the outline
                rank = 0
                stack = []
            node = Node(rank, line, block)
            if m:
                node.score, node.maximum, node.printed = parse_rate(m["got"]), float(m["max"]), m["got"]
            while stack and stack[-1].rank >= rank:
                stack.pop()
            if stack:
                stack[-1].items.append(node)
            elif node.score is not None:
                roots.append(node)
            stack.append(node)
    return roots


def _check(node: Node) -> list[Breakdown]:
    out: list[Breakdown] = []
    for item in node.items:
        out += _check(item)
    scored = [(i, i.total()) for i in node.items]
    scored = [(i, t) for i, t in scored if t is not None]
    if node.score is None or len(scored) < 2:
        return out
    items = [i for i, _ in scored]
    score = sum(t[0] for _, t in scored)
    maximum = sum(t[1] for _, t in scored)
    slack = sum(t[2] for _, t in scored) + node.total()[2]
    places = max([decimals(node.printed)] + [decimals(i.printed) for i in items if i.printed])
    scores_add = abs(score - node.score) <= slack + _EPS
    maxima_add = abs(maximum - node.maximum) < _EPS
    if not scores_add and not maxima_add:
        return out  # no breakdown: lines that happen to follow one another
    # One adding up makes the lines a breakdown; then both are checks, and at most one fails.
    out.append(Breakdown(node, items, None if scores_add else "inconsistent", "score", node.score,
                         round(score, places)))
    out.append(Breakdown(node, items, None if maxima_add else "inconsistent", "maximum", node.maximum,
                         maximum))
    return out


def breakdowns(prose: Iterable[TextBlock]) -> list[Breakdown]:
    """Both checks of every score whose items make a breakdown of it, those that add up too."""
    return [b for root in outline(prose) for b in _check(root)]


def find_breakdowns(prose: Iterable[TextBlock]) -> list[Breakdown]:
    """Every score whose items do not make it (or whose items' maxima do not make its maximum)."""
    return [b for b in breakdowns(prose) if b.verdict is not None]
