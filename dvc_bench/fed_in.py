"""A real scan as users feed it in: the same page turned, shrunk, enlarged, skewed, lit
unevenly, on grey or yellowed paper, tilted or photographed, compressed hard. Each change
is written as a PNG stating no resolution (as most phone pictures and many scans do), so
the scan's truth scores what the scan path makes of it (`scripts/bench_scanned --real
--fed-in`, `tests/test_real_scans.py`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import cv2
import numpy as np
from PIL import Image


def _turned(quarter_turns: int) -> Callable[[np.ndarray], np.ndarray]:
    return lambda image: np.ascontiguousarray(np.rot90(image, quarter_turns))


def _scaled(f: float) -> Callable[[np.ndarray], np.ndarray]:
    return lambda image: cv2.resize(image, None, fx=f, fy=f,
                                    interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC)


def _skewed(image: np.ndarray, degrees: float = 3.0) -> np.ndarray:
    h, w = image.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, turn, (w, h), borderValue=(255, 255, 255))


def _lit_unevenly(image: np.ndarray) -> np.ndarray:
    # A lamp to one side: the far edge gets two thirds of the light, the foot 85%.
    h, w = image.shape[:2]
    light = np.linspace(0.65, 1.0, w)[None, :, None] * np.linspace(0.85, 1.0, h)[:, None, None]
    return (image * light).astype(np.uint8)


def _grey_paper(image: np.ndarray) -> np.ndarray:
    return (image * 0.7 + 30).astype(np.uint8)


def _yellowed(image: np.ndarray) -> np.ndarray:
    return (image * np.array([1.0, 0.95, 0.75])[None, None, :]).astype(np.uint8)


def _tilted(image: np.ndarray, far: float = 0.03) -> np.ndarray:
    """The top edge further from the lens than the foot: a keystone."""
    h, w = image.shape[:2]
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    moved = np.float32([[far * w, far / 3 * h], [(1 - far / 2) * w, 0], [w, h], [0, (1 - far / 3) * h]])
    return cv2.warpPerspective(image, cv2.getPerspectiveTransform(corners, moved), (w, h),
                               borderValue=(255, 255, 255))


def _jpeg(image: np.ndarray, quality: int) -> np.ndarray:
    return cv2.imdecode(cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])[1],
                        cv2.IMREAD_UNCHANGED)


def _photographed(image: np.ndarray) -> np.ndarray:
    # A phone's picture: tilted a little (1%), lit from one side, a little out of focus, JPEG.
    return _jpeg(cv2.GaussianBlur(_lit_unevenly(_tilted(image, 0.01)), (0, 0), 1.0), 70)


CHANGES: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "turned-90": _turned(-1),
    "turned-180": _turned(2),
    "turned-270": _turned(1),
    "shrunk": _scaled(0.65),
    "enlarged": _scaled(1.5),
    "skewed": _skewed,
    "uneven-light": _lit_unevenly,
    "grey-paper": _grey_paper,
    "yellowed": _yellowed,
    "tilted": _tilted,
    "photographed": _photographed,
    "jpeg-40": lambda image: _jpeg(image, 40),
}


def fed_in(scan: Path, change: str, folder: Path) -> Path:
    """The page image ``scan`` (an image file) with ``change`` made, as a PNG in ``folder``."""
    image = np.asarray(Image.open(scan).convert("RGB"))
    out = folder / f"{scan.stem}-{change}.png"
    Image.fromarray(CHANGES[change](image)).save(out)
    return out
