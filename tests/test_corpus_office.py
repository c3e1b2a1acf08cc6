"""Reports exported by LibreOffice from Word documents (corpora/office, built by
scripts/build_corpus_docx), end to end against their ground truth, with the floors of the
born-digital path: ≥ 99.5 % of numeric cells exact, every caption, every unit-name cell exact,
every page-spanning table stitched into one. A second rendering family beside corpora/digital:
the word processor paginates, draws the borders and may break a row across pages."""
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from dvc_extract import extract
from dvc_extract.evaluate import load_truth, score_report

OFFICE = Path(__file__).resolve().parent.parent / "corpora" / "office"
TRUTHS = sorted(OFFICE.glob("*.truth.json"))


def _ids(p):
    return p.name.split(".")[0]


def test_the_corpus_has_office_exports_with_tables():
    assert TRUTHS and all(load_truth(p).tables for p in TRUTHS), f"no office export in {OFFICE}"


@pytest.mark.e2e
@pytest.mark.parametrize("truth_path", TRUTHS, ids=_ids)
def test_truth_rows_are_printed_on_the_pages_they_claim(truth_path):
    """The truth's pages were read from the PDF: each row's words are on its pages, every
    table's pages are its rows' pages, and the page count is the PDF's."""
    truth = load_truth(truth_path)
    with pdfplumber.open(truth.pdf_path) as pdf:
        assert len(pdf.pages) == truth.pages
        words = [{unicodedata.normalize("NFC", w["text"]) for w in page.extract_words()}
                 for page in pdf.pages]
    import json
    raw = json.loads(truth_path.read_text(encoding="utf-8"))
    for t in raw["tables"]:
        row_pages = set()
        for row in t["rows"]:
            pages = row.get("pages", [row["page"]])
            row_pages.update(pages)
            on_pages = set().union(*(words[p - 1] for p in pages))
            for cell in row["cells"]:
                missing = [w for w in cell["text"].split() if w not in on_pages]
                assert not missing, f"{t['caption']}: {cell['text']!r} not on pages {pages}"
        assert sorted(row_pages) == t["pages"], t["caption"]


@pytest.mark.e2e
@pytest.mark.parametrize("truth_path", TRUTHS, ids=_ids)
def test_extracted_tables_meet_the_floors(truth_path):
    truth = load_truth(truth_path)
    report = extract(str(truth.pdf_path))
    score = score_report(truth, report)
    failures = score.floor_failures()
    assert not failures, "; ".join(failures) + "\n" + score.summary() + "\n  " + "\n  ".join(score.misses)
