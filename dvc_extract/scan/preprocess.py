"""Page-image preprocessing before ruling detection and OCR (OpenCV).

Every function takes and returns a numpy image; grey images are uint8 with
white paper (255) and dark ink; ``ink`` masks are uint8 with ink = 255.
"""
from __future__ import annotations

import math

import cv2
import numpy as np

# One thread: OpenCV's parallel loops cost more CPU than they save on page-sized
# images, and batch runs already keep every core busy with one report each.
cv2.setNumThreads(1)

# Skew search range: scans are rarely rotated more than this.
MAX_SKEW_DEG = 5.0


# Channel spread above which a pixel is coloured ink, not grey print.
COLOUR_SPREAD = 45
# A coloured pixel this light in its brightest channel holds no black print.
COLOUR_LIGHT = 170
# Darker coloured ink (a blue ballpoint, dark in red and green only): pixels
# spreading this much, and this share of their brightest channel, are sure;
# pixels spreading less (the pen's faint parts, JPEG-smeared) go with them
# when they touch them. Black print, under a stamp too, is dark in every
# channel; grey print on tinted paper spreads no more than the tint.
COLOUR_VIVID, COLOUR_SHARE = 80, 0.4
COLOUR_WEAK, COLOUR_WEAK_SHARE = 30, 0.25
PEN_SPAN = 0.03  # of the page's long side (25 pt on A4): longer than any glyph
PEN_WIDTH = 0.008  # (7 pt): a stroke's box is no thin line's
# Next to coloured ink, a pixel lighter than this is the ink's soft edge.
COLOUR_EDGE = 140
# Ink is coloured where, over a word, the channel it absorbs least absorbs less than the
# most by this share: measured, a red stamp's words 0.26-0.62 (saved at JPEG quality 40
# too), black print's at most 0.09 on scans and 0.15 in a screen's picture. A pixel
# absorbing less than COLOUR_INK in every channel is paper.
COLOUR_RATIO, COLOUR_INK = 0.25, 40
# A pixel's colour is judged over this many pixels along the line: a screen's sub-pixel
# rendering colours single pixels, ink colours areas.
SUBPIXELS = 3


