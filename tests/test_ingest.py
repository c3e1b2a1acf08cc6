"""Ingest stage: typed errors, page kinds, words and rulings from real PDFs."""
from __future__ import annotations

import hashlib
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dvc_extract import ingest  # noqa: E402
from dvc_extract.errors import CorruptInput, EncryptedPdf, InputNotFound, UnsupportedInput  # noqa: E402
from test_layout import H, PROSE, SIZE, Sheet  # noqa: E402


def _simple_pdf(path: Path, encrypt=None) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=encrypt)
    c.drawString(72, 700, "Báo cáo kết quả thực hiện dịch vụ công trực tuyến năm 2023 của tỉnh")
    c.save()


def test_missing_file(tmp_path):
    with pytest.raises(InputNotFound):
        ingest.load(tmp_path / "nope.pdf")


def test_not_a_pdf_despite_its_name(tmp_path):
    fake = tmp_path / "report.pdf"
    fake.write_text("STT,Tên cơ quan\n1,Sở Y tế\n", encoding="utf-8")
    with pytest.raises(UnsupportedInput):
        ingest.load(fake)


def test_encrypted_pdf(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    pdf = tmp_path / "locked.pdf"
    _simple_pdf(pdf, encrypt=StandardEncryption("secret", "owner"))
    with pytest.raises(EncryptedPdf):
        ingest.load(pdf)


@pytest.mark.parametrize("damage", ["truncate", "garbage"])
def test_corrupt_pdf(tmp_path, damage):
    good = tmp_path / "good.pdf"
    _simple_pdf(good)
    data = good.read_bytes()
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(data[: len(data) // 2] if damage == "truncate" else b"%PDF-1.7\n" + b"\x00" * 300)
    with pytest.raises(CorruptInput):
        ingest.load(bad)


def test_sha256_pages_and_kinds(tmp_path):
    pdf = tmp_path / "two.pdf"
    s = Sheet(pdf)
    s.paragraph(72, 72, PROSE)
    s.next_page()  # a scan: a page-size picture, and a stamp's two words over it
    from PIL import Image

    picture = tmp_path / "page.png"
    Image.new("L", (400, 560), 200).save(picture)
    s.c.drawImage(str(picture), 20, 20, 555, 800)
    s.text(72, 72, "DỰ THẢO")
    s.next_page()  # a born-digital page with few words: still a text layer
    s.text(72, 72, "Nơi nhận:")
    s.save()
    from dvc_extract.ingest.pdf import pdf_pages  # the text layer alone, before any OCR
    from dvc_extract.settings import Settings

    assert [p.source for p in pdf_pages(pdf, Settings())] == ["text-layer", "scanned", "text-layer"]
    pdf = tmp_path / "one.pdf"
    s = Sheet(pdf)
    s.paragraph(72, 72, PROSE)
    s.save()
    doc = ingest.load(pdf)
    assert doc.sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    first = doc.pages[0]
    assert (first.width, first.height) == pytest.approx((595.0, 842.0))
    assert first.words[0].text == "Trong" and first.words[0].fontname.endswith("Serif")
    assert first.words[0].size == pytest.approx(SIZE)


def test_image_input_is_a_scanned_page(tmp_path):
    from PIL import Image

    png = tmp_path / "scan.png"
    Image.new("L", (2480, 3508), 255).save(png, dpi=(300, 300))  # A4 at 300 dpi
    doc = ingest.load(png)
    assert len(doc.pages) == 1
    page = doc.pages[0]
    assert page.source == "scanned" and page.words == []
    assert (page.width, page.height) == pytest.approx((595.2, 841.92), abs=0.5)


def test_rulings_merge_duplicates_and_thin_rectangles(tmp_path):
    pdf = tmp_path / "rules.pdf"
    s = Sheet(pdf)
    s.line(72, 100, 300, 100)
    s.line(72, 100.4, 300, 100.4)  # drawn twice, a hair apart
    s.line(300, 100, 500, 100)  # continues the same rule
    s.c.setFillGray(0)
    s.c.rect(72, H - 201, 200, 1.0, stroke=0, fill=1)  # a border as a thin filled box
    s.c.setFillGray(0.85)
    s.c.rect(72, H - 260, 200, 40, stroke=0, fill=1)  # shading: a background, not lines
    s.c.setFillGray(1)
    s.c.rect(72, H - 400, 200, 100, stroke=0, fill=1)  # white: draws nothing
    s.paragraph(72, 500, PROSE)
    s.save()
    rulings = ingest.load(pdf).pages[0].rulings
    assert len(rulings) == 2
    top, thin = sorted(rulings, key=lambda r: r.top)
    assert top.orientation == "h" and (top.x0, top.x1) == pytest.approx((72, 500), abs=0.5)
    assert thin.orientation == "h" and thin.top == pytest.approx(200.5, abs=1)


def test_word_straddling_a_rule_is_split(tmp_path):
    pdf = tmp_path / "straddle.pdf"
    s = Sheet(pdf)
    s.box(72, 100, 200, 130)
    s.box(200, 100, 330, 130)
    s.text(199.6, 108, "1.648", align="right")  # flush against the rule on both sides
    s.text(200.4, 108, "39,2%")
    s.paragraph(72, 300, PROSE)
    s.save()
    words = ingest.load(pdf).pages[0].words
    texts = [w.text for w in words if w.top < 150]
    assert texts == ["1.648", "39,2%"]


def test_diacritics_drawn_as_separate_glyphs(tmp_path):
    pdf = tmp_path / "marks.pdf"
    s = Sheet(pdf)
    c = s.c
    baseline = H - 100
    c.setFont("Serif", SIZE)
    x = 72.0
    for ch in "Nguy":
        c.drawString(x, baseline, ch)
        x += c.stringWidth(ch, "Serif", SIZE)
    e_x = x
    # Zero-width marks shown before their letter, placed over its middle.
    c.drawString(e_x + 2, baseline, "\u0302")
    c.drawString(e_x + 2, baseline, "\u0303")
    c.drawString(e_x, baseline, "e")
    x += c.stringWidth("e", "Serif", SIZE)
    c.drawString(x, baseline, "n")
    # An acute accent drawn on its own, well above its letter: "to" + ´ = "tó".
    c.drawString(150, baseline, "to")
    o_x = 150 + c.stringWidth("t", "Serif", SIZE)
    c.setFont("Serif", SIZE)
    c.drawString(o_x + 1.5, baseline + 7, "\u00b4")
    s.paragraph(72, 300, PROSE)
    s.save()
    words = [w for w in ingest.load(pdf).pages[0].words if w.top < 150]
    texts = sorted(unicodedata.normalize("NFC", w.text) for w in words)
    # The accent is kept as read, after its letter; the text stage repairs it.
    assert texts == ["Nguyễn", "to\u00b4"]


def test_overlapping_mark_read_after_its_letter():
    from dvc_extract.ingest.words import _marks_after_bases

    def ch(text, x0, x1):
        return {"text": text, "x0": x0, "x1": x1, "top": 0.0, "bottom": 10.0}

    # A mark with its own advance, pulled back over the "e" by a negative kern:
    # its box starts left of the letter, its centre lies over it.
    chars = [ch("\u0301", 9.5, 14.0), ch("e", 10.0, 15.3), ch("m", 15.3, 24.6)]
    assert "".join(c["text"] for c in _marks_after_bases(chars)) == "e\u0301m"


@pytest.mark.parametrize("size", [(1, 1), (60, 40), (12000, 11000)])
def test_an_image_too_small_or_too_large_to_read_is_one_line_and_exit_12(tmp_path, size):
    from PIL import Image

    from dvc_extract.errors import ImageUnreadable

    path = tmp_path / "page.png"
    Image.new("L", size, 255).save(path)
    with pytest.raises(ImageUnreadable) as caught:
        ingest.load(path)
    assert caught.value.exit_code == 12 and "\n" not in str(caught.value)


def test_a_decompression_bomb_is_refused_before_it_is_decoded(tmp_path):
    from PIL import Image

    from dvc_extract.errors import ImageUnreadable

    path = tmp_path / "bomb.png"
    Image.new("1", (20000, 20000), 1).save(path)  # 400 megapixels in a few kilobytes
    assert path.stat().st_size < 200_000
    with pytest.raises(ImageUnreadable):
        ingest.load(path)


@pytest.mark.parametrize("name", ["digital/002.pdf", "office/002-liberation.pdf", "legacy/002.vni.pdf",
                                  "legacy/tcvn3_vntime.pdf"])
def test_quick_character_dicts_are_pdfplumbers(name):
    # ingest.chars makes pdfplumber's character dicts its own quicker way: the same keys,
    # values and order, or words and their boxes would move.
    import pdfplumber

    from dvc_extract.ingest.chars import quick_objects

    path = ROOT / "corpora" / name
    with pdfplumber.open(path) as plain, pdfplumber.open(path) as quick:
        for a, b in zip(plain.pages, quick.pages):
            quick_objects(b)
            assert a.objects.keys() == b.objects.keys()
            for kind in a.objects:
                assert [list(o.items()) for o in a.objects[kind]] == [list(o.items()) for o in b.objects[kind]]


# --- long reports stay flat in memory --------------------------------------------------------

SCANNED = Path(__file__).resolve().parent.parent / "corpora" / "scanned"


def test_pdfium_is_opened_again_after_a_few_pages(monkeypatch):
    """pdfium keeps what it parsed of each page until its document closes: page images of a
    long scan are rendered from a document opened again every few pages."""
    import pypdfium2 as pdfium

    from dvc_extract.ingest.image import PdfPages, page_images

    opened = []
    real = pdfium.PdfDocument
    monkeypatch.setattr(pdfium, "PdfDocument", lambda *a, **k: opened.append(a) or real(*a, **k))
    monkeypatch.setattr(PdfPages, "REOPEN_AFTER", 2)
    pdf = SCANNED / "000-t5-6-200dpi-stamp.pdf"
    count = len(real(str(pdf)))
    got = [i for i, _, _ in page_images(pdf, "pdf", [0, 1, 0, 1, 0], 300)]
    assert got == [0, 1, 0, 1, 0] and count == 2
    assert len(opened) == 3  # pages 1-2, 3-4, 5


def test_image_streams_leave_pdfminers_cache_after_their_page():
    """pdfminer keeps every object it parses for the document's life; a scan's page images
    are dropped once their page is read, its fonts and other objects kept."""
    import pdfplumber
    from pdfminer.pdftypes import PDFStream

    from dvc_extract.ingest.pdf import LITERAL_IMAGE, _page
    from dvc_extract.settings import Settings

    def images(pdf):
        return [o for o, _ in pdf.doc._cached_objs.values()
                if isinstance(o, PDFStream) and o.attrs.get("Subtype") is LITERAL_IMAGE]

    with pdfplumber.open(SCANNED / "000-t5-6-200dpi-stamp.pdf") as pdf:
        page = pdf.pages[0]
        page.images  # the page's objects parsed, its image stream cached
        assert images(pdf)
        _page(pdf.pages[1], Settings())
        assert not images(pdf) and pdf.doc._cached_objs  # the rest stays cached
