"""Ruled lines of a page image, found by morphology, as :class:`Ruling`s.

The scanned path's counterpart of a PDF's drawn lines: the same pdfplumber
table functions then build the cell grid from them. Robust to

- faint lines: the ink mask is a local (adaptive) binarisation;
- broken lines: the pieces of one line are joined across small gaps, short
  straight pieces (too short to be a line alone) bridging between long ones;
- text: a piece must be longer than any glyph stroke, and a short one is kept
  only where it meets a line of the other orientation (a cell border);
- a stamp or signature: coloured ink is dropped before binarising
  (:func:`dvc_extract.scan.preprocess.drop_colour_ink`), and its curved
  strokes give no long straight runs.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ..model import Ruling

# Lengths in PDF points; converted with the page's pixels per point.
MIN_PIECE_H = 12.0  # shortest straight horizontal run taken as part of a line
MIN_PIECE_V = 10.0  # glyph strokes of 13-14 pt text are shorter than this
MIN_BRIDGE = 3.0  # a straight run this long may bridge the gaps of a broken line
# A broken line's gaps are shorter than this; the gap between two stacked
# tables (a caption line at least) is longer, and must not be bridged.
MAX_GAP = 8.0
MAX_THICKNESS = 3.0  # thicker runs are filled areas, bold glyphs or text run together, not lines
MIN_FREE_LENGTH = 40.0  # a line this long stands without meeting another
MEET = 4.0  # a line ending this close to another meets it
# An end this close to a crossing line is extended to it: a break near a
# corner loses the short piece beyond it.
EXTEND = 15.0
# A line with this many strokes running across it (ink on both of its sides
# within CROSS_SIDE, away from the rulings it crosses) goes through text: a
# toner streak or a scratch, not a ruling. Unless both its ends are on lines it
# joins (LOOSE_END): a column border that text is written up to on both sides (a
# spreadsheet's cells filled to their borders, blurred into it) ends on the table's
# top and bottom rules; a streak runs on past them.
CROSS_SIDE = 1.0
MAX_CROSSINGS = 3
# In blurred print the stems of letters on successive lines run together into a
# vertical run ("p" over "l" over "d"). A ruling ends on the rulings it joins and
# keeps clear of the text; such a run stops short of them at one end at least (the
# cell's padding; a "p"'s tail may reach the rule under it) and has the rest of its
# letters attached beside it. Measured on real and rendered scans: rulings, broken
# ones included, touch ink along at most 9% of their length and have an end within
# 1.3 pt of a crossing line; stem runs, and a stamp's strokes, touch it along 16-71%.
# A run shorter than a line that stands alone (MIN_FREE_LENGTH) with both ends loose
# goes however clear of ink: a lone "l" of one text line; a short cell border worn away
# at both ends goes with it.
LOOSE_END = 1.5
MAX_TOUCH = 0.15
# A blurred text line's letters run together into a horizontal run as long as a ruling
# (a photographed page, a copy out of focus): its letters rise above it and hang below it
# at once, along 23-87% of its length on such pages. A ruling's neighbours touch it on one
# side at a time (an underline's descenders; text set on a rule); on the real and rendered
# scans at most 0.08 of its length has ink on both sides, except where cramped rows touch
# a ruling from above and below, and such a ruling ends on the column borders it meets.
MAX_TEXT_BOTH = 0.2


@dataclass
class _Seg:
    pos: float  # y for horizontal, x for vertical (px)
    lo: float  # start along the line (px)
    hi: float
    thick: float
    strong: bool = True  # long enough to be a line alone (else it only bridges)
    solid: float = 0.0  # length made of long pieces: bridges do not make a line long

    def __post_init__(self):
        if self.strong and not self.solid:
            self.solid = self.hi - self.lo


def _pieces(mask: np.ndarray, horizontal: bool, max_thick: float, strong: bool = True) -> list[_Seg]:
    out = []
    for x, y, w, h, area in _components(mask, horizontal):
        # Thickness is ink per unit of length: the box of a slightly tilted
        # line is as tall as its drift, its stroke stays thin. The box
        # (``thick``) is kept for drawing the line where its ink lies.
        if horizontal:
            if area / w <= max_thick:
                out.append(_Seg(y + h / 2, x, x + w, h, strong))
        elif area / h <= max_thick:
            out.append(_Seg(x + w / 2, y, y + h, w, strong))
    return out


def _components(mask: np.ndarray, horizontal: bool) -> np.ndarray:
    """(x, y, w, h, area) of each 8-connected piece of a mask of lines. No piece crosses a row
    (for horizontal lines; a column for vertical ones) without ink, and such a mask has ink on
    few of them: each band of rows with ink is labelled alone, at a fraction of the cost of
    labelling the page (2 ms against 50 on a 250 dpi page). Bands of columns give the pieces
    in another order than the page's labelling; `_join` sorts them."""
    lines = np.flatnonzero(mask.any(axis=1 if horizontal else 0))
    if not len(lines):
        return np.zeros((0, 5), np.int32)
    cuts = np.flatnonzero(np.diff(lines) > 1)
    out = []
    for a, b in zip(np.concatenate(([lines[0]], lines[cuts + 1])), np.concatenate((lines[cuts], [lines[-1]])) + 1):
        _, _, stats, _ = cv2.connectedComponentsWithStats(mask[a:b] if horizontal else mask[:, a:b], connectivity=8)
        stats = stats[1:].copy()
        stats[:, 1 if horizontal else 0] += a
        out.append(stats)
    return np.concatenate(out)


