"""A scan against its born-digital twin: the same pages must give the same findings.

The twin is the born-digital PDF cut to the pages the scan holds (its truth's ``source``), so
both runs see the same tables and prose; a relation reaching outside those pages is absent
from both alike. Findings are matched by what an auditor reads in them, never by object:
rule, table (caption, or its first page when it has none), row label, columns, stated value.
Captions, labels and claims are compared folded (no diacritics, no spacing) and up to OCR
noise, since the scan's own reading of them is what it prints. ``unreadable`` findings
(a cell read without confidence, a cell read two ways) are the scan's honest doubts: counted,
not compared.
"""
from __future__ import annotations

import json
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ROOT / "corpora" / "scanned"
_NOISE = 0.8  # folded texts this similar are one text read twice


def fold(s: str | None) -> str:
    s = unicodedata.normalize("NFD", (s or "").lower().replace("đ", "d"))
    return "".join(ch for ch in s if ch.isalnum())


def _similar(a: str, b: str) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= _NOISE


@dataclass
class Seen:
    """One finding as an auditor reads it."""

    rule: str
    table: str      # folded caption, or "p<first page>"
    row: str        # folded row label (or the claim's text for prose)
    columns: tuple
    stated: float | None
    cause: str
    text: str       # one line for the listing

    def same(self, other: "Seen") -> bool:
        return (self.rule == other.rule and self.columns == other.columns
                and (self.stated is None) == (other.stated is None)
                and (self.stated is None or abs(self.stated - other.stated) < 1e-6)
                and _similar(self.table, other.table) and _similar(self.row, other.row))

    def likeness(self, other: "Seen") -> float:
        return (SequenceMatcher(None, self.table, other.table).ratio()
                + SequenceMatcher(None, self.row, other.row).ratio())


def seen(report) -> tuple[list[Seen], int]:
    """The report's findings as an auditor reads them, and how many are ``unreadable``."""
    tables = {t.id: t for t in report.tables}
    out, unreadable = [], 0
    for f in report.findings:
        if f.verdict == "unreadable":
            unreadable += 1
            continue
        t = tables.get(f.table) if f.table else None
        where = (fold(t.caption) or f"p{t.pages[0]}") if t else ""
        label = _row_label(t, f.row) if t is not None and f.row is not None else fold(f.claim)
        out.append(Seen(f.rule, where, label, tuple(f.columns),
                        None if f.stated is None else round(f.stated, 4), f.cause, f.message_en))
    return out, unreadable


def _row_label(table, row: int) -> str:
    from dvc_extract.verify.relations import _label

    return fold(_label(table, row)) if row < len(table.rows) else str(row)


@dataclass
class Twins:
    scan: str
    pages: list[int]
    equal: list[tuple[Seen, Seen]] = field(default_factory=list)   # (born-digital, scan)
    digital_only: list[Seen] = field(default_factory=list)       # missed on the scan
    scan_only: list[Seen] = field(default_factory=list)          # accusations the source lacks
    unreadable: int = 0
    seconds: float = 0.0

    @property
    def cause_agrees(self) -> int:
        return sum(d.cause == s.cause for d, s in self.equal)


def scans() -> list[str]:
    return sorted(p.name[:-len(".truth.json")] for p in SCANNED.glob("*.truth.json"))


def _scan_file(name: str) -> Path:
    return next(p for p in SCANNED.glob(f"{name}.*") if not p.name.endswith(".json"))


def cut_twin(name: str, out: Path) -> list[int]:
    """The born-digital pages the scan holds, as a PDF of their own; their page numbers."""
    import pypdfium2 as pdfium

    truth = json.loads((SCANNED / f"{name}.truth.json").read_text(encoding="utf-8"))
    pages = truth["source"]["pages"]
    src = pdfium.PdfDocument(str(ROOT / "corpora" / truth["source"]["pdf"]))
    cut = pdfium.PdfDocument.new()
    cut.import_pages(src, [p - 1 for p in pages])
    cut.save(str(out))
    return pages


def compare(digital_report, scan_report, name: str = "", pages=()) -> Twins:
    digital, _ = seen(digital_report)
    scanned, unreadable = seen(scan_report)
    result = Twins(name, list(pages), unreadable=unreadable)
    left = list(scanned)
    for d in digital:
        # the likeliest of those that match: "Bảng 2 …" and "Bảng 3 …" are alike up to OCR noise
        s = max((s for s in left if d.same(s)), key=d.likeness, default=None)
        if s is None:
            result.digital_only.append(d)
        else:
            left.remove(s)
            result.equal.append((d, s))
    result.scan_only = left
    return result


