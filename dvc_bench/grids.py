"""Raw cell grids: what camelot and pdfplumber give a user, and dvc-extract's tables seen
the same way, scored by one generous rule so the systems compare fairly.

A :class:`Grid` is rows of cell strings on one or more pages (a spanning cell's text sits in
its first slot). No stitching, no header logic: a table split over two pages is two grids.

The row rule (:func:`score_grids`), the same for every system: for each truth row, the
candidate rows are the grid rows on the truth table's pages holding a cell equal to the row's
label (the text of its label-column cell; NFC, spaces and line breaks collapsed, case
ignored); when none does, rows holding a cell of ≥ 5 characters that is part of the label —
and the rows right above and below those, because a tool that splits a wrapped row prints the
numbers on one of its lines. A row without a label has every row on its pages as candidate.
The candidate holding the most of the row's numeric truth texts is the row's match; a truth
numeric cell counts as correct when its printed text (normalised as above) is a cell of that
row. Positions are not checked: this measures whether the numbers came out, readable and
in the right row, the least a user needs before retyping nothing.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from dvc_extract.model import BBox, RawTable, Table
from .truth import TruthReport, TruthTable, norm

_PART_MIN = 5


@dataclass
class Grid:
    pages: tuple[int, ...]
    rows: list[list[str]]
    # Top-left origin (x0, top, x1, bottom), PDF points, on pages[0]; None when unknown.
    bbox: Optional[BBox] = None

    @property
    def page(self) -> int:
        return self.pages[0]


def grid_from_table(table: Table) -> Grid:
    """A logical table as a grid of its body rows (its header is left out, as it is scored apart)."""
    width = max([len(table.columns)] + [c.col + 1 for r in table.rows for c in r.cells])
    rows = []
    for r in table.rows:
        line = [""] * width
        for c in r.cells:
            line[c.col] = c.text
        rows.append(line)
    return Grid(tuple(table.pages) or (0,), rows)


def grid_from_raw(raw: RawTable) -> Grid:
    rows = [[c.text if c is not None else "" for c in line] for line in raw.grid()]
    return Grid((raw.page,), rows, raw.bbox)


def grids_camelot(path: str, flavor: str) -> list[Grid]:
    """``camelot.read_pdf(path, flavor=..., pages="all")``, each table as it comes."""
    import camelot

    out = []
    for t in camelot.read_pdf(str(path), flavor=flavor, pages="all"):
        x1, y1, x2, y2 = t._bbox  # PDF space, origin bottom-left
        height = page_height(path, int(t.page))
        out.append(Grid((int(t.page),), t.df.astype(str).values.tolist(), (x1, height - y2, x2, height - y1)))
    return out


_HEIGHTS: dict[tuple[str, int], float] = {}


def page_height(path: str, page: int) -> float:
    key = (str(path), page)
    if key not in _HEIGHTS:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            for i, p in enumerate(pdf.pages, start=1):
                _HEIGHTS[(str(path), i)] = float(p.height)
    return _HEIGHTS[key]


def grids_pdfplumber(path: str) -> list[Grid]:
    """``page.find_tables()`` / ``table.extract()`` with pdfplumber's default settings."""
    import pdfplumber

    out = []
    with pdfplumber.open(str(path)) as pdf:
        for p in pdf.pages:
            for t in p.find_tables():
                rows = [[c or "" for c in row] for row in t.extract()]
                out.append(Grid((p.page_number,), rows, tuple(t.bbox)))
    return out


@dataclass
class GridScore:
    numeric_total: int = 0
    numeric_found: int = 0
    tables_total: int = 0
    tables_held: int = 0
    per_table: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def numeric_accuracy(self) -> float:
        return self.numeric_found / self.numeric_total if self.numeric_total else 1.0

    @property
    def strict_recall(self) -> float:
        return self.tables_held / self.tables_total if self.tables_total else 1.0

    def add(self, other: "GridScore") -> None:
        self.numeric_total += other.numeric_total
        self.numeric_found += other.numeric_found
        self.tables_total += other.tables_total
        self.tables_held += other.tables_held
        self.per_table += other.per_table


def _key(text: str) -> str:
    return norm(text).casefold()


def _candidates(label: Optional[str], rows: list[tuple[int, int, list[str]]]) -> list[int]:
    """Indices into ``rows`` (grid, row, cells) that may hold the truth row labelled ``label``."""
    if label is None:
        return list(range(len(rows)))
    exact = [i for i, (_, _, cells) in enumerate(rows) if label in cells]
    if exact:
        return exact
    part = [i for i, (_, _, cells) in enumerate(rows)
            if any(len(c) >= _PART_MIN and c in label for c in cells)]
    near = set()
    for i in part:
        for k in (i - 1, i, i + 1):
            if 0 <= k < len(rows) and rows[k][0] == rows[i][0]:
                near.add(k)
    return sorted(near)


def _score_table(t: TruthTable, grids: list[Grid]) -> GridScore:
    s = GridScore(tables_total=1)
    pages = set(t.pages)
    rows = [(gi, ri, [_key(c) for c in line])
            for gi, g in enumerate(grids) if pages & set(g.pages)
            for ri, line in enumerate(g.rows)]
    held_by: Optional[set[int]] = None  # grids holding every row so far
    for row in t.rows:
        label_cell = t.label_of(row)
        numbers = Counter(_key(c.text) for c in row if c.is_numeric)
        s.numeric_total += sum(numbers.values())
        cands = _candidates(_key(label_cell.text) if label_cell else None, rows)
        best, best_i = 0, None
        for i in cands:
            got = sum((numbers & Counter(rows[i][2])).values())
            if got > best or best_i is None:
                best, best_i = got, i
        s.numeric_found += best
        # Strict recall: a grid holds the row if it has a candidate row carrying at least
        # half of the row's numbers (all of a row without numbers needs only its label).
        need = (sum(numbers.values()) + 1) // 2
        holding = {rows[i][0] for i in cands
                   if sum((numbers & Counter(rows[i][2])).values()) >= need}
        held_by = holding if held_by is None else held_by & holding
    held = bool(held_by) if t.rows else False
    s.tables_held = int(held)
    s.per_table.append((t.caption or f"p.{t.pages}", s.numeric_found, s.numeric_total))
    return s


def score_grids(truth: TruthReport, grids: list[Grid]) -> GridScore:
    total = GridScore()
    for t in truth.tables:
        total.add(_score_table(t, grids))
    return total
