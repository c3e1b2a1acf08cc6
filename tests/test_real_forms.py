"""A real statement form ruled down its columns only: the balance sheet form (B01-DNNT) of the
Official Gazette (../shared/real/born/congbao_…, pp. 42–43). Its rows are not drawn, so each
drawn cell of its body stacks some thirty rows; read as a grid, the page came out as one row
of joined codes. Read from the text layer and from the page scanned, every code must stand in
its own row beside its name. The codes and names were read off the page image; the text layer
sets the capitals in TCVN3 (.VnTimeH)."""
from __future__ import annotations

from pathlib import Path

import pytest

from dvc_bench.grids import grid_from_table
from dvc_extract.pipeline import extract

GAZETTE = (Path(__file__).resolve().parents[2] / "shared" / "real" / "born"
           / "congbao_2015_so379-380_tt199-2014_mixed-tcvn3.pdf")
pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not GAZETTE.is_file(), reason="the real documents are not here")]

# The codes (Mã số) of each page, top to bottom, as printed.
CODES = {
    42: ["100", "110", "111", "112", "120", "121", "129", "130", "131", "131.1", "131.2", "132", "133",
         "135", "139", "140", "141", "149", "150", "151", "152", "154", "157", "158", "200", "210",
         "211", "212", "213", "218", "218.1"],
    43: ["218.2", "219", "220", "221", "222", "223", "224", "225", "226", "227", "228", "229", "230",
         "240", "241", "242", "250", "251", "252", "258", "259", "260", "261", "262", "268", "270",
         "300", "310", "311", "312", "312.1", "312.2", "313", "314", "315", "316", "317", "319",
         "319.1", "320", "323", "327", "330", "331", "332", "333"],
}
# Rows of each page: name, code, note (Thuyết minh).
ROWS = {
    42: [("A - TÀI SẢN NGẮN HẠN (100=110+120+130+140+150)", "100", ""), ("1. Tiền", "111", "V.01"),
         ("2. Dự phòng giảm giá đầu tư ngắn hạn (*) (2)", "129", ""),
         ("1.1. Phải thu về hợp đồng bảo hiểm", "131.1", "V.25.1"), ("1. Hàng tồn kho", "141", "V.04"),
         ("4. Giao dịch mua bán lại trái phiếu Chính phủ", "157", "")],
    # The total row and the heading under it are drawn apart from the rows around them.
    43: [("TỔNG CỘNG TÀI SẢN (270 = 100 + 200)", "270", ""), ("NGUỒN VỐN", "", ""),
         ("A - NỢ PHẢI TRẢ (300 = 310 + 330)", "300", ""), ("9. Phí bảo hiểm tạm thu, doanh thu chưa thực hiện ngắn hạn", "319.1", ""),
         ("- Giá trị hao mòn lũy kế (*)", "223", "")],
}


def _page(tmp_path: Path, page: int, image: bool) -> Path:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(GAZETTE))
    try:
        if image:
            out = tmp_path / f"p{page}.png"
            src[page - 1].render(scale=200 / 72, grayscale=True).to_pil().save(out)
            return out
        doc = pdfium.PdfDocument.new()
        doc.import_pages(src, [page - 1])
        out = tmp_path / f"p{page}.pdf"
        doc.save(str(out))
        return out
    finally:
        src.close()


def _rows(path: Path) -> list[list[str]]:
    [table] = extract(str(path)).tables
    return grid_from_table(table).rows


@pytest.mark.parametrize("page", [42, 43])
@pytest.mark.parametrize("image", [False, True], ids=["text-layer", "scan-200dpi"])
def test_a_form_ruled_down_its_columns_reads_one_row_per_code(tmp_path, image, page):
    rows = _rows(_page(tmp_path, page, image))
    codes = [r[1] for r in rows if r[1]]
    # No drawn cell's stack of codes is left joined in one cell. On the scan of p. 42, the
    # last row's "218.1" reads "2181", no code of a row, and joins the row above.
    joined = [c for c in codes if len(c.split()) > 1]
    assert len(joined) <= (1 if image else 0), joined
    want = CODES[page]
    assert [c for c in codes if c in want] == [c for c in want if c in codes]  # in order
    assert len(set(codes) & set(want)) >= (len(want) - 2 if image else len(want)), codes
    # Names and codes as printed; on the scan, a note's stops may be lost ("V251").
    for name, code, note in ROWS[page]:
        wanted, width = ([name, code], 2) if image else ([name, code, note], 3)
        assert wanted in [r[:width] for r in rows], (name, [r[:3] for r in rows if r[1] == code])


def test_a_chart_of_accounts_parted_by_dotted_rules_drawn_as_images(tmp_path):
    # The chart of accounts (pp. 33-40): its rows are parted by dotted rules that the Gazette
    # lays as strips of tiny images (3.84 x 0.48 pt) end to end, with no drawn line. Read
    # without them, the names of a page's rows ran together in a few cells.
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(GAZETTE))
    doc = pdfium.PdfDocument.new()
    doc.import_pages(src, list(range(32, 40)))
    path = tmp_path / "p33-40.pdf"
    doc.save(str(path))
    src.close()
    [table] = extract(str(path)).tables
    rows = grid_from_table(table).rows
    assert table.columns[5] == "TÊN TÀI KHOẢN" and len(rows) >= 260
    # Every account's code stands beside its name; the "LOẠI TK" headings are rows of the body.
    coded = [r for r in rows if any(r[1:5])]
    assert all(r[5] for r in coded)
    named = {code: r[5] for r in coded for code in r[1:5] if code}
    assert named["1113"] == "Vàng, bạc, kim khí quý, đá quý"
    assert named["1567"] == "Hàng hóa bất động sản"
    assert named["2147"] == "Hao mòn bất động sản đầu tư"
    assert named["007"] == "Ngoại tệ các loại"
    assert rows[0][5] == "LOẠI TK 1" and rows[1][5] == "TÀI SẢN NGẮN HẠN"


def test_a_form_s_dashed_row_rules_part_every_row(tmp_path):
    # The income statement, Part I (p. 45), scanned at 200 dpi: dashes of 2 pt, 2 pt apart,
    # whose gaps come out at 4 px on the half-size copy the rules are found on. One rule
    # broke in two at a gap a pixel too long, neither piece reached both column rules, and
    # rows 5 and 6 read as one ("5. Tổng chi phí … 6. Giá vốn …", "20 21").
    rows = _rows(_page(tmp_path, 45, True))
    codes = [r[1] for r in rows if r[1]]
    assert codes[codes.index("10"):] == ["10", "11", "12", "13", "20", "21", "22", "23", "24", "25",
                                         "50", "51", "52", "60"]
    assert ["5. Tổng chi phí hoạt động kinh doanh bảo hiểm", "20"] in [r[:2] for r in rows]


def test_a_list_numbered_again_under_each_section(tmp_path):
    # The list of statements (p. 41), scanned at 200 dpi: "01" … "04" under "I", again
    # under "II". Read as one sequence, the first group became levels ("0.1", "0.1.1", …).
    rows = _rows(_page(tmp_path, 41, True))
    assert [r[0] for r in rows if r[0]] == ["I", "01", "02", "03", "04", "II", "01", "02", "03", "04"]
