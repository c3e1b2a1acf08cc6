"""One unit's figure printed in two tables: the verifier pairs them and reports a mismatch."""
from __future__ import annotations

from dvc_extract.model import Cell, Document, Page, Report, Row, Table, UnitMatch, split_path
from dvc_extract.settings import Settings
from dvc_extract.verify import check
from dvc_extract.verify.crosstable import cross_table

UNITS = [("dl.so.tc", "Sở Tài chính"), ("dl.so.yt", "Sở Y tế"), ("dl.so.xd", "Sở Xây dựng"),
         ("dl.so.nv", "Sở Nội vụ"), ("dl.so.tnmt", "Sở Tài nguyên và Môi trường")]


def _table(tid: str, page: int, columns: list[str], names: list[str], types: list[str], values: list[list[str]],
           kind: str = "inferred", caption: str = "", units: bool = True) -> Table:
    rows = []
    for r, printed in enumerate(values):
        uid, name = UNITS[r]
        cells = [Cell(row=r, col=0, text=name, raw_text=name, page=page, bbox=(40, 100 + 20 * r, 200, 120 + 20 * r))]
        for k, s in enumerate(printed, start=1):
            number = s.replace(".", "").replace(",", ".") if types[k] == "count" else s.replace(",", ".")
            cells.append(Cell(row=r, col=k, text=s, raw_text=s, page=page, value=float(number),
                              bbox=(200 + 60 * k, 100 + 20 * r, 260 + 60 * k, 120 + 20 * r)))
        rows.append(Row(cells=cells, unit=UnitMatch(uid, name, 100.0) if units else None))
    return Table(id=tid, caption=caption or f"Bảng {tid}", pages=[page], column_paths=[split_path(c) for c in columns],
                 rows=rows, kind=kind,
                 column_types=types, column_names=names)


def _channels(values, caption=""):
    return _table("t2", 4, ["Tên đơn vị", "Tiếp nhận / Tổng số", "Tiếp nhận / Trực tiếp"],
                  ["unit", "received_total", "received_direct"], ["label", "count", "count"],
                  values, kind="ho-so-tiep-nhan-kenh", caption=caption)


def _arising(values, caption=""):
    return _table("t4", 6, ["Tên đơn vị", "Tổng số HS tiếp nhận", "Số hồ sơ phát sinh trực tuyến"],
                  ["unit", "received_total", "online_arising"], ["label", "count", "count"],
                  values, kind="phat-sinh-ho-so", caption=caption)


def _report(*tables) -> Report:
    doc = Document(path="x.pdf", sha256="", pages=[Page(n, 595, 842, "text-layer") for n in range(1, 10)])
    return Report(document=doc, tables=list(tables))


CHANNELS = [["851", "0"], ["4569", "49"], ["1608", "386"], ["526", "1"], ["252340", "248173"]]
ARISING = [["851", "851"], ["4.569", "4.520"], ["1.608", "1.222"], ["526", "525"], ["252.363", "4.167"]]


def test_a_figure_printed_twice_with_two_values():
    (f,) = check(_report(_channels(CHANNELS), _arising(ARISING)))
    assert (f.rule, f.verdict, f.table, f.row, f.columns) == ("cross-table", "inconsistent", "t4", 4, [1])
    assert (f.stated, f.recomputed, f.difference) == (252363, 252340, 23)
    # Evidence on both cells, so the audit page shows both.
    assert [(e.page, e.bbox) for e in f.evidence] == [(6, (260, 180, 320, 200)), (4, (260, 180, 320, 200))]
    assert "252.363" in f.message_vi and "252.340" in f.message_vi and "t2" in f.message_vi
    assert "252,340" in f.message_en and "Sở Tài nguyên và Môi trường" in f.message_en


def test_columns_that_mostly_disagree_are_not_one_quantity():
    # Same canonical name, but only 2 of 5 units agree: not the same figure, nothing reported.
    other = [["851", "851"], ["4.569", "4.520"], ["1.700", "1.222"], ["600", "525"], ["252.363", "4.167"]]
    assert cross_table(_report(_channels(CHANNELS), _arising(other)), Settings()) == []


def test_too_few_shared_units_say_nothing():
    few = _arising(ARISING[:2] + [["1.700", "1"]])
    assert cross_table(_report(_channels(CHANNELS), few), Settings()) == []


def test_different_periods_are_not_paired():
    month = _channels(CHANNELS, caption="Bảng 2 - Hồ sơ tiếp nhận tháng 11/2024")
    year = _arising(ARISING, caption="Bảng 4 - Hồ sơ tiếp nhận lũy kế năm 2024")
    assert cross_table(_report(month, year), Settings()) == []
    same = _arising(ARISING, caption="Bảng 4 - Hồ sơ phát sinh tháng 11/2024")
    assert [f.row for f in cross_table(_report(month, same), Settings())] == [4]


def test_different_columns_are_not_paired():
    # received_direct of Bảng 2 beside online_arising of Bảng 4: other names, never compared.
    swapped = [[a, b] for a, b in zip([r[0] for r in ARISING], [r[1] for r in CHANNELS])]
    arising = _arising(swapped)
    assert [(f.row, f.columns) for f in cross_table(_report(_channels(CHANNELS), arising), Settings())] == [(4, [1])]


def test_tables_of_no_kind_pair_by_header_and_label():
    cols = ["Đơn vị", "Tổng số hồ sơ tiếp nhận", "Tỷ lệ (%)"]
    a = _table("t1", 2, cols, ["don_vi", "tong_so_ho_so_tiep_nhan", "ty_le"], ["label", "count", "rate"],
               [["10", "50"], ["20", "40,5"], ["30", "12,33"], ["40", "7"], ["50", "1"]], units=False)
    b = _table("t5", 3, ["Đơn vị", "Hồ sơ tiếp nhận tổng số", "Tỷ lệ (%)"], ["a", "b", "c"],
               ["label", "count", "rate"],
               [["10", "50,0"], ["20", "40,6"], ["30", "12,3"], ["40", "7,00"], ["51", "1"]], units=False)
    found = sorted((f.row, f.columns[0], f.stated, f.recomputed) for f in cross_table(_report(a, b), Settings()))
    # 40,5 vs 40,6 differ; 12,33 vs 12,3 is the same rate rounded; 50 vs 51 differ.
    assert found == [(1, 2, 40.6, 40.5), (4, 1, 51, 50)]


def test_a_figure_in_three_tables_is_reported_once():
    third = _table("t3", 5, ["Tên đơn vị", "Tiếp nhận / Tổng số"], ["unit", "received_total"], ["label", "count"],
                   [[r[0]] for r in CHANNELS], kind="ho-so-tiep-nhan-truc-tiep")
    found = cross_table(_report(_channels(CHANNELS), third, _arising(ARISING)), Settings())
    assert [(f.table, f.row, len(f.evidence)) for f in found] == [("t4", 4, 3)]


def test_rates_that_agree_only_at_100_percent_are_not_one_quantity():
    # Two "Tỷ lệ (%)" columns: online rate and on-time rate. Most units are at 100% in both, which says
    # nothing; where they are not, they differ.
    cols = ["Đơn vị", "Tỷ lệ (%)"]
    online = _table("t1", 2, cols, ["a", "ty_le"], ["label", "rate"],
                    [["100"], ["100"], ["100"], ["97,5"], ["80"]], units=False)
    on_time = _table("t5", 3, cols, ["a", "ty_le"], ["label", "rate"],
                     [["100"], ["100"], ["100"], ["99,1"], ["95"]], units=False)
    assert cross_table(_report(online, on_time), Settings()) == []
