"""The files the package ships in ``dvc_extract/data/``: table kinds, the unit
registry, the text-repair models and the Tesseract model.

They are package data, found with :mod:`importlib.resources`, so an installed
wheel reads them exactly as a checkout does. A missing one is a
:class:`~dvc_extract.errors.MissingData` error naming the file, never an empty
model that would let a stage silently pass its input through.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .errors import MissingData

PACKAGE = "dvc_extract"


def data_path(*parts: str) -> Path:
    """The path of a shipped file or folder, e.g. ``data_path("units", "agencies.json")``."""
    name = "/".join(("data",) + parts)
    found = files(PACKAGE).joinpath(*name.split("/"))
    # Stages hand these paths to libraries (gzip, Tesseract) that need a real file,
    # so a package imported from a zip is not supported.
    path = Path(str(found))
    if not path.exists():
        raise MissingData(f"{PACKAGE}/{name} is missing from the installed package (reinstall dvc-extract)")
    return path
