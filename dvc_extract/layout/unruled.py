"""Unruled table regions, found from the alignment of words.

A table without borders still shows itself: consecutive lines split by the
same wide gaps (columns), most of them carrying numbers. Its header lines sit
just above, often with a rule under them, and the body may end on a rule.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..model import BBox, Ruling
from ..number import is_figure
from ..numbering import is_list_number
from .columns import body_size, is_misread_row_line, is_row_line, numeric_segments, shared_gaps
from .lines import Line

# The body of a table shares at least this many column gaps, over this many row lines.
MIN_SHARED_GAPS = 3
MIN_ROW_LINES = 2
# A table of a label and two figures shares two: lines of prose line up so by chance
# over two lines, not over three.
NARROW_SHARED_GAPS = 2
NARROW_ROW_LINES = 3
# Lines further apart than this many line heights belong to different blocks.
MAX_LINE_GAP = 1.6
# Two row lines on the same columns may stand further apart (a taller row's padding).
MAX_ROW_GAP = 2.5
# Wrapped cell lines between row lines (a long name wraps over many lines and
# may sit centred on its row), header lines above the body.
MAX_WRAPPED_LINES = 16
MAX_TRAILING_LINES = 2
# A table of one row line (a one-unit summary under its caption, a total row
# carried over to the next page) needs more evidence: this many numbers, or
# this many with header lines aligned above it.
SINGLE_ROW_NUMBERS = 4
SINGLE_ROW_NUMBERS_UNDER_HEADER = 3
# Lines in smaller print than the rows (footnote marks, notes) are not the table's.
SMALL_PRINT = 0.8
MAX_HEADER_LINES = 14
# Figures centred in their columns may reach a point or two into a shared gap's edge.
GAP_EDGE = 2.0
# A rule over the header spans the table; one under a spanning header cell (over its
# sub-columns) spans less and stays inside the header.
FULL_RULE_SHARE = 0.9
# A line without column gaps that spans this share of the table is prose.
PROSE_WIDTH_SHARE = 0.6


@dataclass
class Block:
    """An unruled table's lines: indexes into the page's lines."""

    lines: list[int]
    body: list[int]  # the row lines whose gaps define the columns

    def bbox(self, lines: list[Line]) -> BBox:
        ls = [lines[i] for i in self.lines]
        return (min(l.x0 for l in ls), min(l.top for l in ls),
                max(l.x1 for l in ls), max(l.bottom for l in ls))


def unruled_blocks(lines: list[Line], stop: set[int], hrules: list[Ruling]) -> list[Block]:
    """Blocks of lines forming unruled tables; ``stop`` lines (captions) are never taken."""
    row = [is_row_line(l) and i not in stop for i, l in enumerate(lines)]
    blocks: list[Block] = []
    taken: set[int] = set()
    i = 0
    while i < len(lines):
        if not row[i]:
            i += 1
            continue
        members, body = _grow_down(lines, i, row, stop, hrules)
        header = _grow_up(lines, members[0], body, stop | taken, hrules)
        if _is_table(lines, body, header, stop):
            block = Block(lines=header + members, body=body)
            blocks.append(block)
            taken.update(block.lines)
            i = members[-1] + 1
        else:
            i += 1
    return blocks


def _is_table(lines: list[Line], body: list[int], header: list[int],
              stop: set[int] = frozenset()) -> bool:
    gaps = len(shared_gaps([lines[k] for k in body]))
    if gaps < NARROW_SHARED_GAPS or (gaps < MIN_SHARED_GAPS and len(body) < NARROW_ROW_LINES):
        return False
    if len(body) >= MIN_ROW_LINES:
        return True
    row = lines[body[0]]
    # The page's print size leaves out captions and the page number: on a page holding
    # only a table's last row, they are most of the lines.
    text = [l for k, l in enumerate(lines) if k not in stop] or lines
    if not _labelled(lines, row) or row.size < SMALL_PRINT * body_size(text):
        return False  # a chart's axis ticks, a line of subscripts
    numbers = numeric_segments(row)
    return numbers >= SINGLE_ROW_NUMBERS or (bool(header) and numbers >= SINGLE_ROW_NUMBERS_UNDER_HEADER)


def _labelled(lines: list[Line], row: Line) -> bool:
    """A table row names what its figures are: a word cell on its line, or the
    words of a label wrapped alongside it."""
    if any(not all(is_figure(w.text) for w in seg) for seg in row.segments()):
        return True
    return any(_alongside(l, row) and any(not is_figure(w.text) for w in l.words)
               for l in lines if l is not row)


def _grow_down(lines, start, row, stop, hrules):
    members, body = [start], [start]
    # The row's reach: its line and the lines printed alongside it (the rest of a row
    # whose figures wrapped, "Phiên bản / 1.0", beside one-line cells).
    beside = [lines[k] for k in (start - 1, start + 1)
              if 0 <= k < len(lines) and k not in stop and _alongside(lines[k], lines[start])]
    x0 = min(l.x0 for l in [lines[start], *beside])
    x1 = max(l.x1 for l in [lines[start], *beside])
    wrapped = 0
    for j in range(start + 1, len(lines)):
        prev, line = lines[members[-1]], lines[j]
        gap = line.top - prev.bottom
        if j in stop or gap > MAX_ROW_GAP * prev.height:
            break
        if gap > MAX_LINE_GAP * prev.height and not (row[j] and _same_columns(lines, body, j)):
            break
        if (not row[j] and _rule_between(prev, line, x0, x1, hrules)
                and not _row_follows(lines, j, row, stop, body, x0, x1, hrules)
                and not _ruled_short_row(lines, j, body, x0, x1, hrules)):
            break  # the rule closing the table (rules between rows do not)
        if row[j] or (is_misread_row_line(line) and _within_gaps(lines, body, j, NARROW_SHARED_GAPS)):
            members.append(j)
            body.append(j)
            x0, x1 = min(x0, line.x0), max(x1, line.x1)
            wrapped = 0
        elif ((_fits(line, x0, x1) or _alongside(line, lines[body[-1]]))
              and not _prose_like(line, x0, x1) and wrapped < MAX_WRAPPED_LINES
              and line.size >= SMALL_PRINT * lines[body[-1]].size):
            members.append(j)
            wrapped += 1
        else:
            break
    # Lines after the last row line stay only as the wrapped end of that row.
    while len(members) - 1 - members.index(body[-1]) > MAX_TRAILING_LINES:
        members.pop()
    return members, body


def _row_follows(lines, j, row, stop, body, x0, x1, hrules) -> bool:
    """Under a rule, line ``j`` starts the next row when a row line on the table's columns
    follows it closely, before any other rule: a name centred on its figures starts above
    them, in a table ruled between every row."""
    prev = lines[j - 1]
    numbered = False
    for k in range(j, min(len(lines), j + MAX_WRAPPED_LINES)):
        line = lines[k]
        if k in stop or line.top - prev.bottom > MAX_LINE_GAP * prev.height:
            return False
        if k > j and _rule_between(prev, line, x0, x1, hrules):
            if not numbered:
                return False
            numbered = False  # a numbered row without figures ("4. Xây dựng …"): read on
        numbered = numbered or _numbered(line, lines, body)
        if row[k]:
            return _same_columns(lines, body, k) or _within_gaps(lines, body, k)
        if _prose_like(line, x0, x1) or not _fits(line, x0, x1):
            return False
        prev = line
    return False


def _ruled_short_row(lines, j, body, x0, x1, hrules) -> bool:
    """Line ``j``, ruled over and under, is a row printing only some of the table's columns
    (the last row of the left one of two lists side by side): a figure, and nothing in the
    gaps the body shares."""
    line = lines[j]
    if not numeric_segments(line) or not _within_gaps(lines, body, j):
        return False
    nxt = lines[j + 1].top + lines[j + 1].height / 2 if j + 1 < len(lines) else math.inf
    return any(line.top + line.height / 2 <= r.top <= min(nxt, line.bottom + line.height)
               and min(r.x1, x1) - max(r.x0, x0) > 0.5 * (x1 - x0) for r in hrules)


def _numbered(line: Line, lines: list[Line], body: list[int]) -> bool:
    """The line opens with a row number ("4.", "4.1.") ending before the body's second column:
    a row of the table's numbered list, even without figures."""
    gaps = shared_gaps([lines[i] for i in body])
    first = line.words[0]
    return bool(gaps) and first.x1 < gaps[0][1] and is_list_number(first.text)


