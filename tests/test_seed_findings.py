"""Every inconsistency the seed reports print is found on their renderings, and nothing else.

tests/data/seed_findings.json lists them (scripts/build_seed_findings, each checked by hand
against the seed text); entries with "found": false are inconsistencies no rule can find, each
with why.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dvc_bench.seed_findings import SEEDS, key, seed_findings
from dvc_extract import extract
from dvc_extract.export.findings_json import finding_dict

ROOT = Path(__file__).resolve().parents[1]
LISTED = json.loads((ROOT / "tests" / "data" / "seed_findings.json").read_text(encoding="utf-8"))


def _listed(seed: str, found: bool = True) -> set:
    return {key(f) for f in LISTED if f["seed"] == seed and f["found"] is found}


def test_every_listed_inconsistency_was_checked_by_hand():
    assert LISTED and all(f["checked"] for f in LISTED)
    assert all(f.get("why") for f in LISTED if not f["found"])


@pytest.mark.parametrize("seed", SEEDS)
def test_the_list_is_what_the_transcriptions_print(seed):
    # the verifier on the hand transcriptions, no extraction: the list is up to date
    assert {key(f) for f in seed_findings(seed)} == _listed(seed)


@pytest.mark.e2e
@pytest.mark.parametrize("seed", SEEDS)
def test_the_renderings_give_every_listed_inconsistency_and_no_other(seed):
    report = extract(str(ROOT / "corpora" / "digital" / f"{seed}.pdf"))
    found = {key(finding_dict(f)) for f in report.findings if f.verdict != "unreadable"}
    assert found == _listed(seed)
