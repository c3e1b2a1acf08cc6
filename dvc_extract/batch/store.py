"""The DuckDB store a batch writes: one row per report, its tables, rows, cells,
claims and findings, and a tidy long view for analysis.

Only the batch's parent process writes (DuckDB takes one writer per file), and
each report goes in with one transaction: a kill between two reports leaves
every committed report whole and the one in flight absent, never half there.
Reports are keyed by the sha256 of the file, so a report renamed or found
twice is still one report.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Iterable, Optional

import duckdb
import pyarrow as pa

from ..errors import UsageError
from ..model import COUNT_FROM

DONE, NO_TABLES, FAILED = "done", "no-tables", "failed"

SCHEMA = """
CREATE TABLE IF NOT EXISTS store_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);
CREATE TABLE IF NOT EXISTS documents (
    sha256      VARCHAR PRIMARY KEY,
    path        VARCHAR NOT NULL,
    pages       INTEGER,
    kinds       VARCHAR[],
    issuer      VARCHAR,
    date        VARCHAR,
    period      VARCHAR,
    status      VARCHAR NOT NULL,      -- done | no-tables | failed
    error       VARCHAR,               -- one line, for a failed report
    exit_code   INTEGER NOT NULL,      -- as `dvc-extract REPORT` would exit (docs/batch.md)
    seconds     DOUBLE,
    tables      INTEGER,
    findings    INTEGER,
    out_dir     VARCHAR,
    attempts    INTEGER NOT NULL DEFAULT 1,
    finished_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS tables (
    document     VARCHAR NOT NULL,
    table_id     VARCHAR NOT NULL,
    caption      VARCHAR,
    pages        INTEGER[],
    kind         VARCHAR,
    columns      VARCHAR[],
    column_types VARCHAR[],
    n_rows       INTEGER,
    header       JSON,
    PRIMARY KEY (document, table_id)
);
CREATE TABLE IF NOT EXISTS rows (
    document   VARCHAR NOT NULL,
    table_id   VARCHAR NOT NULL,
    row        INTEGER NOT NULL,
    is_total   BOOLEAN,
    label      VARCHAR,
    unit_id    VARCHAR,
    unit_name  VARCHAR,
    unit_score DOUBLE,
    PRIMARY KEY (document, table_id, row)
);
CREATE TABLE IF NOT EXISTS cells (
    document   VARCHAR NOT NULL,
    table_id   VARCHAR NOT NULL,
    row        INTEGER NOT NULL,       -- the table's body row, from 1 (model.COUNT_FROM)
    col        INTEGER NOT NULL,
    metric     VARCHAR,                -- the column path
    text       VARCHAR,
    raw_text   VARCHAR,
    value      DOUBLE,
    page       INTEGER,
    bbox       DOUBLE[4],
    confidence DOUBLE,
    source     VARCHAR,
    row_span   INTEGER,
    col_span   INTEGER,
    unit_id    VARCHAR,
    PRIMARY KEY (document, table_id, row, col)
);
CREATE TABLE IF NOT EXISTS claims (
    document    VARCHAR NOT NULL,
    seq         INTEGER NOT NULL,
    text        VARCHAR,
    sentence    VARCHAR,
    page        INTEGER,
    bbox        DOUBLE[4],
    rate        DOUBLE,
    numerator   DOUBLE,
    denominator DOUBLE,
    PRIMARY KEY (document, seq)
);
CREATE TABLE IF NOT EXISTS findings (
    document    VARCHAR NOT NULL,
    seq         INTEGER NOT NULL,
    rule        VARCHAR,
    severity    VARCHAR,
    verdict     VARCHAR,
    cause       VARCHAR,
    table_id    VARCHAR,
    row         INTEGER,
    columns     INTEGER[],
    claim       VARCHAR,
    stated      DOUBLE,
    recomputed  DOUBLE,
    difference  DOUBLE,
    message_vi  VARCHAR,
    message_en  VARCHAR,
    evidence    JSON,
    PRIMARY KEY (document, seq)
);
-- How many checks each rule made on each table (table_id NULL: the prose) and how many passed.
CREATE TABLE IF NOT EXISTS checks (
    document VARCHAR NOT NULL,
    seq      INTEGER NOT NULL,
    table_id VARCHAR,
    rule     VARCHAR NOT NULL,
    made     INTEGER NOT NULL,
    passed   INTEGER NOT NULL,
    PRIMARY KEY (document, seq)
);
-- One line per parsed number: which report, table, unit and column it belongs to.
CREATE OR REPLACE VIEW measures AS
SELECT d.path AS report, c.document, c.table_id, t.caption, c.row, r.label, r.is_total,
       r.unit_id, r.unit_name, c.metric, c.value, c.page, c.confidence
FROM cells c
JOIN documents d ON d.sha256 = c.document
JOIN tables t ON t.document = c.document AND t.table_id = c.table_id
JOIN rows r ON r.document = c.document AND r.table_id = c.table_id AND r.row = c.row
WHERE c.value IS NOT NULL;
"""

# Children of a document, deleted before it is written again (--retry-failed).
_CHILDREN = ("cells", "rows", "tables", "claims", "findings", "checks")


class Store:
    """The batch's DuckDB file, opened for writing by one process."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.path))
        self.con.execute(SCHEMA)
        self._check_convention()

    def _check_convention(self) -> None:
        # Stores written before rows counted from 1 hold rows from 0: adding reports to one
        # would mix the two in one column.
        said = self.con.execute("SELECT value FROM store_info WHERE key = 'count_from'").fetchone()
        if said is None and self.con.execute("SELECT count(*) FROM documents").fetchone()[0]:
            self.con.close()
            raise UsageError(f"{self.path}: its rows and columns count from 0 (an earlier version "
                             f"wrote it); give the batch a new --store")
        if said is None:
            self.con.execute("INSERT INTO store_info VALUES ('count_from', ?)", [str(COUNT_FROM)])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ----------------------------------------------------------------- state

    def statuses(self) -> dict[str, str]:
        """sha256 -> status of every report recorded so far."""
        return dict(self.con.execute("SELECT sha256, status FROM documents").fetchall())

    def attempts(self, sha256: str) -> int:
        row = self.con.execute("SELECT attempts FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else 0

    # ----------------------------------------------------------------- writing

    def record(self, outcome: dict) -> None:
        """One report's outcome (see ``task.process_report``), in one transaction."""
        sha = outcome["sha256"]
        attempts = self.attempts(sha) + 1
        self.con.execute("BEGIN TRANSACTION")
        try:
            for name in _CHILDREN:
                self.con.execute(f"DELETE FROM {name} WHERE document = ?", [sha])
            self.con.execute("DELETE FROM documents WHERE sha256 = ?", [sha])
            self._insert_document(outcome, attempts)
            data = outcome.get("tables_json")
            if data is not None:
                self._insert_rows("tables", _table_records(sha, data["tables"]))
                self._insert_rows("rows", _row_records(sha, data["tables"]))
                self._insert_rows("cells", _cell_records(sha, data["tables"]))
                self._insert_rows("claims", _claim_records(sha, data.get("claims", [])))
            self._insert_rows("findings", _finding_records(sha, outcome.get("findings") or []))
            self._insert_rows("checks", _check_records(sha, outcome.get("checks") or []))
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _insert_document(self, o: dict, attempts: int) -> None:
        doc = (o.get("tables_json") or {}).get("document", {})
        self.con.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                o["sha256"], o["path"], doc.get("pages"), doc.get("kinds"),
                doc.get("issuer"), doc.get("date"), doc.get("period"),
                o["status"], o.get("error"), o["exit_code"], o.get("seconds"),
                o.get("tables"), o.get("findings_count"), o.get("out_dir"), attempts,
                dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
            ],
        )

    def _insert_rows(self, name: str, records: list[dict]) -> None:
        if not records:
            return
        # Columnar insert: one statement per table, not one per cell.
        relation = pa.Table.from_pylist(records)
        view = f"_incoming_{name}"
        self.con.register(view, relation)
        try:
            self.con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM {view}")
        finally:
            self.con.unregister(view)


