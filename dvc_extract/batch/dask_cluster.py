"""Reports on a Dask distributed cluster: the same per-report function as the local
pool, submitted to the scheduler at ADDRESS. The parent still writes the store.

Workers need dvc-extract installed and the inputs and ``--out`` folder at the same
paths (a shared filesystem). Only as many reports are submitted as the cluster has
threads, so a report's wall time counts from when it starts, and a run killed
outright has only those in flight.
"""
from __future__ import annotations

import time
from dataclasses import asdict
from typing import Iterable, Iterator, Optional

from ..errors import DvcExtractError
from .jobs import Job
from .outcomes import raised, timed_out
from .task import process_report


class DaskUnavailable(DvcExtractError):
    exit_code = 8  # a missing dependency, as for a missing system program


def _client(address: str):
    try:
        from dask.distributed import Client
    except ImportError:
        raise DaskUnavailable("--dask needs Dask: pip install 'dvc-extract[dask]'") from None
    try:
        return Client(address, timeout="20s")
    except (OSError, TimeoutError) as e:
        raise DvcExtractError(f"cannot reach the Dask scheduler at {address}: "
                              f"{' '.join(str(e).split())}") from None


def run_dask(jobs: Iterable[Job], address: str, timeout: Optional[float],
             settings=None, formats=None) -> Iterator[dict]:
    jobs = list(jobs)
    if not jobs:
        return
    client = _client(address)  # first: a missing Dask is a one-line error
    from dask.distributed import wait

    queue = iter(jobs)
    running: dict = {}  # future -> (job, started)
    # Reports past their timeout: Dask cannot stop a running task, so each keeps its
    # thread until it returns (its result is then dropped). Until then its slot stays
    # taken, so the next report does not queue behind it with its clock running; after
    # a second timeout the slot is given back whatever the task is doing.
    abandoned: dict = {}  # future -> when it was abandoned

    def submit_next() -> None:
        job = next(queue, None)
        if job is not None:
            # pure=False: a retried report is a new task, not the cached failure.
            future = client.submit(process_report, asdict(job), settings, formats, pure=False)
            running[future] = (job, time.monotonic())

    try:
        slots = max(1, sum(client.nthreads().values()))
        for _ in range(slots):
            submit_next()
        while running or abandoned:
            now = time.monotonic()
            left = ([timeout - (now - t0) for _, t0 in running.values()]
                    + [timeout - (now - t0) for t0 in abandoned.values()]) if timeout else []
            try:
                finished = wait([*running, *abandoned], timeout=max(min(left), 0.05) if left else None,
                                return_when="FIRST_COMPLETED").done
            except TimeoutError:
                finished = set()
            for future in finished:
                if future in abandoned:
                    del abandoned[future]
                    submit_next()
                    continue
                job, _ = running.pop(future)
                try:
                    yield future.result()
                except Exception as e:  # noqa: BLE001 — KilledWorker, an unpicklable result, …
                    yield raised(job, e)
                submit_next()
            if timeout:
                now = time.monotonic()
                for future, (job, t0) in list(running.items()):
                    if now - t0 > timeout:
                        running.pop(future)
                        abandoned[future] = now
                        yield timed_out(job, timeout)
                for future, t0 in list(abandoned.items()):
                    if now - t0 > timeout:
                        del abandoned[future]
                        future.cancel()
                        submit_next()
    finally:
        for future in [*running, *abandoned]:
            future.cancel()
        client.close()
