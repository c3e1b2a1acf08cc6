"""Typed errors and the exit codes they end in (as OCRmyPDF does).

The CLI prints ``dvc-extract: <message>`` on one line and exits with
``error.exit_code``; it never shows a traceback for these.
"""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Every exit status of `dvc-extract` and `dvc-extract batch` (README, docs/batch.md)."""

    OK = 0
    NO_MATCH = 1  # `units match`: no candidate passes the thresholds
    FINDINGS = 2  # `--fail-on`: findings of that verdict exist (outputs written)
    INPUT_NOT_FOUND = 3
    UNSUPPORTED_INPUT = 4
    ENCRYPTED_PDF = 5
    CORRUPT_INPUT = 6
    NO_TABLES = 7  # the document was read, holds no table; outputs still written
    MISSING_DEPENDENCY = 8  # a system program, its language data, or a file of the package
    OUTPUT_NOT_WRITABLE = 9
    INTERNAL = 10
    SOME_FAILED = 11  # batch: it ran to its end; some reports are recorded as failed
    IMAGE_UNREADABLE = 12  # a page image too small or too large to read
    USAGE = 64  # wrong arguments (argparse's own 2 is taken by --fail-on)
    TIMEOUT = 124  # batch: a report cut off by --timeout, as timeout(1) exits
    INTERRUPTED = 130  # Ctrl-C
    BROKEN_PIPE = 141  # the reader of stdout went away, as a shell reports SIGPIPE
    TERMINATED = 143  # SIGTERM, as a shell reports it


class DvcExtractError(Exception):
    """Anything we recognise as bad input or a failed stage."""

    exit_code = ExitCode.INTERNAL


class InputNotFound(DvcExtractError):
    exit_code = ExitCode.INPUT_NOT_FOUND


class UnsupportedInput(DvcExtractError):
    """Neither a PDF nor an image we can read."""

    exit_code = ExitCode.UNSUPPORTED_INPUT


class EncryptedPdf(DvcExtractError):
    exit_code = ExitCode.ENCRYPTED_PDF


class CorruptInput(DvcExtractError):
    exit_code = ExitCode.CORRUPT_INPUT


class ImageUnreadable(DvcExtractError):
    """A page image too small to hold readable print, or too large to read safely."""

    exit_code = ExitCode.IMAGE_UNREADABLE


class MissingDependency(DvcExtractError):
    """A system program (tesseract, its 'vie' data) is not installed."""

    exit_code = ExitCode.MISSING_DEPENDENCY


class MissingData(MissingDependency):
    """A file the package ships (a model, the unit registry, the table kinds) is not there."""


class OutputNotWritable(DvcExtractError):
    """The output folder cannot be created or written."""

    exit_code = ExitCode.OUTPUT_NOT_WRITABLE


class UsageError(DvcExtractError):
    """Wrong arguments."""

    exit_code = ExitCode.USAGE


class NoTablesFound(DvcExtractError):
    """The document was read, but holds no table. Outputs are still written."""

    exit_code = ExitCode.NO_TABLES
