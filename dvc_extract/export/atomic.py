"""Writes that are all-or-nothing: a kill mid-write never leaves a truncated file, nor a
folder of one run's files beside another's.

Each output goes to a temporary file in the same folder, is flushed to disk,
and is renamed over the target (``os.replace`` is atomic on one filesystem). A report's
folder is written whole beside its target and swapped in at the end
(:func:`atomic_folder`).
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target``."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; outputs are ordinary files
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_text(target: Path, text: str, encoding: str = "utf-8") -> Path:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding=encoding)
    return Path(target)


def write_bytes(target: Path, data: bytes) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


@contextlib.contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """Yield a new folder beside ``target`` to write; on success it takes ``target``'s
    place (an earlier run's folder goes only then), on failure it goes. A kill between the
    two renames leaves the earlier folder under a hidden name, never a mix of runs."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    os.chmod(staging, 0o777 & ~_umask())
    try:
        yield staging
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
            os.replace(target, old / target.name)
            os.replace(staging, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def remove_stale(target: Path) -> None:
    """Folders of runs killed outright (SIGKILL) before they could clean up."""
    for stale in Path(target).parent.glob(f".{Path(target).name}.[no][el][wd]-*"):
        shutil.rmtree(stale, ignore_errors=True)


def check_writable(folder: Path) -> None:
    """Raise OSError now if ``folder`` (or the folder it will be made in) cannot be
    written, rather than after the pages are read."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    fd, probe = tempfile.mkstemp(prefix=f".{folder.name}.", suffix=".part", dir=folder.parent)
    os.close(fd)
    os.unlink(probe)
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise PermissionError(13, "Permission denied", str(folder))
