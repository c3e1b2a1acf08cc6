"""One report through every stage, in order. Each stage is a package with one
entry point; each gets the values of the stages before it and nothing else.

    ingest.load(path, settings)            -> Document   (pages with words + rulings;
                                                         scans read by scan.read_page)
    layout.find(document)                   -> Layout     (table regions, captions, prose, letterhead)
    units.report_province(letterhead)       -> Document.province, Document.date
    tables.read(document, layout)           -> list[RawTable]
    scan.reread_tables(raw, document)       -> list[RawTable] (scans: doubtful cells read again)
    structure.build(raw_tables)             -> list[Table]
    text.repair_tables(tables, settings)    -> list[Table] (NFC, tone style, marks, numbers parsed)
    units.province_of(tables, doc)          -> Document.province, when no letterhead names it
    units.match_tables(tables, doc, settings) -> list[Table] (Row.unit set)
    typed.type_tables(tables)               -> list[Table] (kind, column types, totals)
    verify.check(report)                    -> list[Finding], and the checks made (Tally)
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from . import ingest, layout, scan, structure, tables, text, typed, units, verify
from .errors import UsageError
from .model import Letterhead, Report
from .progress import Progress
from .settings import Settings


def _province(letterhead: Letterhead, settings: Settings) -> str | None:
    if not settings.report_province:
        return units.report_province(letterhead)
    named = units.report_province(Letterhead(province=settings.report_province))
    if named is None:
        raise UsageError(f"report_province: not the name of a province: {settings.report_province!r}")
    return named


def extract(path: str, settings: Settings | None = None, progress: Optional[Progress] = None) -> Report:
    """The report of ``path``; ``progress`` hears of each page read."""
    settings = settings or Settings()
    document = ingest.load(path, settings, progress)
    found = layout.find(document)
    # The letterhead says whose report it is and when (unless the settings say it): the units
    # stage matches against that province as it was on that date; tables.json records both.
    document = replace(document, province=_province(found.letterhead, settings),
                       date=settings.report_date or found.letterhead.date)
    raw = tables.read(document, found)
    raw = scan.reread_tables(raw, document, settings)
    logical = structure.build(raw)
    logical = text.repair_tables(logical, settings)
    if document.province is None:
        # No letterhead on these pages: the districts and communes the tables name say whose.
        document = replace(document, province=units.province_of(logical, document, settings))
    logical = units.match_tables(logical, document, settings)
    logical = typed.type_tables(logical)
    report = Report(document=document, tables=logical, prose=found.prose)
    report.claims = verify.find_claims(found.prose)
    tally = verify.Tally()
    report.findings = verify.check(report, settings, tally=tally)
    report.checks = tally.counts(report.findings, [t.id for t in report.tables])
    return report
