"""Unicode -> legacy 8-bit Vietnamese encodings, the inverse of `legacy`.

Used to build legacy-font test documents and to check the decoding tables
letter by letter. Output is a str whose code points are the legacy bytes (the
way a PDF reader reports text in such a font).
"""
from __future__ import annotations

import unicodedata

from .legacy import _VNI_LETTERS, _VNI_MARKS, TCVN3, VISCII
from .syllable import TONE_MARKS

_TCVN3_INV = {c: b for b, c in TCVN3.items() if not unicodedata.combining(c)}
_TCVN3_TONE = {c: b for b, c in TCVN3.items() if unicodedata.combining(c)}
_VISCII_INV = {c: b for b, c in VISCII.items()}
_VNI_MARK_INV = {m: k for k, m in _VNI_MARKS.items()}
_VNI_LETTER_INV = {v: k for k, v in _VNI_LETTERS.items() if v in "ơưđ"}


def _split(ch: str) -> tuple[str, str]:
    """'ấ' -> ('â', '\u0301'): letter with its quality mark, and its tone mark."""
    d = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in d if c in TONE_MARKS[1:])
    rest = "".join(c for c in d if c not in TONE_MARKS[1:])
    return unicodedata.normalize("NFC", rest), tone


def encode_tcvn3(text: str, capitals: bool = False) -> str:
    """TCVN3 text; with `capitals`, for a .VnTimeH-style font (lower-case code points)."""
    if capitals:
        text = text.lower()
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3_INV:
            out.append(chr(_TCVN3_INV[ch]))
            continue
        base, tone = _split(ch)
        if tone and (base in _TCVN3_INV or base.isascii()):
            out.append(chr(_TCVN3_INV[base]) if base in _TCVN3_INV else base)
            out.append(chr(_TCVN3_TONE[tone]))
        else:
            out.append(ch)
    return "".join(out)


def encode_viscii(text: str) -> str:
    return "".join(chr(_VISCII_INV[c]) if c in _VISCII_INV else c for c in unicodedata.normalize("NFC", text))


def encode_vni(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        low = ch.lower()
        upper = ch != low
        base, tone = _split(low)
        if base in _VNI_LETTER_INV and base in "đ":
            out.append(_VNI_LETTER_INV[base].upper() if upper else _VNI_LETTER_INV[base])
            continue
        if base in ("ơ", "ư"):
            letter = _VNI_LETTER_INV[base]
            mark = tone
        else:
            d = unicodedata.normalize("NFD", base)
            letter, mark = d[0], d[1:] + tone
        if letter == "i" and tone:
            special = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}[tone]
            out.append(special.upper() if upper else special)
            continue
        out.append(letter.upper() if upper else letter)
        if mark:
            m = _VNI_MARK_INV[mark]
            out.append(m.upper() if upper else m)
    return "".join(out)


def encode_cp1258(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258").decode("latin-1"))
            continue
        except UnicodeEncodeError:
            pass
        base, tone = _split(ch)
        try:
            out.append((base + tone).encode("cp1258").decode("latin-1"))
        except UnicodeEncodeError:
            out.append(ch)
    return "".join(out)


ENCODERS = {"tcvn3": encode_tcvn3, "vni": encode_vni, "viscii": encode_viscii, "cp1258": encode_cp1258}
