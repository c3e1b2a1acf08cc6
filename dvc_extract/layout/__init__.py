"""Layout stage: table regions, their captions, and prose blocks."""
from __future__ import annotations

from ..model import Document, Layout


def find(document: Document) -> Layout:
    raise NotImplementedError
