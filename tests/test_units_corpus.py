"""Units stage on the born-digital corpus: every unit row of its tables gets the unit a person
labelled (tests/data/unit_names.tsv, seed rows), every other row none."""
from __future__ import annotations

from pathlib import Path

import pytest

from dvc_bench.units import load
from dvc_extract.labels import label_column
from dvc_extract.model import Cell, Document, Row, Table
from dvc_extract.units import match_tables, review
from truth_tables import truth_tables

ROOT = Path(__file__).resolve().parent.parent
DIGITAL = ROOT / "corpora" / "digital"


def seed_labels(stem: str) -> dict[str, str | None]:
    return {r.text: r.expected for r in load(ROOT / "tests" / "data" / "unit_names.tsv")
            if r.origin == f"seed:{stem}"}


def test_every_row_of_report_000_gets_its_labelled_unit():
    tables = match_tables(truth_tables("000"), Document(path="000.pdf", sha256="", pages=[], province="Đắk Lắk", date="2024-01"))
    expected = seed_labels("000")
    checked = 0
    for table in tables:
        col = label_column(table)
        assert col is not None
        for row in table.rows:
            label = " ".join(c.text for c in row.cells if c.col == col)
            assert label in expected, f"{label!r} not labelled"
            got = row.unit.id if row.unit else None
            assert got == expected[label], (table.caption, label, row.unit)
            checked += 1
    assert checked > 150


def test_review_lists_rows_without_unit():
    tables = match_tables(truth_tables("000"), Document(path="000.pdf", sha256="", pages=[], province="Đắk Lắk", date="2024-01"))
    items = review(tables)
    labels = {i["label"] for i in items}
    assert "UBND 15 huyện, thị xã, thành phố ( gồm UBND các xã, phường, thị trấn)" in labels
    assert all(i["best"] is None or "reason" in i["best"] for i in items)


def test_indicator_rows_are_not_units():
    tables = match_tables(truth_tables("002"), Document(path="002.pdf", sha256="", pages=[], province="Đắk Lắk", date="2025-06"))
    assert tables[0].rows and all(r.unit is None for r in tables[0].rows)
    assert label_column(tables[0]) == 1


def _row(text: str, raw: str) -> Row:
    return Row(cells=[Cell(row=0, col=0, text="1", raw_text="1", bbox=(0, 0, 0, 0), page=1, value=1),
                      Cell(row=0, col=1, text=text, raw_text=raw, bbox=(0, 0, 0, 0), page=1)])


def test_repaired_label_may_add_a_match_but_never_change_one():
    t = Table(id="t", caption=None, pages=[1], column_paths=[("TT",), ("Tên cơ quan, đơn vị",)], rows=[
        _row("Sở Tư pháp", "Sé Tu phap"),                     # both agree
        _row("Sở Nội vụ", "S&Ngi Vu"),                        # as read: ambiguous; repaired: matches
        _row("Sở Ngoại vụ", "Sở Nội vụ"),                     # a repair that changed the unit: refused
        _row("UBND huyện Krông Pắc", "UBND huyén Krong Pic")])
    report = Document(path="x.pdf", sha256="", pages=[], province="Đắk Lắk", date="2024-01")
    got = [r.unit.id if r.unit else None for r in match_tables([t], report)[0].rows]
    assert got == ["dl.so.tu-phap", "dl.so.noi-vu", None, "dl.h.krong-pac"]


def _commented(comment: str, body: str) -> Row:
    return Row(cells=[Cell(row=0, col=0, text=comment, raw_text=comment, bbox=(0, 0, 0, 0), page=1),
                      Cell(row=0, col=1, text=body, raw_text=body, bbox=(0, 0, 0, 0), page=1)])


def test_units_come_from_the_column_that_names_them():
    """A table of comments: each row's label is the comment, its unit the body that made it."""
    t = Table(id="t", caption=None, pages=[1], column_paths=[("Nội dung góp ý",), ("Đơn vị góp ý",)], rows=[
        _commented("Đề nghị bổ sung nhiệm vụ giao Sở chủ trì", "Sở Tư pháp"),
        _commented("Đề nghị điều chỉnh chỉ tiêu", "UBND xã D'Ran"),
        _commented("Đề nghị bỏ nội dung", "Sở Y tế; UBND phường Mũi Né"),
        _commented("Đề nghị giảm chỉ tiêu", "Thuế tỉnh")])
    report = Document(path="x.pdf", sha256="", pages=[], province="Lâm Đồng", date="2025-11")
    tables = match_tables([t], report)
    assert [r.unit.id if r.unit else None for r in tables[0].rows] == \
        ["lam-dong.so.tu-phap", "lam-dong.x2025.24934", None, None]
    assert [i["label"] for i in review(tables, report)] == ["Sở Y tế; UBND phường Mũi Né", "Thuế tỉnh"]


@pytest.mark.e2e
def test_pages_without_a_letterhead_take_the_province_their_districts_belong_to():
    """A page cut out of a Đắk Lắk report (no heading, no date line) lists its districts: they
    are Đắk Lắk's alone, so the report is, and every row is matched there."""
    from dvc_extract.pipeline import extract

    report = extract(str(ROOT / "corpora" / "scanned" / "000-t8-11-200dpi-png.png"))
    assert report.document.province == "Đắk Lắk"
    rows = [row for t in report.tables for row in t.rows]
    assert rows and all(row.unit is not None and row.unit.id.startswith("dl.") for row in rows)