def drop_colour_ink(image: np.ndarray) -> np.ndarray:
    """Grey page with coloured ink (a red stamp, a blue signature) removed.

    Printed text and rulings are black: dark in every channel. A stamp or
    signature is dark in one or two channels only, so the brightest channel
    of each pixel keeps black ink and turns coloured ink light; what is still
    clearly coloured (a strong red is only "light" to 210) becomes paper, so
    the adaptive binarisation, which keeps faint lines, does not keep it.
    Where a stamp covers black print, the print is dark in all channels and stays.
    """
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    image = np.ascontiguousarray(image)
    a, b, c = cv2.split(image)
    grey = cv2.max(cv2.max(a, b), c)
    spread = _spread(cv2.blur(image, (SUBPIXELS, 1)))
    # Text drawn for a screen (ClearType) colours each stroke's edges, red on one side and
    # blue on the other; the colour cancels over three pixels, ink's does not. Its brightest
    # channel would thin the strokes to nothing: its mean keeps them.
    fringe = (_spread(image) >= COLOUR_WEAK) & (spread < COLOUR_WEAK)
    if fringe.any():
        grey[fringe] = (cv2.add(cv2.add(a // 3, b // 3), c // 3))[fringe]
    # Only light-in-its-brightest-channel coloured pixels are pure stamp ink;
    # print under a stamp stays dark there and is kept.
    _, coloured = cv2.threshold(spread, COLOUR_SPREAD, 255, cv2.THRESH_BINARY)
    _, light = cv2.threshold(grey, COLOUR_LIGHT, 255, cv2.THRESH_BINARY)
    grey[cv2.bitwise_and(coloured, light) > 0] = 255
    pen = _dark_colour_ink(grey, spread)
    if pen is not None:
        # A stroke's soft edge is nearly grey, but light: it goes with the stroke
        # (left, it outlines the pen's path in ink the binarisation keeps).
        edge = cv2.dilate(pen, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5)))
        grey[(pen > 0) | ((edge > 0) & (grey > COLOUR_EDGE))] = 255
    return grey


def paper_white(image: np.ndarray, px_per_pt: float) -> np.ndarray | None:
    """A colour page at half resolution (colour needs no more) with its paper made white
    (yellowed paper is no colour, a faded stamp's tint is stretched back): what
    `coloured_ink` judges. None for a grey page."""
    if image.ndim == 2:
        return None
    if image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    h, w = image.shape[:2]
    half = cv2.resize(image, (max(1, w // 2), max(1, h // 2)), interpolation=cv2.INTER_AREA)
    return even_light(half, px_per_pt / 2)


def coloured_ink(page: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """Whether the ink within ``box`` (left, top, right, bottom at full resolution) of a
    `paper_white` page is coloured (a stamp's, a signature's). Told by the direction of its
    absorbance (255 less each channel) summed over the box, not by its chroma: paper mixed
    into a stroke, by blur or by JPEG keeping colour at half resolution, washes a red
    stroke's chroma out (its channels spreading 30 where a solid stamp's spread 70) but
    not that direction; black print absorbs every channel alike; and the coloured edges of
    a screen's text (ClearType: red on one side of a stroke, blue on the other) cancel out."""
    left, top, right, bottom = (max(0, v // 2) for v in box)
    absorbed = 255 - page[top:bottom + 1, left:right + 1].reshape(-1, 3).astype(np.int32)
    absorbed = absorbed[absorbed.max(axis=1) >= COLOUR_INK]
    if not len(absorbed):
        return False
    mean = absorbed.mean(axis=0)
    return bool(mean.max() - mean.min() >= COLOUR_RATIO * mean.max())


def _spread(image: np.ndarray) -> np.ndarray:
    """Each pixel's brightest channel less its darkest."""
    a, b, c = cv2.split(image)
    return cv2.subtract(cv2.max(cv2.max(a, b), c), cv2.min(cv2.min(a, b), c))


def _dark_colour_ink(grey: np.ndarray, spread: np.ndarray) -> np.ndarray | None:
    """Mask of dark coloured strokes (hysteresis: weak pixels touching sure ones)."""
    sure = (spread >= COLOUR_VIVID) & (grey < COLOUR_LIGHT)
    if not sure.any():  # most pages: no dark coloured ink, nothing more to compute
        return None
    share = spread.astype(np.float32) / np.maximum(grey, 1).astype(np.float32)
    sure &= share >= COLOUR_SHARE
    weak = ((spread >= COLOUR_WEAK) & (share >= COLOUR_WEAK_SHARE) & (grey < COLOUR_LIGHT)) | sure
    n, labels, stats, _ = cv2.connectedComponentsWithStats(weak.astype(np.uint8), connectivity=8)
    keep = np.zeros(n, bool)
    keep[labels[sure]] = True
    # A pen's stroke runs on and curves; the coloured fringes of black print
    # under a stamp are glyph-sized, or straight along a ruling, and stay.
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    page = max(grey.shape[:2])
    keep &= (np.maximum(w, h) >= PEN_SPAN * page) & (np.minimum(w, h) >= PEN_WIDTH * page)
    keep[0] = False
    return keep[labels].astype(np.uint8)


# Paper is estimated on a copy this many times smaller (light varies slowly).
_LIGHT_SHRINK = 4
# Ink no lighter than this (after levelling) needs no contrast stretch.
_DARK_ENOUGH = 60


def even_light(image: np.ndarray, px_per_pt: float) -> np.ndarray:
    """The page divided by its paper's brightness: a shadow, a lamp's falloff
    or a grey or yellowed sheet becomes white paper, and faint ink (a copy of
    a copy) is stretched back to dark. A clean scan is left as it is.

    Paper level: the brightest value near each point (a dilation wider than
    any stroke), smoothed, on a small copy; per channel on a colour page, so
    that tinted paper turns white before coloured ink is told from it.
    """
    h, w = image.shape[:2]
    small = cv2.resize(image, (max(1, w // _LIGHT_SHRINK), max(1, h // _LIGHT_SHRINK)),
                       interpolation=cv2.INTER_AREA)
    k = max(3, int(round(8 * px_per_pt / _LIGHT_SHRINK)) | 1)
    paper = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    paper = cv2.GaussianBlur(paper, (0, 0), 2 * k)
    level = image
    if int(paper.min()) < 250:  # else white already: nothing to level
        paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)
        level = cv2.divide(image, cv2.max(paper, 1), scale=255)
    # Sampled, not shrunk: averaging would lighten thin strokes.
    sample = level[::5, ::5]
    dark = float(np.percentile(darkest_channel(sample), 0.5))
    if dark > _DARK_ENOUGH:
        lut = np.clip((np.arange(256) - dark) * 255.0 / max(255.0 - dark, 1.0), 0, 255).astype(np.uint8)
        level = cv2.LUT(level, lut)
    return level


# Lengths in points for mending rulings a copier broke.
_RULE_PIECE = 4.0  # straight runs at least this long may be a ruling's pieces
# Gaps this short between them are bridged: along a rule; less down a column
# rule, where a longer gap is the caption between two stacked tables.
_RULE_GAP = {True: 20.0, False: 10.0}
_RULE_LENGTH = 40.0  # what is bridged must add up to this long a line
_RULE_COVER = 0.6  # and be ink over this share of its length (text is not)
_RULE_SOLID = 12.0  # runs this long are whole lines already, longer than glyph strokes
# A rule has paper on both sides; the strokes along a text line's base or top
# have the letters' bodies on one side: ink over this share of it.
_RULE_CROWDED = 0.2
_RULE_BESIDE = (1.5, 3.0)  # points off the line where its sides are looked at


def mend_rulings(ink: np.ndarray, px_per_pt: float) -> np.ndarray:
    """The ink mask with the gaps of broken, faint rulings filled.

    A photocopy loses stretches of thin table rules; cut into pieces shorter
    than a line, a rule is taken for text and the grid falls apart. Straight
    thin pieces lying on one line, closer than a gap, become one line when
    the result is long and mostly ink (the glyph strokes along a text line
    are neither)."""
    # At half the resolution: the lines are still a pixel or more thick, and
    # the long openings cost a quarter.
    full = ink
    ink = cv2.resize(ink, (ink.shape[1] // 2, ink.shape[0] // 2), interpolation=cv2.INTER_AREA)
    ink[ink > 0] = 255
    px_per_pt /= 2
    out = np.zeros_like(ink)
    piece = max(3, int(_RULE_PIECE * px_per_pt))
    length = max(8, int(_RULE_LENGTH * px_per_pt))
    for horizontal in (True, False):
        def rect(n):
            return cv2.getStructuringElement(cv2.MORPH_RECT, (n, 1) if horizontal else (1, n))
        pieces = cv2.morphologyEx(ink, cv2.MORPH_OPEN, rect(piece))
        gap = max(3, int(_RULE_GAP[horizontal] * px_per_pt))
        joined = cv2.morphologyEx(pieces, cv2.MORPH_CLOSE, rect(gap))
        joined = cv2.morphologyEx(joined, cv2.MORPH_OPEN, rect(length))
        n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
        if n <= 1:
            continue
        area = stats[:, cv2.CC_STAT_AREA].astype(np.float64)
        inked = np.bincount(labels[(pieces > 0) & (joined > 0)], minlength=n)
        thick = stats[:, cv2.CC_STAT_HEIGHT if horizontal else cv2.CC_STAT_WIDTH]
        keep = (inked >= _RULE_COVER * area) & (thick <= 3.5 * px_per_pt)
        # What mending adds (the gaps and the short pieces) must have paper on
        # both sides: a glyph's stem beyond a line's end has its letter beside it.
        solid = cv2.morphologyEx(ink, cv2.MORPH_OPEN, rect(max(8, int(_RULE_SOLID * px_per_pt))))
        added = np.where(solid > 0, 0, labels)
        keep &= _clear_beside(ink, added, n, horizontal, px_per_pt) < _RULE_CROWDED
        keep[0] = False
        # Mending fills a line's gaps, never lengthens it: only between its
        # outermost long pieces (a stem beyond its end stays a stem).
        sy, sx = np.nonzero((solid > 0) & (labels > 0))
        along = sx if horizontal else sy
        lo = np.full(n, np.iinfo(np.int64).max)
        hi = np.full(n, -1)
        np.minimum.at(lo, labels[sy, sx], along)
        np.maximum.at(hi, labels[sy, sx], along)
        ys, xs = np.nonzero(keep[labels])
        lab = labels[ys, xs]
        pos = xs if horizontal else ys
        # The gaps only: no ink on the line there, nor just beside it (a
        # line's ragged edge is no gap).
        across = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3) if horizontal else (3, 1)))
        inside = (pos >= lo[lab]) & (pos <= hi[lab]) & (across[ys, xs] == 0)
        out[ys[inside], xs[inside]] = 255
    out |= _dashed_rules(ink, px_per_pt)
    if not out.any():
        return full
    added = cv2.resize(out, (full.shape[1], full.shape[0]), interpolation=cv2.INTER_NEAREST)
    return cv2.bitwise_or(full, added)


# A dashed or dotted rule (a form's row rules): dashes too short to be a ruling's pieces,
# the gaps between them shorter than this (points), adding up to a line _RULE_LENGTH long,
# no thicker than a rule, its dashes inked over this share of it, paper on both sides, and
# both its ends on column rules (a leader of dots after "Đơn vị tính:" ends on none).
_DASH_GAP = 3.0
_DASH_COVER = 0.35
_DASH_THICK = 2.5
_DASH_END = 3.0


def _dashed_rules(ink: np.ndarray, px_per_pt: float) -> np.ndarray:
    """Row rules drawn dashed, drawn solid (``ink`` and ``px_per_pt`` at the mending's scale).
    The letters of a text line closed up the same way make a band as tall as the letters,
    with their bodies on one side of any of its rows: too thick, and crowded."""
    def rect(w, h=1):
        return cv2.getStructuringElement(cv2.MORPH_RECT, (w, h))
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, rect(max(2, int(round(_DASH_GAP * px_per_pt)))))
    line = cv2.morphologyEx(closed, cv2.MORPH_OPEN, rect(max(8, int(_RULE_LENGTH * px_per_pt))))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(line, connectivity=8)
    if n <= 1:
        return np.zeros_like(ink)
    area = stats[:, cv2.CC_STAT_AREA].astype(np.float64)
    inked = np.bincount(labels[(ink > 0) & (line > 0)], minlength=n)
    # A solid rule is no dashed one: it is found whole already.
    solid = cv2.morphologyEx(ink, cv2.MORPH_OPEN, rect(max(8, int(_RULE_SOLID * px_per_pt))))
    runs = np.bincount(labels[(solid > 0) & (line > 0)], minlength=n)
    keep = (inked >= _DASH_COVER * area) & (runs < _DASH_COVER * area) \
        & (stats[:, cv2.CC_STAT_HEIGHT] <= max(2, _DASH_THICK * px_per_pt))
    keep &= _clear_beside(ink, labels, n, True, px_per_pt) < _RULE_CROWDED
    keep[0] = False
    columns = cv2.morphologyEx(ink, cv2.MORPH_OPEN, rect(1, max(8, int(_RULE_LENGTH * px_per_pt))))
    reach = max(1, int(round(_DASH_END * px_per_pt)))
    for i in np.nonzero(keep)[0]:
        x, y, w, h = stats[i, :4]
        band = columns[max(0, y - reach):y + h + reach]
        keep[i] = all(band[:, max(0, end - reach):end + reach + 1].any() for end in (x, x + w - 1))
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def _clear_beside(ink, labels, n, horizontal, px_per_pt) -> np.ndarray:
    """Per label, the ink share of the more crowded of its pixels' two sides."""
    ys, xs = np.nonzero(labels)
    lab = labels[ys, xs]
    area = np.maximum(np.bincount(lab, minlength=n), 1).astype(np.float64)
    near, far = (max(1, int(round(d * px_per_pt))) for d in _RULE_BESIDE)
    offsets = range(near, far + 1)
    crowded = np.zeros(n)
    for side in (-1, 1):
        hits = np.zeros(n)
        for d in offsets:
            if horizontal:
                beside = ink[np.clip(ys + side * d, 0, ink.shape[0] - 1), xs]
            else:
                beside = ink[ys, np.clip(xs + side * d, 0, ink.shape[1] - 1)]
            hits += np.bincount(lab, beside > 0, n)
        crowded = np.maximum(crowded, hits / (area * len(offsets)))
    return crowded


def ink_mask(grey: np.ndarray, px_per_pt: float, offset: int = 12) -> np.ndarray:
    """Adaptive (local-mean) binarisation: faint lines stay ink on uneven paper."""
    block = int(round(12 * px_per_pt)) | 1
    return cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, max(block, 11), offset
    )


def denoise(grey: np.ndarray) -> np.ndarray:
    """Median filter: removes scanner speckle without blurring stroke edges much."""
    return cv2.medianBlur(grey, 3)


# Specks, as shares of the page's glyph height (measured on the page): ink
# smaller than this is a speck unless it sits where a mark belongs.
SPECK_SIZE = 0.4
# Specks per glyph from which a page is speckled (a copy's toner, not a
# scanner's dust); below it the page is left as it is.
SPECKLED = 0.5
# A diacritic lies this close above or below a glyph, over its width.
MARK_REACH = 0.45
# A full stop's middle lies this close after a glyph's middle (digits are all
# one width: a '1' is narrow) or STOP_EDGE after its right edge, in the band around the glyph's bottom (above
# it when the glyph descends, as 'g' or ')', below it for a comma); a
# separator ('1.318', '99,52') between two glyphs may be this far from each;
# nothing is put before a number. An ellipsis's dots lie further apart.
STOP_GAP, SEPARATOR_GAP, ELLIPSIS_GAP = 0.6, 0.6, 0.5
STOP_EDGE = 0.35
# A dash opening a list item: this flat, this many times as long as thick, this long, and
# its middle this close before its item's first glyph.
DASH_FLAT, DASH_ASPECT, DASH_LENGTH, DASH_GAP = 0.3, 1.6, 0.25, 1.0
BASELINE_BAND = (0.45, 0.3)
_LONGEST_GLYPH = 72.0  # points: longer ink is a ruling or a streak, never a glyph
_TALLEST_GLYPH = 6.0  # times the commonest height of ink: taller is no glyph
# Ink filling this share of its box, this many points across at least, is a block, no glyph.
_SOLID, _SOLID_PT = 0.8, 3.0


def glyph_height(stats: np.ndarray, px_per_pt: float) -> float:
    """Typical glyph height in pixels: the median height of the page's
    components, each weighted by its ink times its height (a glyph outweighs
    a speck a hundredfold: specks, however many, do not move it)."""
    w, h, area = (stats[1:, k] for k in (cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT, cv2.CC_STAT_AREA))
    # A filled block (a chart's bar, a shaded box) is no glyph: its weight would make the
    # page's print specks beside it.
    solid = (area >= _SOLID * w * h) & (np.minimum(w, h) >= _SOLID_PT * px_per_pt)
    fits = (np.maximum(w, h) < _LONGEST_GLYPH * px_per_pt) & (area >= 4) & ~solid
    if not fits.any():
        return 0.0
    h = h[fits]
    weight = area[fits].astype(np.float64) * h
    order = np.argsort(h)
    cum = np.cumsum(weight[order])
    return float(h[order][np.searchsorted(cum, cum[-1] / 2)])


# The glyphs of printed text (the weighted median height of glyph-sized ink: capitals,
# ascenders and x-height letters of 10-14 pt print) stand this tall, in points: 7-8.6 pt
# on the corpus scans, 6.8-10.5 on real ones read at their true resolution.
GLYPH_PT = (5.5, 11.0)
TYPICAL_GLYPH_PT = 8.0
# Fewer components than this say too little about the page's print.
MIN_COMPONENTS = 100
# Levelling takes a shadow's ink away (42% of a page lit from one side became 4.5%) and
# leaves print as it is; ink grown this many times is a blank page's specks stretched
# (0.2% became 1%).
LEVELLED_INK = 2.0
MEASURE_DPI = 200.0


def grey_at_most(image: np.ndarray, dpi: float, limit: float) -> tuple[np.ndarray, float]:
    """A grey copy of the page (darkest channel) at ``limit`` dpi at most, and its dpi: for
    measures that need the page's print, not its detail."""
    if dpi > limit:
        f = limit / dpi
        image = cv2.resize(image, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        dpi = limit
    return darkest_channel(image), dpi


def darkest_channel(image: np.ndarray) -> np.ndarray:
    """Each pixel's darkest channel (a grey image as it is): pairwise, twenty times faster
    than numpy's reduction along the channels of a page."""
    if image.ndim == 2:
        return image
    out = image[..., 0]
    for k in range(1, image.shape[2]):
        out = np.minimum(out, image[..., k])
    return out


def resolution(image: np.ndarray, dpi: float) -> float:
    """The page's resolution: ``dpi`` (stated by the file, or assumed), unless the page's
    glyphs would then be implausibly small or large for print (a screenshot stating 72
    dpi, a letter-size scan stating nothing); then the resolution giving them a typical
    size, so the page is read at the scale OCR reads best at."""
    # Measured at MEASURE_DPI at most: glyphs stay many pixels tall, and a fine scan costs
    # a fraction (below it, shrinking would merge letters into one another).
    grey, small_dpi = grey_at_most(image, dpi, MEASURE_DPI)
    f = small_dpi / dpi
    # Measured on the page levelled: under a shadow or a lamp's falloff one threshold takes
    # paper for ink. Unless levelling adds ink: on a page nearly blank it stretches faint
    # specks to ink, which would pass for small print.
    _, ink = cv2.threshold(even_light(grey, small_dpi / 72.0), 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, as_scanned = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if np.count_nonzero(ink) > LEVELLED_INK * np.count_nonzero(as_scanned):
        ink = as_scanned
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n < MIN_COMPONENTS:
        return dpi
    size = glyph_height(_glyph_sized(stats), f * dpi / 72.0) / f
    if not size or GLYPH_PT[0] <= size * 72.0 / dpi <= GLYPH_PT[1]:
        return dpi
    return size * 72.0 / TYPICAL_GLYPH_PT


def _glyph_sized(stats: np.ndarray) -> np.ndarray:
    """The components (background row kept) not many times taller than the commonest
    height of ink above a speck's. Glyphs are a page's most numerous ink; a stamp, a
    signature or a punched hole is not one, and its weight would outweigh small print
    whose resolution is stated far too high (the glyph filter then lets them through)."""
    h = stats[1:, cv2.CC_STAT_HEIGHT]
    tall = h[h >= 3]
    if not len(tall):
        return stats
    common = int(np.argmax(np.convolve(np.bincount(tall), [1, 1, 1], "same")))
    return stats[np.r_[True, h <= _TALLEST_GLYPH * max(common, 3)]]


def drop_specks(grey: np.ndarray, px_per_pt: float) -> np.ndarray:
    """The page with copier specks turned to paper.

    Ink much smaller than the page's own glyphs is a speck, except a mark
    where text puts one: a diacritic just above or below a glyph, a decimal
    or thousands separator or a full stop on the baseline after a glyph, and
    the marks those place in turn (a colon's upper dot, an ellipsis).
    Specks that touch text stay (they cannot be told from it by size)."""
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, labels, stats, centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    size = glyph_height(stats, px_per_pt)
    if n <= 1 or size <= 0:
        return grey
    x, y, w, h = (stats[:, k] for k in (cv2.CC_STAT_LEFT, cv2.CC_STAT_TOP, cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT))
    small = np.maximum(w, h) < SPECK_SIZE * size
    small[0] = False
    if not small.any():
        return grey
    glyph = ~small & (np.maximum(w, h) < _LONGEST_GLYPH * px_per_pt)
    glyph[0] = False
    reach = int(round(MARK_REACH * size))
    up, down = (int(round(f * size)) for f in BASELINE_BAND)
    stop_gap, stop_edge = int(round(STOP_GAP * size)), int(round(STOP_EDGE * size))
    cx = np.clip(np.round(centroids[:, 0]).astype(int), 0, ink.shape[1] - 1)
    cy = np.clip(np.round(centroids[:, 1]).astype(int), 0, ink.shape[0] - 1)
    placed = np.zeros(n, bool)
    # A short flat bar before a line's glyphs: the dash opening a list item ("- Phí").
    dash = (h <= DASH_FLAT * size) & (w >= DASH_ASPECT * h) & (w >= DASH_LENGTH * size)
    anchors = glyph
    for step in range(8):
        marks = np.zeros_like(ink)  # above and below the anchors
        line = np.zeros_like(ink)  # along their baselines
        stop = np.zeros_like(ink)  # where a full stop after them lies
        for i in np.flatnonzero(anchors):
            x0, x1, y0, y1 = int(x[i]), int(x[i] + w[i] - 1), int(y[i]), int(y[i] + h[i] - 1)
            # A mark on a mark reaches one mark further (stacked tone marks,
            # a colon's upper dot); a dot beside a dot lies level with it
            # (an ellipsis): specks line up so by chance only.
            far = reach if step == 0 else reach + h[i]
            cv2.rectangle(marks, (x0, y0 - far), (x1, y1 + far), 255, -1)
            lo, hi = (y1 - up, y1 + down) if step == 0 else (y0, y1)
            cv2.rectangle(line, (x0, lo), (x1, hi), 255, -1)
            cv2.rectangle(stop, (x0, lo), (max(x1 + stop_edge, (x0 + x1) // 2 + stop_gap), hi), 255, -1)

        def near(share, after):  # centres within share * size after (or before) a line
            k = max(1, int(round(share * size)))
            kernel = np.ones((1, k + 1), np.uint8)
            return cv2.dilate(line, kernel, anchor=(k if after else 0, 0))[cy, cx] > 0

        if step == 0:
            follows = (stop[cy, cx] > 0) | (near(SEPARATOR_GAP, True) & near(SEPARATOR_GAP, False)) \
                | (dash & near(DASH_GAP, False))
        else:
            follows = near(ELLIPSIS_GAP, True)
        new = small & ~placed & ((marks[cy, cx] > 0) | follows)
        if not new.any():
            break
        placed |= new
        anchors = new
    speck = small & ~placed
    if speck.sum() < SPECKLED * glyph.sum():
        return grey  # a clean scan's dust: left as it is
    # With its soft grey edge (JPEG smears a speck), or a faint ghost stays.
    edge = max(3, int(size / 6) | 1)
    gone = cv2.dilate(speck[labels].astype(np.uint8),
                      cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (edge, edge)))
    out = grey.copy()
    out[gone > 0] = 255
    return out


# Ink smaller than this share of the page's glyphs is dust, never a cell's whole content:
# the smallest thing a cell prints alone, a nil dash, measures 0.45-0.48 of them on the
# real and rendered scans; dust in empty cells of a phone's picture, 0.06-0.29.
DUST = 0.3


def without_dust(ink: np.ndarray, px_per_pt: float) -> np.ndarray:
    """The ink mask with its specks of dust removed (a page too little speckled for
    `drop_specks` to clear it still has some)."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    size = glyph_height(stats, px_per_pt)
    if n <= 1 or size <= 0:
        return ink
    dust = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]) < DUST * size
    dust[0] = False
    if not dust.any():
        return ink
    out = ink.copy()
    out[dust[labels]] = 0
    return out


def resample(grey: np.ndarray, factor: float) -> np.ndarray:
    if abs(factor - 1.0) < 0.02:
        return grey
    interp = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return cv2.resize(grey, None, fx=factor, fy=factor, interpolation=interp)


def _profile_score(points: tuple[np.ndarray, np.ndarray], angle: float) -> float:
    """Sharpness of the row profile of ink points turned by ``angle`` degrees
    (as ``cv2.warpAffine`` with ``getRotationMatrix2D`` would turn them)."""
    ys, xs = points
    a = np.deg2rad(angle)
    rows = np.round(ys * np.cos(a) - xs * np.sin(a)).astype(np.int64)
    profile = np.bincount(rows - rows.min())
    # Text lines and rulings aligned with the axes give the sharpest profile.
    return float(np.square(np.diff(profile.astype(np.float64))).sum())


def _ink_points(grey: np.ndarray, longest_side: int) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates (centred) of the ink pixels of a copy at most this large."""
    h, w = grey.shape[:2]
    shrink = min(1.0, longest_side / max(h, w))
    # Linear is plenty for an angle and many times faster than area averaging.
    small = cv2.resize(grey, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_LINEAR)
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ys, xs = np.nonzero(ink)
    # Whole-pixel centres: at an odd size, half-pixel coordinates round half to even at 0°,
    # two rows into one bin, and the profile of any page would be sharpest there.
    return ys - small.shape[0] // 2, xs - small.shape[1] // 2


def estimate_skew(grey: np.ndarray, max_deg: float = MAX_SKEW_DEG) -> float:
    """Rotation of the page content in degrees (counter-clockwise positive, as
    ``cv2.getRotationMatrix2D`` counts), by projection-profile search over
    ``±max_deg``: coarse steps on a small copy, then fine steps on a larger
    one (a 0.05° error shifts a 500 pt line by half a point).
    """
    coarse = _ink_points(grey, 800)
    if len(coarse[0]) < 50:
        return 0.0
    best = max(np.arange(-max_deg, max_deg + 1e-9, 0.25), key=lambda a: _profile_score(coarse, a))
    fine_ink = _ink_points(grey, 2200)
    fine = np.arange(best - 0.2, best + 0.2 + 1e-9, 0.02)
    scores = np.array([_profile_score(fine_ink, a) for a in fine])
    # The top is often a plateau of equal scores: its middle is the angle.
    best = float(fine[scores >= scores.max() * (1 - 1e-6)].mean())
    # The found angle rotates the content back to level; the skew is its opposite.
    return float(-round(best, 3)) + 0.0


def rotate(grey: np.ndarray, skew_deg: float) -> np.ndarray:
    """Undo a skew of ``skew_deg``, keeping the page size, paper-white corners."""
    if abs(skew_deg) < 0.02:
        return grey
    h, w = grey.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -skew_deg, 1.0)
    return cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=(255, 255, 255))


# A page photographed at an angle: its rulings converge. Below this difference
# of slope between the outermost lines (about 0.2°) the page is taken as flat.
MIN_CONVERGENCE = 0.0035
_LINE_PIECE = 30.0  # points: straight runs this long are pieces of rulings


def _line_pieces(ink: np.ndarray, px_per_pt: float, vertical: bool) -> np.ndarray:
    """(position, centre along, slope) of each straight piece of ruling: x, y
    and dx/dy for vertical pieces; y, x and dy/dx for horizontal ones."""
    k = max(8, int(_LINE_PIECE * px_per_pt))
    size = (1, k) if vertical else (k, 1)
    runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        if (h if vertical else w) < 2 * k:
            continue
        ys, xs = np.nonzero(labels[y:y + h, x:x + w] == i)
        along, across = (ys + y, xs + x) if vertical else (xs + x, ys + y)
        slope, pos = np.polyfit(along, across, 1)
        centre = along.mean()
        out.append((slope * centre + pos, centre, slope))
    return np.array(out).reshape(-1, 3)


def _outer_lines(pieces: np.ndarray, centre: float) -> tuple[np.ndarray, float] | None:
    """Slope of the lines as a straight function of their position (they converge
    linearly under perspective), and the outermost positions."""
    if len(pieces) < 3 or np.ptp(pieces[:, 0]) <= 0:
        return None
    b, a = np.polyfit(pieces[:, 0] - centre, pieces[:, 2], 1)
    return np.array([pieces[:, 0].min(), pieces[:, 0].max()]), (a, b)


# A phone's tilt moves the table's corners by a few per cent of the page; the lines
# that show it frame a table, a tenth of the page each way at least.
MAX_CORNER_SHIFT = 0.08
MIN_FRAME = 0.1


def perspective(grey: np.ndarray, px_per_pt: float) -> np.ndarray | None:
    """The homography that makes the page's rulings parallel to its edges, or
    None when they already are (scanners give parallel lines; phones do not).

    Every straight piece of ruling gives a slope; under a tilt of the camera
    the slopes of the vertical lines change linearly across the page (the
    horizontal ones down it). The outermost lines, their slopes fitted so,
    bound a quadrilateral that is mapped to a rectangle."""
    # Found on a half-size copy: slopes need no detail, and it halves the cost.
    full = grey
    grey = cv2.resize(grey, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    px_per_pt /= 2
    ink = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                max(11, int(round(12 * px_per_pt)) | 1), 12)
    h, w = grey.shape[:2]
    vs = _outer_lines(_line_pieces(ink, px_per_pt, True), w / 2)
    hs = _outer_lines(_line_pieces(ink, px_per_pt, False), h / 2)
    if vs is None or hs is None:
        return None
    (xl, xr), (av, bv) = vs
    (yt, yb), (ah, bh) = hs
    if abs(bv) * (xr - xl) < MIN_CONVERGENCE and abs(bh) * (yb - yt) < MIN_CONVERGENCE:
        return None

    def vline(x0):  # x = x0 + s (y - h/2), x0 the position at mid-height
        return x0, av + bv * (x0 - w / 2)

    def hline(y0):
        return y0, ah + bh * (y0 - h / 2)

    corners = []
    for y0 in (yt, yb):
        for x0 in (xl, xr):
            (xv, sv), (yh, sh) = vline(x0), hline(y0)
            # x = xv + sv (y - h/2);  y = yh + sh (x - w/2)
            y = (yh + sh * (xv - sv * h / 2 - w / 2)) / (1 - sh * sv)
            corners.append((xv + sv * (y - h / 2), y))
    target = [(xl, yt), (xr, yt), (xl, yb), (xr, yb)]
    if xr - xl < MIN_FRAME * w or yb - yt < MIN_FRAME * h or max(
            math.hypot(cx - tx, cy - ty) for (cx, cy), (tx, ty) in zip(corners, target)) > (
            MAX_CORNER_SHIFT * max(w, h)):
        # Lines framing no table (a letterhead's rule, two stems of one glyph column), or
        # moved further than any camera's tilt: mapped to a rectangle, they warp the page.
        return None
    scale = full.shape[1] / w
    src = np.float32(corners) * scale
    dst = np.float32(target) * scale
    return cv2.getPerspectiveTransform(src, dst)


def warp(image: np.ndarray, homography: np.ndarray | None) -> np.ndarray:
    if homography is None:
        return image
    h, w = image.shape[:2]
    border = (255, 255, 255) if image.ndim == 3 else 255
    return cv2.warpPerspective(image, homography, (w, h), flags=cv2.INTER_CUBIC, borderValue=border)
