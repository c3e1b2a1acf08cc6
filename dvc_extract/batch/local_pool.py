"""Reports on a local process pool, one report per task.

Pebble's pool rather than ``concurrent.futures``: it kills the one worker whose
task runs past its timeout (a hang in a stage) and reports a worker that dies
(a crash in native code) against that task alone, replacing the worker, where
the standard pool can do neither and breaks whole on a dead worker.
"""
from __future__ import annotations

import concurrent.futures
import ctypes
import multiprocessing
import signal
import sys
from dataclasses import asdict
from typing import Iterable, Iterator, Optional

from pebble import ProcessExpired, ProcessPool

from .jobs import Job
from .outcomes import crashed, raised, timed_out
from ..command import quiet_libraries
from .task import process_report


def _context():
    # Workers fork from a server that has already imported the pipeline (camelot,
    # OpenCV, …), so a worker replaced after a timeout starts in milliseconds, and
    # none inherits the parent's open DuckDB connection or its threads.
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["dvc_extract.pipeline"])
        return ctx
    return multiprocessing.get_context("spawn")


def _init_worker() -> None:
    quiet_libraries()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if sys.platform.startswith("linux"):
        # Die with the process that forked us, so a batch killed outright leaves no
        # worker behind (PR_SET_PDEATHSIG = 1).
        try:
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)
        except (OSError, AttributeError):
            pass


def run_local(jobs: Iterable[Job], workers: int, timeout: Optional[float],
              settings=None, formats=None) -> Iterator[dict]:
    """Outcomes (see ``task.process_report``) in the order reports finish."""
    jobs = list(jobs)
    if not jobs:
        return
    pool = ProcessPool(max_workers=max(1, min(workers, len(jobs))), context=_context(),
                       initializer=_init_worker)
    try:
        futures = {pool.schedule(process_report, args=(asdict(job), settings, formats),
                                 timeout=timeout): job
                   for job in jobs}
        for future in concurrent.futures.as_completed(futures):
            job = futures[future]
            try:
                yield future.result()
            except TimeoutError:
                yield timed_out(job, timeout)
            except ProcessExpired as e:
                yield crashed(job, e.exitcode)
            except Exception as e:  # noqa: BLE001 — e.g. an outcome that would not pickle
                yield raised(job, e)
        pool.close()
    finally:
        # Normal end: workers are idle. Interrupted: reports in flight are dropped, and
        # the store never saw them, so the next run does them again.
        pool.stop()
        pool.join()
