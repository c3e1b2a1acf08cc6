"""Tables stage: cell grids from ruled and unruled regions, on real PDFs.

Small PDFs drawn with reportlab pin the mechanisms (spans, wrapped cells,
words straddling a rule, unruled columns); the corpus ground truth measures
the whole: every truth cell found on its page with its text, before structuring.

Run ``python tests/test_tables.py`` to print that figure for every corpus report.
"""
from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dvc_extract import ingest, layout, tables  # noqa: E402
from dvc_extract.model import RawTable  # noqa: E402

CORPUS = ROOT / "corpora" / "digital"
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def truth_cells(table: dict) -> list[tuple[int, dict]]:
    """(page, cell) for every header and body cell of a truth table."""
    out = [(table["pages"][0], c) for c in table.get("header", [])]
    for row in table["rows"]:
        out += [(row["page"], c) for c in row["cells"]]
    return out


def found_text(raw: list[RawTable], page: int, bbox) -> str:
    """Text of the raw cells on ``page`` whose centre lies in ``bbox``, in reading order."""
    x0, top, x1, bottom = bbox
    hits = []
    for t in raw:
        if t.page != page:
            continue
        for c in t.cells:
            cx, cy = (c.bbox[0] + c.bbox[2]) / 2, (c.bbox[1] + c.bbox[3]) / 2
            if x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1 and c.text:
                hits.append(c)
    hits.sort(key=lambda c: (round(c.bbox[1]), c.bbox[0]))
    return _norm(" ".join(c.text for c in hits))


def read_raw(pdf: Path):
    doc = ingest.load(pdf)
    found = layout.find(doc)
    return found, tables.read(doc, found)


def spurious(raw: list[RawTable], truth: dict) -> list[RawTable]:
    """Raw tables holding no truth cell: regions that are not tables."""
    boxes = [(p, c["bbox"]) for t in truth["tables"] for p, c in truth_cells(t)]

    def holds_truth(t: RawTable) -> bool:
        for c in t.cells:
            cx, cy = (c.bbox[0] + c.bbox[2]) / 2, (c.bbox[1] + c.bbox[3]) / 2
            if any(p == t.page and b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1
                   for p, b in boxes):
                return True
        return False

    return [t for t in raw if not holds_truth(t)]


def score(pdf: Path, truth: dict, raw: list[RawTable]) -> list[tuple[str, int, int, list[str]]]:
    """Per truth table: (caption, cells found, cells, a few misses)."""
    out = []
    for t in truth["tables"]:
        cells = truth_cells(t)
        misses = []
        for page, c in cells:
            got = found_text(raw, page, c["bbox"])
            if got != _norm(c["text"]):
                misses.append(f"p{page} {c['text']!r} -> {got!r}")
        out.append((t["caption"] or "(no caption)", len(cells) - len(misses), len(cells), misses))
    return out


def corpus_reports() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*.pdf") if p.with_suffix(".truth.json").exists()
                  or (CORPUS / f"{p.stem}.truth.json").exists())


def main() -> None:
    from dvc_extract.layout.captions import is_caption_label

    total = found = complete = n_tables = 0
    for pdf in corpus_reports():
        truth = json.loads((CORPUS / f"{pdf.stem}.truth.json").read_text())
        found_layout, raw = read_raw(pdf)
        for caption, ok, n, misses in score(pdf, truth, raw):
            n_tables += 1
            complete += ok == n
            total += n
            found += ok
            print(f"{pdf.stem}  {ok:4d}/{n:<4d} {'ok ' if ok == n else 'MISS'} {caption[:70]}")
            for m in misses[:3]:
                print(f"        {m}")
        extra = spurious(raw, truth)
        got_captions = [_norm(c.text) for c in found_layout.captions]
        want_captions = [_norm(c) for c in truth["captions"]]
        unexpected = [c for c in got_captions if c not in want_captions]
        print(f"{pdf.stem}  spurious raw tables: {len(extra)} "
              f"{[(t.page, [round(v) for v in t.bbox]) for t in extra]}")
        labelled = [c for c in want_captions if is_caption_label(c)]
        print(f"{pdf.stem}  labelled captions: {sum(c in got_captions for c in labelled)}/"
              f"{len(labelled)} found, {len(unexpected)} unexpected {unexpected[:3]}; "
              f"not attached to their table: {caption_misses(truth, raw)}")
    if total:
        print(f"cells found with their text: {found}/{total} = {found / total:.2%}; "
              f"tables complete: {complete}/{n_tables}")