# --------------------------------------------------------------------------- records
# tables.json / findings.json dicts (the export contract) flattened to store rows.

def _table_records(sha: str, tables: Iterable[dict]) -> list[dict]:
    return [
        {
            "document": sha, "table_id": t["id"], "caption": t.get("caption"),
            "pages": t.get("pages"), "kind": t.get("kind"), "columns": t.get("columns"),
            "column_types": t.get("column_types"), "n_rows": len(t.get("rows", [])),
            "header": json.dumps(t.get("header", []), ensure_ascii=False),
        }
        for t in tables
    ]


def _row_records(sha: str, tables: Iterable[dict]) -> list[dict]:
    out = []
    for t in tables:
        for i, r in enumerate(t.get("rows", []), start=COUNT_FROM):
            unit = r.get("unit") or {}
            out.append({
                "document": sha, "table_id": t["id"], "row": i, "is_total": r.get("is_total"),
                "label": r.get("label"), "unit_id": unit.get("id"), "unit_name": unit.get("name"),
                "unit_score": _float(unit.get("score")),
            })
    return out


def _cell_records(sha: str, tables: Iterable[dict]) -> list[dict]:
    out = []
    for t in tables:
        columns = t.get("columns") or []
        for i, r in enumerate(t.get("rows", []), start=COUNT_FROM):
            unit_id = (r.get("unit") or {}).get("id")
            for c in r.get("cells", []):
                col = c["col"]
                out.append({
                    "document": sha, "table_id": t["id"], "row": i, "col": col,
                    "metric": columns[col - COUNT_FROM] if 0 <= col - COUNT_FROM < len(columns) else None,
                    "text": c.get("text"), "raw_text": c.get("raw_text"),
                    "value": _float(c.get("value")), "page": c.get("page"),
                    "bbox": _bbox(c.get("bbox")), "confidence": _float(c.get("confidence")),
                    "source": c.get("source"), "row_span": c.get("row_span"),
                    "col_span": c.get("col_span"), "unit_id": unit_id,
                })
    return out


