"""Every born-digital report of the corpus, end to end, against its ground truth (issue 2):
≥ 99.5 % of numeric cells exact (printed string and parsed value), every caption, every
unit-name cell exact (NFC), every page-spanning table stitched into one."""
from pathlib import Path

import pytest

from dvc_bench import floors_unmet, load_truth

DIGITAL = Path(__file__).resolve().parent.parent / "corpora" / "digital"
TRUTHS = sorted(p for p in DIGITAL.glob("*.truth.json") if load_truth(p).tables)


def test_the_corpus_has_born_digital_reports_with_tables():
    assert TRUTHS, f"no born-digital report with tables in {DIGITAL}"


@pytest.mark.e2e
@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name.split(".")[0])
def test_extracted_tables_meet_the_floors(truth_path):
    unmet = floors_unmet(truth_path)
    assert not unmet, unmet