def _within_gaps(lines: list[Line], body: list[int], k: int, min_gaps: int = MIN_SHARED_GAPS) -> bool:
    """Line ``k`` prints nothing in the gaps the body shares, at least ``min_gaps`` of them (a
    row without the name most rows print may widen a gap, so the count of gaps alone can drop)."""
    gaps = shared_gaps([lines[i] for i in body])
    return len(gaps) >= min_gaps and not any(
        w.x0 < b - GAP_EDGE and w.x1 > a + GAP_EDGE for w in lines[k].words for a, b in gaps)


def _same_columns(lines: list[Line], body: list[int], j: int) -> bool:
    """Line ``j`` keeps every column gap the body shares so far. A body of one line
    printing only some columns (figures wrapped out of a cell, "Phiên bản / 1.0") shares
    too few: then line ``j`` lying within them must show the table's columns itself."""
    before = shared_gaps([lines[k] for k in body])
    after = shared_gaps([lines[k] for k in body + [j]])
    if len(before) >= MIN_SHARED_GAPS:
        return len(after) >= len(before)
    return len(body) == 1 and len(after) >= MIN_SHARED_GAPS and _inside(lines[body[0]], lines[j])


def _inside(narrow: Line, wide: Line) -> bool:
    """Every word of ``narrow`` lies within the reach of ``wide``'s words."""
    return wide.x0 <= narrow.x0 and narrow.x1 <= wide.x1


