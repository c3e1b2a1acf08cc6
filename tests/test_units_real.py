"""Units on real reports of others (../shared/real/born/): the province and date read from
each letterhead, every unit row of every table matched to the unit of that province, and no
other row matched. The expected units were read off the tables (the registry gives the
ids of the names printed); they are not the matcher's output."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from dvc_extract.pipeline import extract
from dvc_extract.units import column_group

BORN = Path(__file__).resolve().parents[2] / "shared" / "real" / "born"
pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not BORN.is_dir(), reason="the real documents are not here")]

# (province, date) of each report, as its letterhead prints them.
LETTERHEADS = {
    "binhthuan_2024_ttr3367-snv_hoi-quan-chung": ("Bình Thuận", "2024-11-28"),
    "bnv_2025_cv12094_phuluc2_huongdan-cham-diem_landscape": (None, None),  # a ministry's annex
    "bnv_2025_qd1187_bang2_chiso-cchc-tinh_landscape": (None, None),
    "congbao_2015_so379-380_tt199-2014_mixed-tcvn3": (None, None),  # the Official Gazette
    "lamdong_2025_bc181-snv_mohinh-cchc-787": ("Lâm Đồng", "2025-11"),  # "ngày   tháng 11 năm 2025"
    "lamdong_2025_bc184-snv_chiso-par-sipas-papi-pci": ("Lâm Đồng", "2025-11"),
    "lamdong_2025_bc228-snv_chiso-par-pci-dvc": ("Lâm Đồng", "2025-11"),
    "lamdong_2025_bc329-ubnd_cchc-2025_bieumau1-6": ("Lâm Đồng", "2025-12"),
    "lamdong_2025_cv644-ttxt_pci-ddci": ("Lâm Đồng", "2025-11"),
    "lamdong_2025_ttr141-stp_hop-nhat-doan-luat-su": ("Lâm Đồng", "2025-12"),
    # an annex without heading or date; its title ends "NĂM 2026 TỈNH LÂM ĐÔNG"
    "lamdong_2025_ttr666-snv_tonghop-gopy_excel-tallpage": ("Lâm Đồng", None),
}

D_RAN, MUI_NE = "lam-dong.x2025.24934", "lam-dong.x2025.22918"  # Xã D'Ran, Phường Mũi Né
# The unit of each row of the tables that have unit rows (every other table: none).
ROW_UNITS = {
    "lamdong_2025_bc181-snv_mohinh-cchc-787": {
        # "Địa phương": Phường Bình Thuận, Xã Hàm Liêm (communes of the new Lâm Đồng)
        "t4": ["lam-dong.x2025.22960", "lam-dong.x2025.23095"],
    },
    "lamdong_2025_bc228-snv_chiso-par-pci-dvc": {
        # "Tỉnh (trước sắp xếp)": the three provinces before 1/7/2025
        "t1": ["lam-dong.tinh", "dak-nong.tinh", "binh-thuan.tinh"],
    },
    "lamdong_2025_ttr666-snv_tonghop-gopy_excel-tallpage": {
        # "Đơn vị góp ý" beside each comment
        "t1": [None,  # "Sở Khoa học và Công nghệ; UBND xã D'Ran": two units
               D_RAN, D_RAN, D_RAN, D_RAN, D_RAN,
               "lam-dong.x2025.24646",  # UBND xã Đắk Wil
               "lam-dong.x2025.24617",  # UBND phường Đông Gia Nghĩa
               MUI_NE, MUI_NE, MUI_NE,
               None,  # "Sở Văn hóa, Thể thao và Du lịch; Sở Nông nghiệp và Môi trường": two units
               MUI_NE,
               "lam-dong.so.dttg",  # Sở Dân tộc và Tôn giáo
               "lam-dong.so.khcn", "lam-dong.so.khcn", "lam-dong.so.khcn",
               "lam-dong.so.tai-chinh", "lam-dong.so.tai-chinh",
               "lam-dong.so.tu-phap", "lam-dong.so.tu-phap", "lam-dong.so.tu-phap",
               "lam-dong.so.y-te", "lam-dong.so.y-te",
               "lam-dong.thanh-tra",
               None, None],  # "Thuế tỉnh": the State tax office, not a body of the province
    },
}
# Column groups naming a unit: the indices of the three provinces merged on 1/7/2025
# ("Lâm Đồng / Điểm số", "Đắk Nông / Điểm số", "Bình Thuận / Điểm số"; ranks out of 63).
FORMER_PROVINCES = {"Lâm Đồng": "lam-dong.tinh", "Đắk Nông": "dak-nong.tinh", "Bình Thuận": "binh-thuan.tinh"}
COLUMN_UNITS = {
    "lamdong_2025_bc184-snv_chiso-par-sipas-papi-pci": FORMER_PROVINCES,
    "lamdong_2025_cv644-ttxt_pci-ddci": FORMER_PROVINCES,
}


@lru_cache(maxsize=None)
def report(stem: str):
    return extract(str(BORN / f"{stem}.pdf"))


@pytest.mark.parametrize("stem", sorted(LETTERHEADS))
def test_letterhead_gives_the_province_and_date(stem):
    doc = report(stem).document
    assert (doc.province, doc.date) == LETTERHEADS[stem]


@pytest.mark.parametrize("stem", sorted(LETTERHEADS))
def test_every_unit_row_gets_its_unit_and_no_other_row_any(stem):
    tables = report(stem).tables
    expected = ROW_UNITS.get(stem, {})
    assert set(expected) <= {t.id for t in tables}
    for table in tables:
        got = [row.unit.id if row.unit else None for row in table.rows]
        assert got == expected.get(table.id, [None] * len(table.rows)), (stem, table.id)


@pytest.mark.parametrize("stem", sorted(LETTERHEADS))
def test_column_groups_name_their_unit(stem):
    expected = COLUMN_UNITS.get(stem, {})
    seen = {}
    for table in report(stem).tables:
        for path, unit in zip(table.column_paths, table.column_units):
            group = column_group(path)
            assert (unit.id if unit else None) == expected.get(group), (stem, table.id, group)
            seen[group] = unit.id if unit else None
    assert {g: seen.get(g) for g in expected} == expected
