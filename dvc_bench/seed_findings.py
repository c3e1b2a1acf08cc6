"""The inconsistencies printed in the seed reports, from their hand transcriptions.

The transcriptions (``corpora/digital/<id>.truth.json`` for the tables, ``corpora/source/<id>.json``
for the prose) are turned into a report without any extraction: the tables as transcribed, each
paragraph a prose block. The verify stage then runs on that report; what it finds there is what
the printed report states inconsistently, whatever a rendering, a scan or a layout does to it.
``scripts/build_seed_findings`` writes the list to ``tests/data/seed_findings.json``, where each
entry was checked by hand (its arithmetic redone from the seed text) before it was kept.
"""
from __future__ import annotations

import json
from pathlib import Path

from dvc_extract import typed, units, verify
from dvc_extract.export.findings_json import finding_dict
from dvc_extract.model import Cell, Document, Page, Report, Row, Table, TextBlock, split_path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("000", "001", "002", "004")
LISTED_PATH = ROOT / "tests" / "data" / "seed_findings.json"


def transcribed(stem: str) -> Report:
    """A seed's transcription as a report; a letter transcribed in part (``corpora/letters/``)
    holds its tables and its paragraphs side by side."""
    letter = ROOT / "corpora" / "letters" / f"{stem}.truth.json"
    tables_at = letter if letter.exists() else ROOT / "corpora" / "digital" / f"{stem}.truth.json"
    prose_at = letter.with_name(f"{stem}.json") if letter.exists() else ROOT / "corpora" / "source" / f"{stem}.json"
    truth = json.loads(tables_at.read_text(encoding="utf-8"))
    source = json.loads(prose_at.read_text(encoding="utf-8"))
    tables = []
    for k, t in enumerate(truth["tables"]):
        rows = [Row(cells=[Cell(row=i, col=c["col"], text=c["text"], raw_text=c["text"],
                                bbox=tuple(c.get("bbox", (0, 0, 0, 0))), page=r.get("page", t["pages"][0]),
                                value=c.get("value"), col_span=c.get("col_span", 1), row_span=c.get("row_span", 1))
                           for c in r["cells"]]) for i, r in enumerate(t["rows"])]
        tables.append(Table(id=f"t{k + 1}", caption=t["caption"], pages=t["pages"],
                            column_paths=[split_path(c) for c in t["columns"]], rows=rows))
    prose = [TextBlock(text=b["text"], page=1, bbox=(0, 0, 0, 0)) for b in source["blocks"] if b["type"] == "para"]
    document = Document(path=f"corpora/digital/{stem}.pdf", sha256="",
                        pages=[Page(n + 1, 595, 842, "text-layer") for n in range(truth["pages"])])
    report = Report(document=document, tables=typed.type_tables(units.match_tables(tables, document)), prose=prose)
    report.claims = verify.find_claims(prose)
    return report


def key(finding: dict) -> tuple:
    """What identifies a finding across a transcription and a rendering: where and which numbers."""
    recomputed = finding.get("recomputed")
    return (finding["rule"], finding.get("table"), finding.get("row"), tuple(finding.get("columns") or ()),
            finding.get("stated"), None if recomputed is None else round(recomputed, 2))


def seed_findings(stem: str) -> list[dict]:
    report = transcribed(stem)
    out = []
    for f in verify.check(report):
        if f.verdict == "unreadable":
            continue
        written = finding_dict(f)  # rows and columns as findings.json counts them
        out.append({"seed": stem, "rule": f.rule, "verdict": f.verdict, "table": f.table, "row": written["row"],
                    "columns": written["columns"], "stated": f.stated,
                    "recomputed": None if f.recomputed is None else round(f.recomputed, 6),
                    "message_en": f.message_en})
    return out
