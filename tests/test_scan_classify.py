"""Page kinds from the text layer: usable Vietnamese, none (a scan), or garbled
(an OCR without Vietnamese, marks stripped, an undecodable 8-bit font)."""
import random

import pytest

from dvc_extract.ingest.garbled import evidence, page_source
from dvc_extract.model import Word
from dvc_extract.vietnamese.legacy_encode import encode_tcvn3, encode_vni
from dvc_extract.vietnamese.syllable import strip_marks

VIETNAMESE = (
    "Theo Báo cáo của Sở Thông tin và Truyền thông về kết quả thực hiện Chỉ thị số 11/CT-UBND "
    "ngày 11/8/2017 của UBND tỉnh về việc tiếp nhận và giải quyết thủ tục hành chính trên Hệ "
    "thống Dịch vụ hành chính công trực tuyến tích hợp Một cửa điện tử liên thông của tỉnh và "
    "sử dụng văn bản điện tử trong công tác hành chính. Trong quý III/2018, toàn tỉnh thực hiện "
    "việc gửi, nhận 67.309 văn bản điện tử; trong đó gửi liên thông 17.695 văn bản. "
    "UBND huyện Krông Pắc, UBND huyện Ea Kar, UBND huyện Cư M'gar, Sở Tài nguyên và Môi trường."
)
# What an OCR without Vietnamese support makes of such a page.
OCR_WITHOUT_VIETNAMESE = (
    "Theo B4o cdo s6 181/BC-STTTT ngay 28/9/2018 cua S& Thong tin va Truyén thong vé két qua "
    "thue hién Chi thi s5 11/CT-UBND ngay 11/8/2017 clia UBND tinh vé viéc tiép nhan va giai "
    "quyét thu tuc hanh chinh trén Hé thong Dich vy hanh chinh céng tryuc tuyén tich hop Mot "
    "Cira dién tir lién théng cia tinh va st dung vin ban dién tr trong c6ng tic hanh chinh. "
    "Trong quy III/2018, toan tinh thuc hién viéc gui, nhdn 67.309 vin ban dién t; trong d6"
)
ENGLISH = (
    "The table below reports the number of applications received online by each department "
    "during the third quarter, together with the share of those processed on time and the "
    "average processing delay, compared with the same period of the previous year and with "
    "the targets set by the provincial plan for the modernisation of public administration."
)


def words(text: str, font: str = "") -> list[Word]:
    return [Word(t, 0, 0, 1, 1, 1, fontname=font) for t in text.split()]


def test_vietnamese_text_layer_is_used():
    assert page_source(words(VIETNAMESE)) == "text-layer"


def test_no_text_is_a_scan():
    assert page_source([]) == "scanned"
    assert page_source(words("4 Bảng 2")) == "scanned"


def test_ocr_without_vietnamese_is_garbled():
    ev = evidence(OCR_WITHOUT_VIETNAMESE.split())
    assert ev.marked_share < 0.5 and ev.valid_share > 0.35
    assert page_source(words(OCR_WITHOUT_VIETNAMESE)) == "garbled-text"


def test_text_stripped_of_its_marks_is_garbled():
    stripped = " ".join(strip_marks(w) for w in VIETNAMESE.split())
    assert page_source(words(stripped)) == "garbled-text"


def test_decodable_legacy_fonts_are_left_to_the_text_stage():
    tcvn3 = " ".join(encode_tcvn3(w) for w in VIETNAMESE.split())
    assert page_source(words(tcvn3, ".VnTime")) == "text-layer"
    vni = " ".join(encode_vni(w) for w in VIETNAMESE.split())
    assert page_source(words(vni, "VNI-Times")) == "text-layer"


def test_undecodable_8bit_text_is_garbled():
    rng = random.Random(3)
    junk = " ".join(
        "".join(rng.choice("aceghilmnotu«»µ¶®©ª¦Öë") for _ in range(rng.randint(2, 6)))
        for _ in range(120)
    )
    assert page_source(words(junk)) == "garbled-text"


@pytest.mark.parametrize("text", [ENGLISH])
def test_other_languages_are_not_called_garbled(text):
    # OCR with Vietnamese would not read an English page better.
    assert page_source(words(text * 2)) == "text-layer"


def test_glyphs_without_unicode_meaning_are_garbled():
    cid = "B(cid:1)O C(cid:1)O T(cid:2)nh h(cid:2)nh ti(cid:3)p nh(cid:4)n h(cid:5) s(cid:6) tr(cid:7)c tuy(cid:3)n "
    assert page_source(words(cid * 4)) == "garbled-text"
    assert page_source(words("\ue012\ue004\ue019 \ue007\ue001 " * 20)) == "garbled-text"
    # A symbol font's bullets among Vietnamese words are no reason to read the page again.
    assert page_source(words(VIETNAMESE + " (cid:127) " + VIETNAMESE)) == "text-layer"


@pytest.mark.e2e
def test_a_pdf_whose_fonts_have_no_unicode_map_is_read_from_its_image(tmp_path):
    """A real PDF (reportlab, Liberation Serif) with its ToUnicode map removed: pdfplumber
    gives "S(cid:8) T(cid:...)"; the page is read by OCR instead, and says so."""
    import re

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from dvc_extract.pipeline import extract

    pdfmetrics.registerFont(TTFont("Serif", "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"))
    made = tmp_path / "made.pdf"
    c = canvas.Canvas(str(made), pageCompression=0)
    c.setFont("Serif", 12)
    for i, line in enumerate(["Trong quý III/2018, toàn tỉnh thực hiện việc gửi, nhận 67.309 văn bản điện tử;",
                              "trong đó gửi liên thông 17.695 văn bản qua Hệ thống quản lý văn bản."] * 6):
        c.drawString(60, 780 - 22 * i, line)
    c.save()
    data = made.read_bytes()
    assert b"/ToUnicode" in data
    nomap = tmp_path / "nomap.pdf"  # same length: the cross-reference table stays right
    nomap.write_bytes(re.sub(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group(0)), data))
    report = extract(str(nomap))
    page = report.document.pages[0]
    assert page.source == "garbled-text"
    text = " ".join(w.text for w in page.words)
    assert "(cid:" not in text and "67.309" in text and "17.695" in text and "liên thông" in text
