"""What every command shares: an argument parser whose errors are one line,
settings and formats from the command line, and the guard that turns whatever
happens into one line on stderr and an exit code (SIGTERM included).

`dvc-extract REPORT`, its subcommands and `dvc-extract batch` all use these;
none of them imports another command.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import signal
import sys
import traceback
from typing import Callable, Optional

from .errors import DvcExtractError, ExitCode, UsageError
from .settings import Settings

PROG = "dvc-extract"


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, our exit code
        raise UsageError(f"{message} (see '{self.prog} --help')")


def parse_formats(values: Optional[list[str]]) -> Optional[list[str]]:
    """``--format`` values (comma-separated or repeated) checked against the export formats."""
    from .export import FORMATS

    if not values:
        return None
    chosen = [f.strip().lower() for v in values for f in v.split(",") if f.strip()]
    bad = [f for f in chosen if f not in FORMATS]
    if bad:
        raise UsageError(f"unknown format {', '.join(bad)} (choose from {', '.join(FORMATS)})")
    return chosen


def settings_from(pairs: list[str]) -> Settings:
    """Settings with ``NAME=VALUE`` overrides, each converted to its field's type."""
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


class PageCounter:
    """A live page counter on a terminal's stderr (tqdm), a bar for each kind of page read
    in turn ("text", then "OCR"); silent when stderr is no terminal or the user asked for
    quiet."""

    def __init__(self, name: str, quiet: bool = False, stream=None):
        self.name, self.stream = name, stream or sys.stderr
        self.on = not quiet and self.stream.isatty()
        self.bars: dict = {}

    def __call__(self, what: str, done: int, total: int) -> None:
        if not self.on:
            return
        if what not in self.bars:
            from tqdm import tqdm

            for bar in self.bars.values():  # one kind of page is read after the other
                bar.close()

            # A terminal that tells no size (a pseudo-terminal) is taken as 80 × 24: with no
            # rows, tqdm hides its bars.
            size = os.get_terminal_size(self.stream.fileno())
            self.bars[what] = tqdm(total=total, desc=f"{self.name}: {what}", unit="page", leave=False,
                                   file=self.stream, ncols=size.columns or 80, nrows=size.lines or 24)
        bar = self.bars[what]
        bar.update(done - bar.n)

    def __enter__(self) -> "PageCounter":
        return self

    def __exit__(self, *exc) -> None:
        for bar in self.bars.values():
            bar.close()


def one_line(text) -> str:
    return " ".join(str(text).split())


class Terminated(BaseException):
    """SIGTERM, turned into an exception so partial outputs are cleaned up on the way out."""


def _on_sigterm(signum, frame):
    raise Terminated()


def guarded(work: Callable[[], int], debug: bool, prog: str = PROG, stop_note: str = "") -> int:
    """Run a command so that whatever happens ends in one line on stderr and an
    exit code (SIGTERM included); ``stop_note`` is added to the interrupted and
    terminated lines."""
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        return int(work())
    except KeyboardInterrupt:
        print(f"{prog}: interrupted{stop_note}", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Terminated:
        print(f"{prog}: terminated{stop_note}", file=sys.stderr)
        return ExitCode.TERMINATED
    except BrokenPipeError:
        # The reader went away (`… | head`); nothing useful to say, and nowhere to say it.
        # Later flushes of stdout go to /dev/null instead of raising again at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.BROKEN_PIPE
    except DvcExtractError as e:
        if debug:
            traceback.print_exc()
        print(f"{prog}: {one_line(e) or type(e).__name__}", file=sys.stderr)
        return e.exit_code
    except Exception as e:  # noqa: BLE001 — the last line of defence: one line, never a traceback
        if debug:
            traceback.print_exc()
        message = one_line(e)
        hint = "" if debug else " (run with --debug for details)"
        print(f"{prog}: internal error: {type(e).__name__}{': ' + message if message else ''}{hint}",
              file=sys.stderr)
        return ExitCode.INTERNAL
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
