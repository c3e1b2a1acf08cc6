"""`findings.json`: every finding with its evidence, and how many checks each rule made on each
table (or on the prose) and how many passed (``schemas/findings.schema.json``)."""
from __future__ import annotations

import json
from pathlib import Path

from ..model import COUNT_FROM, CheckCount, Evidence, Finding, Report
from . import jsonfmt
from .atomic import write_text
from .tables_json import SCHEMA_VERSION, _bbox, _number, check_version


def finding_dict(f: Finding) -> dict:
    return {
        "rule": f.rule,
        "severity": f.severity,
        "verdict": f.verdict,
        "cause": f.cause,
        "table": f.table,
        "row": None if f.row is None else f.row + COUNT_FROM,
        "columns": [c + COUNT_FROM for c in f.columns],
        "claim": f.claim,
        "stated": _number(f.stated),
        "recomputed": _number(f.recomputed),
        "difference": _number(f.difference),
        "message_vi": f.message_vi,
        "message_en": f.message_en,
        "evidence": [{"page": e.page, "bbox": _bbox(e.bbox)} for e in f.evidence],
        "established_by": f.established_by,
        "support": f.support,
        "tried": f.tried,
    }


def check_dict(c: CheckCount) -> dict:
    return {"table": c.table, "rule": c.rule, "made": c.made, "passed": c.passed}


def findings_dict(report: Report) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "document": {"path": report.document.path, "sha256": report.document.sha256},
        "checks": [check_dict(c) for c in report.checks],
        "findings": [finding_dict(f) for f in report.findings],
    }


def write(report: Report, outdir: Path) -> Path:
    data = findings_dict(report)
    return write_text(Path(outdir) / "findings.json", jsonfmt.dumps(data) + "\n")


def read(path: Path) -> list[Finding]:
    """The findings of a findings.json, as written."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    check_version(data, path)
    return [Finding(rule=d["rule"], severity=d["severity"], verdict=d["verdict"], cause=d["cause"],
                    message_vi=d["message_vi"], message_en=d["message_en"], table=d.get("table"),
                    row=None if d.get("row") is None else d["row"] - COUNT_FROM,
                    columns=[c - COUNT_FROM for c in d.get("columns", [])], stated=d.get("stated"),
                    recomputed=d.get("recomputed"), difference=d.get("difference"),
                    evidence=[Evidence(page=e["page"], bbox=tuple(e["bbox"])) for e in d.get("evidence", [])],
                    claim=d.get("claim"), established_by=d.get("established_by"), support=d.get("support"),
                    tried=d.get("tried"))
            for d in data.get("findings", [])]


def read_checks(path: Path) -> list[CheckCount]:
    """The check counts of a findings.json (none from one written before they were recorded)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [CheckCount(rule=d["rule"], table=d.get("table"), made=d["made"], passed=d["passed"])
            for d in data.get("checks", [])]
