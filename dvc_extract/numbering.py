"""Row numbering (STT): "1", "12", "4.1.", "5.1.2", "II", "a)" — what starts a body row."""
from __future__ import annotations

import re
from typing import Optional

_DECIMAL_NUMBERING = re.compile(r"^\d{1,3}(?:\.\d{1,3})*[.)]?$")
_ROMAN = re.compile(r"^(?=[IVXLC])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})\.?$")
_LETTER = re.compile(r"^[a-zđ][).]$")


def clean(text: Optional[str]) -> str:
    return " ".join((text or "").split())


def is_numbering(text: Optional[str]) -> bool:
    s = clean(text)
    return bool(s) and bool(_DECIMAL_NUMBERING.match(s) or _ROMAN.match(s) or _LETTER.match(s))


def numbering_key(text: Optional[str]) -> Optional[tuple[int, ...]]:
    """"5.1.2." → (5, 1, 2); None for roman/letter numbering and non-numbering."""
    s = clean(text).rstrip(".)")
    if not s or not _DECIMAL_NUMBERING.match(s):
        return None
    return tuple(int(p) for p in s.split("."))


def continues(before: Optional[str], after: Optional[str]) -> bool:
    """Does numbering ``after`` plausibly follow ``before`` ("5" → "6", "5.1." → "5.1.1.", "4.2" → "5")?"""
    a, b = numbering_key(before), numbering_key(after)
    if a is None or b is None or b <= a:
        return False
    if b[: len(a)] == a and len(b) == len(a) + 1 and b[-1] <= 1:
        return True  # first child: "5.1." → "5.1.1."
    for depth in range(min(len(a), len(b)), 0, -1):
        if a[: depth - 1] == b[: depth - 1] and b[depth - 1] == a[depth - 1] + 1:
            return all(x <= 1 for x in b[depth:])
    return False


_INDEX_TOKEN = re.compile(r"^\(?(\d{1,2}|[A-Z])\)?(?:\s*=.*)?$")


def is_column_index_row(texts: list[str]) -> bool:
    """A row numbering the columns under a header: "(1) (2) (3) …", "A B 1 2 3", "(4)=(2)+(3)"."""
    tokens = []
    for t in texts:
        s = clean(t)
        if not s:
            continue
        m = _INDEX_TOKEN.match(s)
        if not m:
            return False
        tokens.append(m.group(1))
    letters = [t for t in tokens if not t.isdigit()]
    digits = [int(t) for t in tokens if t.isdigit()]
    if tokens[: len(letters)] != letters:
        return False  # letters (row-label columns) come first
    letters_ok = all(ord(b) == ord(a) + 1 for a, b in zip(letters, letters[1:]))
    digits_ok = all(b == a + 1 for a, b in zip(digits, digits[1:]))
    return (len(tokens) >= 3 and len(digits) >= 2 and digits[0] <= 1
            and letters_ok and digits_ok)
