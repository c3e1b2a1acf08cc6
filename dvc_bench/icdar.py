"""The ICDAR 2013 Table Competition (Göbel, Hassan, Oro, Orsi): ground truth and measures.

Ground truth: ``<name>-reg.xml`` holds each table's regions (page, 1-based, and a bounding box in
PDF points, origin bottom-left); ``<name>-str.xml`` each region's cells (start/end row/col, box,
content) with the region's row/col increments, which place the cells of a table's several
regions (a table continued on the next page, or set in side-by-side blocks) in one grid.
Where the competition gave two readings of one document (``eu-009a``/``eu-009b``: one PDF,
``…a.pdf``, two truths), a system is scored against each and keeps the better, as the
competition did.

Region detection (completeness and purity, character-based variant): a detected region on a
page is *correct* for a truth region when it is complete — every character of the truth
region lies in it — and pure — no other character of the page lies in it. Characters are the
PDF's own (pdfplumber), placed by their centre, with a tolerance of ``TOLERANCE`` points around
both boxes since the truth boxes are rounded to whole points. Detected and truth regions are
paired one to one per page; precision = correct / detected, recall = correct / truth regions.

Structure (cell adjacency relations with content): for every non-empty cell, its nearest
non-empty neighbour to the right in each row it spans and below in each column it spans
(empty cells are skipped, so a blank gap does not break a relation). A relation is
(content, content, direction); contents compare after NFKC, case folding and removing all
white space. Relations of a document are compared as multisets: precision = shared /
predicted, recall = shared / truth.
"""
from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

from dvc_extract.model import BBox

TOLERANCE = 2.0


@dataclass(frozen=True)
class TruthRegion:
    table: int
    page: int
    # PDF space as in the XML: (x1, y1, x2, y2), origin bottom-left.
    box: tuple[float, float, float, float]

    def bbox(self, page_height: float) -> BBox:
        """Top-left origin (x0, top, x1, bottom), as the pipeline and pdfplumber use."""
        x1, y1, x2, y2 = self.box
        return (x1, page_height - y2, x2, page_height - y1)


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    end_row: int
    end_col: int
    text: str


@dataclass
class IcdarTruth:
    name: str
    regions: list[TruthRegion]
    # One list of cells per table, all its regions placed in one grid.
    tables: list[list[GridCell]] = field(default_factory=list)


@dataclass
class IcdarDocument:
    name: str
    pdf: Path
    variants: list[IcdarTruth]


def _box(el: ET.Element) -> tuple[float, float, float, float]:
    b = el.find("bounding-box")
    return tuple(float(b.get(k)) for k in ("x1", "y1", "x2", "y2"))  # type: ignore[return-value]


def load_variant(base: Path) -> IcdarTruth:
    """``base`` is the path without ``-reg.xml``/``-str.xml``."""
    reg = ET.parse(f"{base}-reg.xml").getroot()
    regions = [TruthRegion(ti, int(r.get("page")), _box(r))
               for ti, t in enumerate(reg.iter("table"))
               for r in t.findall("region")]
    tables = []
    for t in ET.parse(f"{base}-str.xml").getroot().iter("table"):
        cells = []
        for r in t.findall("region"):
            dr, dc = int(r.get("row-increment", 0)), int(r.get("col-increment", 0))
            for c in r.findall("cell"):
                sr, sc = int(c.get("start-row")), int(c.get("start-col"))
                er, ec = int(c.get("end-row", sr)), int(c.get("end-col", sc))
                cells.append(GridCell(sr + dr, sc + dc, max(er, sr) + dr, max(ec, sc) + dc,
                                      c.findtext("content") or ""))
        tables.append(cells)
    return IcdarTruth(base.name, regions, tables)


