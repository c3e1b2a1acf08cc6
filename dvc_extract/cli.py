"""The `dvc-extract` command.

    dvc-extract REPORT [--out DIR] [--format json,csv,xlsx,measures,html] [--fail-on inconsistent]
    dvc-extract text repair            < lines  > repaired lines
    dvc-extract units match "NAME" [--date YYYY-MM-DD]

Errors are one line on stderr, ``dvc-extract: <message>``, and a distinct exit
code (see errors.py); a traceback only with ``--debug``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import logging
import os
import signal
import sys
import traceback
import warnings
from collections import Counter
from pathlib import Path
from typing import Callable, Optional

from . import errors
from .errors import DvcExtractError, NoTablesFound

PROG = "dvc-extract"
EXIT_INTERNAL = 10
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # as a shell reports a process killed by SIGPIPE
EXIT_TERMINATED = 143  # as a shell reports a process killed by SIGTERM
FAIL_ON = ("inconsistent", "unreadable", "any")


class UsageError(DvcExtractError):
    """Wrong arguments (argparse's own exit code 2 is taken by --fail-on)."""

    exit_code = 64


class OutputNotWritable(DvcExtractError):
    """The output folder cannot be created or written."""

    exit_code = 9


class Terminated(BaseException):
    """SIGTERM, turned into an exception so partial outputs are cleaned up on the way out."""


def _on_sigterm(signum, frame):
    raise Terminated()


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, our exit code
        raise UsageError(f"{message} (see '{self.prog} --help')")


# --------------------------------------------------------------------------- report

def _report_parser() -> argparse.ArgumentParser:
    from .export import FORMATS

    p = Parser(
        prog=PROG,
        description="Clean, verified tables from a Vietnamese report on online public services "
                    "(born-digital or scanned PDF, or a page image).",
        epilog="Other commands: 'dvc-extract text repair' (stdin → stdout) and "
               "'dvc-extract units match NAME [--date YYYY-MM-DD]'.",
    )
    p.add_argument("report", metavar="REPORT", help="PDF, or PNG/JPEG/TIFF page image(s)")
    p.add_argument("--out", metavar="DIR", default="out",
                   help="outputs go to DIR/<report stem>/ (default: ./out)")
    p.add_argument("--format", action="append", metavar="FMT",
                   help=f"output formats, comma-separated or repeated: {','.join(FORMATS)} (default: all)")
    p.add_argument("--fail-on", choices=FAIL_ON,
                   help=f"exit {errors.EXIT_FINDINGS} when findings of this verdict (or any) exist")
    p.add_argument("--set", action="append", metavar="NAME=VALUE", default=[],
                   help="override a setting, e.g. --set min_cell_confidence=0.9 (see Settings)")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    p.add_argument("--debug", action="store_true", help="show tracebacks and library warnings")
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return p


def _version() -> str:
    from . import __version__

    return __version__


def parse_formats(values: Optional[list[str]]) -> Optional[list[str]]:
    from .export import FORMATS

    if not values:
        return None
    chosen = [f.strip().lower() for v in values for f in v.split(",") if f.strip()]
    bad = [f for f in chosen if f not in FORMATS]
    if bad:
        raise UsageError(f"unknown format {', '.join(bad)} (choose from {', '.join(FORMATS)})")
    return chosen


def settings_from(pairs: list[str]):
    """Settings with ``NAME=VALUE`` overrides, each converted to its field's type."""
    import dataclasses

    from .settings import Settings

    fields = {f.name: f for f in dataclasses.fields(Settings)}
    changes = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in fields:
            raise UsageError(f"--set {pair}: expected NAME=VALUE with NAME one of {', '.join(fields)}")
        kind = type(getattr(Settings(), name))
        try:
            changes[name] = (raw.strip().lower() in ("1", "true", "yes")) if kind is bool else kind(raw)
        except ValueError:
            raise UsageError(f"--set {pair}: {name} takes a {kind.__name__}") from None
    try:
        return Settings(**changes)
    except ValueError as e:
        raise UsageError(f"--set: {e}") from None


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7] -> '1–3, 7'."""
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}–{n}")
            start = None
    return ", ".join(out)


def summary(report, outdir: Path, written: dict) -> str:
    doc = report.document
    by_kind: dict[str, list[int]] = {}
    for p in doc.pages:
        by_kind.setdefault(p.kind, []).append(p.number)
    kinds = "; ".join(f"{k} {_ranges(v)}" for k, v in by_kind.items())
    lines = [f"{Path(doc.path).name}: {doc.page_count} page(s) ({kinds})"]
    lines.append(f"tables: {len(report.tables)}")
    for t in report.tables:
        pages = _ranges(sorted(set(t.pages)))
        lines.append(f"  {t.id:<6} p.{pages:<7} {len(t.rows):>3} rows × {len(t.columns):>2} cols  "
                     f"{t.caption or '(no caption)'}")
    sev = Counter(f.severity for f in report.findings)
    verdicts = Counter(f.verdict for f in report.findings)
    lines.append(
        f"findings: {sev['error']} error, {sev['warning']} warning, {sev['info']} info"
        + (" (" + ", ".join(f"{v}: {n}" for v, n in sorted(verdicts.items())) + ")" if verdicts else "")
        + f"; claims checked in prose: {len(report.claims)}"
    )
    files = []
    for fmt, paths in written.items():
        if fmt == "csv":
            files.append(f"csv/ ({len(paths)} files)")
        else:
            files.extend(p.name for p in paths)
    lines.append(f"outputs: {outdir}/ ({', '.join(files)})")
    return "\n".join(lines)


def _write(report, outdir: Path, formats, quiet: bool) -> None:
    from .export import write_all

    try:
        written = write_all(report, outdir, formats)
    except OSError as e:
        raise OutputNotWritable(f"cannot write outputs to {outdir}/: {e.strerror or e}") from None
    if not quiet:
        print(summary(report, outdir, written), flush=True)


def run_report(argv: list[str]) -> int:
    args = _report_parser().parse_args(argv)
    formats = parse_formats(args.format)
    settings = settings_from(args.set)
    path = Path(args.report)
    if not path.exists():  # checked here too so the message names what the user typed
        raise errors.InputNotFound(f"{args.report}: no such file")
    from .pipeline import extract

    outdir = Path(args.out) / path.stem
    try:
        report = extract(str(path), settings)
    except NoTablesFound as e:
        # A stage may carry what was read; the document, claims and findings are still written.
        report = getattr(e, "report", None)
        if report is not None:
            _write(report, outdir, formats, args.quiet)
        raise
    _write(report, outdir, formats, args.quiet)
    if not report.tables:
        raise NoTablesFound(f"{args.report}: no table found (document, claims and findings written to {outdir}/)")
    if args.fail_on:
        hits = [f for f in report.findings if args.fail_on == "any" or f.verdict == args.fail_on]
        if hits:
            return errors.EXIT_FINDINGS
    return 0


# --------------------------------------------------------------------------- subcommands

def _provided(module: str, name: str, what: str):
    """A function another stage provides; a clear error when it is not there."""
    try:
        fn = getattr(importlib.import_module(module), name, None)
    except ImportError as e:
        raise DvcExtractError(f"{what} is not available ({module}: {e})") from None
    if fn is None:
        raise DvcExtractError(f"{what} is not available ({module}.{name} is missing)")
    return fn


def run_text(argv: list[str]) -> int:
    p = Parser(prog=f"{PROG} text", description="Vietnamese text repair.")
    p.add_argument("action", choices=["repair"],
                   help="repair: read lines on stdin, write each repaired on stdout (same number of lines)")
    p.add_argument("--set", action="append", metavar="NAME=VALUE", default=[],
                   help="change a setting, e.g. tone_style=new (hoà, thuý) instead of old (hòa, thúy)")
    p.add_argument("--debug", action="store_true")
    args = p.parse_args(argv)
    settings = settings_from(args.set)
    repair = _provided("dvc_extract.text.repair", "repair_text", "text repair")
    stdin = open(sys.stdin.fileno(), encoding="utf-8", errors="replace", newline="", closefd=False)
    stdout = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="", closefd=False)
    interactive = sys.stdin.isatty()
    for line in stdin:
        body = line.rstrip("\r\n")
        # A repaired line stays one line, so output lines pair with input lines.
        fixed = " ".join(str(repair(body, settings)).splitlines())
        stdout.write(fixed + line[len(body):])
        if interactive:
            stdout.flush()
    stdout.flush()
    return 0


def _iso_date(s: str) -> dt.date:
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {s!r}") from None


def run_units(argv: list[str]) -> int:
    p = Parser(prog=f"{PROG} units", description="Canonical unit registry.")
    p.add_argument("action", choices=["match"], help="match: the registry units a name may mean, best first")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                   help="only units that existed on this date (default: any date)")
    p.add_argument("--top", type=int, default=5, help="candidates shown (default 5)")
    p.add_argument("--debug", action="store_true")
    args = p.parse_args(argv)
    match_name = _provided("dvc_extract.units.match", "match_name", "unit matching")
    candidates = list(match_name(args.name, date=args.date))
    matched = bool(candidates) and bool(getattr(candidates[0], "passed", False))
    if not matched:
        reason = getattr(candidates[0], "reason", "") if candidates else ""
        print(f"no match ({reason})" if reason else "no match")
    for i, c in enumerate(candidates[: max(args.top, 1)]):
        if i == (1 if matched else 0):
            print("runners-up:" if matched else "closest:")
        indent = "" if (i == 0 and matched) else "  "
        print(f"{indent}{c.name}\t{c.id or '—'}\t{c.score:.1f}")
    return 0 if matched else errors.EXIT_NO_MATCH


def run_batch(argv: list[str]) -> int:
    from .batch import main as batch_main  # imported on use: it loads the process pool

    return batch_main(argv)


SUBCOMMANDS = {"text": run_text, "units": run_units, "batch": run_batch}


# --------------------------------------------------------------------------- entry point

def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _quiet_libraries(debug: bool) -> None:
    # Library warnings (pdfminer, camelot) would break the one-line error contract.
    if debug:
        logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
        return
    warnings.simplefilter("ignore")
    logging.getLogger().addHandler(logging.NullHandler())
    logging.getLogger().setLevel(logging.ERROR)


def main(argv: Optional[list[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    _quiet_libraries(debug)
    return guarded(lambda: _dispatch(argv), debug)


def _dispatch(argv: list[str]) -> int:
    # REPORT is the default command; a first word naming a subcommand selects it.
    if argv and argv[0] in SUBCOMMANDS:
        return SUBCOMMANDS[argv[0]](argv[1:])
    return run_report(argv)


def guarded(work: Callable[[], int], debug: bool, prog: str = PROG, stop_note: str = "") -> int:
    """Run a command so that whatever happens ends in one line on stderr and an
    exit code (SIGTERM included); ``stop_note`` is added to the interrupted and
    terminated lines."""
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        return work()
    except KeyboardInterrupt:
        print(f"{prog}: interrupted{stop_note}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        print(f"{prog}: terminated{stop_note}", file=sys.stderr)
        return EXIT_TERMINATED
    except BrokenPipeError:
        # The reader went away (`… | head`); nothing useful to say, and nowhere to say it.
        # Later flushes of stdout go to /dev/null instead of raising again at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except DvcExtractError as e:
        if debug:
            traceback.print_exc()
        print(f"{prog}: {_one_line(e) or type(e).__name__}", file=sys.stderr)
        return e.exit_code
    except Exception as e:  # noqa: BLE001 — the last line of defence: one line, never a traceback
        if debug:
            traceback.print_exc()
        message = _one_line(e)
        hint = "" if debug else " (run with --debug for details)"
        print(f"{prog}: internal error: {type(e).__name__}{': ' + message if message else ''}{hint}",
              file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
