"""Pages of an image input (PNG, JPEG, TIFF): size only.

Reading their text belongs to the scan stage; here each frame becomes a page
of source "scanned" sized in PDF points from the image's own resolution.
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from ..errors import CorruptInput
from ..model import Page

# Resolution assumed when an image does not state one; scans are usually 300 dpi.
DEFAULT_DPI = 300.0


def image_pages(path: str | Path) -> list[Page]:
    try:
        with Image.open(path) as img:
            pages = []
            for number, frame in enumerate(ImageSequence.Iterator(img), start=1):
                dpi = _dpi(frame.info.get("dpi"))
                width, height = frame.size
                pages.append(
                    Page(number=number, width=width * 72.0 / dpi[0],
                         height=height * 72.0 / dpi[1], source="scanned")
                )
            return pages
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
