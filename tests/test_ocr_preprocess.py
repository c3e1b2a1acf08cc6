"""Preprocessing and ruled-line detection on page images (real OpenCV)."""
import cv2
import numpy as np
import pytest

from dvc_extract.scan import preprocess
from dvc_extract.scan.rulings import find_rulings

import scan_pages

DPI = 150
K = DPI / 72.0


def _sheet(width_pt: float, height_pt: float, k: float):
    """An empty ink mask of a page in points at ``k`` pixels a point, and a pen that inks a
    box (x0, y0, x1, y1 in points) on it."""
    ink = np.zeros((int(height_pt * k), int(width_pt * k)), np.uint8)

    def box(x0, y0, x1, y1):
        ink[int(y0 * k):int(y1 * k), int(x0 * k):int(x1 * k)] = 255
    return ink, box


def _verticals(ink: np.ndarray, k: float) -> list[int]:
    """The x (points) of the vertical rulings found on ``ink``."""
    rulings, _ = find_rulings(ink, k)
    return sorted(round(r.x0) for r in rulings if r.orientation == "v")


@pytest.fixture(scope="module")
def page():
    return scan_pages.render(DPI)


@pytest.mark.parametrize("angle", [-2.0, -0.7, 0.0, 1.3, 4.5])
def test_skew_is_measured(page, angle):
    skewed = scan_pages.rotate(page, angle)
    assert preprocess.estimate_skew(skewed) == pytest.approx(angle, abs=0.1)


@pytest.mark.parametrize("angle", [-0.6, 0.6])
def test_skew_of_a_landscape_page_is_measured(page, angle):
    # A landscape page whose small copy is an odd number of pixels high: centred on half
    # pixels, its rows were rounded two to one bin at 0°, and 0° won over the true angle.
    landscape = np.full((1102, 1600), 255, np.uint8)  # its copy 800 px wide is 551 px high
    landscape[:, :1241] = page[200:1302]
    skewed = scan_pages.rotate(landscape, angle)
    assert preprocess.estimate_skew(skewed) == pytest.approx(angle, abs=0.1)


def test_deskew_levels_the_page(page):
    level = preprocess.rotate(scan_pages.rotate(page, 1.5), preprocess.estimate_skew(scan_pages.rotate(page, 1.5)))
    assert abs(preprocess.estimate_skew(level)) <= 0.1


def test_red_stamp_is_dropped_black_print_kept():
    img = np.full((40, 40, 3), 255, np.uint8)
    img[5:10, :] = (30, 30, 200)  # red ink (BGR)
    img[20:25, :] = (200, 60, 20)  # blue ink
    img[30:35, :] = (20, 20, 20)  # black print
    grey = preprocess.drop_colour_ink(img)
    assert grey[7].min() > 190 and grey[22].min() > 190
    assert grey[32].max() < 40


