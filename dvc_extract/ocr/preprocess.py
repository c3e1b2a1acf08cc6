"""Page-image preprocessing before ruling detection and OCR (OpenCV).

Every function takes and returns a numpy image; grey images are uint8 with
white paper (255) and dark ink; ``ink`` masks are uint8 with ink = 255.
"""
from __future__ import annotations

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
    a, b, c = cv2.split(np.ascontiguousarray(image))
    grey = cv2.max(cv2.max(a, b), c)
    spread = cv2.subtract(grey, cv2.min(cv2.min(a, b), c))
    # Only light-in-its-brightest-channel coloured pixels are pure stamp ink;
    # print under a stamp stays dark there and is kept.
    _, coloured = cv2.threshold(spread, COLOUR_SPREAD, 255, cv2.THRESH_BINARY)
    _, light = cv2.threshold(grey, COLOUR_LIGHT, 255, cv2.THRESH_BINARY)
    grey[cv2.bitwise_and(coloured, light) > 0] = 255
    return grey


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
    return ys - small.shape[0] / 2.0, xs - small.shape[1] / 2.0


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
