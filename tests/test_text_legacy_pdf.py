"""A TCVN3 (.VnTime/.VnTimeH) PDF, built by scripts/build_legacy_corpus, read with pdfplumber."""
from pathlib import Path

import pdfplumber

from dvc_extract.text.repair import decode_legacy as decode_run, repair_text

LEGACY = Path(__file__).resolve().parent.parent / "corpora" / "legacy"


def _lines(pdf_path):
    with pdfplumber.open(pdf_path) as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["fontname"], keep_blank_chars=False)
    rows: dict[int, list] = {}
    for w in words:
        rows.setdefault(round(w["top"]), []).append(w)
    return [[(w["text"], w["fontname"]) for w in sorted(r, key=lambda w: w["x0"])]
            for _, r in sorted(rows.items())]


def test_words_decode_back_to_unicode_by_font_name():
    truth = (LEGACY / "tcvn3_vntime.txt").read_text(encoding="utf-8").splitlines()
    got = [" ".join(decode_run(t, f) for t, f in line) for line in _lines(LEGACY / "tcvn3_vntime.pdf")]
    assert got == truth


def test_without_font_names_detection_recovers_lower_case_lines():
    truth = (LEGACY / "tcvn3_vntime.txt").read_text(encoding="utf-8").splitlines()
    lines = _lines(LEGACY / "tcvn3_vntime.pdf")
    for raw, want in zip(lines, truth):
        if any(f.endswith("VnTimeH") for _, f in raw):
            continue  # capitals need the font name
        assert repair_text(" ".join(t for t, _ in raw)) == want
