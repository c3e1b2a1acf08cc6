"""Each table says where it is printed: one region per page, around every cell it
holds there, header included (issue 9)."""
from pathlib import Path

import pytest

from dvc_extract import extract
from dvc_extract.model import Cell, Row, Table
from dvc_extract.structure import regions

ROOT = Path(__file__).resolve().parents[1]


def _inside(inner, outer) -> bool:
    return (outer[0] <= inner[0] and outer[1] <= inner[1]
            and inner[2] <= outer[2] and inner[3] <= outer[3])


def test_one_box_per_page_around_the_cells():
    cells = [Cell(0, 0, "STT", "STT", (50, 100, 80, 120), 3), Cell(1, 1, "9", "9", (90, 130, 200, 150), 3),
             Cell(0, 1, "7", "7", (60, 40, 210, 60), 4)]
    got = regions(cells)
    assert [(r.page, r.bbox) for r in got] == [(3, (50, 100, 200, 150)), (4, (60, 40, 210, 60))]


@pytest.mark.e2e
def test_every_table_of_a_report_has_its_regions():
    report = extract(str(ROOT / "corpora" / "digital" / "000.pdf"))
    assert report.tables
    for table in report.tables:
        by_page = {r.page: r.bbox for r in table.regions}
        assert sorted(by_page) == sorted(set(table.pages)), table.id
        for cell in table.header + [c for row in table.rows for c in row.cells]:
            assert _inside(cell.bbox, by_page[cell.page]), (table.id, cell.text)
        for number, b in by_page.items():
            page = report.document.pages[number - 1]
            assert 0 <= b[0] < b[2] <= page.width and 0 <= b[1] < b[3] <= page.height, table.id
    assert any(len(t.regions) > 1 for t in report.tables)  # continued tables have one per page
