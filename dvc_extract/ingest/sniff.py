"""What kind of file a path holds, told by its first bytes, not its name."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from ..errors import InputNotFound, UnsupportedInput

InputFormat = Literal["pdf", "image"]

# Signatures of the inputs we read; a PDF may carry a few junk bytes before
# its header (readers accept up to 1024), so it is searched for, not matched.
_IMAGE_SIGNATURES = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
)


def input_format(path: str | Path) -> InputFormat:
    p = Path(path)
    if not p.exists():
        raise InputNotFound(f"{p}: no such file")
    if not p.is_file():
        raise UnsupportedInput(f"{p}: not a file")
    with p.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_IMAGE_SIGNATURES):
        return "image"
    raise UnsupportedInput(f"{p}: neither a PDF nor a PNG/JPEG/TIFF image")
