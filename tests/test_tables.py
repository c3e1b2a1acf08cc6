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
        missing = [c for c in want_captions if c not in got_captions]
        unexpected = [c for c in got_captions if c not in want_captions]
        print(f"{pdf.stem}  spurious raw tables: {len(extra)} "
              f"{[(t.page, [round(v) for v in t.bbox]) for t in extra]}")
        print(f"{pdf.stem}  captions: {len(want_captions) - len(missing)}/{len(want_captions)} found, "
              f"{len(unexpected)} unexpected {unexpected[:3]} {missing[:3]}")
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


if __name__ == "__main__":
    main()
