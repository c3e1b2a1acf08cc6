"""`dvc-extract batch`: whole archives of reports into one DuckDB store.

    dvc-extract batch INPUT... [--store out/reports.duckdb] [--out DIR] [--jobs N]
                      [--timeout S] [--retry-failed] [--dask ADDRESS]

Workers extract reports and write their files; this process alone writes the
store, one transaction per report as each one finishes, so a run killed at any
moment is resumed by running it again. Exit codes: docs/batch.md.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from typing import Optional

import duckdb

from ..command import Parser, guarded, parse_formats, settings_from
from ..errors import DvcExtractError, ExitCode, InputNotFound, UsageError
from .jobs import plan
from .store import DONE, FAILED, NO_TABLES, Store

PROG = "dvc-extract batch"
DEFAULT_TIMEOUT = 1800.0  # a long scanned report at OCR resolution stays well under this


class StoreError(DvcExtractError):
    """The store cannot be opened or written (e.g. another batch holds it)."""

    exit_code = ExitCode.OUTPUT_NOT_WRITABLE


def _cpu_count() -> int:
    # The CPUs this process may use (a container's share), not the machine's.
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


def _parser() -> argparse.ArgumentParser:
    from ..export import FORMATS

    p = Parser(prog=PROG, description="Extract many reports (files or folders, searched "
                "recursively) in parallel into a DuckDB store; rerun to resume.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="report files or folders")
    p.add_argument("--store", default="out/reports.duckdb", metavar="FILE",
                   help="DuckDB store (default: out/reports.duckdb)")
    p.add_argument("--out", default="out", metavar="DIR",
                   help="each report's files go to DIR/<path below its input folder>/<stem>/ (default: ./out)")
    p.add_argument("--jobs", "-j", type=int, default=_cpu_count(), metavar="N",
                   help="reports extracted at once (default: CPU count)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                   help=f"a report still running after S seconds is failed (default {DEFAULT_TIMEOUT:g}; 0: none)")
    p.add_argument("--retry-failed", action="store_true", help="run reports that failed before again")
    p.add_argument("--dask", metavar="ADDRESS", help="run on this Dask scheduler instead of local processes")
    p.add_argument("--format", action="append", metavar="FMT",
                   help=f"output files, comma-separated: {','.join(FORMATS)} (default: all)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override a setting")
    p.add_argument("--quiet", action="store_true", help="print only the summary and errors")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    return p


def progress_line(n: int, total: int, o: dict) -> str:
    seconds = f"{o['seconds']:.1f}s" if o.get("seconds") is not None else "-"
    head = f"[{n}/{total}] {o['status']:<9} {seconds:>7}"
    if o["status"] == FAILED:
        error = o["error"] or ""
        # Errors from ingest already name the file.
        return f"{head}  exit {o['exit_code']:<3}  " + (error if o["path"] in error else f"{o['path']}: {error}")
    return f"{head}  {o['tables']} tables  {o['findings_count']} findings  {o['path']}"


def _open_store(path: str) -> Store:
    try:
        return Store(path)
    except (duckdb.Error, OSError) as e:
        raise StoreError(f"cannot open the store {path}: {' '.join(str(e).split())}") from None


def run(args: argparse.Namespace) -> int:

    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    settings = settings_from(args.set)
    if settings.jobs > 1:  # a report's worker cannot start workers of its own
        raise UsageError("batch reads its reports at once (--jobs); the pages of each one at a time "
                         "(setting jobs is 1)")
    formats = parse_formats(args.format)
    timeout = args.timeout if args.timeout and args.timeout > 0 else None
    for item in args.inputs:  # before the store is created for nothing
        if not os.path.exists(item):
            raise InputNotFound(f"{item}: no such file or folder")
    store = _open_store(args.store)
    try:
        work = plan(args.inputs, args.out, store.statuses(), args.retry_failed)
        if not args.quiet and (work.done or work.failed_before):
            print(f"skipping {len(work.done)} report(s) already in {args.store}"
                  + (f" and {len(work.failed_before)} that failed before (--retry-failed to redo)"
                     if work.failed_before else ""), flush=True)
        if args.dask:
            from .dask_cluster import run_dask

            outcomes = run_dask(work.todo, args.dask, timeout, settings, formats)
        else:
            from .local_pool import run_local

            outcomes = run_local(work.todo, args.jobs, timeout, settings, formats)
        counts: Counter = Counter()
        started = time.monotonic()
        try:
            for n, outcome in enumerate(outcomes, 1):
                try:
                    store.record(outcome)  # committed before it is reported
                except duckdb.Error as e:  # e.g. the disk is full: stop, the store stays whole
                    raise StoreError(f"cannot write the store {args.store}: {' '.join(str(e).split())}") from None
                counts[outcome["status"]] += 1
                if not args.quiet:
                    print(progress_line(n, len(work.todo), outcome), flush=True)
        finally:
            outcomes.close()  # stops the workers, also on Ctrl-C
        elapsed = time.monotonic() - started
        ran = sum(counts.values())
        rate = f", {ran / elapsed * 60:.1f} reports/min" if ran and elapsed > 0 else ""
        print(f"{ran} report(s) in {elapsed:.1f}s{rate}: {counts[DONE]} done, "
              f"{counts[NO_TABLES]} without tables, {counts[FAILED]} failed; "
              f"{len(work.done)} skipped (already done), {len(work.failed_before)} skipped (failed before)"
              + (f", {len(work.duplicates)} duplicate(s)" if work.duplicates else "")
              + f"; store: {args.store}", flush=True)
        # The exit code tells the state of these inputs, not just of this run: a report
        # that failed before and was skipped still fails the batch.
        return ExitCode.SOME_FAILED if counts[FAILED] or work.failed_before else ExitCode.OK
    finally:
        store.close()


def main(argv: Optional[list[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    return guarded(lambda: run(_parser().parse_args(argv)), "--debug" in argv, PROG,
                   " (finished reports are in the store; rerun to resume)")
