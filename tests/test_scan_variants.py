"""Scans unlike the committed corpus: what office copiers and phone cameras do
to a page (real OpenCV and Tesseract 'vie' on pages made here).

Each condition is the ruled test table of ``scan_pages`` with one thing done
to it: a blue ballpoint signature over its numbers, a shadow across a tinted,
low-contrast sheet, rulings a photocopy broke into pieces, a perspective
(keystone) from a camera held at an angle. `scripts/build_scans --set field`
makes the same conditions on whole report pages for `scripts/bench_scanned`.
"""
import cv2
import numpy as np
import pytest

from dvc_bench.ocr import cell_text
from dvc_extract.scan import preprocess, read_page
from dvc_extract.scan.rulings import find_rulings
from dvc_extract.settings import Settings

import scan_pages

DPI = 200
K = DPI / 72.0
N_LINES = (len(scan_pages.ROWS) + 2, len(scan_pages.COL_X))  # horizontal, vertical


def _numbers_read(page) -> list[tuple[str, str]]:
    return [(want, cell_text(page.words, bbox)[0]) for want, bbox in scan_pages.cell_boxes()
            if any(ch.isdigit() for ch in want)]


def _lines(rulings) -> tuple[int, int]:
    return (sum(r.orientation == "h" for r in rulings), sum(r.orientation == "v" for r in rulings))


def _assert_numbers(page, share=1.0):
    got = _numbers_read(page)
    wrong = [g for g in got if g[0] != g[1]]
    assert len(wrong) <= (1 - share) * len(got), wrong


def ballpoint(img: np.ndarray, dpi: int) -> np.ndarray:
    """Blue ballpoint loops (BGR 150, 60, 25: dark in red and green) across the
    number columns, JPEG-smeared as a colour scan leaves them."""
    k = dpi / 72.0
    layer = img.copy()
    t = np.linspace(0, 6 * np.pi, 500)
    for cx, cy in ((330, 230), (430, 290)):
        xs = (cx + 55 * np.cos(t * 0.33) + 15 * np.cos(t * 2.1) + 4 * t) * k
        ys = (cy + 12 * np.sin(t * 1.7) + 7 * np.sin(t * 0.5)) * k
        pts = np.stack([xs, ys], 1).astype(np.int32).reshape(-1, 1, 2)
        cv2.polylines(layer, [pts], False, (150, 60, 25), max(2, dpi // 100), cv2.LINE_AA)
    ok, jpg = cv2.imencode(".jpg", np.minimum(img, layer), [cv2.IMWRITE_JPEG_QUALITY, 70])
    assert ok
    return cv2.imdecode(jpg, cv2.IMREAD_COLOR)


def shadow_on_tinted_paper(img: np.ndarray) -> np.ndarray:
    """Yellowed paper, grey toner (no darker than 90) and the light falling off
    to half towards one corner, with a shadow along the right edge."""
    h, w = img.shape[:2]
    f = img.astype(np.float32)
    f = 90 + f / 255.0 * (np.array([170, 215, 230], np.float32) - 90)
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    light = 1 - 0.5 * np.clip(0.6 * (0.5 * xs / w + 0.5 * ys / h)
                              + 0.7 * np.exp(-((w - xs) / (0.12 * w)) ** 2), 0, 1)
    return np.clip(f * light[..., None], 0, 255).astype(np.uint8)


def broken_rules(img: np.ndarray, dpi: int, piece: float = 16.0, gap: float = 9.0) -> np.ndarray:
    """Every ruling faint and worn to pieces: ``piece`` pt of toner, ``gap`` pt
    lost, over and over: gaps longer than a ruling's pieces are joined across."""
    k = dpi / 72.0
    out = img.copy()
    ink = (img < 128).astype(np.uint8) * 255
    run = int(36 * k)
    h_lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (run, 1)))
    v_lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, run)))
    out[(h_lines > 0) | (v_lines > 0)] = 170
    ys, xs = np.indices(img.shape[:2])
    period = (piece + gap) * k
    out[(h_lines > 0) & (v_lines == 0) & (xs % period >= piece * k)] = 255
    out[(v_lines > 0) & (h_lines == 0) & (ys % period >= piece * k)] = 255
    return out


def keystone(img: np.ndarray, share: float = 0.03) -> np.ndarray:
    """The page photographed from below its middle: the top edge narrower."""
    h, w = img.shape[:2]
    d = share * w
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[d, d * 0.3], [w - d, 0], [w, h], [0, h]])
    return cv2.warpPerspective(img, cv2.getPerspectiveTransform(src, dst), (w, h),
                               flags=cv2.INTER_LINEAR, borderValue=255)


