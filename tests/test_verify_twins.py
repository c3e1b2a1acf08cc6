"""A scan gives the findings of its born-digital twin (issue 11): the same pages, cut from the
born-digital PDF, read both ways; a misreading is no accusation, and a printed error stays
one, cause ``source``. scripts/bench_verify --twins runs every scan of the corpus."""
import pytest

from dvc_bench.twins import run
from dvc_extract.verify.reread import _look_alike


@pytest.mark.e2e
@pytest.mark.parametrize("name,n", [("000-t1-150dpi", 6), ("000-t1-200dpi", 6), ("002-t0-200dpi", 1)])
def test_a_scan_gives_its_twins_findings(name, n):
    # Bảng 2-4 of seed 000: a mistyped row number and five total rows that do not add up;
    # on the scans a total read "TỐNG", an "11" read "1", a "31" read "Ø1", a "57" read "4".
    # Phụ lục VIII of seed 002: a rate 19,3 for 48/251; on the scan its year "Năm 2022" is read
    # "202", and "19,3" one look-alike ("19,13") from agreeing, which its ink has no room for.
    r = run(name)
    assert len(r.equal) == n, [d.text for d, _ in r.equal]
    assert not r.digital_only, [d.text for d in r.digital_only]
    assert not r.scan_only, [(s.cause, s.text) for s in r.scan_only]
    assert [s.cause for _, s in r.equal] == [d.cause for d, _ in r.equal] == ["source"] * n


@pytest.mark.parametrize("read, other, alike", [
    ("1", "11", True), ("3", "8", True), ("17", "11", True), ("121", "12", False), ("828", "8828", False),
    ("4", "57", False), ("8", "81", True), ("81", "8", False),
])
def test_look_alikes(read, other, alike):
    assert _look_alike(read, other) is alike