# --- mechanisms, on small drawn PDFs -------------------------------------------------

def _read(pdf: Path) -> list[RawTable]:
    return read_raw(pdf)[1]


def _cells(t: RawTable) -> dict[tuple[int, int], tuple[str, int, int]]:
    return {(c.row, c.col): (c.text, c.row_span, c.col_span) for c in t.cells}


def test_ruled_grid_spans_and_wrapped_cells(tmp_path):
    from test_layout import ruled_report

    pdf = tmp_path / "ruled.pdf"
    ruled_report(pdf)
    [t] = _read(pdf)
    assert t.ruled and (t.n_rows, t.n_cols) == (5, 5)
    cells = _cells(t)
    assert cells[(0, 0)] == ("STT", 2, 1)
    assert cells[(0, 1)] == ("Tên cơ quan, đơn vị", 2, 1)
    assert cells[(0, 2)] == ("Tiếp nhận hồ sơ TTHC", 1, 3)
    assert cells[(1, 3)] == ("Trực tuyến", 1, 1)  # two lines, joined with one space
    assert cells[(2, 1)] == ("Sở Lao động, Thương binh và Xã hội", 1, 1)
    assert [cells[(3, c)][0] for c in range(5)] == ["2", "Sở Y tế", "4.569", "4.444", "97.26"]
    assert cells[(4, 1)][0] == "UBND huyện Cư M'gar"
    assert t.caption is not None and t.caption.text.startswith("Bảng 2 - ")
    assert all(c.page == 1 and c.source == "text-layer" and c.confidence == 1.0 for c in t.cells)
    assert all(c.raw_text == c.text for c in t.cells)
    # Every grid slot is covered by exactly one cell.
    covered = [(r, c) for x in t.cells for r in range(x.row, x.row + x.row_span)
               for c in range(x.col, x.col + x.col_span)]
    assert sorted(covered) == [(r, c) for r in range(5) for c in range(5)]


def test_unruled_columns_one_row_per_line(tmp_path):
    from test_layout import unruled_report

    pdf = tmp_path / "unruled.pdf"
    unruled_report(pdf)
    [t] = _read(pdf)
    assert not t.ruled and t.n_cols == 5
    rows: dict[int, dict[int, str]] = {}
    for c in t.cells:
        rows.setdefault(c.row, {})[c.col] = c.text
    lines = [rows[r] for r in sorted(rows)]
    assert lines[0] == {0: "STT", 1: "Tên cơ quan, đơn vị", 2: "Tổng số", 3: "Số DVC", 4: "Tỷ lệ"}
    assert lines[1] == {2: "TTHC", 3: "toàn trình", 4: "(%)"}
    assert lines[2] == {0: "1", 1: "Sở Ngoại vụ", 2: "4", 3: "4", 4: "100"}
    # The wrapped name stays its own line, in the name column.
    assert lines[4] == {0: "3", 1: "Sở Lao động, Thương binh", 2: "83", 3: "65", 4: "78.31"}
    assert lines[5] == {1: "và Xã hội"}
    assert lines[-1] == {0: "5", 1: "Sở Tư pháp", 2: "122", 3: "81", 4: "66.39"}
    assert t.n_rows == len(lines) == 8
    assert t.caption is not None and t.caption.text.startswith("Bảng 1: ")


def test_unruled_header_phrase_across_columns_spans_them(tmp_path):
    from test_layout import LEADING, Sheet

    pdf = tmp_path / "span.pdf"
    s = Sheet(pdf)
    cols = [80, 150, 230, 310, 390]
    s.text(270, 100, "Tiếp nhận hồ sơ TTHC qua các kênh", align="center")
    for x, t in zip(cols, ["STT", "Đơn vị", "Tổng số", "Trực tiếp", "Trực tuyến"]):
        s.text(x, 100 + LEADING, t)
    for k, row in enumerate([["1", "Sở Y tế", "4569", "49", "4444"],
                             ["2", "Sở Xây dựng", "1608", "386", "1222"],
                             ["3", "Sở Tư pháp", "15094", "3074", "12020"]]):
        for x, t in zip(cols, row):
            s.text(x, 100 + (k + 2) * LEADING, t)
    s.save()
    [t] = _read(pdf)
    first = [c for c in t.cells if c.row == 0]
    assert len(first) == 1 and first[0].text == "Tiếp nhận hồ sơ TTHC qua các kênh"
    assert first[0].col_span >= 2
    assert [c.text for c in t.cells if c.row == 1] == ["STT", "Đơn vị", "Tổng số", "Trực tiếp",
                                                        "Trực tuyến"]


