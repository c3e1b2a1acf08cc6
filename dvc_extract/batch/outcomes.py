"""Outcomes of reports that never returned one themselves: a hang cut off by the
timeout, a worker that died, a task the executor could not run."""
from __future__ import annotations

import signal
from typing import Optional

from ..errors import ExitCode
from .jobs import Job
from .store import FAILED


def _failed(job: Job, exit_code: int, error: str, seconds: Optional[float] = None) -> dict:
    return {"sha256": job.sha256, "path": job.path, "out_dir": job.out_dir, "status": FAILED,
            "error": error, "exit_code": exit_code, "seconds": seconds, "tables": None,
            "findings_count": None, "tables_json": None, "findings": None}


def timed_out(job: Job, timeout: Optional[float]) -> dict:
    return _failed(job, int(ExitCode.TIMEOUT), f"timed out after {timeout:g} s (--timeout)", timeout)


def crashed(job: Job, exitcode: Optional[int]) -> dict:
    """A worker that died mid-report; a negative exit code is the signal that killed it."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return _failed(job, 128 - exitcode, f"worker died ({name})")
    return _failed(job, int(ExitCode.INTERNAL), f"worker exited with status {exitcode}")


def raised(job: Job, error: BaseException) -> dict:
    message = " ".join(str(error).split())
    return _failed(job, int(ExitCode.INTERNAL), f"{type(error).__name__}{': ' + message if message else ''}")