def _claim_records(sha: str, claims: Iterable[dict]) -> list[dict]:
    return [
        {
            "document": sha, "seq": i, "text": c.get("text"), "sentence": c.get("sentence"),
            "page": c.get("page"), "bbox": _bbox(c.get("bbox")), "rate": _float(c.get("rate")),
            "numerator": _float(c.get("numerator")), "denominator": _float(c.get("denominator")),
        }
        for i, c in enumerate(claims)
    ]


def _finding_records(sha: str, findings: Iterable[dict]) -> list[dict]:
    return [
        {
            "document": sha, "seq": i, "rule": f.get("rule"), "severity": f.get("severity"),
            "verdict": f.get("verdict"), "cause": f.get("cause"), "table_id": f.get("table"),
            "row": f.get("row"), "columns": list(f.get("columns") or []), "claim": f.get("claim"),
            "stated": _float(f.get("stated")), "recomputed": _float(f.get("recomputed")),
            "difference": _float(f.get("difference")), "message_vi": f.get("message_vi"),
            "message_en": f.get("message_en"),
            "evidence": json.dumps(f.get("evidence", []), ensure_ascii=False),
        }
        for i, f in enumerate(findings)
    ]


def _check_records(sha: str, checks: Iterable[dict]) -> list[dict]:
    return [{"document": sha, "seq": i, "table_id": c.get("table"), "rule": c["rule"], "made": c["made"],
             "passed": c["passed"]}
            for i, c in enumerate(checks)]


def _float(x) -> Optional[float]:
    # JSON numbers come back as int or float; one column type keeps Arrow from guessing.
    return None if x is None else float(x)


def _bbox(b) -> Optional[list[float]]:
    return None if b is None else [float(v) for v in b]
