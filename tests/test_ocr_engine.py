"""Tesseract access (dvc_extract.scan.engine) on images drawn here: the pixels
reach Tesseract unchanged whatever the array's layout (odd widths, views,
colour), and regions of one image are read each on its own."""
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from dvc_extract.scan import engine

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


def _line_image(texts: list[str], width: int = 1201, line_h: int = 90) -> np.ndarray:
    """Grey image (white paper) with one text line per entry, 30 px glyphs (~250 dpi, 9 pt)."""
    img = Image.new("L", (width, line_h * len(texts) + 40), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 40)
    for i, text in enumerate(texts):
        draw.text((40, 30 + i * line_h), text, fill=0, font=font)
    return np.asarray(img)


def _text(words) -> str:
    return " ".join(w.text for w in sorted(words, key=lambda w: (w.line, w.left)))


@pytest.mark.parametrize("width", [1201, 1203, 1200])  # rows not a multiple of 4 bytes too
def test_words_of_a_grey_image_of_any_width(width):
    image = _line_image(["Sở Tài chính 851"], width)
    words = engine.read_words(image, psm=engine.PSM_SINGLE_LINE, dpi=250)
    assert _text(words) == "Sở Tài chính 851"
    assert all(0 <= w.left < w.right <= width and w.confidence > 0.5 for w in words)


def test_a_view_and_a_colour_image_read_as_the_grey_original():
    image = _line_image(["Tổng số 1.318", "Tỷ lệ 42,87%"])
    grey = engine.read_words(image, dpi=250)
    # A view with a stride (every column of a wider array) and an RGB copy.
    wide = np.repeat(image, 2, axis=1)[:, ::2]
    assert not wide.flags["C_CONTIGUOUS"]
    colour = np.dstack([image] * 3)
    for other in (wide, colour):
        assert [(w.text, w.left, w.top) for w in engine.read_words(other, dpi=250)] == \
            [(w.text, w.left, w.top) for w in grey]
    assert _text(grey) == "Tổng số 1.318 Tỷ lệ 42,87%"


def test_regions_are_read_each_alone_in_page_pixels():
    image = _line_image(["Sở Nội vụ", "8.787"], width=700)
    # Cell-like boxes: the text with a margin of paper, not the full width.
    top, bottom = (20, 20, 600, 105), (20, 110, 600, 200)
    found = engine.read_regions(image, [bottom, top], psm=engine.PSM_SINGLE_LINE, dpi=250)
    assert [_text(ws) for ws in found] == ["8.787", "Sở Nội vụ"]
    assert all(ws and all(110 <= x.top for x in ws) for ws in found[:1])
    # Lines are numbered across regions, in the order the regions were read.
    assert found[0][0].line < found[1][0].line


def test_one_line_with_a_whitelist():
    image = _line_image(["44.83"])
    text, conf = engine.read_line(image, (0, 0, image.shape[1], image.shape[0]),
                                  whitelist="0123456789.,%", dpi=250)
    assert text == "44.83" and conf > 0.8
