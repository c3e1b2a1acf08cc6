"""Reports on a local process pool, one report per task.

Pebble's pool rather than ``concurrent.futures``: it kills the one worker whose
task runs past its timeout (a hang in a stage) and reports a worker that dies
(a crash in native code) against that task alone, replacing the worker, where
the standard pool can do neither and breaks whole on a dead worker.
"""
from __future__ import annotations

import concurrent.futures
from dataclasses import asdict
from typing import Iterable, Iterator, Optional

from pebble import ProcessExpired, ProcessPool

from .jobs import Job
from .outcomes import crashed, raised, timed_out
from ..processes import init_worker, pool_context
from .task import process_report


def run_local(jobs: Iterable[Job], workers: int, timeout: Optional[float],
              settings=None, formats=None) -> Iterator[dict]:
    """Outcomes (see ``task.process_report``) in the order reports finish."""
    jobs = list(jobs)
    if not jobs:
        return
    pool = ProcessPool(max_workers=max(1, min(workers, len(jobs))), context=pool_context("dvc_extract.pipeline"),
                       initializer=init_worker)
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
