"""Schema stage: table kinds, typed columns, total rows."""
from __future__ import annotations

from ..model import Table


def type_tables(tables: list[Table]) -> list[Table]:
    return tables
