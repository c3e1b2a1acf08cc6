"""Words of a text-layer page, as read, with three general repairs of geometry.

pdfplumber groups characters into words by distance. Three things it cannot
know are fixed here, where the characters are still at hand:
- a diacritic drawn as its own glyph (a combining mark, or an accent a line
  apart) belongs to the letter it sits on, after it in reading order;
- a vertical ruling between two characters separates two cells, so a word
  never straddles it;
- a word's font is that of most of its characters (a mark in a fallback font
  must not split "Nguyễn" into pieces).
Runs of characters in a font that names a legacy 8-bit encoding (TCVN3
.VnTime/.VnTimeH, VNI-Times) are decoded here, because only here is the font
of each character known: a TCVN3 capital differs from its small letter only by
font. Other repairs (NFC, guessed encodings, marks): text stage.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from itertools import groupby

from ..model import Ruling, Word
from ..vietnamese.legacy import decode_legacy, font_encoding

# Characters closer than this fraction of the font size are one word. A space in
# Times-like fonts is 0.25 em; glyphs of one word touch or nearly do.
X_TOLERANCE_RATIO = 0.15
Y_TOLERANCE = 3.0


def page_words(page, number: int, rulings: list[Ruling]) -> list[Word]:
    raw = page.extract_words(
        x_tolerance=3, x_tolerance_ratio=X_TOLERANCE_RATIO, y_tolerance=Y_TOLERANCE,
        keep_blank_chars=False, use_text_flow=False, return_chars=True,
    )
    groups = [w["chars"] for w in raw if w["chars"]]
    groups = _rejoin_after_marks(groups)
    groups = _attach_stray_marks(groups)
    verticals = [r for r in rulings if r.orientation == "v"]
    words = []
    for chars in groups:
        for piece in _split_at_rulings(_marks_after_bases(chars), verticals):
            words.append(_word(piece, number))
    return sorted(words, key=lambda w: (round(w.top), w.x0))


def is_mark(ch: str) -> bool:
    """A combining diacritic: drawn over a letter, read after it."""
    return len(ch) == 1 and unicodedata.category(ch) == "Mn"


def is_diacritic(ch: str) -> bool:
    """A combining mark or a spacing accent (´ ` ˜ ˆ) drawn as its own glyph."""
    return len(ch) == 1 and unicodedata.category(ch) in ("Mn", "Sk")


def _is_mark_only(chars: list[dict]) -> bool:
    return all(is_diacritic(c["text"]) for c in chars if c["text"].strip())


def _rejoin_after_marks(groups: list[list[dict]]) -> list[list[dict]]:
    """pdfplumber measures the gap to the next letter from a zero-width mark's
    origin, which may sit mid-letter; measured from the letter, it is no gap."""
    out: list[list[dict]] = []
    for g in groups:
        if out and is_mark(out[-1][-1]["text"]):
            prev = out[-1]
            letters = [c for c in prev if not is_mark(c["text"])]
            if letters and abs(g[0]["top"] - prev[0]["top"]) <= Y_TOLERANCE:
                end = max(c["x1"] for c in letters)
                tolerance = X_TOLERANCE_RATIO * float(g[0].get("size", 0) or 10)
                if -tolerance <= g[0]["x0"] - end <= tolerance:
                    prev.extend(g)
                    continue
        out.append(list(g))
    return out


def _attach_stray_marks(groups: list[list[dict]]) -> list[list[dict]]:
    """Glyph groups holding only diacritics join the word whose letters they sit over."""
    words = [g for g in groups if not _is_mark_only(g)]
    for g in groups:
        if not _is_mark_only(g):
            continue
        host = _host_word(g, words)
        if host is None:
            words.append(g)  # nothing under it: keep it as read
        else:
            host.extend(g)
    return words


def _host_word(marks: list[dict], words: list[list[dict]]):
    cx = sum((c["x0"] + c["x1"]) / 2 for c in marks) / len(marks)
    top = min(c["top"] for c in marks)
    bottom = max(c["bottom"] for c in marks)
    best, best_d = None, None
    for w in words:
        x0 = min(c["x0"] for c in w)
        x1 = max(c["x1"] for c in w)
        if not (x0 - 1 <= cx <= x1 + 1):
            continue
        w_top = min(c["top"] for c in w)
        w_bottom = max(c["bottom"] for c in w)
        height = w_bottom - w_top
        # The mark lies over the word (or just under it, for dấu nặng).
        if bottom < w_top - height or top > w_bottom + height * 0.5:
            continue
        d = abs((top + bottom) / 2 - (w_top + w_bottom) / 2)
        if best_d is None or d < best_d:
            best, best_d = w, d
    return best


def _marks_after_bases(chars: list[dict]) -> list[dict]:
    """Letters in x order; each diacritic right after the letter under its centre."""
    bases = sorted((c for c in chars if not is_mark(c["text"])), key=lambda c: c["x0"])
    marks = [c for c in chars if is_mark(c["text"])]
    if not marks:
        return bases
    if not bases:
        return sorted(marks, key=lambda c: c["x0"])
    follow: dict[int, list[dict]] = {i: [] for i in range(len(bases))}
    for m in marks:
        mx = (m["x0"] + m["x1"]) / 2
        # A zero-width mark is placed at the pen position after its letter.
        if m["x1"] - m["x0"] < 0.5:
            mx -= 0.5
        follow[_nearest_base(bases, mx)].append(m)
    out = []
    for i, b in enumerate(bases):
        out.append(b)
        out.extend(follow[i])
    return out


def _nearest_base(bases: list[dict], x: float) -> int:
    best, best_d = 0, None
    for i, b in enumerate(bases):
        d = 0.0 if b["x0"] <= x <= b["x1"] else min(abs(x - b["x0"]), abs(x - b["x1"]))
        if best_d is None or d < best_d or (d == 0.0 and best_d == 0.0):
            best, best_d = i, d
    return best


def _split_at_rulings(chars: list[dict], verticals: list[Ruling]) -> list[list[dict]]:
    if len(chars) < 2 or not verticals:
        return [chars]
    mid_y = (min(c["top"] for c in chars) + max(c["bottom"] for c in chars)) / 2
    xs = [r.x0 for r in verticals if r.top <= mid_y <= r.bottom]
    if not xs:
        return [chars]
    pieces, current = [], [chars[0]]
    for prev, ch in zip(chars, chars[1:]):
        left = (prev["x0"] + prev["x1"]) / 2
        right = (ch["x0"] + ch["x1"]) / 2
        if not is_mark(ch["text"]) and any(left < x < right for x in xs):
            pieces.append(current)
            current = []
        current.append(ch)
    pieces.append(current)
    return pieces


def _word(chars: list[dict], number: int) -> Word:
    fonts = Counter((c.get("fontname", ""), round(float(c.get("size", 0.0)), 2)) for c in chars)
    (fontname, size), _ = fonts.most_common(1)[0]
    return Word(
        text=_text(chars),
        x0=float(min(c["x0"] for c in chars)),
        top=float(min(c["top"] for c in chars)),
        x1=float(max(c["x1"] for c in chars)),
        bottom=float(max(c["bottom"] for c in chars)),
        page=number,
        fontname=fontname,
        size=size,
    )


def _text(chars: list[dict]) -> str:
    """The word's text, each run in a legacy-encoded font decoded by that font's name."""
    parts, decoded = [], False
    for font, run in groupby(chars, key=lambda c: c.get("fontname", "")):
        text = "".join(c["text"] for c in run)
        if font_encoding(font)[0] is not None:
            text, decoded = decode_legacy(text, font), True
        parts.append(text)
    text = "".join(parts)
    # A tone byte in one font may follow its letter in another (TCVN3 "Ủ" = "U" + hook).
    return unicodedata.normalize("NFC", text) if decoded else text