def test_unruled_total_label_across_a_column_gap(tmp_path):
    """A total row's label running over the first column gap spans those columns;
    the other rows keep the column."""
    from test_layout import LEADING, Sheet

    pdf = tmp_path / "total.pdf"
    s = Sheet(pdf)
    cols = [(80, "left"), (105, "left"), (330, "right"), (400, "right"), (470, "right")]
    names = ["Sở Y tế", "Sở Tư pháp", "Sở Xây dựng", "Sở Tài chính", "Sở Nội vụ",
             "Sở Công Thương", "Sở Ngoại vụ", "Sở Giao thông Vận tải"]
    y = 100
    for k, name in enumerate(names, start=1):
        for (x, align), t in zip(cols, [str(k), name, str(100 * k), str(10 * k), f"{k}.5"]):
            s.text(x, y, t, align=align)
        y += LEADING
    for (x, align), t in zip(cols, ["Tổng cộng các sở", "", "3600", "360", "40"]):
        if t:
            s.text(x, y, t, align=align)
    s.save()
    [t] = _read(pdf)
    assert t.n_cols == 5
    last = sorted((c for c in t.cells if c.row == t.n_rows - 1), key=lambda c: c.col)
    assert [(c.col, c.col_span, c.text) for c in last] == [
        (0, 2, "Tổng cộng các sở"), (2, 1, "3600"), (3, 1, "360"), (4, 1, "40")]
    first = sorted((c for c in t.cells if c.row == 0), key=lambda c: c.col)
    assert [c.text for c in first] == ["1", "Sở Y tế", "100", "10", "1.5"]


def test_table_without_outer_side_borders(tmp_path):
    """Row rules running past the first and last vertical lines close the grid."""
    from test_layout import PROSE, Sheet

    pdf = tmp_path / "open.pdf"
    s = Sheet(pdf)
    xs, ys = [72, 110, 260, 330, 400], [100, 122, 144, 166]
    for y in ys:
        s.line(xs[0], y, xs[-1], y)
    for x in xs[1:-1]:
        s.line(x, ys[0], x, ys[-1])
    rows = [["STT", "Đơn vị", "Tổng số", "Tỷ lệ"], ["1", "Sở Y tế", "4569", "97,26"],
            ["2", "Sở Tư pháp", "15094", "79,63"]]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            s.text(xs[c] + 3, ys[r] + 4, text)
    s.paragraph(72, 300, PROSE)
    s.save()
    [t] = _read(pdf)
    assert t.ruled and (t.n_rows, t.n_cols) == (3, 4)
    assert [[c.text for c in row] for row in t.grid()] == rows


def test_cell_text_split_at_a_rule(tmp_path):
    from test_layout import PROSE, Sheet

    pdf = tmp_path / "flush.pdf"
    s = Sheet(pdf)
    xs, ys = [72, 200, 330], [100, 130, 160]
    for r in range(2):
        for c in range(2):
            s.box(xs[c], ys[r], xs[c + 1], ys[r + 1])
    s.text(199.6, 108, "1.648", align="right")
    s.text(200.4, 108, "39,2%")
    s.text(199.6, 138, "645", align="right")
    s.text(200.4, 138, "17,2%")
    s.paragraph(72, 300, PROSE)
    s.save()
    [t] = _read(pdf)
    assert [[c.text for c in row] for row in t.grid()] == [["1.648", "39,2%"], ["645", "17,2%"]]


