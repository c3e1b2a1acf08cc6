"""A letter read as a figure or a slash glued to the letters beside it ("“7hường" or "“7Aưởng"
for "“Thường", "(7y" for "(lũy", "1êng" for "riêng", "“K/Jẩn" for "“Khẩn"), or a
percentage's figures read as marks
("“/)%", "”I!00%", "#0%" for "“100%", "80%"): the phrase it stands in (the percentage
alone) is read again as one line, as printed and with italic print sheared upright.

Tesseract reads a cell of several lines as a block, and italic print after an opening
quotation mark or bracket then often comes out as "7" or "/". Read alone as a line, upright,
the same ink reads right. No word opens with one figure followed by small letters, but
for a list's "1a)"; figures before a unit ("10ha") are two or more, and codes put their
letters in capitals ("V.26.1"). Nor does a word of marked small letters hold one between
letters that spell no syllable ("người/ngày" is two words; a slash may end a word as
printed: "Bộ chỉ số/ Hệ thống"). Nor does a percentage's number hold marks.

A number in leaning print read among its words ("“700%", "đa)/190." for "“100%", "đa)/100.") is
read again alone, sheared upright, and takes the figures its readings agree on.
"""
from __future__ import annotations

import re
from dataclasses import replace

import cv2
import numpy as np

from ..number import NUMBER_IN_WORD, figure_shape
from ..settings import Settings
from ..vietnamese.syllable import is_valid
from . import engine
from .engine import OcrWord
from .italic import SLANTS, leans, upright

OPENING = "“\"'‘(["
# Marks that may stand before a percentage (a closing quotation mark read for an opening one).
_BEFORE_FIGURES = OPENING + "”’"
# One figure, a slash or both ("7/âm" for "Tham"), before the letters.
_GLUED = re.compile(r"\d/?|/")
_LIST_ITEM = re.compile(r"\d[^\W\d_][.)]")
_FIGURE_OR_SLASH = re.compile(r"[\d/]+")
# What may follow a word's letters.
_AFTER_WORD = "”’\")].,;:!?"
# A percentage as printed (after its opening mark), and as read with marks for figures.
_PERCENT = re.compile(r"(?:0|[1-9]\d*)(?:[.,]\d+)?%[”\")\].,;:]*")
_PERCENT_NUMBER = re.compile(r"\d+(?:[.,]\d+)?%")
_READ_PERCENT = re.compile(r"(.*?)%[”\")\].,;:]*")
# Words of one phrase stand closer than this many line heights; the phrase is what is read.
PHRASE_GAP = 1.5
# Paper around the phrase, in its heights: glyphs cut at the edge read badly.
PAD = 0.3


def reread_glued(image: np.ndarray, words: list[OcrWord], settings: Settings, dpi: int) -> list[OcrWord]:
    """``words`` with each glued word's phrase read again, and the glued word replaced by
    the surest reading over its ink that has a letter where the figure stood."""
    out = list(words)
    done: set[int] = set()
    for i, w in enumerate(words):
        if is_unread_percentage(w.text):
            # Read alone (its phrase's line would take in the next line's ascenders), sheared
            # where it leans: upright, an italic "1" reads "7".
            readings = read_alone(image, [w], settings, dpi)
            sheared = leans(image, (w.left, w.top, w.right, w.bottom))
            out[i] = _percentage(w, readings[1:] if sheared else readings[:1], readings[:1] if sheared else readings[1:])
            continue
        if _italic_number(w.text) and leans(image, (w.left, w.top, w.right, w.bottom)):
            # An italic number read as printed may hold a "7" for a "1" ("“700%") or a "9" for
            # a "0" ("đa)/190." for "đa)/100."): it takes the number its readings sheared
            # upright agree on.
            out[i] = _sheared_number(w, read_alone(image, [w], settings, dpi, SLANTS))
            continue
        if i in done or not is_glued(w.text):
            continue
        run = _phrase(words, i)
        done.update(run)
        readings = read_alone(image, [words[j] for j in run], settings, dpi)
        for j in run:
            old = words[j]
            if not is_glued(old.text):
                continue
            at = len(old.text) - len(old.text.lstrip(OPENING))
            found = _letters_read(old, at, readings, settings)
            if not found:
                # The phrase's readings hold nothing over the word: the word read alone.
                found = _letters_read(old, at, read_alone(image, [old], settings, dpi), settings)
            if found:
                # The opening mark as the page read it: sheared, a curly mark looks straight.
                best = max(found, key=lambda n: n.confidence)
                out[j] = replace(old, text=old.text[:at] + best.text.lstrip(OPENING), confidence=best.confidence)
    return out


