"""What every process of the package sets up: libraries kept quiet, and the worker processes
of its pools (`batch`: one report per task; `ingest`: the scanned pages of one report, --jobs).
"""
from __future__ import annotations

import ctypes
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


def pool_context(preload: str):
    """Workers fork from a server that has already imported ``preload`` (OpenCV, Tesseract, …),
    so a worker starts in milliseconds, and none inherits the parent's threads or open files
    (a DuckDB connection, a PDF)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([preload])
        return ctx
    return multiprocessing.get_context("spawn")


# glibc's M_MMAP_THRESHOLD; 128 KiB is its default, set here to stop it moving.
_M_MMAP_THRESHOLD = -3
_MMAP_THRESHOLD = 128 * 1024


def steady_heap() -> None:
    """Keep large buffers (page images, OCR scratch) out of the heap, once scanned pages are
    read. glibc raises its mmap threshold each time such a buffer is freed, after which
    page-sized buffers come from the heap and leave it fragmented: a scanned report's process
    grew ~1.5 MB a page. A threshold set once stays put: every large buffer is mapped and
    given back when freed. Not set for text layers: their many middle-sized buffers, each
    mapped afresh, cost a 300-page born-digital report 4 s of system time for no gain."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
        except (OSError, AttributeError):  # not glibc (musl): nothing to set
            pass


def init_worker() -> None:
    quiet_libraries()
    steady_heap()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if sys.platform.startswith("linux"):
        # Die with the process that forked us, so a run killed outright leaves no worker
        # behind (PR_SET_PDEATHSIG = 1).
        try:
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
