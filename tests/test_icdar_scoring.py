"""ICDAR 2013 measures: region completeness/purity and cell adjacency relations."""
from pathlib import Path

import pytest

from dvc_bench.grids import grids_pdfplumber
from dvc_bench.icdar import (GridCell, content_key, grid_cells, load_dataset, load_variant,
                                        region_correct, relations, score_regions, score_relations)

ICDAR = Path(__file__).resolve().parent.parent.parent / "shared" / "external" / "icdar2013"

# Characters (centres) of a page: a table at x 100–200, y 100–150, and a paragraph below it.
TABLE_CHARS = [(110.0, 110.0), (190.0, 140.0), (150.0, 125.0)]
PROSE_CHARS = [(110.0, 170.0), (190.0, 175.0)]
CHARS = TABLE_CHARS + PROSE_CHARS
TRUTH = (105.0, 105.0, 195.0, 145.0)


def test_a_region_is_correct_when_complete_and_pure():
    assert region_correct((100, 100, 200, 150), TRUTH, CHARS)
    # Rounded truth boxes: a char 1.5 pt outside still belongs to the table.
    assert region_correct((100, 100, 200, 150), (111, 111, 189, 139), CHARS)


def test_a_region_missing_a_char_or_taking_prose_is_wrong():
    assert not region_correct((120, 100, 200, 150), TRUTH, CHARS)  # incomplete
    assert not region_correct((100, 100, 200, 180), TRUTH, CHARS)  # impure: takes the paragraph
    # Merely touching the paragraph's first char at the edge is not taking it.
    assert region_correct((100, 100, 200, 171.5), TRUTH, CHARS)


def test_regions_are_paired_one_to_one():
    detected = {1: [(100, 100, 200, 150), (100, 100, 200, 150)], 2: [(0, 0, 10, 10)]}
    c = score_regions(detected, {1: [TRUTH]}, {1: CHARS, 2: []})
    assert (c.correct, c.found, c.expected) == (1, 3, 1)
    assert c.precision == pytest.approx(1 / 3) and c.recall == 1.0 and c.f1 == pytest.approx(0.5)


def test_adjacency_relations_skip_empty_cells_and_follow_spans():
    # | A (spans 2 cols) |   C |
    # | d  |      | f   |     |
    cells = [GridCell(0, 0, 0, 1, "A"), GridCell(0, 2, 0, 2, "C"),
             GridCell(1, 0, 1, 0, "d"), GridCell(1, 1, 1, 1, " "), GridCell(1, 2, 1, 2, "f")]
    rel = relations(cells)
    assert set(rel) == {("a", "c", "right"), ("a", "d", "below"), ("c", "f", "below"), ("d", "f", "right")}


def test_content_compares_without_case_or_white_space():
    assert content_key("Proportion\n(total)") == content_key("proportion (Total)")


def test_relation_scores_are_multiset_precision_and_recall():
    truth = relations(grid_cells([["x", "1"], ["y", "2"]]))
    predicted = relations(grid_cells([["x", "1"], ["y", "3"]]))
    c = score_relations([predicted], [truth])
    assert (c.correct, c.found, c.expected) == (2, 4, 4)


def test_ground_truth_loads_with_one_based_pages_and_both_readings():
    docs = {d.name: d for d in load_dataset(ICDAR)}
    assert len(docs) == 67
    assert [v.name for v in docs["eu-009a"].variants] == ["eu-009a", "eu-009b"]
    eu1 = load_variant(ICDAR / "competition-dataset-eu" / "eu-001")
    assert len(eu1.regions) == 7 and min(r.page for r in eu1.regions) == 1
    # Page-space box (origin bottom-left) to top-left: y flips on the page height.
    assert eu1.regions[0].bbox(842.0) == (100.0, 842.0 - 543.0, 482.0, 842.0 - 451.0)
    # A table set in three side-by-side blocks on one page: one grid, columns offset.
    us35 = load_variant(ICDAR / "competition-dataset-us" / "us-035a")
    cols = {c.col for c in us35.tables[1] if c.text.startswith("Age")}
    assert cols == {1, 3, 5}  # this file numbers columns from 1


def test_a_real_extraction_scores_against_real_truth():
    """pdfplumber on a one-page ruled table: found, and its cells give the truth's relations;
    dropping a row of its grid must cost relations."""
    import pdfplumber

    doc = next(d for d in load_dataset(ICDAR) if d.name == "eu-002")
    truth = doc.variants[0]
    grids = grids_pdfplumber(str(doc.pdf))
    with pdfplumber.open(str(doc.pdf)) as pdf:
        page = pdf.pages[0]
        chars = [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2) for c in page.chars if c["text"].strip()]
        height = float(page.height)
    found = {1: [g.bbox for g in grids]}
    det = score_regions(found, {1: [r.bbox(height) for r in truth.regions]}, {1: chars})
    assert det.f1 == 1.0
    truth_rel = [relations(t) for t in truth.tables]
    whole = score_relations([relations(grid_cells(g.rows)) for g in grids], truth_rel)
    assert whole.f1 > 0.95
    cut = score_relations([relations(grid_cells(g.rows[:-1])) for g in grids], truth_rel)
    assert cut.recall < whole.recall


def test_the_benchmark_prints_both_measures_per_system(capsys):
    import importlib.machinery
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "scripts" / "bench_icdar2013"
    loader = importlib.machinery.SourceFileLoader("bench_icdar2013", str(script))
    bench = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(bench)
    assert bench.main(["--data", str(ICDAR), "--limit", "1", "--systems", "pdfplumber"]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if ln.startswith("pdfplumber"))
    # eu-001: its 7 tables found whole, so detection F1 is 1.
    assert line.split()[2:5] == ["1.000", "1.000", "1.000"]
    assert "0.946" in out and "Machine:" in out
