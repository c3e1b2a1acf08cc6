"""One report's whole job, as `dvc-extract REPORT` and `dvc-extract batch` do it:
extract, write the chosen formats, and decide the exit status.

    result = dvc_extract.api.process("report.pdf", "out/report", fail_on="inconsistent")
    result.exit_code   # ExitCode.OK, .FINDINGS or .NO_TABLES
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Optional

from . import typed, verify
from .errors import ExitCode, InputNotFound, OutputNotWritable, UsageError
from .export import findings_json, tables_json, write_all
from .export.atomic import check_writable
from .model import Report, Table
from .number import parse_number
from .pipeline import extract
from .progress import Progress
from .settings import Settings
from .text.column import table_read_as

# Which findings make `--fail-on` end in ExitCode.FINDINGS: a verdict, or any finding.
FAIL_ON = ("inconsistent", "unreadable", "any")


@dataclass
class Result:
    report: Report
    outdir: Path
    written: dict[str, list[Path]]  # the files written, by format
    exit_code: ExitCode


def process(path: str | Path, outdir: str | Path, formats: Optional[Iterable[str]] = None,
            settings: Optional[Settings] = None, fail_on: Optional[str] = None,
            progress: Optional[Progress] = None) -> Result:
    """Extract ``path``, write its outputs into ``outdir``; raises a
    :class:`~dvc_extract.errors.DvcExtractError` for input that cannot be read."""
    if fail_on is not None and fail_on not in FAIL_ON:
        raise UsageError(f"fail_on must be one of {', '.join(FAIL_ON)}")
    path, outdir = Path(path), Path(outdir)
    if not path.exists():  # checked here too so the message names the path as given
        raise InputNotFound(f"{path}: no such file")
    try:  # before any page is read, not after minutes of OCR
        check_writable(outdir)
    except OSError as e:
        raise OutputNotWritable(f"cannot write outputs to {outdir}/: {e.strerror or e}") from None
    settings = settings or Settings()
    report = extract(str(path), settings, progress=progress)
    try:
        written = write_all(report, outdir, formats, settings.csv_dialect)
    except OSError as e:
        raise OutputNotWritable(f"cannot write outputs to {outdir}/: {e.strerror or e}") from None
    return Result(report, outdir, written, exit_status(report, fail_on))


# What each format leaves in a report's folder: verifying again rewrites the formats it holds.
_FORMAT_FILES = {"json": "tables.json", "csv": "csv", "xlsx": "tables.xlsx", "measures": "measures.csv",
                 "html": "audit.html"}


def reverify(tables: str | Path, formats: Optional[Iterable[str]] = None, settings: Optional[Settings] = None,
             fail_on: Optional[str] = None) -> Result:
    """Verify again a ``tables.json`` an auditor corrected by hand, and rewrite the outputs in its
    folder (by default, the formats the folder holds). A cell's value is read again from its
    text as its column reads numbers; a cell whose value changes so was corrected by hand and
    is read with certainty. The tables are checked again (and their checks counted again); the
    findings on prose and the counts of its checks (which tables.json does not hold) are kept
    from the folder's findings.json."""
    if fail_on is not None and fail_on not in FAIL_ON:
        raise UsageError(f"fail_on must be one of {', '.join(FAIL_ON)}")
    tables, outdir = Path(tables), Path(tables).parent
    if not tables.exists():
        raise InputNotFound(f"{tables}: no such file")
    try:
        report = tables_json.read(tables)
    except (ValueError, KeyError, TypeError) as e:
        raise UsageError(f"{tables}: not a tables.json written by dvc-extract ({e})") from None
    report.tables = typed.type_tables([_read_again(t) for t in report.tables])
    settings = settings or Settings()
    held_findings = outdir / "findings.json"
    previous = findings_json.read(held_findings) if held_findings.exists() else []
    previous_checks = findings_json.read_checks(held_findings) if held_findings.exists() else []
    tally = verify.Tally()
    found = verify.check(report, settings, verify.TABLE_RULES, tally)
    report.findings = [f for f in previous if f.table is None] + found
    report.checks = (tally.counts(found, [t.id for t in report.tables])
                     + [c for c in previous_checks if c.table is None])
    # The folder is written whole (export.atomic): every format it holds is written again,
    # with any asked for besides, so none of its files is lost.
    held = [f for f, name in _FORMAT_FILES.items() if f == "json" or (outdir / name).exists()]
    formats = held + [f for f in (formats or []) if f not in held]
    try:
        written = write_all(report, outdir, formats, settings.csv_dialect)
    except OSError as e:
        raise OutputNotWritable(f"cannot write outputs to {outdir}/: {e.strerror or e}") from None
    return Result(report, outdir, written, exit_status(report, fail_on))


def _read_again(table: Table) -> Table:
    read_as = table_read_as(table)
    rows = []
    for row in table.rows:
        cells = []
        for c in row.cells:
            value = parse_number(c.text, read_as[c.col] if c.col < len(read_as) else None).value
            corrected = value != c.value
            cells.append(replace(c, value=value, confidence=1.0 if corrected else c.confidence))
        rows.append(replace(row, cells=cells))
    return replace(table, rows=rows)


def exit_status(report: Report, fail_on: Optional[str] = None) -> ExitCode:
    """NO_TABLES only when there is nothing at all to report (no table, no claim checked,
    no finding); FINDINGS when ``fail_on`` findings exist."""
    if not report.tables and not report.claims and not report.findings:
        return ExitCode.NO_TABLES
    if fail_on and any(fail_on == "any" or f.verdict == fail_on for f in report.findings):
        return ExitCode.FINDINGS
    return ExitCode.OK
