"""Layout stage: table regions, their captions, prose blocks, and the letterhead
(issuing province, place and date; see letterhead.py).

Per page: ruled regions from connected grids of rulings; unruled regions from
word alignment among the lines left over; captions from label lines directly
above a region; everything else is prose.
"""
from __future__ import annotations

from ..model import Caption, Document, Layout, Page, Region, TextBlock
from .captions import (MAX_CAPTION_LINES, MAX_LINE_GAP, caption_from, continuation, font_of,
                       is_caption_label)
from .furniture import page_number_words
from .letterhead import read as read_letterhead
from .lines import Line, text_lines
from .prose import paragraphs
from .ruled import inside, ruled_regions
from .unruled import unruled_blocks

# A caption ends at most this many line heights above its table.
CAPTION_DISTANCE = 3.0
# A gap between words wider than this many line heights separates table cells.
CELL_GAP = 1.5
# Page numbers and running headers have at most this many words.
RUNNING_TEXT_WORDS = 4


def find(document: Document) -> Layout:
    regions: list[Region] = []
    captions: list[Caption] = []
    prose: list[TextBlock] = []
    furniture = page_number_words(document)
    for page in document.pages:
        r, c, p = _page_layout(page, furniture)
        regions += r
        captions += c
        prose += p
    _captions_across_pages(regions, captions, prose)
    return Layout(regions=regions, captions=captions, prose=prose, letterhead=read_letterhead(document))


def _captions_across_pages(regions: list[Region], captions: list[Caption],
                           prose: list[TextBlock]) -> None:
    """A caption ending its page (nothing but a page number below it) belongs to the
    table opening the next page (nothing but a running header above it)."""
    attached = {id(r.caption) for r in regions if r.caption is not None}
    for caption in captions:
        if id(caption) in attached:
            continue
        if any(r.page == caption.page and r.bbox[1] >= caption.bbox[3] for r in regions):
            continue
        if any(b.page == caption.page and b.bbox[1] >= caption.bbox[3] and _is_text(b)
               for b in prose):
            continue
        following = sorted((r for r in regions if r.page == caption.page + 1),
                           key=lambda r: r.bbox[1])
        if not following or following[0].caption is not None:
            continue
        first = following[0]
        if any(b.page == first.page and b.bbox[3] <= first.bbox[1] and _is_text(b)
               for b in prose):
            continue
        first.caption = caption


def _is_text(block: TextBlock) -> bool:
    """More than a page number or a running header's few words."""
    return len(block.text.split()) > RUNNING_TEXT_WORDS


def _page_layout(page: Page, furniture: set[int] = frozenset()
                 ) -> tuple[list[Region], list[Caption], list[TextBlock]]:
    if not page.words:
        return [], [], []
    ruled = ruled_regions(page)
    free = [w for w in page.words if not any(inside(w.bbox, r.bbox) for r in ruled)]
    lines = text_lines(free)

    labels = [i for i, l in enumerate(lines) if is_caption_label(l.text)]
    caption_lines = {j for i in labels for j in [i, *continuation(lines, i)]}
    hrules = [r for r in page.rulings if r.orientation == "h"
              and not any(inside((r.x0, r.top, r.x1, r.bottom), g.bbox, 2.0) for g in ruled)]
    # The running page number is page furniture, not a table's line: just above a table
    # opening the page it lines up like a header line and would be read as a row (and then
    # stitched into the table continued from the page before). It stays in the prose.
    page_number = {i for i, l in enumerate(lines) if all(id(w) in furniture for w in l.words)}
    blocks = unruled_blocks(lines, caption_lines | page_number, hrules)
    unruled = [Region(page=page.number, bbox=b.bbox(lines), ruled=False) for b in blocks]
    in_tables = {i for b in blocks for i in b.lines}

    regions = sorted(ruled + unruled, key=lambda r: (r.bbox[1], r.bbox[0]))
    used: set[int] = set(in_tables)
    captions: list[Caption] = []
    for i in labels:
        if i in used:
            continue
        found = _caption_lines_for(lines, i, regions, in_tables, labels)
        if found:
            region, taken = found
            region.caption = caption_from([lines[k] for k in taken], page.number)
            caption = region.caption
        else:
            taken = [k for k in [i, *continuation(lines, i)] if k not in used]
            caption = caption_from([lines[k] for k in taken], page.number)
            # A table's header left alone at the page bottom, its rows on the next page:
            # not prose, so that the caption reaches the table there.
            taken += _orphan_header(lines, taken[-1], page_number | used)
        used.update(taken)
        captions.append(caption)
    rest = [l for k, l in enumerate(lines) if k not in used]
    return regions, captions, paragraphs(rest, page.number)


def _caption_lines_for(lines: list[Line], i: int, regions: list[Region],
                       in_tables: set[int], labels: list[int]):
    """The region directly below label line ``i`` and the caption's lines, or None."""
    label = lines[i]
    below = [r for r in regions if r.bbox[1] >= label.bottom - 1 and r.caption is None
             and _overlaps_x(r.bbox, label)]
    if not below:
        return None
    region = min(below, key=lambda r: r.bbox[1])
    taken = [i]
    font = font_of(label)
    for k in range(i + 1, len(lines)):
        line = lines[k]
        if line.top >= region.bbox[1] - 1 or k in in_tables:
            break
        if k in labels or len(taken) > MAX_CAPTION_LINES:
            return None
        if line.top - lines[taken[-1]].bottom > MAX_LINE_GAP * label.height:
            return None
        if font_of(line) != font and _in_cells(line):
            # Smaller text in separate cells right under the caption is the table's own
            # header, above the rows the region was found from: the caption ends here.
            return (region, taken) if _header_above(lines, k, region, label) else None
        taken.append(k)
    if region.bbox[1] - lines[taken[-1]].bottom > CAPTION_DISTANCE * label.height:
        return None
    return region, taken


def _orphan_header(lines: list[Line], last: int, skip: set[int]) -> list[int]:
    """The lines under caption line ``last`` down to the page bottom when they are a table
    header without rows: smaller print than the caption, close together, some in cells."""
    rest = [k for k in range(last + 1, len(lines)) if k not in skip]
    if not rest:
        return []
    size = font_of(lines[last])[1]
    above = lines[last]
    for k in rest:
        line = lines[k]
        if font_of(line)[1] >= size or line.top - above.bottom > MAX_LINE_GAP * above.height:
            return []
        above = line
    return rest if any(_in_cells(lines[k]) for k in rest) else []


def _in_cells(line: Line) -> bool:
    """Words in groups far apart, as in a table row, not one run of text."""
    words = sorted(line.words, key=lambda w: w.bbox[0])
    return any(b.bbox[0] - a.bbox[2] > CELL_GAP * line.height for a, b in zip(words, words[1:]))


def _header_above(lines: list[Line], k: int, region: Region, label: Line) -> bool:
    """Lines ``k``… down to the region are set smaller than the caption, close together."""
    rest = [l for l in lines[k:] if l.bottom <= region.bbox[1] + 1]
    return bool(rest) and all(
        font_of(l)[1] < font_of(label)[1]
        and (j == 0 or l.top - rest[j - 1].bottom <= MAX_LINE_GAP * label.height)
        for j, l in enumerate(rest)) and region.bbox[1] - rest[-1].bottom <= (
            CAPTION_DISTANCE * label.height)


def _overlaps_x(bbox, line: Line) -> bool:
    return min(bbox[2], line.x1) - max(bbox[0], line.x0) > 0
