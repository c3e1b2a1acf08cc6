"""Export stage: a report written as JSON, CSV, XLSX, a long table of measures
(CSV and Parquet) and an HTML audit page.

Every file is written to a temporary name and renamed into place, so an
interrupted run leaves either the previous file or the new one, never half.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from ..model import Report
from . import atomic, audit_html, csv_tables, findings_json, measures, tables_json, xlsx

FORMATS = ("json", "csv", "xlsx", "measures", "html")


def write_all(report: Report, outdir: str | Path, formats: Optional[Iterable[str]] = None,
              csv_dialect: str = "excel") -> dict[str, list[Path]]:
    """Write the chosen formats (default: all) into ``outdir``, CSV files in ``csv_dialect``
    (Settings.csv_dialect); returns the paths by format."""
    chosen = list(formats) if formats is not None else list(FORMATS)
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown output format(s): {', '.join(unknown)}")
    outdir = Path(outdir)
    written: dict[str, list[Path]] = {}
    # The folder is written whole and swapped in: its files are all of one run.
    with atomic.atomic_folder(outdir) as folder:
        # audit.html first: its evidence crops are the run's largest passing need of memory,
        # which should not stack on what the other writers leave in the heap.
        if "html" in chosen:
            written["html"] = [audit_html.write(report, folder)]
        if "json" in chosen:
            written["json"] = [tables_json.write(report, folder), findings_json.write(report, folder)]
        if "csv" in chosen:
            written["csv"] = csv_tables.write(report, folder, csv_dialect)
        if "measures" in chosen:
            written["measures"] = measures.write(report, folder, csv_dialect)
        if "xlsx" in chosen:
            written["xlsx"] = [xlsx.write(report, folder)]
    return {fmt: [outdir / p.relative_to(folder) for p in written[fmt]] for fmt in FORMATS if fmt in written}


__all__ = ["write_all", "FORMATS"]
