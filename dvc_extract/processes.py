"""What every process of the package sets up: libraries kept quiet, and the worker processes
of its pools (`batch`: one report per task; `ingest`: the scanned pages of one report, --jobs).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import logging
import multiprocessing
import signal
import sys
import warnings


def quiet_libraries(debug: bool = False) -> None:
    # Library warnings (pdfminer, camelot) would break the one-line error contract.
    if debug:
        logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
        return
    warnings.simplefilter("ignore")
    logging.getLogger().addHandler(logging.NullHandler())
    logging.getLogger().setLevel(logging.ERROR)


def give_back_memory() -> None:
    """Return the C heap's free pages to the system (glibc's malloc_trim). Tesseract and OpenCV
    allocate and free tens of megabytes per page; glibc keeps what was freed, scattered, so a
    long scan's resident memory would grow by about a megabyte a page that no one uses."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _libc():
    name = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


_LIBC = _libc()


def pool_context(preload: str):
    """Workers fork from a server that has already imported ``preload`` (OpenCV, Tesseract, …),
    so a worker starts in milliseconds, and none inherits the parent's threads or open files
    (a DuckDB connection, a PDF)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([preload])
        return ctx
    return multiprocessing.get_context("spawn")


def init_worker() -> None:
    quiet_libraries()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if sys.platform.startswith("linux"):
        # Die with the process that forked us, so a run killed outright leaves no worker
        # behind (PR_SET_PDEATHSIG = 1).
        try:
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
