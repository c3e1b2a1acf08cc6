"""Ruled table regions: connected grids of drawn cells holding text."""
from __future__ import annotations

from ..model import BBox, Page, Region
from ..number import is_figure
from .centres import Centres
from .grids import cell_groups, contains, group_bbox
from .lines import text_lines

# A grid is a table when at least this many of its cells hold words; a framed
# paragraph or a form box with one filled field is not.
MIN_FILLED_CELLS = 2
MIN_NUMBERS_IN_ROW = 2
# Grids further apart than this many text heights are separate tables.
MAX_STACK_GAP = 2.5


def ruled_regions(page: Page) -> list[Region]:
    regions, strips = [], set()
    centres = Centres(page.words)
    for cells in cell_groups(page.rulings):
        cells = _without_banner_rows(cells, page)
        texts = [" ".join(w.text for w in centres.within(c)) for c in cells]
        if _is_table(cells, [t for t in texts if t]) or _cut_row_tail(cells, texts, page):
            regions.append(Region(page=page.number, bbox=group_bbox(cells), ruled=True))
            if len({round(c[1]) for c in cells}) == 1:
                strips.add(id(regions[-1]))
    # A grid drawn inside another one's cell (a boxed label) is part of that table.
    regions = [r for r in regions
               if not any(o is not r and contains(o.bbox, r.bbox) for o in regions)]
    return _join_strips(sorted(regions, key=lambda r: r.bbox[1]), strips, page)


def _without_banner_rows(cells: list[BBox], page: Page) -> list[BBox]:
    """Drop a first or last row that is one cell across the whole grid holding plain
    text: the title or the notes of a framed exhibit, not a row of the table."""
    cells = list(cells)
    while len({round(c[1]) for c in cells}) > 2:
        x0, _, x1, _ = group_bbox(cells)
        top = min(c[1] for c in cells)
        bottom = max(c[3] for c in cells)
        first = [c for c in cells if abs(c[1] - top) <= 1]
        last = [c for c in cells if abs(c[3] - bottom) <= 1]
        banner = None
        if len(first) == 1 and _spans(first[0], x0, x1) and _plain_text(first[0], page):
            banner = first[0]
        elif len(last) == 1 and _spans(last[0], x0, x1) and _plain_text(last[0], page):
            banner = last[0]
        rest = [c for c in cells if c is not banner]
        # The rows left must still fill the grid's width, or the banner is the table's own.
        if banner is None or not _spans(group_bbox(rest), x0, x1):
            break
        cells = rest
    return cells


def _plain_text(cell: BBox, page: Page) -> bool:
    """Text lines without column gaps (a title, a note), not a row of values."""
    lines = text_lines(w for w in page.words if _centre_in(w.bbox, cell))
    return bool(lines) and all(len(l.segments()) == 1 for l in lines)


def _spans(cell: BBox, x0: float, x1: float) -> bool:
    return cell[0] <= x0 + 1 and cell[2] >= x1 - 1


def _is_table(cells: list[BBox], texts: list[str]) -> bool:
    """At least two columns and two filled cells; a single row only when it carries
    numbers (the last row of a table continued from the previous page). A stack of
    one-column boxes is framed text: if its words line up in columns, the unruled
    reading finds them."""
    if len(texts) < MIN_FILLED_CELLS or len({round(c[0]) for c in cells}) < 2:
        return False
    if len({round(c[1]) for c in cells}) >= 2:
        return True
    return sum(1 for t in texts if is_figure(t)) >= MIN_NUMBERS_IN_ROW


def _cut_row_tail(cells: list[BBox], texts: list[str], page: Page) -> bool:
    """A one-row grid of several columns opening the page, only the page number above it:
    the tail of a row the page break cut (a name's last word), which the table on the page
    before continues into, however few of its cells hold words."""
    one_row = len({round(c[1]) for c in cells}) == 1
    if not any(texts) or not one_row or len({round(c[0]) for c in cells}) < 2:
        return False
    top = min(c[1] for c in cells)
    above = [w for w in page.words if w.bottom <= top]
    return all(w.text.isdigit() for w in above) and len(above) <= 1


def _join_strips(regions: list[Region], strips: set[int], page: Page) -> list[Region]:
    """One-row grids stacked under a grid of the same width, with only a small blank
    between them, are one table drawn row by row."""
    heights = sorted(w.bottom - w.top for w in page.words)
    max_gap = MAX_STACK_GAP * (heights[len(heights) // 2] if heights else 10.0)
    out: list[Region] = []
    for r in regions:
        if out:
            prev = out[-1].bbox
            gap = r.bbox[1] - prev[3]
            same_width = abs(r.bbox[0] - prev[0]) <= 2 and abs(r.bbox[2] - prev[2]) <= 2
            between = (prev[0], prev[3], prev[2], r.bbox[1])
            strip = id(r) in strips or id(out[-1]) in strips
            if strip and same_width and 0 <= gap <= max_gap and not any(
                inside(w.bbox, between, 0.0) for w in page.words
            ):
                out[-1] = Region(page=page.number, bbox=(min(prev[0], r.bbox[0]), prev[1],
                                                         max(prev[2], r.bbox[2]), r.bbox[3]),
                                 ruled=True)
                strips.add(id(out[-1]))
                continue
        out.append(r)
    return out


def _centre_in(b: BBox, cell: BBox) -> bool:
    cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
    return cell[0] <= cx <= cell[2] and cell[1] <= cy <= cell[3]


def inside(b: BBox, region: BBox, slack: float = 1.0) -> bool:
    """The centre of ``b`` lies within ``region``."""
    cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
    return (region[0] - slack <= cx <= region[2] + slack
            and region[1] - slack <= cy <= region[3] + slack)
