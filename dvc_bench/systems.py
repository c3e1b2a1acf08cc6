"""The systems the benchmarks compare, each run on one PDF and seen as raw grids.

- ``dvc-extract``: the pipeline. For the born-digital corpus, the whole of
  :func:`dvc_extract.extract` (its logical tables); for ICDAR 2013, its layout and tables stages
  (regions found, and each region's cell grid), which is what that competition measures.
- ``camelot-lattice``, ``camelot-stream``: ``camelot.read_pdf(path, flavor=…, pages="all")``.
- ``pdfplumber``: ``page.find_tables()`` / ``table.extract()`` with default settings.

:func:`run_system` lets each system find the tables; :func:`run_given_regions` tells each one
where the truth tables are (ICDAR's structure task) and lets it read only those.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from dvc_extract.model import BBox, Table
from .grids import Grid, page_height, grid_from_raw, grid_from_table, grids_camelot, grids_pdfplumber

SYSTEMS = ("dvc-extract", "camelot-lattice", "camelot-stream", "pdfplumber")


@dataclass
class Run:
    system: str
    seconds: float = 0.0
    grids: list[Grid] = field(default_factory=list)
    # dvc-extract on the corpus: its logical tables, for the strict measures.
    tables: Optional[list[Table]] = None
    # dvc-extract's stages on ICDAR: the layout's regions (page, top-left bbox).
    regions: Optional[list[tuple[int, BBox]]] = None
    error: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _timed(system: str, fn: Callable[[], Run]) -> Run:
    t0 = time.perf_counter()
    try:
        run = fn()
    except Exception as exc:  # a benchmark reports a failing system, it does not stop
        run = Run(system, error=f"{type(exc).__name__}: {str(exc) or 'not implemented yet'}".splitlines()[0][:120])
    run.seconds = time.perf_counter() - t0
    return run


def dvc_logical(path: str) -> Run:
    from dvc_extract import extract

    tables = extract(str(path)).tables
    # Where each table is printed, as tables.json gives it (header included).
    return Run("dvc-extract", grids=[grid_from_table(t) for t in tables], tables=tables,
               regions=[(r.page, r.bbox) for t in tables for r in t.regions])


def dvc_stages(path: str) -> Run:
    """Layout + tables stages: the regions found, and each region's raw cell grid."""
    from dvc_extract import ingest, layout, tables
    from dvc_extract.settings import Settings

    document = ingest.load(str(path), Settings())
    found = layout.find(document)
    raw = tables.read(document, found)
    return Run("dvc-extract", grids=[grid_from_raw(r) for r in raw],
               regions=[(r.page, r.bbox) for r in found.regions])


def run_system(system: str, path: str, logical: bool = True) -> Run:
    """Run one system on one PDF, timed. ``logical``: dvc-extract end to end (else its stages)."""
    if system == "dvc-extract":
        return _timed(system, lambda: dvc_logical(path) if logical else dvc_stages(path))
    if system.startswith("camelot-"):
        flavor = system.split("-", 1)[1]
        return _timed(system, lambda: Run(system, grids=grids_camelot(path, flavor)))
    if system == "pdfplumber":
        return _timed(system, lambda: Run(system, grids=grids_pdfplumber(path)))
    raise ValueError(f"unknown system {system!r}; known: {', '.join(SYSTEMS)}")


def regions_of(run: Run) -> list[tuple[int, BBox]]:
    """Detected regions (page, top-left bbox): the layout's for dvc-extract, else each grid's box."""
    if run.regions is not None:
        return list(run.regions)
    return [(g.page, g.bbox) for g in run.grids if g.bbox is not None]


def machine() -> str:
    """CPU model, cores, Python and library versions: one line for a benchmark's header."""
    import os
    import platform

    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), cpu)
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for dist in ("camelot-py", "pdfplumber", "pdfminer.six", "pypdfium2", "opencv-python-headless"):
        try:
            versions.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            pass
    from dvc_extract import __version__

    return (f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}; "
            f"dvc-extract {__version__}; " + ", ".join(versions))


def warm_up(systems) -> None:
    """Import each system's libraries before timing, so no run pays for another's imports."""
    import pdfplumber  # noqa: F401

    if any(s.startswith("camelot") for s in systems):
        import camelot  # noqa: F401
    if "dvc-extract" in systems:
        from dvc_extract import pipeline  # noqa: F401


