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


def write_all(report: Report, outdir: str | Path, formats: Optional[Iterable[str]] = None) -> dict[str, list[Path]]:
    """Write the chosen formats (default: all) into ``outdir``; returns the paths by format."""
    chosen = list(formats) if formats is not None else list(FORMATS)
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown output format(s): {', '.join(unknown)}")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    atomic.remove_leftovers(outdir)
    written: dict[str, list[Path]] = {}
    if "json" in chosen:
        written["json"] = [tables_json.write(report, outdir), findings_json.write(report, outdir)]
    if "csv" in chosen:
        written["csv"] = csv_tables.write(report, outdir)
    if "measures" in chosen:
        written["measures"] = measures.write(report, outdir)
    if "xlsx" in chosen:
        written["xlsx"] = [xlsx.write(report, outdir)]
    if "html" in chosen:
        written["html"] = [audit_html.write(report, outdir)]
    return written


__all__ = ["write_all", "FORMATS"]