def _with_bridges(strong: list[_Seg], ink: np.ndarray, length: int, horizontal: bool,
                  max_thick: float) -> list[_Seg]:
    """The long pieces and the short ones that may bridge their gaps; a page without a
    long piece (prose) has nothing to bridge, and its glyph strokes are not labelled."""
    if not strong:
        return strong
    return strong + _pieces(_open(ink, length, horizontal), horizontal, max_thick, strong=False)


def _join(segs: list[_Seg], max_gap: float, pos_tol: float) -> list[_Seg]:
    """Join collinear pieces whose gap is small (a broken or dashed line)."""
    # The lines: long pieces whose positions differ by a pixel or two. Short
    # (bridging) pieces join the line they lie on, and are dropped elsewhere.
    lines: list[list[_Seg]] = []
    for s in sorted((s for s in segs if s.strong), key=lambda s: s.pos):
        if lines and s.pos - lines[-1][-1].pos <= pos_tol:
            lines[-1].append(s)
        else:
            lines.append([s])
    centres = np.array([sum(s.pos for s in line) / len(line) for line in lines])
    for s in segs:
        if not s.strong and len(centres):
            i = int(np.abs(centres - s.pos).argmin())
            if abs(centres[i] - s.pos) <= pos_tol:
                lines[i].append(s)
    out: list[_Seg] = []
    for line in lines:
        runs: list[list[_Seg]] = []
        for s in sorted(line, key=lambda s: s.lo):
            if runs and s.lo <= max(p.hi for p in runs[-1]) + max_gap:
                runs[-1].append(s)
            else:
                runs.append([s])
        for run in runs:
            solid = [p for p in run if p.strong]
            if not solid:
                continue  # bridging pieces alone are glyph strokes
            # Bridges fill gaps between long pieces, never lengthen a line:
            # a letter's stem in line with a border must not extend it.
            lo, hi = min(p.lo for p in solid), max(p.hi for p in solid)
            length = sum(p.hi - p.lo for p in solid)
            pos = sum(p.pos * (p.hi - p.lo) for p in solid) / max(length, 1e-6)
            out.append(_Seg(pos, lo, hi, max(p.thick for p in solid), True, sum(p.solid for p in solid)))
    return out


def _meets(seg: _Seg, others: list[_Seg], tol: float) -> int:
    """How many lines of the other orientation this one touches or crosses."""
    return sum(
        1
        for o in others
        if o.lo - tol <= seg.pos <= o.hi + tol and seg.lo - tol <= o.pos <= seg.hi + tol
    )


def _snap(seg: _Seg, others: list[_Seg], tol: float, meet: float) -> None:
    """Extend an end that stops short of a crossing line onto the nearest one."""
    crossing = [o.pos for o in others if o.lo - meet <= seg.pos <= o.hi + meet]
    before = [x for x in crossing if 0 < seg.lo - x <= tol]
    after = [x for x in crossing if 0 < x - seg.hi <= tol]
    if before:
        seg.lo = max(before)
    if after:
        seg.hi = min(after)


