"""The Vietnamese syllable: letters, marks, structure and validity.

A syllable is onset + rhyme + tone. Validity is structural (a known onset, a
known rhyme, and the rule that rhymes closed by p/t/c/ch take only the sắc or
nặng tone), so it needs no word list and also judges syllables never seen in
training text. Legacy-encoding detection and diacritic restoration both rest
on it.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# Tones as combining marks, in the usual order: ngang (none), sắc, huyền, hỏi, ngã, nặng.
TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_TONE_OF = {m: i for i, m in enumerate(TONE_MARKS) if m}
# Quality marks change the vowel itself (â ê ô, ă, ơ ư).
_QUALITY = {"\u0302", "\u0306", "\u031b"}

BASE_VOWELS = "aăâeêioôơuưy"
ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
    "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)
_STOP_FINALS = ("p", "t", "c", "ch", "k")


def _rhymes() -> frozenset[str]:
    with_finals = {
        "a": "m n ng nh p t c ch", "ă": "m n ng p t c", "â": "m n ng p t c",
        "e": "m n ng p t c", "ê": "m n nh p t ch", "i": "m n nh p t ch",
        "o": "m n ng p t c", "oo": "ng c", "ô": "m n ng p t c", "ơ": "m n p t",
        "u": "m n ng p t c", "ư": "m n ng t c", "iê": "m n ng p t c u",
        "yê": "m n ng t u", "uô": "m n ng t c i", "ươ": "m n ng p t c i u",
        "oa": "m n ng nh p t c ch i y o", "oă": "m n ng t c", "oe": "m n t o",
        "uâ": "n ng t y", "uê": "n nh ch", "uy": "n nh t ch p u a", "uyê": "n t",
        "a_": "i o u y", "â_": "u y", "e_": "o", "ê_": "u", "i_": "a u",
        "o_": "i", "ô_": "i", "ơ_": "i", "u_": "a i ê ơ y", "ư_": "a i u",
    }
    out = set("a e ê i y o ô ơ u ư oa oe uy".split())
    for nucleus, finals in with_finals.items():
        n = nucleus.rstrip("_")
        for f in finals.split():
            out.add(n + f)
            if f == "c":
                out.add(n + "k")  # minority place names: Đắk Lắk, Krông Pắk
    return frozenset(out)


RHYMES = _rhymes()


@lru_cache(maxsize=4096)
def _decompose_char(ch: str) -> tuple[str, int]:
    """One letter -> (letter without tone, tone index)."""
    d = unicodedata.normalize("NFD", ch)
    tone = 0
    kept = []
    for c in d:
        if c in _TONE_OF:
            tone = _TONE_OF[c]
        else:
            kept.append(c)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def split_tone(word: str) -> tuple[str, int]:
    """'nghiệp' -> ('nghiêp', 5). With several tone marks the last one wins."""
    tone = 0
    out = []
    for ch in word:
        base, t = _decompose_char(ch)
        out.append(base)
        if t:
            tone = t
    return "".join(out), tone


@lru_cache(maxsize=65536)
def strip_marks(word: str) -> str:
    """Every mark removed, đ -> d: the form text takes when typed without accents."""
    d = unicodedata.normalize("NFD", word)
    s = "".join(c for c in d if not unicodedata.combining(c))
    return s.replace("đ", "d").replace("Đ", "D")


def add_tone(letter: str, tone: int) -> str:
    return unicodedata.normalize("NFC", letter + TONE_MARKS[tone]) if tone else letter


def has_marks(word: str) -> bool:
    return strip_marks(word) != word


@lru_cache(maxsize=65536)
def parse(word: str) -> tuple[str, str, int] | None:
    """Lower-case syllable -> (onset, rhyme, tone), or None if not Vietnamese."""
    base, tone = split_tone(word)
    if not base or not base.isalpha():
        return None
    for k in (3, 2, 1, 0):
        onset, rhyme = base[:k], base[k:]
        if onset not in ONSETS:
            continue
        if onset == "gi" and rhyme and rhyme[0] not in BASE_VOWELS:
            continue  # 'gìn' is g + in
        if not rhyme:
            if onset == "gi":  # 'gì'
                return "g", "i", tone
            continue
        if rhyme in RHYMES:
            if rhyme.endswith(_STOP_FINALS) and tone not in (1, 5):
                continue
            return onset, rhyme, tone
    return None


def is_valid(word: str) -> bool:
    """True for a well-formed Vietnamese syllable in any letter case."""
    return parse(word.lower()) is not None
