"""Typed errors, each with its own exit code (as OCRmyPDF does).

The CLI prints ``dvc-extract: <message>`` on one line and exits with
``error.exit_code``; it never shows a traceback for these.
"""
from __future__ import annotations


class DvcExtractError(Exception):
    exit_code = 10
    """Anything we recognise as bad input or a failed stage."""


class InputNotFound(DvcExtractError):
    exit_code = 3


class UnsupportedInput(DvcExtractError):
    """Neither a PDF nor an image we can read."""

    exit_code = 4


class EncryptedPdf(DvcExtractError):
    exit_code = 5


class CorruptInput(DvcExtractError):
    exit_code = 6


class NoTablesFound(DvcExtractError):
    """The document was read, but holds no table. Outputs are still written."""

    exit_code = 7


class MissingDependency(DvcExtractError):
    """A system program (tesseract, its 'vie' data) is not installed."""

    exit_code = 8


# Exit code for `--fail-on inconsistent` when such findings exist.
EXIT_FINDINGS = 2
# Exit code when `units match` finds nothing above the thresholds.
EXIT_NO_MATCH = 1