def _grow_up(lines, first, body, stop, hrules):
    x0 = min(lines[k].x0 for k in body)
    x1 = max(lines[k].x1 for k in body)
    header: list[int] = []
    rules_crossed = 0
    below = lines[first]
    for k in range(first - 1, max(-1, first - 1 - MAX_HEADER_LINES), -1):
        line = lines[k]
        rule = _rule_under(line, below, x0, x1, hrules, FULL_RULE_SHARE)
        if rule is not None and not rules_crossed:
            # The rule under the header spans the table: header words, from its last line
            # on, may reach out past the body's figures (a long heading over a narrow column).
            x0, x1 = min(x0, rule.x0), max(x1, rule.x1)
        if (k in stop or _prose_like(line, x0, x1) or _unit_note(line)
                or not (_fits(line, x0, x1) or _alongside(line, lines[body[0]]))):
            break
        if line.text.rstrip().endswith(":") and line.x1 - line.x0 > 0.5 * (x1 - x0):
            break  # the sentence introducing the table
        if rule is not None:
            rules_crossed += 1
            if rules_crossed > 1 and not _boxed_heading(line, below, x0, x1, hrules):
                break  # the rule over the header: the table's top
        elif line.top < below.top and below.top - line.bottom > MAX_LINE_GAP * line.height:
            if not (k == first - 1 and _stands_off(line, below, x0, x1, hrules)):
                break
            # The blank band parts header and body as a rule would: a rule above is the top.
            rules_crossed += 1
        header.insert(0, k)
        below = line
    return header


def _stands_off(line: Line, below: Line, x0: float, x1: float, hrules: list[Ruling]) -> bool:
    """Whether ``line``, over the first row line further than lines of one block stand, is
    the header's last line all the same: no further than rows may stand apart, and parted
    into columns or underlined (a balance sheet's "Mã số  Thuyết minh  Số cuối năm" over a
    blank line); a caption or a sentence is neither."""
    return (below.top - line.bottom <= MAX_ROW_GAP * line.height
            and (len(line.segments()) >= 2 or _rule_between(line, below, x0, x1, hrules, 0.2)))


def _boxed_heading(line: Line, below: Line, x0: float, x1: float,
                   hrules: list[Ruling]) -> bool:
    """Line ``line`` over a header line is the header's top row, not what precedes the
    table, when it is headings in cells (no figures), close above, with a rule right over
    it too: spanning cells ruled under across the whole table ("HỒ SƠ … CAO NHẤT" | "HỒ SƠ
    … THẤP NHẤT" over two blocks side by side)."""
    if len(line.segments()) < 2 or numeric_segments(line) or below.top - line.bottom > (
            MAX_LINE_GAP * line.height):
        return False
    return any(line.top - line.height <= r.top <= line.top + line.height / 2
               and min(r.x1, x1) - max(r.x0, x0) > FULL_RULE_SHARE * (x1 - x0) for r in hrules)


def _unit_note(line: Line) -> bool:
    """A bracketed note over a table ("(Đơn vị tính: hồ sơ)", "[In thousands]"): the
    caption's, not a header line. A bracketed single word ("(%)") may be a header's."""
    text = line.text.strip()
    return (len(line.segments()) == 1 and len(text.split()) >= 2
            and text[:1] in "([" and text[-1:] in ")]")


def _alongside(line: Line, row: Line) -> bool:
    """Within half a line height of a row line and clear of its words: the wrapped
    rest of a cell centred on that row, however far it reaches out of the columns."""
    if not (line.top < row.bottom + row.height / 2 and line.bottom > row.top - row.height / 2):
        return False
    return not any(w.x0 < v.x1 and w.x1 > v.x0 for w in line.words for v in row.words)


def _fits(line: Line, x0: float, x1: float) -> bool:
    slack = 2 * line.size
    return line.x0 >= x0 - slack and line.x1 <= x1 + slack


def _prose_like(line: Line, x0: float, x1: float) -> bool:
    return len(line.segments()) == 1 and (line.x1 - line.x0) > PROSE_WIDTH_SHARE * (x1 - x0)


def _rule_between(upper: Line, lower: Line, x0: float, x1: float, hrules: list[Ruling],
                  share: float = 0.5) -> bool:
    return _rule_under(upper, lower, x0, x1, hrules, share) is not None


def _rule_under(upper: Line, lower: Line, x0: float, x1: float, hrules: list[Ruling],
                share: float = 0.5) -> Ruling | None:
    """A rule between the two lines across more than ``share`` of ``x0``…``x1``."""
    width = x1 - x0
    for r in hrules:
        if upper.top + upper.height / 2 <= r.top <= lower.top + lower.height / 2:
            overlap = min(r.x1, x1) - max(r.x0, x0)
            if overlap > share * width:
                return r
    return None
