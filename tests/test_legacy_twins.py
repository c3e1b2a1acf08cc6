"""Legacy-encoded twins of corpus reports extract to the same tables as the Unicode originals.

`corpora/legacy/<id>.tcvn3.pdf` and `<id>.vni.pdf` are rendered by
scripts/build_legacy_corpus from the same source as `corpora/digital/<id>.pdf`,
with only fonts and text bytes changed (TCVN3 .VnTime/.VnTimeH, VNI-Times).
"""
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pytest

import dvc_extract
from dvc_extract import ingest
from dvc_extract.vietnamese.legacy import font_encoding

ROOT = Path(__file__).resolve().parent.parent
LEGACY = ROOT / "corpora" / "legacy"
TWINS = [(i, enc) for i in ("002", "000") for enc in ("tcvn3", "vni")]

pytestmark = pytest.mark.e2e


@lru_cache(maxsize=None)
def tables(path: Path):
    report = dvc_extract.extract(str(path))
    return [{"caption": t.caption, "columns": t.columns,
             "rows": [[(c.col, c.row_span, c.col_span, c.text, c.value) for c in r.cells] for r in t.rows]}
            for t in report.tables]


def _legacy_chars(path: Path) -> tuple[set[str], str]:
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        return {c["fontname"].split("+")[-1] for c in page.chars}, page.extract_text()


@pytest.mark.parametrize("report_id,encoding", TWINS)
def test_ingest_decodes_legacy_runs_by_font_name(report_id, encoding):
    doc = ingest.load(str(LEGACY / f"{report_id}.{encoding}.pdf"))
    words = [w for p in doc.pages for w in p.words if font_encoding(w.fontname)[0]]
    assert words
    assert not any(ch in w.text for w in words for ch in "«¸µ¬®ñöûÖ")


@pytest.mark.parametrize("report_id,encoding", TWINS)
def test_twin_is_really_legacy_encoded(report_id, encoding):
    fonts, text = _legacy_chars(LEGACY / f"{report_id}.{encoding}.pdf")
    assert {font_encoding(f)[0] for f in fonts} == {encoding}
    assert "ư" not in text and "ệ" not in text  # only legacy bytes in the text layer
    if encoding == "tcvn3":
        assert any(font_encoding(f)[1] for f in fonts)  # capitals set in a VnTimeH font


@pytest.mark.parametrize("report_id,encoding", TWINS)
def test_twin_extracts_to_the_same_tables(report_id, encoding):
    twin = LEGACY / f"{report_id}.{encoding}.pdf"
    want = tables(ROOT / "corpora" / "digital" / f"{report_id}.pdf")
    got = tables(twin)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g["caption"] == w["caption"]
        assert g["columns"] == w["columns"]
        assert g["rows"] == w["rows"]


def test_vni_cells_decode_without_font_names():
    """The text stage alone (no font name) turns VNI cells back into the same cells."""
    want = tables(ROOT / "corpora" / "digital" / "002.pdf")
    got = tables(LEGACY / "002.vni.pdf")
    assert [t["columns"] for t in got] == [t["columns"] for t in want]
    assert [t["rows"] for t in got] == [t["rows"] for t in want]
