"""The scanned pages of one report read at once, one page per worker process (--jobs).

A page is read as `read_page` reads it alone, so the words are the same whatever the number
of workers. Pages go to the workers as they are rendered, a few ahead of the workers and no
more, so memory holds some pages' images, not the report's; each page read comes back with
its images spilled to disk again (page.on_disk), as a page read in this process keeps them.
"""
from __future__ import annotations

import concurrent.futures
from dataclasses import replace
from typing import Iterable, Iterator

import numpy as np
from pebble import ProcessPool

from ..model import Page
from ..processes import init_worker, pool_context
from ..settings import Settings
from .page import on_disk, read_page

# Pages handed out ahead of those being read, per worker: enough that no worker waits for
# the next page to be rendered.
AHEAD = 2


def read_pages(images: Iterable[tuple[int, np.ndarray, float]], settings: Settings) -> Iterator[Page]:
    """The pages of ``images`` ((0-based index, pixels, dpi), as ingest.image.page_images gives
    them) read in ``settings.jobs`` processes, in the order they are done."""
    pool = ProcessPool(max_workers=settings.jobs, context=pool_context("dvc_extract.scan"),
                       initializer=init_worker)
    try:
        pending: set = set()
        images = iter(images)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < AHEAD * settings.jobs:
                nxt = next(images, None)
                if nxt is None:
                    exhausted = True
                    break
                index, image, dpi = nxt
                pending.add(pool.schedule(read_page, args=(image, dpi, index + 1, settings)))
            done, pending = concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)
            for future in done:
                yield _spilled(future.result())
        pool.close()
    finally:
        # Interrupted, or a page failed: the pages in flight are dropped with their workers.
        pool.stop()
        pool.join()


def _spilled(page: Page) -> Page:
    images = {}
    for name in ("ocr_image", "evidence_image"):
        image = getattr(page, name)
        if image is not None:
            images[name] = replace(image, pixels=on_disk(image.pixels))
    return replace(page, **images)
