"""Tesseract access, in process through tesserocr (no process start per call,
the model loaded once per thread): words with pixel boxes and 0-1
confidences, or the text of one line with its confidence.

The Vietnamese model is taken from ``dvc_extract/data/tesseract/`` when the package
ships one there, else from the system's tessdata (Debian ``tesseract-ocr-vie``).
"""
from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import tesserocr

from ..errors import MissingDependency
from ..resources import data_path
from .preprocess import grey_at_most

_SYSTEM_TESSDATA = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)

# Tesseract page segmentation modes we use.
PSM_AUTO = 3
PSM_SINGLE_BLOCK = 6
PSM_SINGLE_LINE = 7
PSM_SPARSE = 11


@dataclass(frozen=True)
class OcrWord:
    """A word as Tesseract read it, in pixels of the image it was given."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    confidence: float  # 0-1
    line: int  # index of the text line it belongs to (reading order)


def shipped_tessdata() -> Path:
    """The folder of the Tesseract model the package ships (see its README)."""
    return data_path("tesseract")


@lru_cache(maxsize=None)
def tessdata_dir(lang: str) -> str:
    """The folder holding ``<lang>.traineddata``: shipped first, then the system's."""
    candidates = [str(shipped_tessdata())]
    if os.environ.get("DVC_EXTRACT_TESSDATA"):  # a model to compare, or a site's own
        candidates.insert(0, os.environ["DVC_EXTRACT_TESSDATA"])
    if os.environ.get("TESSDATA_PREFIX"):
        prefix = os.environ["TESSDATA_PREFIX"]
        candidates += [prefix, os.path.join(prefix, "tessdata")]
    candidates += list(_SYSTEM_TESSDATA)
    for folder in candidates:
        if all(os.path.isfile(os.path.join(folder, f"{part}.traineddata")) for part in lang.split("+")):
            return folder
    raise MissingDependency(
        f"Tesseract language data '{lang}' not found (install tesseract-ocr-{lang.split('+')[0]})"
    )


# A turned page: Tesseract's orientation detection (the 'osd' model) is trusted from
# this confidence on (upright pages of text score 9-25, a page of few words less), on
# a copy of the page at this resolution at most (it reads the page's text lines).
MIN_ORIENTATION_CONFIDENCE = 5.0
ORIENTATION_DPI = 150.0
# A page read badly is tried turned from this confidence on (a real balance sheet upside
# down scored 4.6), and the better reading kept.
UNSURE_ORIENTATION_CONFIDENCE = 1.5
# A page whose text is known to run up and down (`sideways`) needs only to be told which
# way: a small picture of a table, ten lines, scores 0.8-1.2 for the right one.
SIDEWAYS_CONFIDENCE = 0.5


def orientation(image: np.ndarray, dpi: float, min_confidence: float = MIN_ORIENTATION_CONFIDENCE,
                sideways: bool = False) -> int:
    """Degrees counter-clockwise (0, 90, 180, 270) that turn the page upright; 0 when
    Tesseract is less sure than ``min_confidence`` (than SIDEWAYS_CONFIDENCE for a quarter
    turn of a page known to lie ``sideways``)."""
    grey, dpi = grey_at_most(image, dpi, ORIENTATION_DPI)
    api = _api("osd", tesserocr.PSM.OSD_ONLY)
    try:
        pixels = _set_image(api, grey)  # noqa: F841 (kept alive while reading)
        api.SetSourceResolution(int(dpi))
        found = api.DetectOrientationScript()
    finally:
        api.Clear()
    if not found:
        return 0
    turn = int(found["orient_deg"]) % 360
    if sideways and turn in (90, 270):
        min_confidence = min(min_confidence, SIDEWAYS_CONFIDENCE)
    return turn if found["orient_conf"] >= min_confidence else 0


# One tesserocr API object per thread and language, reused for every call.
_local = threading.local()