def load_dataset(root: Path) -> list[IcdarDocument]:
    """Every PDF under ``root`` with its truth readings (``x.pdf`` → ``x``; ``xa.pdf`` → ``xa``, ``xb``)."""
    docs = []
    for pdf in sorted(Path(root).rglob("*.pdf")):
        stem = pdf.with_suffix("")
        bases = [stem]
        if stem.name.endswith("a"):
            other = stem.with_name(stem.name[:-1] + "b")
            if Path(f"{other}-reg.xml").exists():
                bases.append(other)
        docs.append(IcdarDocument(stem.name, pdf, [load_variant(b) for b in bases]))
    return docs


# ---------------------------------------------------------------- region detection


@dataclass
class Counts:
    """Correct / found / expected, for either measure."""

    correct: int = 0
    found: int = 0
    expected: int = 0

    def add(self, other: "Counts") -> None:
        self.correct += other.correct
        self.found += other.found
        self.expected += other.expected

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


Point = tuple[float, float]


def _inside(p: Point, b: BBox, tol: float) -> bool:
    return b[0] - tol <= p[0] <= b[2] + tol and b[1] - tol <= p[1] <= b[3] + tol


def region_correct(detected: BBox, truth: BBox, chars: Sequence[Point], tol: float = TOLERANCE) -> bool:
    """Complete (every character of the truth region inside) and pure (nothing else inside).

    The tolerance widens the truth box and, for completeness, the detected box; for purity a
    character must lie well inside the detected box (``tol`` from its edge) to count against it.
    """
    for p in chars:
        in_truth = _inside(p, truth, tol)
        if in_truth and not _inside(p, detected, tol):
            return False  # incomplete
        if not in_truth and _inside(p, detected, -tol):
            return False  # impure
    return True


def score_regions(detected: dict[int, list[BBox]], truth: dict[int, list[BBox]],
                  chars: dict[int, Sequence[Point]], tol: float = TOLERANCE) -> Counts:
    """Regions per page (top-left boxes) paired one to one; a pair counts when correct."""
    c = Counts(found=sum(map(len, detected.values())), expected=sum(map(len, truth.values())))
    for page, expected in truth.items():
        free = list(detected.get(page, []))
        for t in expected:
            for i, d in enumerate(free):
                if region_correct(d, t, chars.get(page, ()), tol):
                    c.correct += 1
                    del free[i]
                    break
    return c


# ---------------------------------------------------------------- adjacency relations


def content_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


Relation = tuple[str, str, str]


def relations(cells: Iterable[GridCell]) -> Counter:
    """Adjacency relations of one table: nearest non-empty right and below neighbours."""
    cells = [c for c in cells if content_key(c.text)]
    at: dict[tuple[int, int], int] = {}
    for i, c in enumerate(cells):
        for r in range(c.row, c.end_row + 1):
            for k in range(c.col, c.end_col + 1):
                at.setdefault((r, k), i)
    if not at:
        return Counter()
    max_row = max(r for r, _ in at)
    max_col = max(k for _, k in at)
    out: set[tuple[int, int, str]] = set()
    for i, c in enumerate(cells):
        for r in range(c.row, c.end_row + 1):
            for k in range(c.end_col + 1, max_col + 1):
                j = at.get((r, k))
                if j is not None and j != i:
                    out.add((i, j, "right"))
                    break
        for k in range(c.col, c.end_col + 1):
            for r in range(c.end_row + 1, max_row + 1):
                j = at.get((r, k))
                if j is not None and j != i:
                    out.add((i, j, "below"))
                    break
    return Counter((content_key(cells[i].text), content_key(cells[j].text), d) for i, j, d in out)


def grid_cells(rows: Sequence[Sequence[Optional[str]]]) -> list[GridCell]:
    """A predicted grid of strings (a spanning cell's text in its first slot) as cells."""
    return [GridCell(r, k, r, k, text or "") for r, line in enumerate(rows) for k, text in enumerate(line)]


def score_relations(predicted: Iterable[Counter], truth: Iterable[Counter]) -> Counts:
    p, t = Counter(), Counter()
    for rel in predicted:
        p.update(rel)
    for rel in truth:
        t.update(rel)
    return Counts(correct=sum((p & t).values()), found=sum(p.values()), expected=sum(t.values()))
