"""A page lying on its side is known from the direction of its text before it is read."""
from pathlib import Path

import numpy as np
import pypdfium2

from dvc_extract.ingest.image import render_pdf_page
from dvc_extract.scan.sideways import sideways

ROOT = Path(__file__).resolve().parent.parent


def _page(path: str, index: int = 0):
    return render_pdf_page(pypdfium2.PdfDocument(str(ROOT / path)), index)


def test_a_page_on_its_side_is_known_and_an_upright_or_upside_down_one_is_not():
    image, dpi = _page("corpora/scanned/000-t1-200dpi.pdf")
    assert not sideways(image, dpi)
    assert sideways(np.rot90(image, 1), dpi) and sideways(np.rot90(image, 3), dpi)
    assert not sideways(np.rot90(image, 2), dpi)  # found after its first reading


def test_real_pages_turned_by_a_scanner_are_known():
    for path in ("corpora/real_layouts/qd1187-p1-2-200dpi-turn90.pdf",
                 "corpora/real_layouts/cv12094-p1-2-200dpi-turn270.pdf"):
        for index in (0, 1):
            image, dpi = _page(path, index)
            assert sideways(image, dpi)
            assert not sideways(np.rot90(image, 1), dpi)
