"""One report, run where a worker runs it (a local process or a Dask worker).

It never raises for a bad report: every outcome comes back as a plain dict
(picklable, small: no page images) for the parent to write to the store.
"""
from __future__ import annotations

import time
from typing import Optional

from ..command import one_line
from ..processes import quiet_libraries
from ..errors import DvcExtractError, ExitCode
from .store import DONE, FAILED, NO_TABLES


def process_report(job: dict, settings=None, formats: Optional[list[str]] = None) -> dict:
    """Extract ``job['path']``, write its outputs to ``job['out_dir']``, return the outcome."""
    from ..api import process
    from ..export.findings_json import check_dict, finding_dict
    from ..export.tables_json import report_dict

    # pdfminer and camelot warn per page; the batch prints one line per report.
    quiet_libraries()
    started = time.monotonic()
    outcome = {"sha256": job["sha256"], "path": job["path"], "out_dir": job["out_dir"],
               "status": FAILED, "error": None, "exit_code": int(ExitCode.INTERNAL),
               "tables": None, "findings_count": None, "tables_json": None, "findings": None}
    try:
        result = process(job["path"], job["out_dir"], formats, settings)
        report = result.report
        outcome.update(
            status=NO_TABLES if result.exit_code == ExitCode.NO_TABLES else DONE,
            exit_code=int(result.exit_code),
            tables=len(report.tables),
            findings_count=len(report.findings),
            tables_json=report_dict(report),
            findings=[finding_dict(f) for f in report.findings],
            checks=[check_dict(c) for c in report.checks],
        )
    except DvcExtractError as e:
        outcome.update(exit_code=int(e.exit_code), error=one_line(e) or type(e).__name__)
    except Exception as e:  # noqa: BLE001 — a crash in a stage fails this report, not the batch
        message = one_line(e)
        outcome.update(error=f"internal error: {type(e).__name__}{': ' + message if message else ''}")
    finally:
        outcome["seconds"] = round(time.monotonic() - started, 3)
    return outcome