# --- Blue ink over the numbers -------------------------------------------------


def test_dark_blue_pen_is_dropped_black_print_kept():
    img = np.full((60, 200, 3), 255, np.uint8)
    img[10:40, 20:24] = 10  # a black stroke (a digit's stem)
    cv2.line(img, (5, 25), (195, 30), (150, 60, 25), 3, cv2.LINE_AA)  # the pen crosses it
    cv2.ellipse(img, (120, 30), (60, 20), 0, 0, 360, (150, 60, 25), 3, cv2.LINE_AA)
    grey = preprocess.drop_colour_ink(img)
    assert grey[12:22, 20:24].max() < 40  # print stays, above and under the pen
    pen = grey.copy()
    pen[:, 15:30] = 255
    assert pen.min() > 200, np.argwhere(pen <= 200)[:5]


def test_numbers_under_a_signature_are_read():
    """Where the pen crosses a digit the digit may go (its strokes are lost
    with the pen's); the numbers beside the pen's path must not."""
    img = ballpoint(scan_pages.render(DPI, colour=True), DPI)
    page = read_page(img, DPI, 1, Settings())
    assert _lines(page.rulings) == N_LINES
    _assert_numbers(page, share=0.85)


def test_black_rule_under_a_red_stamp_is_kept():
    """The pen rule must not take the red-and-black fringe of a rule under a seal
    for a stroke: the ruling stays whole."""
    img = scan_pages.red_stamp(scan_pages.render(DPI, colour=True), (370, 230), DPI)
    grey = preprocess.drop_colour_ink(img)
    rulings, _ = find_rulings(preprocess.ink_mask(grey, K), K)
    assert _lines(rulings) == N_LINES


# --- Light and paper ---------------------------------------------------------------


def test_shadow_and_tinted_paper_are_levelled():
    img = shadow_on_tinted_paper(scan_pages.render(DPI, colour=True))
    grey = preprocess.drop_colour_ink(preprocess.even_light(img, K))
    ink = grey < 128
    paper = ~cv2.dilate(ink.astype(np.uint8), np.ones((9, 9), np.uint8)).astype(bool)
    assert np.percentile(grey[paper], 1) > 215  # the shadowed corner too
    assert np.percentile(grey[ink], 50) < 60  # grey toner made dark


def test_a_clean_scan_is_left_as_it_is():
    grey = scan_pages.render(DPI)
    assert preprocess.even_light(grey, K) is grey


def test_numbers_read_under_a_shadow_on_tinted_paper():
    img = shadow_on_tinted_paper(scan_pages.render(DPI, colour=True))
    page = read_page(img, DPI, 1, Settings())
    assert _lines(page.rulings) == N_LINES
    _assert_numbers(page)


# --- Rulings a photocopy broke ----------------------------------------------------


def test_broken_faint_rulings_are_mended():
    from dvc_extract.scan.cells import cell_regions

    grey = broken_rules(scan_pages.render(DPI), DPI)
    ink = preprocess.ink_mask(grey, K)
    rulings, grid = find_rulings(preprocess.mend_rulings(ink, K), K)
    # Every drawn line is found whole: a line may come in collinear pieces
    # that meet, but it covers the table's width (height).
    x0, x1 = scan_pages.COL_X[0], scan_pages.COL_X[-1]
    y0 = scan_pages.TOP
    y1 = y0 + (len(scan_pages.ROWS) + 1) * scan_pages.ROW_H
    for y in np.arange(len(scan_pages.ROWS) + 2) * scan_pages.ROW_H + y0:
        on = [r for r in rulings if r.orientation == "h" and abs(r.top - y) < 2]
        assert on and min(r.x0 for r in on) < x0 + 3 and max(r.x1 for r in on) > x1 - 3, (y, on)
        assert sum(r.x1 - r.x0 for r in on) > 0.97 * (x1 - x0), (y, on)
    vs = [r for r in rulings if r.orientation == "v"]
    # A gap past a line's last long piece is not mended (a stem there is no
    # line): a vertical may stop short of the bottom by its last short piece.
    assert len(vs) == N_LINES[1] and all(r.bottom - r.top > 0.9 * (y1 - y0) for r in vs), vs
    # Unmended, the grid encloses 28 of the 40 cells; mended, all but one at most.
    assert len(cell_regions(grid, K)) >= (N_LINES[0] - 1) * (N_LINES[1] - 1) - 1