def _anchor(seg: _Seg, others: list[_Seg], peers: list[_Seg], meet: float, extend: float) -> bool:
    """Cut back a line that runs on past the outermost lines it crosses: a
    toner streak or a scratch goes on into the margin, a ruling stops at the
    table's edge (or a broken one a little short of it). An end past them is
    kept where at least two other lines of its own end too (a table's open
    edge). False if nothing of the line is left."""
    crossed = sorted(o.pos for o in others
                     if o.lo - meet <= seg.pos <= o.hi + meet and seg.lo - meet <= o.pos <= seg.hi + meet)
    if not crossed:
        return True

    def shared(end: float, ends) -> bool:
        return sum(1 for p in peers if p is not seg and abs(ends(p) - end) <= extend) >= 2

    if seg.lo < crossed[0] - extend and not shared(seg.lo, lambda p: p.lo):
        seg.lo = crossed[0]
    if seg.hi > crossed[-1] + extend and not shared(seg.hi, lambda p: p.hi):
        seg.hi = crossed[-1]
    return seg.hi - seg.lo > meet


def _beside(seg: _Seg, ink: np.ndarray, own: np.ndarray, others: list[_Seg], side: int):
    """Per pixel along a vertical line: ink within ``side`` left of it, and right of it,
    the line's own pixels (its drift, when tilted) and the rulings it crosses left out."""
    x0 = int(seg.pos - seg.thick / 2) - 1
    x1 = int(seg.pos + seg.thick / 2) + 1
    lo, hi = int(seg.lo), int(seg.hi)
    left = ink[lo:hi, max(0, x0 - side):max(0, x0)]
    right = ink[lo:hi, x1:x1 + side]
    if not left.size or not right.size:
        return None
    left = ((left > 0) & (own[lo:hi, max(0, x0 - side):max(0, x0)] == 0)).any(axis=1)
    right = ((right > 0) & (own[lo:hi, x1:x1 + side] == 0)).any(axis=1)
    for o in others:
        if o.lo <= seg.pos <= o.hi:
            a = max(0, int(o.pos - o.thick / 2 - side) - lo)
            b = max(0, int(o.pos + o.thick / 2 + side) + 1 - lo)
            left[a:b] = right[a:b] = False
    return left, right


def _through_text(seg: _Seg, ink: np.ndarray, own: np.ndarray, others: list[_Seg], side: int,
                  loose: float) -> bool:
    """Whether a horizontal run is a blurred text line's letters run together: ink above and
    below it at once along MAX_TEXT_BOTH of its length, not ending on a vertical line at
    both ends (``own``: the horizontal runs, whose ink is no text: a double rule's other line)."""
    if all(_ends_on(seg, others, loose)):
        return False
    # Across, a horizontal line is a vertical one of the image turned over its diagonal.
    sides = _beside(seg, ink.T, own.T, others, side)
    return sides is not None and float((sides[0] & sides[1]).mean()) >= MAX_TEXT_BOTH


def _crossings(seg: _Seg, ink: np.ndarray, own: np.ndarray, others: list[_Seg], side: int) -> int:
    """How many strokes other than lines cross this vertical line (ink on both
    of its sides at once, not at a crossing ruling). A ruling keeps clear of
    the text beside it; a toner streak down the page runs through the glyphs."""
    sides = _beside(seg, ink, own, others, side)
    if sides is None:
        return 0
    both = sides[0] & sides[1]
    # Each run of crossing rows is one stroke.
    return int(np.count_nonzero(np.diff(both.astype(np.int8), prepend=0) == 1))


def _ends_on(seg: _Seg, others: list[_Seg], loose: float) -> tuple[bool, bool]:
    """Whether the vertical line's top, and its bottom, are on a line it crosses."""
    crossing = [o.pos for o in others if o.lo <= seg.pos <= o.hi]
    return (any(abs(seg.lo - y) <= loose for y in crossing),
            any(abs(seg.hi - y) <= loose for y in crossing))