def run(name: str, settings=None) -> Twins:
    import dvc_extract

    with tempfile.TemporaryDirectory() as d:
        twin = Path(d) / f"{name}-twin.pdf"
        pages = cut_twin(name, twin)
        t0 = time.perf_counter()
        digital = dvc_extract.extract(str(twin), settings)
        scan = dvc_extract.extract(str(_scan_file(name)), settings)
        result = compare(digital, scan, name, pages)
        result.seconds = time.perf_counter() - t0
    return result


# A whole report scanned as 000-t1-200dpi is (scripts/build_scans): 200 dpi, -1.3°, blur, noise, JPEG 60.
WHOLE = dict(dpi=200, rotate=-1.3, blur=0.5, noise=6, jpeg=60)


def run_whole(report: str, settings=None) -> Twins:
    """A whole seed report of corpora/digital/ scanned with scripts/build_scans' degradations,
    against the report itself."""
    import importlib.machinery

    import dvc_extract
    import pypdfium2 as pdfium

    build = importlib.machinery.SourceFileLoader("build_scans", str(ROOT / "scripts" / "build_scans")).load_module()
    digital = ROOT / "corpora" / "digital" / f"{report}.pdf"
    pdf = pdfium.PdfDocument(str(digital))
    v = build.Variant(f"whole-{report}", report, [], **WHOLE)
    v.pages = list(range(1, len(pdf) + 1))
    with tempfile.TemporaryDirectory() as d:
        scan_pdf = Path(d) / f"{v.name}.pdf"
        build.write_pdf(scan_pdf, build.page_images(v, pdf, {"tables": []}),
                        [pdf[p - 1].get_size() for p in v.pages], v)
        t0 = time.perf_counter()
        result = compare(dvc_extract.extract(str(digital), settings), dvc_extract.extract(str(scan_pdf), settings),
                         v.name, v.pages)
        result.seconds = time.perf_counter() - t0
    return result


def twins_bench(args, fmt_table) -> int:
    from .systems import machine

    names = args.scans.split(",") if args.scans else scans()
    start = time.perf_counter()
    results = [run(n) for n in names]
    whole = [r for r in args.whole.split(",") if r] if args.whole else []
    results += [run_whole(r) for r in whole]
    print(f"Scans against their born-digital twins (same pages): {len(names)} scans of corpora/scanned/"
          + (f", whole reports {', '.join(whole)} scanned at {WHOLE}" if whole else ""))
    print(f"Machine: {machine()}")
    print()
    rows, tot = [], [0] * 7
    for r in results:
        n_dig = len(r.equal) + len(r.digital_only)
        accused = sum(s.cause == "source" for s in r.scan_only)
        cells = [len(r.equal), n_dig, len(r.digital_only), accused, len(r.scan_only) - accused, r.cause_agrees,
                 r.unreadable]
        tot = [a + b for a, b in zip(tot, cells)]
        rows.append([r.scan, ",".join(map(str, r.pages)), f"{len(r.equal)}/{n_dig}", *map(str, cells[2:5]),
                     f"{r.cause_agrees}/{len(r.equal)}", str(r.unreadable), f"{r.seconds:.0f}"])
    rows.append(["all", "", f"{tot[0]}/{tot[1]}", *map(str, tot[2:5]), f"{tot[5]}/{tot[0]}", str(tot[6]), ""])
    print(fmt_table(["scan", "twin pages", "equal", "only born-digital (missed)", "only scan, source",
                     "only scan, ocr", "same cause", "unreadable", "s"], rows, args.markdown))
    print()
    same = sum(not r.digital_only and not r.scan_only and r.cause_agrees == len(r.equal) for r in results)
    print(f"Overall: {same}/{len(results)} scans give their twin's findings, with the same cause; "
          f"{tot[0]} of {tot[1]} born-digital findings found on the scans; only on a scan: {tot[3]} accusations "
          f"(cause source), {tot[4]} OCR suspicions; {tot[6]} unreadable cells; "
          f"{time.perf_counter() - start:.0f} s")
    if args.list:
        for r in results:
            print()
            print(f"{r.scan}:")
            for d, s in r.equal:
                print(f"  equal  cause {d.cause}/{s.cause}  {d.rule}: {d.text[:150]}")
            for d in r.digital_only:
                print(f"  missed cause {d.cause}  {d.rule}: {d.text[:150]}")
            for s in r.scan_only:
                print(f"  scan   cause {s.cause}  {s.rule}: {s.text[:150]}")
    return 0