def _api(lang: str, psm: int | None = None):
    apis = getattr(_local, "apis", None)
    if apis is None:
        apis = _local.apis = {}
    if lang not in apis:
        # The orientation model is a legacy (not LSTM) one.
        oem = tesserocr.OEM.TESSERACT_ONLY if lang == "osd" else tesserocr.OEM.LSTM_ONLY
        apis[lang] = tesserocr.PyTessBaseAPI(path=tessdata_dir(lang), lang=lang, oem=oem)
    if psm is not None:
        apis[lang].SetPageSegMode(psm)
    return apis[lang]


def _set_image(api, image: np.ndarray) -> bytes:
    """Hand Tesseract the pixels as they are. ``SetImage`` with a PIL image
    goes through an 8-bit BMP, which Leptonica loads as a palette image:
    Tesseract then removes the palette from the whole page at every
    ``Recognize`` (measured: over 40% of the time of reading cells one by
    one). The returned buffer must outlive the recognition (not copied)."""
    image = np.ascontiguousarray(image, dtype=np.uint8)
    if image.ndim == 3 and image.shape[2] == 4:
        image = np.ascontiguousarray(image[:, :, :3])
    h, w = image.shape[:2]
    depth = 1 if image.ndim == 2 else image.shape[2]
    data = image.tobytes()
    api.SetImageBytes(data, w, h, depth, w * depth)
    return data


def read_words(image: np.ndarray, lang: str = "vie", psm: int = PSM_AUTO, dpi: int = 300) -> list[OcrWord]:
    """Every word on a grey (or binary) image, in one Tesseract pass."""
    return read_regions(image, [None], lang, [psm], dpi)[0]


def read_regions(
    image: np.ndarray,
    boxes: list[tuple[int, int, int, int] | None],
    lang: str = "vie",
    psm: int | list[int] = PSM_SINGLE_BLOCK,
    dpi: int = 300,
) -> list[list[OcrWord]]:
    """Words of each region (l, t, r, b px; None = whole image), boxes in
    whole-image pixels; ``psm`` one mode for all or one per region. In
    process the image is handed over once for all regions."""
    psms = list(psm) if isinstance(psm, (list, tuple)) else [psm] * len(boxes)
    return _read_regions_tesserocr(image, boxes, lang, psms, dpi)


def read_line(
    image: np.ndarray,
    box: tuple[int, int, int, int],
    lang: str = "vie",
    whitelist: str | None = None,
    dpi: int = 300,
    psm: int = PSM_SINGLE_LINE,
) -> tuple[str, float]:
    """Text and 0-1 confidence of one line of text inside ``box`` (l, t, r, b px);
    ``psm=PSM_SINGLE_BLOCK`` for a cell of several lines."""
    crop = framed(image, box)
    if crop is None:
        return "", 0.0
    text, confidence = _read_line_tesserocr(crop, lang, whitelist, dpi, psm)
    h, w = crop.shape[:2]
    # A figure read again has its marks told by the ink as in the first reading.
    return _figure_marks((text, (0, 0, w, h), confidence, 0, []), crop)[0], confidence