def _screen_text(text: str, px: int = 13) -> np.ndarray:
    """``text`` as a screen draws it with sub-pixel rendering (ClearType), as in a web page's
    picture of a table: glyphs set at three times the width, each pixel's three channels
    taken from three neighbouring columns, so every stroke's edges are coloured."""
    from PIL import Image, ImageDraw, ImageFont
    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", px * 4)
    width = int(len(text) * px * 0.6 + 20)
    big = Image.new("L", (width * 4, px * 8), 255)
    ImageDraw.Draw(big).text((30, px * 2), text, font=font, fill=0)
    sub = cv2.resize(np.asarray(big), (width * 3, px * 2), interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(sub.reshape(px * 2, width, 3))


def test_text_drawn_for_a_screen_is_print_not_coloured_ink():
    from dvc_extract.scan import engine
    img = _screen_text("Các nước đang phát triển 7,3 6,0")
    assert (img.max(axis=2).astype(int) - img.min(axis=2) > 45).sum() > 300  # colourful edges
    grey = preprocess.drop_colour_ink(img)
    assert (grey < 128).sum() >= 0.8 * (img.mean(axis=2) < 128).sum()
    words = engine.read_words(preprocess.resample(grey, 3.5), "vie", engine.PSM_SINGLE_LINE, 250)
    assert [w.text for w in words] == "Các nước đang phát triển 7,3 6,0".split()


def _expected_lines():
    n = len(scan_pages.ROWS) + 1
    ys = [scan_pages.TOP + r * scan_pages.ROW_H for r in range(n + 1)]
    return ys, scan_pages.COL_X


def _check_grid(rulings):
    ys, xs = _expected_lines()
    hs = sorted(r.top for r in rulings if r.orientation == "h")
    vs = sorted(r.x0 for r in rulings if r.orientation == "v")
    assert len(hs) == len(ys) and len(vs) == len(xs)
    assert max(abs(a - b) for a, b in zip(hs, ys)) < 1.5
    assert max(abs(a - b) for a, b in zip(vs, xs)) < 1.5
    # Every line spans the whole table: broken pieces were joined.
    for r in rulings:
        if r.orientation == "h":
            assert r.x0 < xs[0] + 2 and r.x1 > xs[-1] - 2
        else:
            assert r.top < ys[0] + 2 and r.bottom > ys[-1] - 2


def test_grid_found_exactly(page):
    grey = preprocess.drop_colour_ink(page)
    rulings, mask = find_rulings(preprocess.ink_mask(grey, K), K)
    _check_grid(rulings)
    assert mask.any()


@pytest.mark.parametrize("horizontal", [True, False])
def test_a_line_masks_pieces_labelled_band_by_band_are_the_pages(horizontal):
    from dvc_extract.scan import rulings

    img = scan_pages.faint_and_broken(scan_pages.render(DPI, colour=True), DPI)
    ink = preprocess.ink_mask(preprocess.drop_colour_ink(img), K)
    for mask in (rulings.line_masks(ink, K)[0 if horizontal else 1], ink):
        n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        banded = rulings._components(mask, horizontal)
        assert n > 5 and sorted(map(tuple, banded.tolist())) == sorted(map(tuple, stats[1:].tolist()))


def test_grid_found_through_faint_broken_lines_and_a_red_stamp():
    img = scan_pages.render(DPI, colour=True)
    img = scan_pages.faint_and_broken(img, DPI)
    # Over the right part of the table, a seal with a straight bar across it.
    img = scan_pages.red_stamp(img, (430, 250), DPI)
    grey = preprocess.drop_colour_ink(img)
    rulings, _ = find_rulings(preprocess.ink_mask(grey, K), K)
    _check_grid(rulings)


def test_text_alone_gives_no_rulings():
    from dvc_extract.scan.cells import blank

    page = scan_pages.render(DPI)
    grey = preprocess.drop_colour_ink(page)
    ink = preprocess.ink_mask(grey, K)
    _, grid = find_rulings(ink, K)
    text_only = ink.copy()
    text_only[grid > 0] = 0
    rulings, _ = find_rulings(text_only, K)
    assert rulings == []
    assert blank(grey, [(0, 0, 10, 10)])[:10, :10].min() == 255


def test_a_glyph_stem_in_line_with_a_border_does_not_extend_it():
    # A spanning header row (100-130 pt) over two sub-columns split at x = 250 pt;
    # a letter's stem in the header sits right above that split line.
    k = 2.0
    ink = np.zeros((int(260 * k), int(500 * k)), np.uint8)
    for y in (100, 130, 200):
        ink[int(y * k): int(y * k) + 2, int(50 * k): int(450 * k)] = 255
    for x, top in ((50, 100), (450, 100), (250, 130)):
        ink[int(top * k): int(200 * k) + 2, int(x * k): int(x * k) + 2] = 255
    ink[int(118 * k): int(125 * k), int(250 * k): int(250 * k) + 3] = 255  # the stem
    rulings, _ = find_rulings(ink, k)
    split = [r for r in rulings if r.orientation == "v" and abs(r.x0 - 250) < 2]
    assert len(split) == 1 and split[0].top == pytest.approx(130, abs=1.5)


def test_letters_stems_of_blurred_lines_are_no_ruling():
    # A two-row table (rulings at 100, 140, 200 pt; borders at x 50 and 450). In the first
    # row a blurred "p" over an "l" runs 32 pt down at x = 200, 4 pt short of both rulings,
    # its bowl beside it; in the second, at x = 300, a real ruling broken 5 pt short of both
    # ends stands clear of any ink. The stems go, the ruling stays.
    k = 3.0
    ink, box = _sheet(500, 220, k)
    for y in (100, 140, 200):
        box(50, y, 450, y + 0.7)
    for x in (50, 450):
        box(x, 100, x + 0.7, 200.7)
    box(200, 104, 200.8, 136)          # the stems, one run
    box(200.8, 106, 205, 112)          # the bowl of "p", touching the stem
    box(195, 126, 200, 127.5)          # the foot serif of "l"
    box(300, 145, 300.7, 195)          # a ruling broken at both ends
    assert _verticals(ink, k) == [50, 300, 450]


def test_stems_through_row_rules_down_to_one_are_no_ruling():
    # The Gazette's chart of accounts at 150 dpi: "Dự phòng …" on five rows one under another
    # (rules every 26 pt from 100 to 230 pt, borders at x 50 and 450). The "p"s' stems at
    # x = 200 join through the rules into one run from the first "p"'s top, 6 pt under its
    # rule, down to the last one's tail, on the rule under it; each bowl touches it. A
    # column border broken 5 pt short of the bottom rule, clear of any ink, stays.
    k = 2.1
    ink, box = _sheet(500, 260, k)
    for y in range(100, 231, 26):
        box(50, y, 450, y + 0.7)
    for x in (50, 450):
        box(x, 100, x + 0.7, 230.7)
    box(200, 106, 200.9, 230)                   # the stems, one run, its foot on the last rule
    for y in range(100, 230, 26):
        box(200.9, y + 8, 206, y + 16)          # each "p"'s bowl, touching it
    box(320, 100, 320.7, 225)                   # a border broken short of the bottom rule
    assert _verticals(ink, k) == [50, 320, 450]


def _horizontals(ink: np.ndarray, k: float) -> list[int]:
    """The y (points) of the horizontal rulings found on ``ink``."""
    rulings, _ = find_rulings(ink, k)
    return sorted(round(r.top) for r in rulings if r.orientation == "h")


def test_a_blurred_text_line_run_together_is_no_ruling():
    # A photographed borderless table (rules at 20, 36 and 140 pt across 10-360 pt): out of
    # focus, the letters of a line run together into a band 70 pt long, 2 pt thick, that
    # their tops rise above and their tails hang below, letter by letter. An underline
    # under "Kính gửi" (descenders touching it from above only) and a double rule under a
    # total (its two lines 2 pt apart, no text) stay rulings.
    k = 3.0
    ink, box = _sheet(400, 200, k)
    for y in (20, 36, 140):
        box(10, y, 360, y + 0.7)
    box(12, 56, 82, 58)                              # the letters run together
    for x in range(12, 82, 5):
        box(x, 53, x + 3, 56)                        # their tops above the band
        box(x + 1, 58, x + 4, 61)                    # and their tails below it
    box(20, 170, 80, 170.7)                          # the underline
    for x in (30, 52):
        box(x, 166, x + 1.5, 170)                    # descenders on it
    box(200, 180, 300, 180.7)                        # the double rule
    box(200, 182.5, 300, 183.2)
    assert _horizontals(ink, k) == [20, 36, 140, 170, 180, 183]


def test_a_column_border_text_is_written_up_to_stays_a_streak_through_text_goes():
    # A tall sheet's table (rules every 40 pt from 100 to 900 pt; borders at x 50 and 450;
    # a column border at x 250): in every row a line of text runs up to the border on both
    # sides and, blurred, touches it (spreadsheet cells filled to their borders: ttr666). A
    # toner streak at x 350 starts above the table and ends inside it, through text too.
    k = 2.0
    ink, box = _sheet(500, 960, k)
    for y in range(100, 901, 40):
        box(50, y, 450, y + 0.7)
    for x in (50, 250, 450):
        box(x, 100, x + 0.7, 900.7)
    box(350, 60, 350.7, 712)                    # the streak
    for y in range(100, 900, 40):
        for dy in (8, 22):                      # two text lines a row
            box(200, y + dy, 250, y + dy + 6)   # words up to the border, touching it
            box(250.7, y + dy, 300, y + dy + 6)
            box(320, y + dy, 380, y + dy + 6)   # words the streak runs through
    assert _verticals(ink, k) == [50, 250, 450]