def _letters_read(old: OcrWord, at: int, readings: list[list[OcrWord]], settings: Settings) -> list[OcrWord]:
    """The words ``readings`` read over ``old`` with a letter where its figure stood: the sure
    ones, or else those whose letters two readings or more agree on."""
    read = [n for n in at_place(old, readings)
            if len(n.text) > at and n.text[at:].rstrip(_AFTER_WORD).isalpha()]
    sure = [n for n in read if n.confidence >= settings.min_cell_confidence]
    if sure:
        return sure
    letters = [n.text[at:] for n in read]
    return [n for n, t in zip(read, letters) if letters.count(t) > 1]


def is_glued(word: str) -> bool:
    """Whether ``word`` opens (after an opening mark) with a figure or slash glued to small
    letters or to a capital and small letters, or holds one between letters where a word of
    marked small letters beside it spells no syllable ("“K/Jẩn")."""
    core = word.lstrip(OPENING)
    lead = _GLUED.match(core)
    if lead is not None and not _LIST_ITEM.fullmatch(core):
        after = core[lead.end():]
        # A capital then small letters holding a Vietnamese one ("7Aưởng"); "4Il" is a number.
        if after[:1].isalpha() and (after[0].islower() or after[0].isupper() and after[1:2].islower()
                                    and not after[1:].isascii()):
            return True
    for m in _FIGURE_OR_SLASH.finditer(core):
        if 0 < m.start() and m.end() < len(core) and core[m.start() - 1].isalpha() and core[m.end()].isalpha():
            # Codes are in capitals and Latin letters ("QĐ-TTg", "km2"), and "người/ngày" is two words.
            beside = (re.search(r"[^\W\d_]+$", core[:m.start()]), re.match(r"[^\W\d_]+", core[m.end():]))
            if any(r and len(r[0]) > 1 and not is_valid(r[0])
                   and any(ch.islower() and not ch.isascii() for ch in r[0]) for r in beside):
                return True
    return False


def is_unread_percentage(word: str) -> bool:
    """Whether ``word`` is a percentage whose figures were read as marks ("“/)%", "#0%")."""
    core = word.lstrip(_BEFORE_FIGURES)
    read = _READ_PERCENT.fullmatch(core)
    return read is not None and bool(read[1]) and not read[1].isalpha() and not _PERCENT.fullmatch(core)


def _percentage(old: OcrWord, readings: list[list[OcrWord]], others: list[list[OcrWord]]) -> OcrWord:
    """``old`` as ``readings`` read a percentage at its place: the one most of them read, then
    most of ``others``, then the surest, with its confidence; as it was when none reads one."""
    found, seconds = _percentages(old, readings), _percentages(old, others)
    if not found:
        return old
    texts = [n.text.lstrip(_BEFORE_FIGURES) for n in found]
    second = [n.text.lstrip(_BEFORE_FIGURES) for n in seconds]
    best = max(found, key=lambda n: (texts.count(t := n.text.lstrip(_BEFORE_FIGURES)), second.count(t), n.confidence))
    # The quotation mark as the page read it (sheared, a curly mark looks straight); a bracket
    # only where the new reading has one too ("“(00%" is "“100%").
    marks = old.text[:len(old.text) - len(old.text.lstrip(_BEFORE_FIGURES))]
    read = best.text[:len(best.text) - len(best.text.lstrip(_BEFORE_FIGURES))]
    marks = "".join(ch for ch in marks if ch not in "([" or ch in read)
    # The marks after it as first read: read alone, the phrase's next glyph may join it ("100%)").
    return replace(old, text=marks + _number(best.text) + old.text[old.text.rindex("%") + 1:],
                   confidence=best.confidence)


def _is_percentage(word: str) -> bool:
    """Whether ``word`` is a percentage as printed, after its opening mark."""
    return bool(_PERCENT.fullmatch(word.lstrip(_BEFORE_FIGURES)))


def _italic_number(word: str) -> bool:
    """Whether ``word`` holds one number that a sheared reading may put right: a percentage,
    or a number of two figures or more."""
    numbers = NUMBER_IN_WORD.findall(word)
    return len(numbers) == 1 and (_is_percentage(word) or sum(ch.isdigit() for ch in numbers[0]) >= 2)


