"""A scanned page becomes words + rulings in PDF points (real Tesseract 'vie').

The page is made here: a ruled table with known cells, rendered at scanner
resolutions, rotated, stamped, degraded; the reading is checked cell by cell.
"""
from pathlib import Path

import numpy as np
import pytest

from dvc_bench.ocr import cell_text
from dvc_extract import ingest
from dvc_extract.ingest.image import guess_dpi, load_image_pages
from dvc_extract.scan import read_page, reread_cell
from dvc_extract.settings import Settings

import scan_pages


def _cells_read(page):
    got = [(want, cell_text(page.words, bbox)[0]) for want, bbox in scan_pages.cell_boxes()]
    return got


@pytest.fixture(scope="module")
def rotated_stamped_200():
    img = scan_pages.render(200, colour=True)
    img = scan_pages.red_stamp(img, (430, 250), 200)
    img = scan_pages.rotate(img, -1.2)
    return read_page(img, 200, 1, Settings())


def test_page_geometry_and_kind(rotated_stamped_200):
    page = rotated_stamped_200
    assert page.source == "scanned"
    assert page.width == pytest.approx(595.28, abs=1) and page.height == pytest.approx(841.89, abs=1)
    assert page.deskew == pytest.approx(-1.2, abs=0.1)
    assert page.ocr_image is not None and page.ocr_image.scale == pytest.approx(Settings().ocr_dpi / 72, rel=0.01)
    assert all(w.source == "ocr" and 0 <= w.confidence <= 1 and w.page == 1 for w in page.words)
    hs = [r for r in page.rulings if r.orientation == "h"]
    vs = [r for r in page.rulings if r.orientation == "v"]
    assert len(hs) == len(scan_pages.ROWS) + 2 and len(vs) == len(scan_pages.COL_X)


def test_evidence_picture_is_levelled_like_the_words(rotated_stamped_200):
    """The colour page shown to auditors lies in the words' space: same size as
    the OCR image, stamp kept, and a ruling's line is dark on it where the
    page says it is (it would be off by pixels on the unlevelled scan)."""
    page = rotated_stamped_200
    pic, scale = page.evidence_image.pixels, page.evidence_image.scale
    assert pic.shape[:2] == page.ocr_image.pixels.shape[:2] and pic.ndim == 3
    colourful = pic.max(axis=2).astype(int) - pic.min(axis=2).astype(int) > 80
    assert colourful.sum() > 100  # the stamp's ink is kept
    longest = max((r for r in page.rulings if r.orientation == "h"), key=lambda r: r.x1 - r.x0)
    y = round((longest.top + longest.bottom) / 2 * scale)
    xs = range(round(longest.x0 * scale) + 20, round(longest.x1 * scale) - 20, 25)
    band = pic[y - 2:y + 3, :, :].min(axis=(0, 2))
    assert sum(band[x] < 128 for x in xs) >= 0.9 * len(xs)


def test_cells_read_through_stamp_and_rotation(rotated_stamped_200):
    got = _cells_read(rotated_stamped_200)
    numbers = [(w, g) for w, g in got if any(ch.isdigit() for ch in w)]
    names = [(w, g) for w, g in got if not any(ch.isdigit() for ch in w)]
    exact_numbers = sum(w == g for w, g in numbers) / len(numbers)
    exact_names = sum(w == g for w, g in names) / len(names)
    assert exact_numbers >= 0.95, [p for p in numbers if p[0] != p[1]]
    assert exact_names >= 0.85, [p for p in names if p[0] != p[1]]


def test_prose_above_the_table_is_read(rotated_stamped_200):
    text = " ".join(w.text for w in rotated_stamped_200.words if w.bottom < scan_pages.TOP)
    assert "Bảng 2" in text and "trực tuyến" in text


def test_reread_cell_digits_only(rotated_stamped_200):
    page = rotated_stamped_200
    (text, bbox), = [(t, b) for t, b in scan_pages.cell_boxes() if t == "8.787"]
    got, conf = reread_cell(page, bbox, numeric=True)
    assert got == "8.787" and conf > 0.5
    name, nbox = [(t, b) for t, b in scan_pages.cell_boxes() if t == "Sở Tài chính"][0]
    got, conf = reread_cell(page, nbox, numeric=False)
    assert got == name


def test_low_dpi_page_is_upscaled_and_read():
    img = scan_pages.rotate(scan_pages.render(150), 0.8)
    page = read_page(img, 150, 1, Settings())
    got = _cells_read(page)
    assert sum(w == g for w, g in got) / len(got) >= 0.85, [p for p in got if p[0] != p[1]]


def test_multipage_tiff_with_dpi(tmp_path):
    from PIL import Image

    grey = scan_pages.render(150)
    frames = [Image.fromarray(grey), Image.fromarray(scan_pages.rotate(grey, 1.0))]
    path = tmp_path / "scan.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(150, 150), compression="tiff_lzw")
    loaded = load_image_pages(path)
    assert [dpi for _, dpi in loaded] == [150, 150]
    pages = ingest.load(path).pages
    assert [p.number for p in pages] == [1, 2]
    assert pages[1].deskew == pytest.approx(1.0, abs=0.1)
    assert all(p.words and p.rulings for p in pages)


def test_trusting_the_text_layer_keeps_a_garbled_one(tmp_path):
    # --skip-text: a page with text is read from it, garbled or not; a page without is OCR'd.
    path = tmp_path / "mixed.pdf"
    path.write_bytes(scan_pages.mixed_pdf())
    doc = ingest.load(str(path), Settings(text_layer="trust"))
    assert [p.source for p in doc.pages] == ["text-layer", "scanned", "text-layer"]
    assert "tiép nhan" in " ".join(w.text for w in doc.pages[2].words)


