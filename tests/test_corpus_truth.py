"""The born-digital corpus agrees with its ground truth.

Independent of dvc_extract: every truth cell is read back from the rendered PDF
with pdfplumber inside the box the truth gives it, on the page it claims.
"""
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pdfplumber
import pytest
from pdfplumber.utils import extract_text

ROOT = Path(__file__).resolve().parent.parent
DIGITAL = ROOT / "corpora" / "digital"
TRUTHS = sorted(DIGITAL.glob("*.truth.json"))
IDS = [p.name.split(".")[0] for p in TRUTHS]


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class Page:
    """One PDF page's characters, read once, with their boxes as arrays."""

    def __init__(self, page):
        self.chars = page.chars
        self.text = norm(page.extract_text())
        box = np.array([[c["x0"], c["top"], c["x1"], c["bottom"]] for c in self.chars]
                       or np.zeros((0, 4)))
        self.box = box

    def text_in(self, bbox) -> str:
        """Text of the glyphs lying wholly inside bbox (kept off its rules by 0.5pt)."""
        x0, top, x1, bottom = bbox
        b = self.box
        inside = ((b[:, 0] >= x0 + 0.5) & (b[:, 2] <= x1 - 0.5)
                  & (b[:, 1] >= top + 0.5) & (b[:, 3] <= bottom - 0.5))
        return norm(extract_text([self.chars[i] for i in np.flatnonzero(inside)]))


class Pages:
    """Pages read on first use: parsing is the slow part, and prose pages are not needed."""

    def __init__(self, pdf):
        self.pdf, self.cache = pdf, {}

    def __len__(self):
        return len(self.pdf.pages)

    def __getitem__(self, i):
        if i not in self.cache:
            self.cache[i] = Page(self.pdf.pages[i])
        return self.cache[i]


@pytest.fixture(scope="module", params=IDS)
def doc(request):
    truth = json.loads((DIGITAL / f"{request.param}.truth.json").read_text(encoding="utf-8"))
    with pdfplumber.open(DIGITAL / truth["pdf"]) as pdf:
        yield truth, Pages(pdf)


def test_corpus_is_present():
    assert {"000", "001", "002", "004"} <= set(IDS)


def test_page_count(doc):
    truth, pdf = doc
    assert len(pdf) == truth["pages"]


def test_captions_are_printed_on_the_tables_first_page(doc):
    truth, pdf = doc
    assert truth["captions"] == [t["caption"] for t in truth["tables"] if t["caption"]]
    for t in truth["tables"]:
        if t["caption"]:
            assert t["caption"] in pdf[t["pages"][0] - 1].text


def test_header_cells_read_back(doc):
    truth, pdf = doc
    for t in truth["tables"]:
        page = pdf[t["pages"][0] - 1]
        for c in t["header"]:
            assert page.text_in(c["bbox"]) == c["text"] == norm(c["text"]), (t["caption"], c)


def test_body_cells_read_back_on_their_pages(doc):
    truth, pdf = doc
    for t in truth["tables"]:
        assert t["pages"] == sorted({r["page"] for r in t["rows"]})
        for r in t["rows"]:
            page = pdf[r["page"] - 1]
            for c in r["cells"]:
                assert page.text_in(c["bbox"]) == c["text"] == norm(c["text"]), (t["caption"], c)


def test_columns_follow_the_header(doc):
    truth, _ = doc
    for t in truth["tables"]:
        ncols = len(t["columns"])
        assert all(0 <= c["col"] < ncols for r in t["rows"] for c in r["cells"])
        for j, path in enumerate(t["columns"]):
            over = [c["text"] for c in sorted(t["header"], key=lambda c: c["row"])
                    if c["col"] <= j < c["col"] + c["col_span"]]
            assert path.split(" / ")[0] == over[0] and path.split(" / ")[-1] == over[-1]


def _digits(x) -> str:
    return re.sub(r"\D", "", x).lstrip("0").rstrip("0")


def test_values_match_their_printed_text(doc):
    truth, _ = doc
    for t in truth["tables"]:
        for r in t["rows"]:
            for c in r["cells"]:
                v = c["value"]
                if v is None:
                    continue
                shown = f"{v:.6f}" if isinstance(v, float) else str(v)
                assert _digits(c["text"]) == _digits(shown), c


def test_rebuild_is_byte_identical(tmp_path):
    """The committed PDFs and truths are exactly what the sources build."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_corpus"), "--out",
                    str(tmp_path)], check=True, capture_output=True)
    for p in sorted(tmp_path.iterdir()):
        assert p.read_bytes() == (DIGITAL / p.name).read_bytes(), p.name


@pytest.mark.parametrize("doc_id", IDS)
def test_prose_is_printed_in_order(doc_id):
    """Every paragraph of the source, in order: its numbers are claims a verifier reads."""
    import pypdfium2

    src = json.loads((ROOT / "corpora" / "source" / f"{doc_id}.json").read_text(encoding="utf-8"))
    pdf = pypdfium2.PdfDocument(DIGITAL / f"{doc_id}.pdf")
    pages = []
    for i in range(len(pdf)):
        lines = pdf[i].get_textpage().get_text_range().splitlines()
        if i and lines and lines[0].strip() == str(i + 1):   # the page number heading
            lines = lines[1:]
        pages.append(" ".join(lines))
    pdf.close()
    text = norm(" ".join(pages))
    pos = 0
    for block in src["blocks"]:
        if block["type"] == "para":
            found = text.find(norm(block["text"]), pos)
            assert found >= 0, block["text"][:80]
            pos = found
