"""Pages of an image input (PNG, JPEG, TIFF): size only.

Reading their text belongs to the scan stage; here each frame becomes a page
of source "scanned" sized in PDF points from the image's own resolution.
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from ..errors import CorruptInput, ImageUnreadable
from ..model import Page

# Resolution assumed when an image does not state one; scans are usually 300 dpi.
DEFAULT_DPI = 300.0
# A page image smaller than this (px, either side) holds no readable print; one larger
# than this (pixels) is more than an A3 page at 600 dpi (70 MP): a decompression bomb,
# or a scan that would need gigabytes to read.
MIN_SIDE_PX = 100
MAX_PIXELS = 120_000_000


def check_size(path: str | Path, width: int, height: int) -> None:
    """Raise :class:`ImageUnreadable` for a page image too small or too large to read."""
    if min(width, height) < MIN_SIDE_PX:
        raise ImageUnreadable(f"{path}: image of {width}×{height} px is too small to hold readable print "
                              f"(under {MIN_SIDE_PX} px a side)")
    if width * height > MAX_PIXELS:
        raise ImageUnreadable(f"{path}: image of {width}×{height} px is too large to read safely "
                              f"(over {MAX_PIXELS // 1_000_000} megapixels): scan at 300 dpi or split it")


def image_pages(path: str | Path) -> list[Page]:
    try:
        with Image.open(path) as img:
            pages = []
            for number, frame in enumerate(ImageSequence.Iterator(img), start=1):
                dpi = _dpi(frame.info.get("dpi"))
                width, height = frame.size
                check_size(path, width, height)
                pages.append(
                    Page(number=number, width=width * 72.0 / dpi[0],
                         height=height * 72.0 / dpi[1], source="scanned")
                )
            return pages
    except Image.DecompressionBombError:
        raise ImageUnreadable(f"{path}: image too large to read safely (a decompression bomb)") from None
    except (UnidentifiedImageError, OSError, SyntaxError) as e:
        raise CorruptInput(f"{path}: unreadable image ({e})") from None


def _dpi(stated) -> tuple[float, float]:
    try:
        x, y = (float(v) for v in stated)
        if x > 1 and y > 1:
            return x, y
    except (TypeError, ValueError):
        pass
    return DEFAULT_DPI, DEFAULT_DPI