def test_dpi_from_a4_shape_when_not_stated():
    assert guess_dpi(1654, 2339, None, 300) == pytest.approx(200, abs=1)
    assert guess_dpi(2339, 1654, 72, 300) == pytest.approx(200, abs=1)  # placeholder 72
    assert guess_dpi(1000, 1000, None, 300) == 300
    assert guess_dpi(1000, 1000, 240, 300) == 240


def test_mixed_document_is_read_page_by_page(tmp_path):
    path = tmp_path / "mixed.pdf"
    path.write_bytes(scan_pages.mixed_pdf())
    settings = Settings()
    doc = ingest.load(str(path), settings)
    assert [p.source for p in doc.pages] == ["text-layer", "scanned", "garbled-text"]
    first = " ".join(w.text for w in doc.pages[0].words)
    assert "tiếp nhận hồ sơ trực tuyến" in first and all(w.source == "text-layer" for w in doc.pages[0].words)
    for page in doc.pages[1:]:
        assert all(w.source == "ocr" for w in page.words) and page.ocr_image is not None
        got = dict((t, cell_text(page.words, b)[0]) for t, b in scan_pages.cell_boxes())
        assert got["8.787"] == "8.787" and got["Sở Tài chính"] == "Sở Tài chính"


def test_doubtful_numeric_cells_are_read_again(rotated_stamped_200):
    from dvc_extract.model import Cell, Document, RawTable
    from dvc_extract.scan import reread_tables

    page = rotated_stamped_200
    cells = []
    for i, (want, bbox) in enumerate(scan_pages.cell_boxes()):
        row, col = divmod(i, len(scan_pages.HEADER))
        text = {"8.787": "B.7B7", "565": "S6S"}.get(want, want)  # what a misread looks like
        cells.append(Cell(row, col, text, text, bbox, 1, source="ocr", confidence=0.95))
    table = RawTable(1, (70, 140, 530, 332), cells, len(scan_pages.ROWS) + 1, 5, True)
    doc = Document("x.pdf", "0", [page])
    fixed = {c.bbox: c for c in reread_tables([table], doc)[0].cells}
    for want, bbox in scan_pages.cell_boxes():
        assert fixed[bbox].text == want
    assert fixed[[b for t, b in scan_pages.cell_boxes() if t == "8.787"][0]].confidence > 0.8


def test_a_read_pages_images_wait_on_disk_not_in_memory():
    """A report's page images are mapped from unnamed temporary files: memory does not grow
    with the number of pages while the later stages run."""
    import numpy as np

    from dvc_extract.scan.page import on_disk

    pixels = np.arange(120_000, dtype=np.uint8).reshape(300, 400)
    kept = on_disk(pixels)
    assert isinstance(kept, np.memmap) and not kept.flags.writeable
    assert np.array_equal(kept, pixels)
    assert not list(Path(kept.filename).parent.glob(Path(kept.filename).name))  # its name is gone


def test_a_cell_read_as_nothing_is_read_at_other_scales():
    """A bold "1." alone in its row-number cell (bc329's Biểu mẫu 5, scanned at 200 dpi and
    read at 250): Tesseract's line mode reads nothing at the page's scale, so the row lost its
    number and the header took the row. Read again at other scales, it is "1."."""
    import cv2

    from dvc_extract.scan import engine
    from dvc_extract.scan.recheck import reread_lost_line

    crop = cv2.imread(str(Path(__file__).parent / "data" / "real_cell_bold_row_number.png"), cv2.IMREAD_GRAYSCALE)
    box = (0, 0, crop.shape[1], crop.shape[0])
    assert engine.read_regions(crop, [box], "vie", engine.PSM_SINGLE_LINE, 250) == [[]]
    words = reread_lost_line(crop, box, Settings(), 250, line=7)
    assert [(w.text, w.line) for w in words] == [("1.", 7)]
    assert words[0].confidence >= Settings().min_cell_confidence
    # Paper alone stays nothing.
    assert reread_lost_line(np.full_like(crop, 255), box, Settings(), 250, line=7) == []


def test_a_cell_read_as_nothing_at_every_scale_is_read_cut_to_its_ink():
    """The same bold "1." in a tall cell of bc329's Biểu mẫu 4, scanned at 150 dpi in uneven
    light: nothing at any scale of the whole cell; cut to its ink, a reading its column's
    sequence gives back as "1."."""
    import cv2

    from dvc_extract.model import Cell
    from dvc_extract.scan.doubtful import _numbering_dots
    from dvc_extract.scan.recheck import reread_lost_line

    crop = cv2.imread(str(Path(__file__).parent / "data" / "real_cell_bold_row_number_150dpi.png"),
                      cv2.IMREAD_GRAYSCALE)
    box = (0, 0, crop.shape[1], crop.shape[0])
    words = reread_lost_line(crop, box, Settings(), 250, line=3)
    assert len(words) == 1 and words[0].line == 3
    column = ["STT", words[0].text, "2.", "2.1."]
    cells = [Cell(row=i, col=0, text=t, raw_text=t, bbox=(0, 0, 1, 1), page=1) for i, t in enumerate(column)]
    assert [c.text for c in _numbering_dots(cells, {0})] == ["STT", "1.", "2.", "2.1."]
