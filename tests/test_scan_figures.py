"""Figures of scanned tables checked against the ink and their column: a decimal comma
Tesseract dropped ("674" for "6,74"), a column of commas read as stops, a figure lost with
its mark ("71" for "7,11"). Glyphs set in a real font, read by real Tesseract 'vie'."""
import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from dvc_extract.model import Cell, Page, PageImage
from dvc_extract.scan import figures, marks
from dvc_extract.settings import Settings

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
SCALE = 150 / 72  # a 150 dpi scan: the resolution that loses commas


def _set(text: str, size_pt: float = 12, blur: bool = True) -> np.ndarray:
    """``text`` printed at ``size_pt`` and scanned at 150 dpi (grey, white paper)."""
    font = ImageFont.truetype(FONT, int(size_pt * SCALE * 4))
    img = Image.new("L", (int(len(text) * size_pt * SCALE * 4) + 80, int(size_pt * SCALE * 8)), 255)
    ImageDraw.Draw(img).text((40, int(size_pt * SCALE)), text, font=font, fill=0)
    small = cv2.resize(np.asarray(img), None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    return cv2.GaussianBlur(small, (3, 3), 0.6) if blur else small


@pytest.mark.parametrize("printed, read, tail, want", [
    ("6,74", "674", 0, [1]),
    ("65,08", "6508", 0, [2]),
    ("99,5%", "995", 1, [2]),
    ("1.247.855", "1247855", 0, [1, 4]),
    ("674", "674", 0, []),          # no mark printed: none found
    ("2025", "2025", 0, []),
    ("58", "58", 0, []),
])
def test_a_mark_is_found_where_the_ink_shows_it(printed, read, tail, want):
    assert marks.dropped_marks(read, _set(printed), tail=tail) == want


def _on_screen(text: str, px: int = 13) -> np.ndarray:
    """``text`` in a web page's picture (smoothed to 13 px a line), enlarged 2.3 times as
    the page is read: every stroke is grey."""
    font = ImageFont.truetype(FONT, px * 4)
    img = Image.new("L", (len(text) * px * 4 + 80, px * 8), 255)
    ImageDraw.Draw(img).text((40, px * 2), text, font=font, fill=0)
    small = cv2.resize(np.asarray(img), None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    return cv2.resize(small, None, fx=2.3, fy=2.3, interpolation=cv2.INTER_CUBIC)


@pytest.mark.parametrize("printed, read, want", [
    ("9,7", "97", [1]), ("7,3", "73", [1]), ("12,45", "1245", [2]), ("41", "41", []), ("2010", "2010", []),
])
def test_a_mark_is_found_among_grey_strokes(printed, read, want):
    assert marks.dropped_marks(read, _on_screen(printed)) == want


def test_a_digit_broken_by_the_scan_is_no_mark():
    """A blurred "5" or "3" leaves its foot apart; the rest of the glyph stands over it."""
    grey = _set("535", blur=False)
    ink = grey < marks.INK_LEVEL
    ys, xs = np.nonzero(ink)
    foot = ys > ys.min() + 0.8 * (ys.max() - ys.min())
    cut = grey.copy()
    cut[ys.min() + int(0.78 * (ys.max() - ys.min())), :] = 255  # every glyph's foot cut off
    assert foot.any()
    assert marks.dropped_marks("535", cut) == []


def _page(cells: list[tuple[str, str]]) -> tuple[Page, list[Cell]]:
    """A scanned page holding one column of figures: (printed, read) per row."""
    rows, height = [], 0
    for printed, _ in cells:
        rows.append(_set(printed))
        height += rows[-1].shape[0]
    width = max(r.shape[1] for r in rows)
    pixels = np.full((height, width), 255, np.uint8)
    out, y = [], 0
    for i, (r, (_, read)) in enumerate(zip(rows, cells)):
        pixels[y:y + r.shape[0], :r.shape[1]] = r
        bbox = (0.0, y / SCALE, width / SCALE, (y + r.shape[0]) / SCALE)
        out.append(Cell(row=i + 1, col=2, text=read, raw_text=read, bbox=bbox, page=1,
                        source="ocr", confidence=0.9))
        y += r.shape[0]
    page = Page(number=1, width=width / SCALE, height=height / SCALE, source="scanned",
                ocr_image=PageImage(pixels, SCALE))
    return page, out


def test_a_table_of_decimal_commas_gets_its_dropped_and_misread_commas_back():
    page, cells = _page([("6,22", "6,22"), ("6,74", "674"), ("7,68", "7.68"), ("6,15", "6,15"),
                         ("58", "58")])
    out = figures.check(cells, {2}, set(), page, ruled=True, settings=Settings())
    assert [c.text for c in out] == ["6,22", "6,74", "7,68", "6,15", "58"]
    assert [c.raw_text for c in out] == ["6,22", "674", "7.68", "6,15", "58"]


def test_a_column_that_prints_its_long_numbers_bare_gets_no_mark_from_a_speck():
    """A chart of accounts (the Gazette at 150 dpi): account numbers "3331" … printed bare,
    a blurred "3"'s foot or a speck showing a mark in one ("3336" read, "3.336" in the ink).
    A column of amounts whose marks the scan lost nearly everywhere gets them back."""
    page, cells = _page([("3331", "3331"), ("3332", "3332"), ("3.336", "3336"), ("3334", "3334"),
                         ("3,3712", "33712")])
    out = figures.check(cells, {2}, set(), page, ruled=True, settings=Settings())
    assert [c.text for c in out] == ["3331", "3332", "3336", "3334", "33712"]
    page, cells = _page([("1.543", "1543"), ("1.674", "1674"), ("1.600", "1600"), ("712", "712")])
    out = figures.check(cells, {2}, set(), page, ruled=True, settings=Settings())
    assert [c.text for c in out] == ["1.543", "1.674", "1.600", "712"]


def test_a_slash_between_figures_of_rising_account_numbers_is_an_italic_one():
    """The Gazette's chart of accounts at 150 dpi: italic "11" read "/1". With a "1" for the
    slash the number rises between those above and below it; a rank ("12/63") among whole
    numbers does not, and stays as read."""
    def column(texts):
        return [Cell(row=i, col=3, text=t, raw_text=t, bbox=(0, 0, 1, 1), page=1) for i, t in enumerate(texts)]
    got = [c.text for c in figures._slashed_ones(column(["51111", "51112", "5/113", "5/118", "51121", "5/131", "51138"]))]
    assert got == ["51111", "51112", "51113", "51118", "51121", "51131", "51138"]
    ranks = ["14", "12/63", "20", "31", "7"]
    assert [c.text for c in figures._slashed_ones(column(ranks))] == ranks


def test_a_mark_that_leaves_no_number_is_not_put_in():
    # Four figures after a decimal mark are no number a report prints: the mark is a speck.
    page, cells = _page([("3,3712", "33712")])
    assert figures._with_marks("33712", cells[0].bbox, page, ",") is None
    page, cells = _page([("65,08", "6508")])
    assert figures._with_marks("6508", cells[0].bbox, page, ",") == "65,08"


def test_a_table_printed_with_decimal_stops_keeps_them():
    page, cells = _page([("6.22", "6.22"), ("6.74", "6.74"), ("7.68", "7.68")])
    out = figures.check(cells, {2}, set(), page, ruled=True, settings=Settings())
    assert [c.text for c in out] == ["6.22", "6.74", "7.68"]


def test_a_figure_off_its_columns_pattern_is_read_again_larger():
    """ "64" where "6,74" is printed (a mark and a figure lost) among "d,dd" figures: real
    Tesseract reads the cell again at larger scales and the column's pattern decides."""
    page, cells = _page([("6,22", "6,22"), ("6,74", "64"), ("7,11", "7,11"), ("5,97", "5,97"),
                         ("100", "100")])
    out = figures.check(cells, {2}, set(), page, ruled=True, settings=Settings())
    assert out[1].text == "6,74" and out[1].raw_text == "64"
    # A whole number where the column prints decimals is read again, and stays as printed.
    assert out[4].text == "100"


def test_a_figure_ten_times_its_column_lost_its_mark_and_is_reported():
    """ "73" among "4,1", "9,7", "3,0", where no reading shows a comma (a photographed
    article's blur ate it): ten times the column's largest, it is "7,3", reported as unsure.
    A "100" among rates and a "10" among scores are printed so, and stay as read."""
    page, cells = _page([("4,1", "4,1"), ("73", "73"), ("9,7", "9,7"), ("3,0", "3,0")])
    out = figures.check(cells, {2}, set(), page, ruled=True, settings=Settings())
    assert (out[1].text, out[1].raw_text) == ("7,3", "73")
    assert out[1].confidence < Settings().min_cell_confidence
    assert [c.confidence for c in out[::2]] == [0.9, 0.9]
    for column in (["95,2", "87,0", "100", "91,5"], ["9,5", "8,0", "10", "7,5"]):
        page, cells = _page([(t, t) for t in column])
        out = figures.check(cells, {2}, set(), page, ruled=True, settings=Settings())
        assert [(c.text, c.confidence) for c in out] == [(t, 0.9) for t in column]


def test_letters_read_for_figures_in_a_column_of_numbers_are_figures():
    page, cells = _page([("12", "12"), ("10", "I0"), ("35", "35"), ("40", "4O")])
    out = figures.check(cells, {2}, set(), page, ruled=True, settings=Settings())
    assert [c.text for c in out] == ["12", "10", "35", "40"]


def test_a_one_read_as_a_letter_alone_in_a_column_of_numbers_is_a_one():
    # A "1" centred in a wide cell of a 150-dpi scan, read "l" or "|" (bc329's annex).
    page, cells = _page([("82", "82"), ("1", "l"), ("45", "45"), ("1", "|"), ("0", "0")])
    out = figures.check(cells, {2}, set(), page, ruled=True, settings=Settings())
    assert [c.text for c in out] == ["82", "1", "45", "1", "0"]
    # Outside a column of numbers a letter stays one.
    kept = figures.check(cells, set(), set(), page, ruled=True, settings=Settings())
    assert [c.text for c in kept] == ["82", "l", "45", "|", "0"]


def test_a_speck_read_after_a_number_goes():
    page, cells = _page([("98,8%", "98,8%"), ("86,6%", "86,6%,"), ("94,3%", "94,3%")])
    out = figures.check(cells, {2}, set(), page, ruled=True, settings=Settings())
    assert [c.text for c in out] == ["98,8%", "86,6%", "94,3%"]


def test_a_speck_after_a_rate_goes_in_a_column_too_short_to_tell():
    # The last row of a table on its page: one cell, no column known to hold numbers.
    page, cells = _page([("86,6%", "86,6%,")])
    out = figures.check(cells, set(), set(), page, ruled=True, settings=Settings())
    assert [c.text for c in out] == ["86,6%"]


def test_a_table_part_of_two_rows_takes_the_decimal_mark_of_its_other_part():
    # The first page holds two rows; the part on the next page reads decimal commas.
    page, cells = _page([("8,78", "8.78"), ("6,71", "6.71")])
    alone = figures.check(cells, {2}, set(), page, ruled=True, settings=Settings())
    beside = figures.check(cells, {2}, set(), page, ruled=True, settings=Settings(), commas_beside=12)
    assert [c.text for c in alone] == ["8.78", "6.71"]
    assert [c.text for c in beside] == ["8,78", "6,71"]


def test_italic_print_is_sheared_upright_before_it_is_read_again():
    """An italic stem leans right by its slant; read again upright, it stands straight (the
    balance sheet's italic sub-row "110.402.410.000" read "10.302.410.000" reads whole so)."""
    from dvc_extract.scan.italic import upright
    grey = np.full((60, 80), 255, np.uint8)
    lean = np.tan(np.radians(12))
    for y in range(10, 50):
        x = int(round(30 + (50 - y) * lean))  # top to the right of the foot
        grey[y, x:x + 3] = 0
    straight = upright(grey, (0, 0, 80, 60), 12.0)
    ys, xs = np.nonzero(straight < 128)
    assert xs.max() - xs.min() <= 4  # was 9 wide
    assert ys.min() <= 11 and ys.max() >= 48


@pytest.mark.parametrize("slant, leans", [(12.0, True), (0.0, False)])
def test_print_leans_when_its_stems_stand_straighter_sheared_back(slant, leans):
    from dvc_extract.scan.reread import italic
    grey = np.full((60, 200), 255, np.uint8)
    lean = np.tan(np.radians(slant))
    for x0 in range(20, 180, 16):  # a row of stems, as "110.402" prints them
        for y in range(15, 45):
            x = int(round(x0 + (45 - y) * lean))
            grey[y, x:x + 3] = 0
    page = Page(number=1, width=200.0, height=60.0, source="scanned", ocr_image=PageImage(grey, 1.0))
    assert italic(page, (5.0, 5.0, 195.0, 55.0), ruled=True) is leans


def test_marks_read_surely_in_a_column_of_numbers_stay_doubtful():
    """The Gazette's p. 37 at 150 dpi: an account number "4118" read "A\\\\$" at 0.9. A cell of
    a numeric column read mostly as marks no number is printed with is reported, not passed;
    a nil mark, a rate or a negative in brackets is no such reading. Nor are figures with a
    mark no number is printed with: the Gazette's p. 38 read "4132" as "A\\32" at 0.88."""
    from dvc_extract.scan.doubtful import _specks
    assert _specks("A\\\\$") and _specks("~—") and _specks("A\\32") and _specks("9%!")
    assert not any(_specks(t) for t in ["4118", "-", "–", "—", "…", "x", "12,5%", "(1.234)", "Có",
                                        "421a", "V.23a", "12/63", "9,49/ 9,5"])


def test_a_figure_narrower_than_its_ink_is_read_again_stretched():
    """Two touching equal figures read as one ("3" where "33" is printed, "9,10" for "99,10":
    bc329's annex at 150 dpi, read surely): their ink is a figure wider than the reading, the
    cell is read again stretched across, and the reading that fills the ink is kept. Readings
    that fill their ink are not read again."""
    from dvc_extract.scan import widths
    page, cells = _page([("247", "247"), ("33", "3"), ("2.372", "2.372"), ("99,10", "9,10"),
                         ("1.946", "1.946"), ("426", "426")])
    settings = Settings()
    out = widths.refill(cells, {2}, page, True, settings)
    assert [c.text for c in out] == ["247", "33", "2.372", "99,10", "1.946", "426"]
    assert [c.confidence for k, c in enumerate(out) if k not in (1, 3)] == [0.9] * 4
    assert min(out[1].confidence, out[3].confidence) >= settings.min_cell_confidence


def test_a_figure_no_reading_fills_stays_doubtful():
    """A reading that leaves ink unaccounted for ("12" of a bracketed "(12)" lost its
    brackets), which no stretched reading fills with more figures, is kept but unsure: reported,
    never passed as clean."""
    from dvc_extract.scan import widths
    page, cells = _page([("247", "247"), ("(12)", "12"), ("2.372", "2.372"), ("426", "426")])
    settings = Settings()
    out = widths.refill(cells, {2}, page, True, settings)
    assert [c.text for c in out] == ["247", "12", "2.372", "426"]
    assert out[1].confidence < settings.min_cell_confidence
    assert widths.advances("(2.616)") == widths.advances("2.616") + 2 * widths.ADVANCE["("]
