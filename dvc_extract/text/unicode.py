"""One Unicode form for Vietnamese: NFC, and one tone-placement style.

The same syllable reaches us as NFD or NFC, and with the tone on either vowel of
an open oa/oe/uy ("hoà"/"hòa", "thuý"/"thúy"). Matching and reading need one
form. `style` follows `Settings.tone_style`, in the usual Vietnamese terms:
"old" (kiểu cũ) puts the tone on the first vowel (hòa, thúy), "new" (kiểu mới)
on the main vowel (hoà, thuý). Callers keep the original in `raw_text`.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..vietnamese.syllable import add_tone, parse, split_tone

_WORD = re.compile(r"[^\W\d_]+")
# Letters that look like Vietnamese ones and never stand in Vietnamese text: the
# Icelandic eth for đ, which OCR engines and some fonts give ("QÐ-UBND").
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ"})
_MARKED = "ăâêôơư"
_SWING = ("oa", "oe", "uy")  # the open rhymes whose tone position is a matter of style


def _tone_index(onset: str, rhyme: str, style: str) -> int:
    """Index, within the rhyme, of the vowel that carries the tone."""
    n = 0
    while n < len(rhyme) and rhyme[n] in "aăâeêioôơuưy":
        n += 1
    nucleus, closed = rhyme[:n], n < len(rhyme)
    marked = [i for i, c in enumerate(nucleus) if c in _MARKED]
    if marked:
        return marked[-1]  # ươ -> ơ
    if closed or len(nucleus) == 1:
        return len(nucleus) - 1
    if len(nucleus) == 3:
        return 1  # oai, oay, uya, uyu, oeo
    if nucleus in _SWING:
        return 0 if style == "old" else 1
    return 0  # ai, ao, ia, ua, ui, ...


@lru_cache(maxsize=65536)
def place_tone(word: str, style: str = "old") -> str:
    """Re-place the tone mark of one syllable; anything not Vietnamese is returned as is."""
    lower = word.lower()
    parsed = parse(lower)
    if parsed is None:
        return word
    onset, rhyme, tone = parsed
    base, _ = split_tone(lower)
    if tone == 0:
        return word
    # The onset may have lent a letter to the rhyme ('gì' parses as g + i).
    start = len(base) - len(rhyme)
    pos = start + _tone_index(onset, rhyme, style)
    letters = list(base)
    letters[pos] = add_tone(letters[pos], tone)
    out = "".join(letters)
    return "".join(o.upper() if w.isupper() else o for o, w in zip(out, word))


def normalize(text: str, style: str = "old") -> str:
    """NFC, look-alike letters made Vietnamese, then every Vietnamese syllable with its
    tone in the chosen place."""
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKES)
    return _WORD.sub(lambda m: place_tone(m.group(0), style), text)
