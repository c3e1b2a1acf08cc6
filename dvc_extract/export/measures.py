"""`measures.csv` and `measures.parquet`: every number of the report in long form
(report, table, row, col, unit, metric, value, period, page, confidence), with
`findings`: the verdicts of the findings that involve the number, so a flagged or
unreadable value never travels without its flag.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from ..model import Report
from ..typed import tidy
from .atomic import atomic_path
from .csv_tables import DIALECTS, ENCODING


def write(report: Report, outdir: Path, dialect: str = "excel") -> list[Path]:
    df = tidy(report)
    csv_path, parquet_path = Path(outdir) / "measures.csv", Path(outdir) / "measures.parquet"
    delimiter, decimal = DIALECTS[dialect]
    with atomic_path(csv_path) as tmp:
        df.to_csv(tmp, index=False, encoding=ENCODING, sep=delimiter, decimal=decimal)
    with atomic_path(parquet_path) as tmp:
        df.to_parquet(tmp, index=False)
    # Arrow's allocator keeps what it has freed; a long report's would stay with the process.
    pa.default_memory_pool().release_unused()
    return [csv_path, parquet_path]
