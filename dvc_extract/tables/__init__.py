"""Tables stage: a cell grid (RawTable) for every region the layout found."""
from __future__ import annotations

from ..model import Document, Layout, RawTable


def read(document: Document, layout: Layout) -> list[RawTable]:
    raise NotImplementedError
