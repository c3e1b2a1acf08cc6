"""One report's whole job, as `dvc-extract REPORT` and `dvc-extract batch` do it:
extract, write the chosen formats, and decide the exit status.

    result = dvc_extract.api.process("report.pdf", "out/report", fail_on="inconsistent")
    result.exit_code   # ExitCode.OK, .FINDINGS or .NO_TABLES
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .errors import ExitCode, InputNotFound, OutputNotWritable, UsageError
from .export import write_all
from .export.atomic import check_writable
from .model import Report
from .progress import Progress
from .pipeline import extract
from .settings import Settings

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
    report = extract(str(path), settings, progress=progress)
    try:
        written = write_all(report, outdir, formats)
    except OSError as e:
        raise OutputNotWritable(f"cannot write outputs to {outdir}/: {e.strerror or e}") from None
    return Result(report, outdir, written, exit_status(report, fail_on))


def exit_status(report: Report, fail_on: Optional[str] = None) -> ExitCode:
    """NO_TABLES only when there is nothing at all to report (no table, no claim checked,
    no finding); FINDINGS when ``fail_on`` findings exist."""
    if not report.tables and not report.claims and not report.findings:
        return ExitCode.NO_TABLES
    if fail_on and any(fail_on == "any" or f.verdict == fail_on for f in report.findings):
        return ExitCode.FINDINGS
    return ExitCode.OK