def test_grid_ruled_down_its_columns_only(tmp_path):
    """A statement form ruled down its columns, its rows not drawn: the codes stack in one
    drawn cell beside their names; each text line is a row, cut at the drawn columns."""
    from test_layout import PROSE, Sheet

    pdf = tmp_path / "columns.pdf"
    s = Sheet(pdf)
    xs, top, head, bottom = [72, 290, 340, 430, 520], 100, 124, 230
    s.line(xs[0], top, xs[-1], top)
    s.line(xs[0], head, xs[-1], head)
    s.line(xs[0], bottom, xs[-1], bottom)
    for x in xs:
        s.line(x, top, x, bottom)
    for x, h in zip(xs, ["TÀI SẢN", "Mã số", "Thuyết minh", "Số cuối năm"]):
        s.text(x + 3, top + 6, h)
    body = [("A - TÀI SẢN NGẮN HẠN", "100", "", "1.250"), ("I. Tiền", "110", "V.01", "650"),
            ("1. Tiền", "111", "", "400"), ("2. Các khoản tương đương tiền", "112", "", "250"),
            ("II. Đầu tư tài chính ngắn hạn", "120", "V.02", "600")]
    for i, (name, code, note, amount) in enumerate(body):
        y = head + 8 + 18 * i
        s.text(xs[0] + 3, y, name)
        s.text(xs[1] + 8, y, code)
        if note:
            s.text(xs[2] + 8, y, note)
        s.text(xs[4] - 4, y, amount, align="right")
    s.paragraph(72, 300, PROSE)
    s.save()
    [t] = _read(pdf)
    rows = [[c.text if c else "" for c in row] for row in t.grid()]
    assert rows[0] == ["TÀI SẢN", "Mã số", "Thuyết minh", "Số cuối năm"]
    assert rows[1:] == [[name, code, note, amount] for name, code, note, amount in body]


