"""A column of one table that is the sum of columns of another, found in the numbers and checked
unit by unit (verify/compound.py)."""
from __future__ import annotations

from dvc_extract.model import Cell, Document, Page, Report, Row, Table, UnitMatch, split_path
from dvc_extract.settings import Settings
from dvc_extract.verify import check
from dvc_extract.verify.compound import compound_relations, cross_table_sums

UNITS = [("dl.so.tc", "Sở Tài chính"), ("dl.so.yt", "Sở Y tế"), ("dl.so.xd", "Sở Xây dựng"),
         ("dl.so.nv", "Sở Nội vụ"), ("dl.so.tnmt", "Sở Tài nguyên và Môi trường")]


def _table(tid: str, page: int, caption: str, columns: list[str], values: list[list[int]]) -> Table:
    rows = []
    for r, printed in enumerate(values):
        uid, name = UNITS[r]
        cells = [Cell(row=r, col=0, text=name, raw_text=name, page=page, bbox=(40, 100 + 20 * r, 200, 120 + 20 * r))]
        cells += [Cell(row=r, col=k, text=str(v), raw_text=str(v), page=page, value=float(v),
                       bbox=(200 + 60 * k, 100 + 20 * r, 260 + 60 * k, 120 + 20 * r))
                  for k, v in enumerate(printed, start=1)]
        rows.append(Row(cells=cells, unit=UnitMatch(uid, name, 100.0)))
    return Table(id=tid, caption=caption, pages=[page], column_paths=[split_path(c) for c in columns], rows=rows,
                 kind="inferred", column_types=["label"] + ["count"] * (len(columns) - 1),
                 column_names=[""] * len(columns))


# Received dossiers by channel: total = direct + online in part + online in full.
CHANNELS = [[1000, 400, 350, 250], [800, 500, 100, 200], [1200, 200, 600, 400], [500, 100, 150, 250],
            [900, 300, 200, 400]]


def _channels(caption="Bảng 2 - Hồ sơ tiếp nhận"):
    return _table("t2", 4, caption, ["Đơn vị", "Tổng", "Tại quầy", "Qua mạng / Từng phần", "Qua mạng / Cả quy trình"],
                  CHANNELS)


def _arising(online: list[int], caption="Bảng 4 - Hồ sơ phát sinh"):
    totals = [row[0] for row in CHANNELS]
    return _table("t4", 6, caption, ["Đơn vị", "Hồ sơ nhận", "Phát sinh qua mạng"],
                  [[t, o] for t, o in zip(totals, online)])


def _report(*tables) -> Report:
    doc = Document(path="x.pdf", sha256="", pages=[Page(n, 595, 842, "text-layer") for n in range(1, 10)])
    return Report(document=doc, tables=list(tables))


def test_a_unit_that_breaks_a_sum_across_tables():
    # online = in part + in full on four units; the fourth prints 410 where its parts give 400
    (f,) = check(_report(_channels(), _arising([600, 300, 1000, 410, 600])))
    assert (f.rule, f.verdict, f.cause, f.table, f.row, f.columns) == ("cross-table-sum", "inconsistent", "source",
                                                                      "t4", 3, [2])
    assert (f.stated, f.recomputed, f.difference) == (410, 400, 10)
    assert (f.established_by, f.support, f.tried) == ("discovered cross-table sum", 4, 5)
    # evidence on the stated cell and on both parts in the other table
    assert [(e.page, e.bbox) for e in f.evidence] == [(6, (320, 160, 380, 180)), (4, (380, 160, 440, 180)),
                                                      (4, (440, 160, 500, 180))]
    assert "150 + 250 = 400" in f.message_vi and "4/5" in f.message_vi and "t2" in f.message_en


def test_the_relation_is_the_columns_it_sums():
    (rel,) = compound_relations([_channels(), _arising([600, 300, 1000, 410, 600])], Settings())
    # Bảng 4's total has a twin in Bảng 2 (the same figure, crosstable.py's): no sum is sought for it,
    # though direct + in part + in full gives it too
    assert (rel.table, rel.total, rel.other, rel.parts) == (1, 2, 0, (3, 4))


def test_a_sum_that_holds_on_one_unit_is_no_relation():
    coincidence = [600, 350, 900, 700, 100]  # 350 + 250 = 600 on the first unit only
    report = _report(_channels(), _arising(coincidence))
    assert compound_relations(report.tables, Settings()) == []
    assert cross_table_sums(report, Settings()) == []


def test_other_periods_are_not_summed():
    month = _channels("Bảng 2 - Hồ sơ tiếp nhận tháng 11/2024")
    year = _arising([600, 300, 1000, 410, 600], "Bảng 4 - Hồ sơ phát sinh năm 2024")
    assert cross_table_sums(_report(month, year), Settings()) == []


def test_zeros_and_single_parts_support_nothing():
    # units whose online figure is one part (the other zero) agree with any pairing of the columns
    channels = _table("t2", 4, "Bảng 2", ["Đơn vị", "Tổng", "Tại quầy", "Từng phần", "Cả quy trình"],
                      [[1000, 400, 0, 600], [800, 500, 300, 0], [1200, 200, 600, 400], [500, 500, 0, 0],
                       [900, 300, 0, 600]])
    arising = _table("t4", 6, "Bảng 4", ["Đơn vị", "Hồ sơ nhận", "Phát sinh qua mạng"],
                     [[1000, 600], [800, 300], [1200, 1000], [500, 0], [900, 600]])
    assert compound_relations([channels, arising], Settings()) == []


def test_a_difference_across_tables():
    # Bảng 3 prints the total and the dossiers received at the desk; Bảng 4 the rest, online
    desk = _table("t3", 5, "Bảng 3 - Hồ sơ tiếp nhận tại quầy", ["Đơn vị", "Tổng", "Tại quầy"],
                  [[row[0], row[1]] for row in CHANNELS])
    online = _table("t4", 6, "Bảng 4 - Hồ sơ phát sinh", ["Đơn vị", "Phát sinh qua mạng"],
                    [[600], [300], [1000], [400], [650]])
    (f,) = check(_report(desk, online))
    assert (f.rule, f.table, f.row, f.columns, f.stated, f.recomputed) == ("cross-table-sum", "t4", 4, [1], 650, 600)
    assert "900 − 300 = 600" in f.message_vi and (f.support, f.tried) == (4, 5)


def test_a_relation_short_of_a_part_is_none():
    # online = total − desk on four units; the fifth sends 12 by post, which only Bảng 4 prints:
    # total − desk misses a part there, no figure is misprinted
    desk = _table("t3", 5, "Bảng 3", ["Đơn vị", "Tổng", "Tại quầy"], [[1000, 400], [800, 500], [1200, 200],
                                                                     [500, 100], [900, 300]])
    online = _table("t4", 6, "Bảng 4", ["Đơn vị", "Phát sinh qua mạng", "Bưu chính"],
                    [[600, 0], [300, 0], [1000, 0], [400, 0], [588, 12]])
    assert cross_table_sums(_report(desk, online), Settings()) == []
