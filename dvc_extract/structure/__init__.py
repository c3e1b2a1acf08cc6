"""Structure stage: raw grids become logical tables."""
from __future__ import annotations

from ..model import RawTable, Table


def build(raw_tables: list[RawTable]) -> list[Table]:
    raise NotImplementedError
