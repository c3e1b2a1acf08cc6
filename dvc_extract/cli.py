"""The `dvc-extract` command.

    dvc-extract REPORT [--out DIR] [--format json,csv,xlsx,measures,html] [--fail-on inconsistent]
    dvc-extract text repair            < lines  > repaired lines
    dvc-extract units match "NAME" [--province P] [--date YYYY-MM-DD]
    dvc-extract verify out/REPORT/tables.json   (after a cell was corrected by hand)

Errors are one line on stderr, ``dvc-extract: <message>``, and a distinct exit
code (see errors.py); a traceback only with ``--debug``.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import select
import sys
from collections import Counter, deque
from pathlib import Path
from typing import Optional

from .command import PROG, PageCounter, Parser, guarded, parse_formats, settings_from
from .processes import quiet_libraries
from .errors import ExitCode, InputNotFound, NoTablesFound, UsageError
from .settings import CSV_DIALECTS


# --------------------------------------------------------------------------- report

def _report_parser() -> argparse.ArgumentParser:
    from .api import FAIL_ON
    from .export import FORMATS

    p = Parser(
        prog=PROG,
        description="Clean, verified tables from a Vietnamese report on online public services "
                    "(born-digital or scanned PDF, or a page image).",
        epilog="Other commands: 'dvc-extract batch FOLDER|FILES… --store S.duckdb' (whole archives, "
               "resumable), 'dvc-extract text repair' (stdin → stdout), "
               "'dvc-extract units match NAME [--province P] [--date YYYY-MM-DD]' and "
               "'dvc-extract verify out/REPORT/tables.json' (verify a hand-corrected tables.json again). "
               "Each has its own --help.",
    )
    p.add_argument("report", metavar="REPORT", help="PDF, or PNG/JPEG/TIFF page image(s)")
    p.add_argument("--out", metavar="DIR", default="out",
                   help="outputs go to DIR/<report stem>/ (default: ./out)")
    p.add_argument("--format", action="append", metavar="FMT",
                   help=f"output formats, comma-separated or repeated: {','.join(FORMATS)} (default: all)")
    p.add_argument("--fail-on", choices=FAIL_ON,
                   help=f"exit {int(ExitCode.FINDINGS)} when findings of this verdict (or any) exist")
    p.add_argument("--set", action="append", metavar="NAME=VALUE", default=[],
                   help="override a setting, e.g. --set min_cell_confidence=0.9 (see Settings)")
    p.add_argument("--pages", metavar="LIST", help="read only these pages, e.g. 1-5,9 (as numbered in the file)")
    layer = p.add_mutually_exclusive_group()
    layer.add_argument("--force-ocr", action="store_const", dest="text_layer", const="ocr",
                       help="read every page from its image, even one with a good text layer (one made by "
                            "another OCR); by default a page's text layer is used when it is readable Vietnamese")
    layer.add_argument("--skip-text", action="store_const", dest="text_layer", const="trust",
                       help="use the text layer of every page that has one, even one that looks garbled; "
                            "only pages without text are OCR'd")
    p.add_argument("--jobs", "-j", type=int, metavar="N",
                   help="read N scanned pages at once, each in its own process (default 1; "
                        "up to N times faster on N cores, with N pages' images in memory)")
    p.add_argument("--password", metavar="PW", help="the password of an encrypted PDF")
    p.add_argument("--csv-dialect", choices=CSV_DIALECTS,
                   help="CSV files for Excel/LibreOffice in an English locale (excel: ',' and decimal point, "
                        "the default) or in a Vietnamese one (excel-vn: ';' and decimal comma)")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    p.add_argument("--debug", action="store_true", help="show tracebacks and library warnings")
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return p


def _version() -> str:
    from . import __version__

    return __version__


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
    by_source: dict[str, list[int]] = {}
    for p in doc.pages:
        by_source.setdefault(p.source, []).append(p.number)
    kinds = "; ".join(f"{k} {_ranges(v)}" for k, v in by_source.items())
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
    made, passed = sum(c.made for c in report.checks), sum(c.passed for c in report.checks)
    lines.append(f"checks: {made} made, {passed} passed" if made else "checks: none made (nothing could be checked)")
    files = []
    for fmt, paths in written.items():
        if fmt == "csv":
            files.append(f"csv/ ({len(paths)} files)")
        else:
            files.extend(p.name for p in paths)
    lines.append(f"outputs: {outdir}/ ({', '.join(files)})")
    return "\n".join(lines)


def run_report(argv: list[str]) -> int:
    args = _report_parser().parse_args(argv)
    formats = parse_formats(args.format)
    settings = settings_from(args.set + ([f"pages={args.pages}"] if args.pages else [])
                             + ([f"text_layer={args.text_layer}"] if args.text_layer else [])
                             + ([f"csv_dialect={args.csv_dialect}"] if args.csv_dialect else [])
                             + ([f"jobs={args.jobs}"] if args.jobs is not None else []))
    if args.password is not None:  # as typed: a password may begin or end with a space
        settings = dataclasses.replace(settings, password=args.password)
    path = Path(args.report)
    if not path.exists():  # before the pipeline is loaded, naming what the user typed
        raise InputNotFound(f"{args.report}: no such file")
    from .api import process

    with PageCounter(path.name, args.quiet) as counter:
        result = process(path, Path(args.out) / path.stem, formats, settings, args.fail_on, progress=counter)
    if not args.quiet:
        print(summary(result.report, result.outdir, result.written), flush=True)
    if result.exit_code == ExitCode.NO_TABLES:
        raise NoTablesFound(f"{args.report}: no table found (document, claims and findings "
                            f"written to {result.outdir}/)")
    return result.exit_code


# --------------------------------------------------------------------------- subcommands

def run_text(argv: list[str]) -> int:
    p = Parser(prog=f"{PROG} text", description="Vietnamese text repair.")
    p.add_argument("action", choices=["repair"],
                   help="repair: read the lines of one text on stdin, write each repaired on stdout (same "
                        "number of lines); a line is read with the lines around it (a blank line ends a "
                        "paragraph), from a terminal with the line before only, each written at once")
    p.add_argument("--set", action="append", metavar="NAME=VALUE", default=[],
                   help="change a setting, e.g. tone_style=new (hoà, thuý) instead of old (hòa, thúy)")
    p.add_argument("--debug", action="store_true")
    args = p.parse_args(argv)
    settings = settings_from(args.set)
    from .text.repair import repair_stream

    stdin = open(sys.stdin.fileno(), encoding="utf-8", errors="replace", newline="", closefd=False)
    stdout = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="", closefd=False)
    interactive = sys.stdin.isatty()
    endings: deque[str] = deque()

    def bodies():
        for line in stdin:
            body = line.rstrip("\r\n")
            endings.append(line[len(body):])
            yield body

    # The lines of the stream are one text: each is repaired with its neighbours as
    # context; a terminal gets each line back at once, without the next one's.
    ready = lambda: bool(select.select([stdin], [], [], 0)[0])  # noqa: E731
    for fixed in repair_stream(bodies(), settings, look_ahead=not interactive, ready=ready):
        # A repaired line stays one line, so output lines pair with input lines.
        stdout.write(" ".join(fixed.splitlines()) + endings.popleft())
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
    p.add_argument("--province", metavar="P",
                   help="the report's province, e.g. 'Lâm Đồng': only its units can match (default: the whole "
                        "country, where a name several provinces share matches none)")
    p.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                   help="only units that existed on this date (default: any date)")
    p.add_argument("--top", type=int, default=5, help="candidates shown (default 5)")
    p.add_argument("--debug", action="store_true")
    args = p.parse_args(argv)
    from .units.match import match_name

    try:
        candidates = list(match_name(args.name, date=args.date, province=args.province))
    except ValueError as e:  # a province the registry does not know
        p.error(str(e))
    matched = bool(candidates) and candidates[0].passed
    if not matched:
        reason = candidates[0].reason if candidates else ""
        print(f"no match ({reason})" if reason else "no match")
    for i, c in enumerate(candidates[: max(args.top, 1)]):
        if i == (1 if matched else 0):
            print("runners-up:" if matched else "closest:")
        indent = "" if (i == 0 and matched) else "  "
        print(f"{indent}{c.name}\t{c.id or '—'}\t{c.score:.1f}")
    return ExitCode.OK if matched else ExitCode.NO_MATCH


def run_batch(argv: list[str]) -> int:
    from .batch import main as batch_main  # imported on use: it loads the process pool

    return batch_main(argv)


def run_verify(argv: list[str]) -> int:
    from .api import FAIL_ON
    from .export import FORMATS

    p = Parser(prog=f"{PROG} verify",
               description="Verify again a tables.json corrected by hand (a misread cell fixed in its "
                           "\"text\"): its findings.json, and the findings in tables.xlsx and audit.html, "
                           "are written again in its folder.")
    p.add_argument("tables", metavar="TABLES_JSON", help="out/<report>/tables.json")
    p.add_argument("--format", action="append", metavar="FMT",
                   help=f"formats to write again: {','.join(FORMATS)} (default: those the folder holds)")
    p.add_argument("--fail-on", choices=FAIL_ON,
                   help=f"exit {int(ExitCode.FINDINGS)} when findings of this verdict (or any) exist")
    p.add_argument("--set", action="append", metavar="NAME=VALUE", default=[], help="override a setting")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    p.add_argument("--debug", action="store_true", help="show tracebacks and library warnings")
    args = p.parse_args(argv)
    from .api import reverify

    result = reverify(Path(args.tables), parse_formats(args.format), settings_from(args.set), args.fail_on)
    if not args.quiet:
        print(summary(result.report, result.outdir, result.written), flush=True)
    return ExitCode.OK if result.exit_code == ExitCode.NO_TABLES else result.exit_code


SUBCOMMANDS = {"text": run_text, "units": run_units, "batch": run_batch, "verify": run_verify}


# --------------------------------------------------------------------------- entry point

def main(argv: Optional[list[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    quiet_libraries(debug)
    return guarded(lambda: _dispatch(argv), debug)


def _dispatch(argv: list[str]) -> int:
    # REPORT is the default command; a first word naming a subcommand selects it.
    if argv and argv[0] in SUBCOMMANDS:
        return SUBCOMMANDS[argv[0]](argv[1:])
    return run_report(argv)


if __name__ == "__main__":
    sys.exit(main())