def _stems(seg: _Seg, ink: np.ndarray, own: np.ndarray, others: list[_Seg], side: int,
           loose: float, free: float) -> bool:
    """Whether a vertical run is letters' stems rather than a ruling: an end of it stops
    short of the line it would join, and it has ink touching it, or is short with both
    ends loose. A run of stems may end on a row's rule at one end (a "p"'s tail on it)."""
    top, bottom = _ends_on(seg, others, loose)
    if top and bottom:
        return False
    if not (top or bottom) and seg.hi - seg.lo < free:
        return True
    sides = _beside(seg, ink, own, others, side)
    return sides is not None and float((sides[0] | sides[1]).mean()) >= MAX_TOUCH


def _open(ink: np.ndarray, length: int, horizontal: bool) -> np.ndarray:
    size = (length, 1) if horizontal else (1, length)
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))


def line_masks(ink: np.ndarray, px_per_pt: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical straight runs of ink (morphological opening)."""
    kh = max(8, int(MIN_PIECE_H * px_per_pt))
    kv = max(8, int(MIN_PIECE_V * px_per_pt))
    return _open(ink, kh, True), _open(ink, kv, False)


def find_segments(ink: np.ndarray, px_per_pt: float) -> tuple[list[_Seg], list[_Seg]]:
    horiz, vert = line_masks(ink, px_per_pt)
    kb = max(3, int(MIN_BRIDGE * px_per_pt))
    max_thick = MAX_THICKNESS * px_per_pt
    gap, tol = MAX_GAP * px_per_pt, 2.0 * px_per_pt
    hs = _join(_with_bridges(_pieces(horiz, True, max_thick), ink, kb, True, max_thick), gap, tol)
    vs = _join(_with_bridges(_pieces(vert, False, max_thick), ink, kb, False, max_thick), gap, tol)
    free = MIN_FREE_LENGTH * px_per_pt
    meet, extend = MEET * px_per_pt, EXTEND * px_per_pt
    # Keep long lines, and shorter ones that are cell borders (meet two lines).
    vs_long = [s for s in vs if s.solid >= free]
    hs = [s for s in hs if s.solid >= free or _meets(s, vs_long, meet) >= 2]
    vs = [s for s in vs if s.solid >= free or _meets(s, hs, meet) >= 2]
    side = max(2, int(round(CROSS_SIDE * px_per_pt)))
    loose = LOOSE_END * px_per_pt
    vs = [s for s in vs if (_crossings(s, ink, vert, hs, side) < MAX_CROSSINGS or all(_ends_on(s, hs, loose)))
          and not _stems(s, ink, vert, hs, side, loose, free)]
    hs = [s for s in hs if not _through_text(s, ink, horiz, vs, side, loose)]
    for s in vs:
        _snap(s, hs, extend, meet)
    vs = [s for s in vs if _anchor(s, hs, vs, meet, extend)]
    for s in hs:
        _snap(s, vs, extend, meet)
    return hs, vs


def find_rulings(ink: np.ndarray, px_per_pt: float) -> tuple[list[Ruling], np.ndarray]:
    """Rulings in PDF points, and a mask (px) of the lines drawn solid, gaps
    of broken lines bridged: what separates one cell from the next."""
    hs, vs = find_segments(ink, px_per_pt)
    mask = np.zeros_like(ink)
    rulings: list[Ruling] = []
    pad = max(1, int(round(0.6 * px_per_pt)))
    for s in hs:
        half = s.thick / 2 + pad
        cv2.rectangle(mask, (int(s.lo), int(s.pos - half)), (int(s.hi), int(s.pos + half)), 255, -1)
        y = float(s.pos / px_per_pt)
        rulings.append(Ruling(float(s.lo / px_per_pt), y, float(s.hi / px_per_pt), y, "h"))
    for s in vs:
        half = s.thick / 2 + pad
        cv2.rectangle(mask, (int(s.pos - half), int(s.lo)), (int(s.pos + half), int(s.hi)), 255, -1)
        x = float(s.pos / px_per_pt)
        rulings.append(Ruling(x, float(s.lo / px_per_pt), x, float(s.hi / px_per_pt), "v"))
    return rulings, mask
