"""Which reports a batch runs: inputs found, named by content, and checked
against the store so a rerun does only what is left.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import DvcExtractError, InputNotFound
from ..ingest import file_sha256
from ..ingest.sniff import input_format
from .store import DONE, FAILED, NO_TABLES

# In a folder, a file is a candidate when its name says report or its first bytes do;
# a file named on the command line is always tried (and fails loudly if it is not one).
REPORT_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


@dataclass(frozen=True)
class Job:
    path: str  # absolute
    sha256: str
    out_dir: str  # absolute: a Dask worker has its own working directory


@dataclass
class Plan:
    todo: list[Job]
    done: list[Job]  # already in the store (done or without tables)
    failed_before: list[Job]  # failed in an earlier run, left alone without --retry-failed
    duplicates: list[str]  # paths whose content another input already holds


def _looks_like_report(path: Path) -> bool:
    if path.suffix.lower() in REPORT_SUFFIXES:
        return True
    try:
        input_format(path)
        return True
    except (DvcExtractError, OSError):
        return False


def discover(inputs: Iterable[str | Path]) -> list[tuple[Path, Path]]:
    """(file, the input it came from), in a stable order; folders are searched recursively."""
    found: list[tuple[Path, Path]] = []
    for item in inputs:
        root = Path(item)
        if root.is_dir():
            for p in sorted(root.rglob("*")):
                hidden = any(part.startswith(".") for part in p.relative_to(root).parts)
                if not hidden and p.is_file() and _looks_like_report(p):
                    found.append((p, root))
        elif root.is_file():
            found.append((root, root.parent))
        else:
            raise InputNotFound(f"{item}: no such file or folder")
    return found


def _out_dirs(found: list[tuple[Path, Path]], out: Path) -> Iterator[Path]:
    """`OUT/<path below the input folder>/<stem>`, as the single-report command's
    `OUT/<stem>` but without two archives' `report.pdf` landing in one folder."""
    taken: set[Path] = set()
    for path, root in found:
        rel = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
        target = out / rel.parent / rel.stem
        if target in taken:  # a.pdf and a.png side by side
            target = out / rel.parent / f"{rel.stem}{path.suffix.replace('.', '-')}"
        taken.add(target)
        yield target


def plan(inputs: Iterable[str | Path], out: str | Path, statuses: dict[str, str],
         retry_failed: bool = False) -> Plan:
    found = discover(inputs)
    result = Plan([], [], [], [])
    seen: set[str] = set()
    for (path, _), out_dir in zip(found, _out_dirs(found, Path(out))):
        sha = file_sha256(path)
        if sha in seen:
            result.duplicates.append(str(path))
            continue
        seen.add(sha)
        job = Job(str(path.resolve()), sha, str(out_dir.resolve()))
        status = statuses.get(sha)
        if status in (DONE, NO_TABLES):
            result.done.append(job)
        elif status == FAILED and not retry_failed:
            result.failed_before.append(job)
        else:
            result.todo.append(job)
    # Largest first: a long report started last would finish alone while the other
    # workers sit idle.
    result.todo.sort(key=lambda j: -Path(j.path).stat().st_size)
    return result
