"""One report, run where a worker runs it (a local process or a Dask worker).

It never raises for a bad report: every outcome comes back as a plain dict
(picklable, small: no page images) for the parent to write to the store.
"""
from __future__ import annotations

import logging
import time
import warnings
from typing import Optional

from ..errors import DvcExtractError, NoTablesFound
from .store import DONE, FAILED, NO_TABLES

EXIT_INTERNAL = 10  # as `dvc-extract REPORT` exits on an unexpected error
EXIT_OUTPUT = 9  # the output folder cannot be written


def quiet_libraries() -> None:
    # pdfminer and camelot warn per page; the batch prints one line per report.
    warnings.simplefilter("ignore")
    logging.getLogger().setLevel(logging.ERROR)


def _one_line(text) -> str:
    return " ".join(str(text).split())


def process_report(job: dict, settings=None, formats: Optional[list[str]] = None) -> dict:
    """Extract ``job['path']``, write its outputs to ``job['out_dir']``, return the outcome."""
    from ..export import write_all
    from ..export.findings_json import finding_dict
    from ..export.tables_json import report_dict
    from ..pipeline import extract

    quiet_libraries()
    started = time.monotonic()
    outcome = {"sha256": job["sha256"], "path": job["path"], "out_dir": job["out_dir"],
               "status": FAILED, "error": None, "exit_code": EXIT_INTERNAL,
               "tables": None, "findings_count": None, "tables_json": None, "findings": None}
    report = None
    try:
        try:
            report = extract(job["path"], settings)
        except NoTablesFound as e:
            # A stage may carry what it read; its claims and findings are still worth keeping.
            report = getattr(e, "report", None)
            if report is None:
                raise
        try:
            write_all(report, job["out_dir"], formats)
        except OSError as e:
            outcome.update(exit_code=EXIT_OUTPUT,
                           error=f"cannot write outputs to {job['out_dir']}/: {e.strerror or e}")
            return outcome
        outcome.update(
            status=DONE if report.tables else NO_TABLES,
            exit_code=0 if report.tables else NoTablesFound.exit_code,
            tables=len(report.tables),
            findings_count=len(report.findings),
            tables_json=report_dict(report),
            findings=[finding_dict(f) for f in report.findings],
        )
    except DvcExtractError as e:
        outcome.update(exit_code=e.exit_code, error=_one_line(e) or type(e).__name__)
    except Exception as e:  # noqa: BLE001 — a crash in a stage fails this report, not the batch
        message = _one_line(e)
        outcome.update(error=f"internal error: {type(e).__name__}{': ' + message if message else ''}")
    finally:
        outcome["seconds"] = round(time.monotonic() - started, 3)
    return outcome