# ---------------------------------------------------------------- regions given (structure only)

# Truth boxes hug the text; a reader needs the table's border lines too (see frame_regions).
REGION_PAD = 2.0


def frame_regions(path: str, regions: dict[int, list[BBox]]) -> dict[int, list[BBox]]:
    """Each truth box grown to the drawn lines crossing it, so a reader told "the table is
    here" also sees its frame. One pass: a line crossing the grown box is not followed."""
    import pdfplumber

    out: dict[int, list[BBox]] = {}
    with pdfplumber.open(str(path)) as pdf:
        for number, boxes in regions.items():
            edges = pdf.pages[number - 1].edges
            for b in boxes:
                x0, top, x1, bottom = b
                for e in edges:
                    if e["x1"] >= b[0] - 2 and e["x0"] <= b[2] + 2 and e["bottom"] >= b[1] - 2 and e["top"] <= b[3] + 2:
                        x0, top = min(x0, e["x0"]), min(top, e["top"])
                        x1, bottom = max(x1, e["x1"]), max(bottom, e["bottom"])
                out.setdefault(number, []).append((x0, top, x1, bottom))
    return out


def _pad(b: BBox, page_w: float, page_h: float) -> BBox:
    return (max(0.0, b[0] - REGION_PAD), max(0.0, b[1] - REGION_PAD),
            min(page_w, b[2] + REGION_PAD), min(page_h, b[3] + REGION_PAD))


def _given_dvc(path: str, regions: dict[int, list[BBox]]) -> Run:
    from dvc_extract import ingest, tables
    from dvc_extract.model import Layout, Region
    from dvc_extract.settings import Settings

    document = ingest.load(str(path), Settings())
    pages = {p.number: p for p in document.pages}
    given = []
    for number, boxes in regions.items():
        page = pages[number]
        for b in boxes:
            box = _pad(b, page.width, page.height)
            inside = [r for r in page.rulings
                      if r.x0 >= box[0] and r.x1 <= box[2] and r.top >= box[1] and r.bottom <= box[3]]
            # Ruled when both directions of rulings are drawn inside the region.
            ruled = {r.orientation for r in inside} == {"h", "v"}
            given.append(Region(page=number, bbox=box, ruled=ruled))
    raw = tables.read(document, Layout(regions=given, captions=[], prose=[]))
    return Run("dvc-extract", grids=[grid_from_raw(r) for r in raw])


def _given_camelot(path: str, flavor: str, regions: dict[int, list[BBox]]) -> Run:
    import camelot

    grids = []
    for number, boxes in regions.items():
        height = page_height(path, number)
        for b in boxes:
            x0, top, x1, bottom = _pad(b, 1e9, height)
            area = f"{x0},{height - top},{x1},{height - bottom}"  # PDF space: left-top, right-bottom
            for t in camelot.read_pdf(str(path), flavor=flavor, pages=str(number), table_areas=[area]):
                grids.append(Grid((number,), t.df.astype(str).values.tolist(), b))
    return Run(f"camelot-{flavor}", grids=grids)


def _given_pdfplumber(path: str, regions: dict[int, list[BBox]]) -> Run:
    import pdfplumber

    grids = []
    with pdfplumber.open(str(path)) as pdf:
        for number, boxes in regions.items():
            page = pdf.pages[number - 1]
            for b in boxes:
                crop = page.crop(_pad(b, float(page.width), float(page.height)))
                for t in crop.find_tables():
                    grids.append(Grid((number,), [[c or "" for c in row] for row in t.extract()], b))
    return Run("pdfplumber", grids=grids)


def run_given_regions(system: str, path: str, regions: dict[int, list[BBox]]) -> Run:
    """Read only the given table regions (top-left boxes per page), as the competition's
    structure task did: each system's own reader, told where the tables are."""
    if system == "dvc-extract":
        return _timed(system, lambda: _given_dvc(path, regions))
    if system.startswith("camelot-"):
        flavor = system.split("-", 1)[1]
        return _timed(system, lambda: _given_camelot(path, flavor, regions))
    if system == "pdfplumber":
        return _timed(system, lambda: _given_pdfplumber(path, regions))
    raise ValueError(f"unknown system {system!r}; known: {', '.join(SYSTEMS)}")
