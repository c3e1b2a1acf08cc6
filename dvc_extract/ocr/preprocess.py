"""Page-image preprocessing before ruling detection and OCR (OpenCV).

Every function takes and returns a numpy image; grey images are uint8 with
white paper (255) and dark ink; ``ink`` masks are uint8 with ink = 255.
"""
from __future__ import annotations

import cv2
import numpy as np

# Skew search range: scans are rarely rotated more than this.
MAX_SKEW_DEG = 5.0


def drop_colour_ink(image: np.ndarray) -> np.ndarray:
    """Grey page with coloured ink (a red stamp, a blue signature) removed.

    Printed text and rulings are black: dark in every channel. A stamp or
    signature is dark in one or two channels only, so the brightest channel
    of each pixel keeps black ink and turns coloured ink into paper. Where a
    stamp covers black print, the print stays dark in all channels.
    """
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image.max(axis=2).astype(np.uint8)


def ink_mask(grey: np.ndarray, px_per_pt: float, offset: int = 12) -> np.ndarray:
    """Adaptive (local-mean) binarisation: faint lines stay ink on uneven paper."""
    block = int(round(12 * px_per_pt)) | 1
    return cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, max(block, 11), offset
    )


def denoise(grey: np.ndarray) -> np.ndarray:
    """Median filter: removes scanner speckle without blurring stroke edges much."""
    return cv2.medianBlur(grey, 3)


def resample(grey: np.ndarray, factor: float) -> np.ndarray:
    if abs(factor - 1.0) < 0.02:
        return grey
    interp = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return cv2.resize(grey, None, fx=factor, fy=factor, interpolation=interp)


def _profile_score(ink_small: np.ndarray, angle: float) -> float:
    h, w = ink_small.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(ink_small, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    rows = rotated.sum(axis=1, dtype=np.float64)
    # Text lines and rulings aligned with the axes give the sharpest profile.
    return float(np.square(np.diff(rows)).sum())


def estimate_skew(grey: np.ndarray, max_deg: float = MAX_SKEW_DEG) -> float:
    """Rotation of the page content in degrees (counter-clockwise positive, as
    ``cv2.getRotationMatrix2D`` counts), by projection-profile search over
    ``±max_deg``: coarse steps, then fine steps around the best.
    """
    h, w = grey.shape[:2]
    shrink = min(1.0, 1200.0 / max(h, w))
    small = cv2.resize(grey, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if ink.sum() < 50:
        return 0.0
    best = max(np.arange(-max_deg, max_deg + 1e-9, 0.25), key=lambda a: _profile_score(ink, a))
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.025)
    best = max(fine, key=lambda a: _profile_score(ink, a))
    # The found angle rotates the content back to level; the skew is its opposite.
    return float(-round(best, 3))


def rotate(grey: np.ndarray, skew_deg: float) -> np.ndarray:
    """Undo a skew of ``skew_deg``, keeping the page size, paper-white corners."""
    if abs(skew_deg) < 0.02:
        return grey
    h, w = grey.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -skew_deg, 1.0)
    return cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