def framed(image: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray | None:
    """The pixels of ``box`` (l, t, r, b px) on a white margin, as a line is read (Tesseract
    reads glyphs touching the border badly); None for an empty box."""
    l, t, r, b = box
    crop = image[t:b, l:r]
    if crop.size == 0:
        return None
    return np.pad(crop, max(4, (b - t) // 4), mode="constant", constant_values=255)


def _read_regions_tesserocr(image, boxes, lang, psms, dpi):
    api = _api(lang)
    api.SetVariable("tessedit_char_whitelist", "")
    pixels = _set_image(api, image)  # noqa: F841 (kept alive while reading)
    api.SetSourceResolution(int(dpi))
    out = []
    line_base = 0
    try:
        for box, psm in zip(boxes, psms):
            api.SetPageSegMode(psm)
            if box is not None:
                l, t, r, b = box
                api.SetRectangle(l, t, r - l, b - t)
            api.Recognize()
            words = _iterate_words(api, line_base, image)
            line_base = (words[-1].line + 1) if words else line_base
            out.append(words)
    finally:
        api.Clear()
    return out


# Tesseract sometimes reads two cells a column gap apart as one word ("411   V.23" as
# "4II.V.23"): a blank band across a word's box wider than this share of its height
# parts it (a space is about a third of it, letters nearly touch). A character read
# inside the band has no ink: Tesseract filled the gap with it, and it goes.
WORD_GAP = 0.9
# Darker than this is ink, on the grey page Tesseract reads.
INK_LEVEL = 128


def _iterate_words(api, line_base: int, image: np.ndarray) -> list[OcrWord]:
    """The words read, in reading order, each parted where a column gap runs through it."""
    RIL = tesserocr.RIL
    words: list[OcrWord] = []
    it = api.GetIterator()
    if it is None:
        return words
    line_no = line_base - 1
    word = None  # (text, box, confidence, line, [(symbol text, symbol box)])
    while True:
        if it.IsAtBeginningOf(RIL.TEXTLINE):
            line_no += 1
        if it.IsAtBeginningOf(RIL.WORD):
            words.extend(_parted(_figure_marks(_comma_read_as_stop(word, image), image), image))
            word = (_text(it, RIL.WORD), it.BoundingBox(RIL.WORD), it.Confidence(RIL.WORD) / 100.0,
                    max(line_no, line_base), [])
        if word is not None:  # a page with no word at all still gives an iterator
            word[4].append((_text(it, RIL.SYMBOL), it.BoundingBox(RIL.SYMBOL)))
        if not it.Next(RIL.SYMBOL):
            break
    words.extend(_parted(_figure_marks(_comma_read_as_stop(word, image), image), image))
    return words


# A comma's tail hangs below the letters' baseline: on the real scans (150-300 dpi) commas
# reach 0.07-0.29 of the letters' height below it (5th-95th percentile, median 0.18), stops
# -0.04-0.04 (at most 0.05; a pixel is 0.04 at 150 dpi). A mark this far below is a comma's
# (or a semicolon's); short of it, the mark stays as read.
COMMA_TAIL = 0.08
# Ink reaching further below, or beginning under the line, is not the word's mark (the next
# line's accent, a rule's remains).
COMMA_REACH = 0.5
# A stop's or a comma's blot is narrower than this share of the letters' height, and shorter
# than MARK_HEIGHT of it (a comma with its tail 0.55); bigger ink is some other glyph.
MARK_WIDTH = 0.4
MARK_HEIGHT = 0.7
_WITH_TAIL = {".": ",", ":": ";"}


def _comma_read_as_stop(word, image: np.ndarray):
    """The word with a last "." or ":" that Tesseract read for "," or ";" put right ("móc." of
    "Máy móc, thiết bị", "chồng:" of "vợ và chồng; quyền …": the tail's ink is there, under
    the line, but read as a stop). Measured on the ink, not on Tesseract's symbol boxes: a
    letter's box may reach below the line where its ink does not."""
    if word is None or len(word[0]) < 2 or word[0][-1] not in _WITH_TAIL or not word[0][-2].isalpha():
        return word
    text, box, confidence, line, symbols = word
    if not box or (below := _last_mark_below_line(image, box)) is None or below < COMMA_TAIL:
        return word
    mark = _WITH_TAIL[text[-1]]
    return (text[:-1] + mark, box, confidence, line, symbols[:-1] + [(mark, symbols[-1][1])])


def _last_mark_below_line(image: np.ndarray, box: tuple) -> float | None:
    """How far the word's last blot reaches below its letters' baseline, in letters' heights;
    None when its ink shows no letters and a mark after them."""
    found = _blots(image, box)
    if found is None:
        return None
    blots, letters, base, letter = found
    # The last blot, or the one under it (a colon's lower dot, a semicolon's comma).
    last = max(blots, key=lambda s: s[0] + s[2] / 2)
    mark = max((s for s in blots if s[0] < last[0] + last[2] and last[0] < s[0] + s[2]),
               key=lambda s: s[1] + s[3])
    if mark in letters:
        letters = [s for s in letters if s != mark]
        if not letters:
            return None
        base, letter = _baseline(letters)
    return _reach(mark, base, letter)


def _blots(image: np.ndarray, box: tuple):
    """The word's blots of ink, those that are letters (or figures), their baseline and their
    height; None when the ink shows too little to tell."""
    l, t, r, b = box
    height = b - t
    # Down by half the word's height: the box may stop short of a tail.
    crop = image[max(t, 0):min(b + height // 2, image.shape[0]), max(l, 0):r]
    if crop.ndim != 2 or crop.size == 0:
        return None
    # At the level that parts the word's ink from its paper: on a blurred scan the ink level
    # breaks letters' feet off, and the baseline comes out too high.
    crop = np.ascontiguousarray(crop)
    level, _ = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = (crop < max(level, INK_LEVEL)).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blots = [tuple(int(v) for v in stats[i, :4]) for i in range(1, n) if stats[i, 1] < height]
    if len(blots) < 2:
        return None
    _, top, _, tallest = max(blots, key=lambda s: s[3])
    # Letters: ink at least half as tall as the tallest, reaching below its middle (a dot
    # below is smaller, an accent is higher).
    letters = [s for s in blots if s[3] >= tallest / 2 and s[1] + s[3] > top + tallest / 2]
    if not letters:
        return None
    return (blots, letters, *_baseline(letters))


def _baseline(letters: list) -> tuple[float, float]:
    """The letters' baseline, the highest of their feet (a "q" or "y" reaches below it), and
    their height."""
    return min(y + h for _, y, _, h in letters), float(np.median([h for _, _, _, h in letters]))


def _reach(mark: tuple, base: float, letter: float) -> float | None:
    """How far ``mark`` reaches below the baseline, in letters' heights; None when it is no
    stop's or comma's blot (too big, beginning under the line, reaching too far)."""
    _, y, w, h = mark
    below = (y + h - base) / letter
    if w > MARK_WIDTH * letter or h > MARK_HEIGHT * letter or y >= base or below > COMMA_REACH:
        return None
    return below


# A figure's mark, read from its ink: a stop reaches at most STOP_REACH below the figures'
# baseline, a comma's tail FIGURE_TAIL or more (measured on 331 marks of the real pages,
# 150-300 dpi: stops -0.04-0.04, commas 0.067-0.21; a pixel is 0.03-0.04). Between the two,
# the mark stays as read.
STOP_REACH, FIGURE_TAIL = 0.04, 0.06
_FIGURE = re.compile(r"\(?-?\d+(?:[.,]\d+)+%?\)?")


def _figure_marks(word, image: np.ndarray):
    """The figure with each mark between its figures as the ink shows it ("90.58" read where
    "90,58" is printed, "419,218" where "419.218" is): Tesseract tells a comma from a stop
    worst of all its glyphs, and a table's column cannot tell them when it mixes counts and
    rates. Left as read unless the ink shows as many marks as were read."""
    if word is None or not word[1] or not _FIGURE.fullmatch(word[0]):
        return word
    text, box, confidence, line, symbols = word
    found = _blots(image, box)
    if found is None:
        return word
    blots, letters, _, _ = found
    # Brackets and a per cent sign are as tall as figures; the marks lie between figures.
    figures = sorted(letters)[text.startswith("("):len(letters) - text.endswith(")") - ("%" in text)]
    if len(figures) < 2:
        return word
    # Figures all stand on the line (none reaches below it): their middle foot is the line,
    # which a figure broken by the blur does not lift.
    base = float(np.median([y + h for _, y, _, h in figures]))
    letter = float(np.median([h for _, _, _, h in figures]))
    left, right = figures[0][0], figures[-1][0] + figures[-1][2]
    marks = sorted((s, below) for s in blots if s not in letters and left < s[0] and s[0] + s[2] < right
                   and clear_above(s, blots) and (below := _reach(_with_tail(s, blots, letter), base, letter))
                   is not None and below > -MARK_HEIGHT / 4)
    at = [i for i, ch in enumerate(text) if ch in ".,"]
    if len(marks) != len(at):
        return word
    chars = list(text)
    for i, (_, below) in zip(at, marks):
        chars[i] = "," if below >= FIGURE_TAIL else "." if below <= STOP_REACH else chars[i]
    read = "".join(chars)
    if read == text:
        return word
    if "".join(t for t, _ in symbols) == text:
        symbols = [(ch, b) for ch, (_, b) in zip(read, symbols)]
    return (read, box, confidence, line, symbols)


# A comma's tail broken off its dot by the blur begins at most this share of the figures'
# height under it.
TAIL_GAP = 0.15


def _with_tail(mark: tuple, blots: list, letter: float) -> tuple:
    """The mark with the ink just under it (a comma's tail parted from its dot)."""
    x, y, w, h = mark
    tails = [o for o in blots if o != mark and o[0] < x + w and o[0] + o[2] > x
             and y + h <= o[1] <= y + h + TAIL_GAP * letter]
    if not tails:
        return mark
    right, bottom = max(o[0] + o[2] for o in [mark, *tails]), max(o[1] + o[3] for o in [mark, *tails])
    left = min(o[0] for o in [mark, *tails])
    return (left, y, right - left, bottom - y)


def clear_above(blot: tuple, blots: list) -> bool:
    """No other ink over the blot: a figure's broken foot has the figure above it."""
    x, y, w, _ = blot
    return not any(o != blot and o[0] < x + w and o[0] + o[2] > x and o[1] < y for o in blots)


# Characters Tesseract's model gives for what reports print otherwise: the fraction
# slash for "/" ("53⁄63", "(b⁄a)": typed reports never use it).
_AS_PRINTED = str.maketrans({"\u2044": "/"})


def _text(it, level) -> str:
    try:
        return (it.GetUTF8Text(level) or "").translate(_AS_PRINTED)
    except RuntimeError:  # an empty element: Tesseract found ink but no text
        return ""


def _parted(word, image: np.ndarray) -> list[OcrWord]:
    if word is None:
        return []
    text, box, confidence, line, symbols = word
    if not text.strip() or not box:
        return []
    whole = [OcrWord(text.strip(), *box, confidence, line)]
    gaps = _blank_bands(image, box)
    if not gaps or "".join(t for t, _ in symbols) != text:
        return whole
    parts: list[list[tuple[str, tuple]]] = [[] for _ in range(len(gaps) + 1)]
    for sym_text, sym_box in symbols:
        if not sym_box:
            continue
        centre = (sym_box[0] + sym_box[2]) / 2
        if any(a <= centre <= b for a, b in gaps):
            continue  # read where there is no ink
        parts[sum(centre > b for _, b in gaps)].append((sym_text, sym_box))
    parts = [p for p in parts if "".join(t for t, _ in p).strip()]
    if len(parts) < 2:
        return whole
    return [OcrWord("".join(t for t, _ in p).strip(), min(b[0] for _, b in p), box[1],
                    max(b[2] for _, b in p), box[3], confidence, line) for p in parts]


def _blank_bands(image: np.ndarray, box: tuple) -> list[tuple[int, int]]:
    """Columns of the word's box with no ink, in runs wider than WORD_GAP × its height."""
    l, t, r, b = box
    crop = image[max(t, 0):b, max(l, 0):r]
    if crop.size == 0 or crop.ndim != 2:
        return []
    inked = (crop < INK_LEVEL).any(axis=0)
    width = WORD_GAP * (b - t)
    bands, start = [], None
    for x, ink in enumerate(inked):
        if not ink and start is None:
            start = x
        elif ink and start is not None:
            if x - start > width and start > 0:
                bands.append((l + start, l + x))
            start = None
    return bands


def _read_line_tesserocr(crop, lang, whitelist, dpi, psm):
    api = _api(lang)
    api.SetPageSegMode(psm)
    api.SetVariable("tessedit_char_whitelist", whitelist or "")
    try:
        pixels = _set_image(api, crop)  # noqa: F841 (kept alive while reading)
        api.SetSourceResolution(int(dpi))
        text = api.GetUTF8Text().strip().translate(_AS_PRINTED)
        conf = api.MeanTextConf() / 100.0 if text else 0.0
    finally:
        api.SetVariable("tessedit_char_whitelist", "")
        api.Clear()
    return " ".join(text.split()), max(0.0, conf)