def test_mending_adds_no_line_to_text_or_past_a_line_end():
    """Text alone gives nothing to mend, and a clean grid is not lengthened
    (a letter's stem just beyond a line's end stays a stem)."""
    from dvc_extract.scan.cells import blank

    grey = scan_pages.render(DPI)
    ink = preprocess.ink_mask(grey, K)
    _, grid = find_rulings(ink, K)
    text_only = ink.copy()
    text_only[grid > 0] = 0
    assert (preprocess.mend_rulings(text_only, K) != text_only).sum() == 0
    assert find_rulings(preprocess.mend_rulings(ink, K), K)[0] == find_rulings(ink, K)[0]
    assert blank(grey, [])[0, 0] == 255


# --- A photographed page --------------------------------------------------------------


def test_perspective_is_undone():
    grey = keystone(scan_pages.render(DPI))
    h = preprocess.perspective(grey, K)
    assert h is not None
    rulings, _ = find_rulings(preprocess.ink_mask(preprocess.warp(grey, h), K), K)
    assert _lines(rulings) == N_LINES
    assert preprocess.perspective(scan_pages.render(DPI), K) is None  # a flat scan


def test_numbers_read_on_a_photographed_page():
    page = read_page(keystone(scan_pages.render(DPI)), DPI, 1, Settings())
    assert _lines(page.rulings) == N_LINES
    _assert_numbers(page, share=0.95)


# --- Copier streaks and tilted lines -----------------------------------------------


def toner_streak(img: np.ndarray, dpi: int, x: float) -> np.ndarray:
    """A faint toner streak down the page at ``x`` pt, from the top margin to
    the bottom edge, through the table's text and rules."""
    k = dpi / 72.0
    out = img.copy()
    cv2.line(out, (int(x * k), int(40 * k)), (int(x * k) + 2, out.shape[0] - 1), 90, 2)
    return out


def test_a_toner_streak_is_no_ruling():
    """A streak running past the table's rules into the margin is no ruling
    (cut back to the table, and dropped where it runs through text)."""
    x = 340.0  # through the middle of a number column
    grey = toner_streak(scan_pages.render(DPI), DPI, x)
    rulings, _ = find_rulings(preprocess.ink_mask(grey, K), K)
    bottom = scan_pages.TOP + (len(scan_pages.ROWS) + 1) * scan_pages.ROW_H
    assert all(r.bottom < bottom + 3 for r in rulings if r.orientation == "v"), rulings
    assert _lines(rulings) == N_LINES, [r for r in rulings if abs(r.x0 - x) < 5]