def _sheared_number(old: OcrWord, readings: list[list[OcrWord]]) -> OcrWord:
    """``old`` with the number every one of ``readings`` reads at its place, if they agree on
    one printed as it was read (its marks where they were, only figures changed); the rest of
    the word as first read."""
    first = NUMBER_IN_WORD.search(old.text)
    found = at_place(old, readings)
    numbers = {m[0] for n in found for m in NUMBER_IN_WORD.finditer(n.text)}
    if len(found) < len(readings) or len(numbers) != 1:
        return old
    number = numbers.pop()
    if figure_shape(number) != figure_shape(first[0]):
        return old
    # An upright "7" leans too (its stem), and sheared every one reads "1" ("7,75" as "1,15"):
    # sevens all taken for ones are a percentage's only, which its quotation's italic sets. A
    # reading that keeps one seven and takes another for a one ("…787" read "…781") tells them
    # apart.
    changed = {(a, b) for a, b in zip(first[0], number) if a != b}
    sevens = {b for a, b in zip(first[0], number) if a == "7"}
    if changed == {("7", "1")} and sevens == {"1"} and not _is_percentage(old.text):
        return old
    return replace(old, text=old.text[:first.start()] + number + old.text[first.end():])


def _number(percentage: str) -> str:
    return _PERCENT_NUMBER.search(percentage)[0]


def _percentages(old: OcrWord, readings: list[list[OcrWord]]) -> list[OcrWord]:
    """The word each reading reads at ``old``'s place, where it is a percentage."""
    return [n for n in at_place(old, readings) if _is_percentage(n.text)]


def at_place(old: OcrWord, readings: list[list[OcrWord]]) -> list[OcrWord]:
    """The word each reading reads at ``old``'s place (covering half its span), where one does."""
    return [n for n in (max(again, key=lambda n: overlap(n, old), default=None) for again in readings)
            if n is not None and overlap(n, old) >= 0.5]


def read_alone(image: np.ndarray, run: list[OcrWord], settings: Settings, dpi: int,
               slants: tuple[float, ...] = (0.0, *SLANTS), scales: tuple[float, ...] = (1.0,)) -> list[list[OcrWord]]:
    """The phrase read as one line at each slant and scale: as printed (slant 0) or sheared
    upright by an italic's slant, enlarged by each scale; its words' boxes in the page's pixels
    (a sheared reading's, where its letters' feet stand)."""
    t, b = min(w.top for w in run), max(w.bottom for w in run)
    pad = int(PAD * (b - t)) + 1
    l, r = max(0, min(w.left for w in run) - pad), max(w.right for w in run) + pad
    top = max(0, t - pad)
    crop = _own_line(np.ascontiguousarray(image[top:b + pad, l:r]), b - top)
    out = []
    whole = (0, 0, crop.shape[1], crop.shape[0])
    for slant in slants:
        lean = upright(crop, whole, slant) if slant else crop
        # Sheared, each row moves left by its height above the bottom: the feet stay put,
        # and the paper added on the left shifts every x by as much.
        shift = lean.shape[1] - crop.shape[1]
        framed = cv2.copyMakeBorder(lean, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
        for scale in scales:
            sized = framed if scale == 1.0 else cv2.resize(framed, None, fx=scale, fy=scale,
                                                           interpolation=cv2.INTER_CUBIC)
            words = engine.read_regions(sized, [None], settings.ocr_lang, engine.PSM_SINGLE_LINE,
                                        int(round(dpi * scale)))[0]
            out.append([replace(w, left=round(w.left / scale) - pad - shift + l, right=round(w.right / scale) - pad - shift + l,
                                top=round(w.top / scale) - pad + top, bottom=round(w.bottom / scale) - pad + top)
                        for w in words])
    return out


def _own_line(crop: np.ndarray, bottom: int) -> np.ndarray:
    """``crop`` with the ink lying wholly below row ``bottom`` made paper: the tops of the next
    line's letters and marks, taken in by the paper around a phrase of closely set lines
    ("“Tỷ lệ" read as nothing but "1" under "cấp đạt tối thiểu")."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats((crop < 128).astype(np.uint8), connectivity=8)
    below = np.flatnonzero(stats[1:, cv2.CC_STAT_TOP] > bottom) + 1
    if below.size == 0:
        return crop
    out = crop.copy()
    out[np.isin(labels, below)] = 255
    return out


def overlap(a: OcrWord, b: OcrWord) -> float:
    """The share of the wider of two words' spans that both cover (Tesseract gives some words
    a box running on over the next)."""
    return (min(a.right, b.right) - max(a.left, b.left)) / max(1, a.right - a.left, b.right - b.left)


def _phrase(words: list[OcrWord], i: int) -> list[int]:
    """Indices of the words of word i's line standing close to it, in order."""
    line = sorted((j for j, w in enumerate(words) if w.line == words[i].line), key=lambda j: words[j].left)
    at = line.index(i)
    start = end = at
    height = max(1, words[i].bottom - words[i].top)
    while start > 0 and words[line[start]].left - words[line[start - 1]].right < PHRASE_GAP * height:
        start -= 1
    while end + 1 < len(line) and words[line[end + 1]].left - words[line[end]].right < PHRASE_GAP * height:
        end += 1
    return line[start:end + 1]
