"""Test pages for the scanned path, made here with reportlab and OpenCV: a
ruled table with known cell texts, rendered, rotated, stamped, degraded."""
from __future__ import annotations

import io

import cv2
import numpy as np

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"

HEADER = ["STT", "Tên cơ quan, đơn vị", "Tổng số", "Trực tuyến", "Tỷ lệ (%)"]
ROWS = [
    ["1", "Sở Khoa học và Công nghệ", "116", "52", "44.83"],
    ["2", "Sở Ngoại vụ", "1", "0", "0"],
    ["3", "Sở Tài chính", "851", "851", "100"],
    ["4", "Sở Thông tin và Truyền thông", "1.318", "565", "42.87"],
    ["5", "UBND huyện Krông Pắc", "8.787", "3.192", "36.33"],
    ["6", "Sở Văn hóa, Thể thao và Du lịch", "672", "98", "14.58"],
    ["7", "Sở Nội vụ", "526", "425", "80.8"],
]
COL_X = [70, 105, 300, 370, 450, 530]  # points, left to right borders
ROW_H = 24.0
TOP = 140.0


def cell_boxes() -> list[tuple[str, tuple[float, float, float, float]]]:
    """(text, bbox in points) of every cell, header first."""
    out = []
    for r, row in enumerate([HEADER] + ROWS):
        top = TOP + r * ROW_H
        for c, text in enumerate(row):
            out.append((text, (COL_X[c], top, COL_X[c + 1], top + ROW_H)))
    return out


def table_pdf() -> bytes:
    """An A4 page: a title line, a paragraph, and the ruled table."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("LibSerif", FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595.28, 841.89), invariant=1)
    H = 841.89
    c.setFont("LibSerif", 13)
    c.drawString(70, H - 90, "Bảng 2 - Tỷ lệ hồ sơ tiếp nhận trực tuyến của các sở, ban, ngành")
    c.drawString(70, H - 115, "Kết quả thực hiện trong quý III năm 2024 như sau:")
    n = len(ROWS) + 1
    c.setLineWidth(0.75)
    for r in range(n + 1):
        y = H - (TOP + r * ROW_H)
        c.line(COL_X[0], y, COL_X[-1], y)
    for x in COL_X:
        c.line(x, H - TOP, x, H - (TOP + n * ROW_H))
    for text, (x0, top, x1, bottom) in cell_boxes():
        c.setFont("LibSerif", 11 if len(text) > 24 else 12)
        c.drawCentredString((x0 + x1) / 2, H - (top + bottom) / 2 - 4, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def render(dpi: int, colour: bool = False) -> np.ndarray:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(table_pdf())
    arr = pdf[0].render(scale=dpi / 72.0, grayscale=not colour).to_numpy().copy()
    pdf.close()
    return arr[:, :, :3] if arr.ndim == 3 else arr


def rotate(img: np.ndarray, deg: float) -> np.ndarray:
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    border = (255, 255, 255) if img.ndim == 3 else 255
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=border)


def red_stamp(img: np.ndarray, centre_pt: tuple[float, float], dpi: int) -> np.ndarray:
    """A red seal multiplied over a colour page (BGR)."""
    k = dpi / 72.0
    layer = np.full_like(img, 255)
    c = (int(centre_pt[0] * k), int(centre_pt[1] * k))
    r = int(48 * k)
    cv2.circle(layer, c, r, (40, 40, 210), max(2, int(2 * k)))
    cv2.circle(layer, c, int(r * 0.75), (40, 40, 210), max(1, int(k)))
    cv2.line(layer, (c[0] - r, c[1]), (c[0] + r, c[1]), (40, 40, 210), max(2, int(1.5 * k)))
    return np.minimum(img, layer)


def faint_and_broken(img: np.ndarray, dpi: int, seed: int = 0) -> np.ndarray:
    """Lighten all ink and cut short gaps (2-4 pt, as worn toner leaves) into
    every ruled line, about every 30 pt."""
    rng = np.random.default_rng(seed)
    out = img.copy()
    k = dpi / 72.0
    bottom = TOP + (len(ROWS) + 1) * ROW_H
    for x in COL_X:
        for y in np.arange(TOP + 10, bottom - 5, 30.0):
            y = (y + rng.uniform(-6, 6)) * k
            out[int(y): int(y + rng.uniform(2, 4) * k), int(x * k - 2 * k): int(x * k + 2 * k)] = 255
    for r in range(len(ROWS) + 2):
        y = (TOP + r * ROW_H) * k
        for x in np.arange(COL_X[0] + 10, COL_X[-1] - 5, 30.0):
            x = (x + rng.uniform(-6, 6)) * k
            out[int(y - 2 * k): int(y + 2 * k), int(x): int(x + rng.uniform(2, 4) * k)] = 255
    return (255 - (255 - out.astype(np.float32)) * 0.6).astype(np.uint8)


def mixed_pdf(dpi: int = 200) -> bytes:
    """Three pages: a text layer; a scan (image only); a scan under a garbled
    invisible text layer, as an OCR without Vietnamese leaves it."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("LibSerif", FONT))
    ok, png = cv2.imencode(".png", rotate(render(dpi), 0.6))
    assert ok
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595.28, 841.89), invariant=1)
    c.setFont("LibSerif", 13)
    y = 780
    for line in ("Kết quả thực hiện việc tiếp nhận hồ sơ trực tuyến của các sở, ban, ngành",
                 "trong quý III năm 2024 được tổng hợp tại Bảng 2 dưới đây, kèm theo tỷ lệ",
                 "hồ sơ giải quyết đúng hạn và số dịch vụ công trực tuyến toàn trình."):
        c.drawString(70, y, line)
        y -= 18
    c.showPage()
    for garbled in (False, True):
        c.drawImage(ImageReader(io.BytesIO(png.tobytes())), 0, 0, width=595.28, height=841.89)
        if garbled:
            t = c.beginText(70, 780)
            t.setTextRenderMode(3)  # invisible, as OCR text layers are
            t.setFont("Helvetica", 12)
            for line in ("Bang 2 - Ty 1€ hd so tiép nhan tryuc tuyén cua cac s&, ban, nganh",
                         "STT Tén co quan, don vi Téng sé Truc tuyén Ty 1é (%)",
                         "1 S& Khoa hoc va Céng nghé 116 52 44.83 2 S& Ngoai vu 1 0 0",
                         "3 S& Tai chinh 851 851 100 4 S& Théng tin va Truyén théng 1.318",
                         "5 UBND huyén Krong Pic 8.787 3.192 36.33 6 S& Van héa, Thé thao"):
                t.textLine(line)
            c.drawText(t)
        c.showPage()
    c.save()
    return buf.getvalue()