def test_slightly_tilted_lines_are_kept():
    """A grid tilted 0.6° (deskew not yet applied, or a warped copy): its long
    lines drift several pixels yet stay thin strokes, not filled areas."""
    grey = scan_pages.render(DPI)
    h, w = grey.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), 0.6, 1.0)
    grey = cv2.warpAffine(grey, turn, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    rulings, _ = find_rulings(preprocess.ink_mask(grey, K), K)
    assert _lines(rulings) == N_LINES


# --- Copier specks ------------------------------------------------------------------


OCR_K = Settings().ocr_dpi / 72.0


def specks(grey: np.ndarray, share: float = 0.004, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Toner specks (dots 3-5 px across, as a copier leaves them) over the
    page; returns the page and the specks' mask."""
    rng = np.random.default_rng(seed)
    h, w = grey.shape
    mask = np.zeros((h, w), np.uint8)
    n = int(share * h * w / 4)
    for x, y, r in zip(rng.integers(0, w, n), rng.integers(0, h, n), rng.integers(1, 3, n)):
        cv2.circle(mask, (int(x), int(y)), int(r), 255, -1)
    return np.minimum(grey, 255 - mask // 255 * 200).astype(np.uint8), mask


def test_specks_go_separators_and_diacritics_stay():
    clean = scan_pages.render(Settings().ocr_dpi)
    assert (preprocess.drop_specks(clean, OCR_K) == clean).all()  # a clean page: unchanged
    grey, mask = specks(clean)
    out = preprocess.drop_specks(grey, OCR_K)
    print_ink = clean < 128
    near_print = cv2.dilate(print_ink.astype(np.uint8), np.ones((15, 15), np.uint8)) > 0
    apart = cv2.dilate(mask, np.ones((7, 7), np.uint8)) == 0
    # Every mark of the print away from a speck stays: the points of '1.318'
    # and '44.83', the dots under 'ọ', 'ạ', 'ị', the tone marks of 'ỷ', 'ể'.
    lost = print_ink & apart & (out >= 128)
    assert not lost.any(), np.argwhere(lost)[:5]
    lone = (mask > 0) & ~near_print
    assert (out[lone] >= 200).mean() > 0.97  # specks on paper are gone


def test_numbers_read_through_copier_specks():
    """A speck touching a digit is part of it, and one just after a number is
    a full stop (no size tells them apart); the numbers with specks only
    around them must be read (unfiltered, Tesseract reads one in 28)."""
    grey, _ = specks(scan_pages.render(DPI))
    page = read_page(grey, DPI, 1, Settings())
    assert _lines(page.rulings) == N_LINES
    _assert_numbers(page, share=0.8)


# --- A page cut to its table ---------------------------------------------------------


def stretched_pdf(img: np.ndarray, page_pt: tuple[float, float]) -> bytes:
    """An image-only PDF whose scan is stretched over the page (a page cut to
    the table, fitted to A4 again): its two axes have different resolutions."""
    import io

    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf, png = io.BytesIO(), io.BytesIO()
    Image.fromarray(img).save(png, format="PNG")
    c = canvas.Canvas(buf, pagesize=page_pt, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, width=page_pt[0], height=page_pt[1])
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_stretched_scan_is_rendered_at_its_finer_axis():
    import pypdfium2 as pdfium

    from dvc_extract.ingest.image import native_dpi, render_pdf_page

    img = np.full((660, 400), 255, np.uint8)  # 200 dpi across, 220 dpi down over 144 x 216 pt
    pdf = pdfium.PdfDocument(stretched_pdf(img, (144.0, 216.0)))
    assert native_dpi(pdf[0]) == pytest.approx(220, abs=0.5)
    arr, dpi = render_pdf_page(pdf, 0)
    assert arr.shape[0] >= 659 and arr.shape[1] >= 399  # no axis below the scan's own pixels
    pdf.close()



# --- A form's dashed row rules, a list item's dash ------------------------------------


def test_dashed_row_rules_are_rules_a_dotted_leader_is_not():
    # The gazette's income statement form: column rules drawn, row rules dashed (2 pt
    # dashes, 2 pt apart); a leader of dots after "Đơn vị tính:" ends on no column rule.
    grey = np.full((int(300 * K), int(500 * K)), 255, np.uint8)
    for x in (50, 200, 300):
        cv2.line(grey, (int(x * K), int(60 * K)), (int(x * K), int(260 * K)), 0, 2)
    for y in (60, 260):
        cv2.line(grey, (int(50 * K), int(y * K)), (int(300 * K), int(y * K)), 0, 2)
    for y in (110, 160, 210):
        for x in np.arange(50, 300, 4.0):
            cv2.line(grey, (int(x * K), int(y * K)), (int((x + 2) * K), int(y * K)), 0, 2)
    for x in np.arange(320, 440, 3.0):
        cv2.circle(grey, (int(x * K), int(40 * K)), 1, 0, -1)
    ink = preprocess.ink_mask(grey, K)
    rulings, _ = find_rulings(preprocess.mend_rulings(ink, K), K)
    rows = sorted(round(r.top) for r in rulings if r.orientation == "h" and r.x1 - r.x0 > 240)
    assert rows == [60, 110, 160, 210, 260], rows
    assert not [r for r in rulings if r.orientation == "h" and r.top < 50]


def test_a_list_items_dash_is_no_speck():
    # A speckled copy: specks go, but the short flat bar just before a line's first
    # glyph ("- Phí bảo hiểm gốc") is the item's dash, and stays.
    grey = np.full((800, 1200), 255, np.uint8)
    for row in range(6):
        y = 100 + row * 100
        cv2.rectangle(grey, (108, y + 19), (119, y + 22), 0, -1)  # the dash: 12 x 4 px, mid-letter
        for k in range(12):
            x = 135 + k * 40  # glyphs 32 px tall, an "n" each (a filled box is no glyph)
            cv2.rectangle(grey, (x, y), (x + 5, y + 31), 0, -1)
            cv2.rectangle(grey, (x + 19, y), (x + 24, y + 31), 0, -1)
            cv2.rectangle(grey, (x, y), (x + 24, y + 5), 0, -1)
    rng = np.random.default_rng(1)
    for x, y in zip(rng.integers(700, 1150, 200), rng.integers(50, 750, 200)):
        cv2.circle(grey, (int(x), int(y)), 2, 0, -1)
    out = preprocess.drop_specks(grey, OCR_K)
    assert (out[700:, 700:] < 128).sum() < (grey[700:, 700:] < 128).sum() / 4  # specks gone
    for row in range(6):
        y = 100 + row * 100
        assert (out[y + 19:y + 23, 108:120] < 128).all(), row