def test_justified_lines_in_narrow_ruled_cells(tmp_path):
    """Justified text in a narrow ruled column stretches its spaces past a column gap
    ("quy   định   thủ   tục"), evenly: the grid is read as drawn, not as columns the
    words' alignment makes up."""
    from test_layout import Sheet

    pdf = tmp_path / "justified.pdf"
    s = Sheet(pdf)
    xs, ys = [60, 180, 310], [100, 124, 190, 256]
    for x0, x1, head in zip(xs, xs[1:], ["Tiêu chí", "Cách chấm điểm"]):
        s.box(x0, ys[0], x1, ys[1])
        s.text(x0 + 3, ys[0] + 5, head)
    body = [[["TC", "3.1", "-", "Kiểm", "soát"], ["quy", "định", "thủ", "tục"], ["hành chính"]],
            [["Điểm", "đạt", "được", "của"], ["tiêu", "chí", "này", "là"], ["tổng điểm."]],
            [["TCTP", "3.2.1", "-", "Công"], ["bố", "danh", "mục", "TTHC"], ["theo quy định"]],
            [["Các", "quyết", "định", "công"], ["bố", "TTHC", "phải", "được"], ["ban hành."]]]
    for i, lines in enumerate(body):
        (x0, x1), top = (xs[i % 2], xs[i % 2 + 1]), ys[1 + i // 2]
        s.box(x0, top, x1, ys[2 + i // 2])
        for k, words in enumerate(lines):
            # Spread to the cell's width, the paragraph's last line left as set.
            spread = (x1 - x0 - 6 - sum(s.width(w) for w in words)) / max(1, len(words) - 1)
            x = x0 + 3
            for w in words:
                s.text(x, top + 4 + k * 20, w)
                x += s.width(w) + (spread if k < len(lines) - 1 else s.width(" "))
    s.save()
    [t] = _read(pdf)
    assert t.ruled and (t.n_rows, t.n_cols) == (3, 2)
    rows = [[c.text if c else "" for c in row] for row in t.grid()]
    assert rows[1] == ["TC 3.1 - Kiểm soát quy định thủ tục hành chính", "Điểm đạt được của tiêu chí này là tổng điểm."]
    assert rows[2][0] == "TCTP 3.2.1 - Công bố danh mục TTHC theo quy định"


def test_word_style_borders_and_shading(tmp_path):
    """Borders as thin filled rectangles, a shaded header, cell text vertically
    centred: the grid and the spans come out the same."""
    from test_layout import H, PROSE, Sheet

    pdf = tmp_path / "word.pdf"
    s = Sheet(pdf)
    c = s.c
    xs, ys = [72, 110, 250, 320, 390], [100, 120, 140, 170, 190]
    c.setFillGray(0.85)
    c.rect(xs[0], H - ys[2], xs[-1] - xs[0], ys[2] - ys[0], stroke=0, fill=1)  # header shading
    c.setFillGray(0)
    t = 0.5
    for y in ys:  # horizontal borders, each a thin box; the merged cell has no inner rule
        if y == ys[1]:
            c.rect(xs[2] - t / 2, H - y - t / 2, xs[-1] - xs[2] + t, t, stroke=0, fill=1)
        else:
            c.rect(xs[0] - t / 2, H - y - t / 2, xs[-1] - xs[0] + t, t, stroke=0, fill=1)
    for x in xs:
        top = ys[1] if x == xs[3] else ys[0]  # "Số liệu" spans two columns in row 0
        c.rect(x - t / 2, H - ys[-1] - t / 2, t, ys[-1] - top + t, stroke=0, fill=1)
    s.text(91, 113, "STT", align="center")
    s.text(180, 113, "Đơn vị", align="center")
    s.text(355, 103, "Số liệu", align="center")
    s.text(285, 123, "Tổng", align="center")
    s.text(355, 123, "Tỷ lệ", align="center")
    s.text(91, 148, "1", align="center")
    s.text(113, 143, "UBND huyện Ea")
    s.text(113, 155, "H'leo")
    s.text(317, 148, "23838", align="right")
    s.text(387, 148, "23,43", align="right")
    s.text(91, 173, "2", align="center")
    s.text(113, 173, "UBND huyện Lắk")
    s.text(317, 173, "11029", align="right")
    s.text(387, 173, "9,8", align="right")
    s.paragraph(72, 300, PROSE)
    s.save()
    [table] = _read(pdf)
    cells = _cells(table)
    assert (table.n_rows, table.n_cols) == (4, 4)
    assert cells[(0, 0)] == ("STT", 2, 1)
    assert cells[(0, 1)] == ("Đơn vị", 2, 1)
    assert cells[(0, 2)] == ("Số liệu", 1, 2)
    assert cells[(1, 2)][0] == "Tổng" and cells[(1, 3)][0] == "Tỷ lệ"
    assert [cells[(2, c)][0] for c in range(4)] == ["1", "UBND huyện Ea H'leo", "23838", "23,43"]
    assert [cells[(3, c)][0] for c in range(4)] == ["2", "UBND huyện Lắk", "11029", "9,8"]


# --- the corpus ------------------------------------------------------------------------

@pytest.mark.e2e
@pytest.mark.parametrize("pdf", corpus_reports(), ids=lambda p: p.stem)
def test_corpus_truth_cells_found(pdf):
    """Every cell of every truth table is found on its page with its text, and no
    region that is not a truth table yields a raw table."""
    truth = json.loads((CORPUS / f"{pdf.stem}.truth.json").read_text())
    found_layout, raw = read_raw(pdf)
    results = score(pdf, truth, raw)
    cells = sum(n for _, _, n, _ in results)
    found = sum(ok for _, ok, _, _ in results)
    if cells:  # a report of prose only must simply yield no table
        assert found / cells >= 0.995, [m for *_, misses in results for m in misses][:10]
    assert spurious(raw, truth) == []
    got = {_norm(c.text) for c in found_layout.captions}
    from dvc_extract.layout.captions import is_caption_label
    labelled = [_norm(c) for c in truth["captions"] if is_caption_label(c)]
    assert [c for c in labelled if c not in got] == []
    assert caption_misses(truth, raw) == []


def caption_misses(truth: dict, raw: list[RawTable]) -> list[str]:
    """Labelled truth captions not attached to the raw table holding the table's first cells."""
    from dvc_extract.layout.captions import is_caption_label

    misses = []
    for t in truth["tables"]:
        if not t["caption"] or not is_caption_label(t["caption"]):
            continue
        page = t["pages"][0]
        first = truth_cells(t)[:3]
        holders = [r for r in raw if r.page == page
                   and any(found_text([r], page, c["bbox"]) == _norm(c["text"]) for _, c in first)]
        if not holders or holders[0].caption is None or _norm(holders[0].caption.text) != _norm(t["caption"]):
            misses.append(t["caption"])
    return misses


if __name__ == "__main__":
    main()
