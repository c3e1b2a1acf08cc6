"""Settings a user can change, in one place, each with why it has its default."""
from __future__ import annotations

import re
from dataclasses import dataclass

TONE_STYLES = ("old", "new")
# Which pages are read from their text layer and which from their image (OCR):
# "auto": the text layer where it is readable Vietnamese, OCR where it is missing or garbled;
# "ocr": every page from its image (a text layer made by another OCR that is poor but not garbled);
# "trust": the text layer wherever a page has one, even one that looks garbled (only pages
# with no text are OCR'd), as OCRmyPDF's --skip-text.
TEXT_LAYERS = ("auto", "ocr", "trust")
# How the CSV files (csv/, measures.csv) are written: "excel" (',' between fields, decimal
# point: Excel and LibreOffice in an English locale, pandas, DuckDB) or "excel-vn" (';' between
# fields, decimal comma: what Excel and LibreOffice set to Vietnamese read on opening).
CSV_DIALECTS = ("excel", "excel-vn")

# The values each setting may take (inclusive), checked when the settings are made: a
# value out of range is a usage error at start-up, before any page is read (an OCR
# resolution of 5000 dpi would take tens of gigabytes, a confidence of 5 flag nothing).
RANGES = {
    "min_text_words": (0, 10_000),
    "ocr_dpi": (100, 600),
    "ocr_psm": (3, 13),
    "scan_assumed_dpi": (50, 1200),
    "min_cell_confidence": (0.0, 1.0),
    "unit_min_score": (0.0, 100.0),
    "unit_min_margin": (0.0, 100.0),
    "unit_lead_score": (0.0, 100.0),
    "unit_lead_margin": (0.0, 100.0),
    "jobs": (1, 64),
}


_PAGE_RANGE = re.compile(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?")


def page_numbers(spec: str) -> list[int]:
    """ "1-5,9" -> [1, 2, 3, 4, 5, 9]: page numbers counted from 1, in order, once each."""
    out: set[int] = set()
    for part in spec.split(","):
        m = _PAGE_RANGE.fullmatch(part)
        first, last = (int(m.group(1)), int(m.group(2) or m.group(1))) if m else (0, 0)
        if not m or first < 1 or last < first:
            raise ValueError(f"pages are numbers and ranges from 1, like 1-5,9; not {spec!r}")
        out.update(range(first, last + 1))
    return sorted(out)


@dataclass
class Settings:
    # Pages with fewer words than this in their text layer are treated as scans.
    min_text_words: int = 10
    # OCR: resolution scanned pages are resampled to before Tesseract reads
    # them. Measured on the scanned corpus (scripts/bench_scanned): 250 reads
    # more numeric cells right than 200, 300 or 350, whatever the scan's dpi.
    ocr_dpi: int = 250
    ocr_lang: str = "vie"
    # A second reader of row numbers ("3.1.2."), whose dots the Vietnamese model drops in
    # small bold or italic print ("371."): Tesseract's English model, figures and dots only.
    row_number_lang: str = "eng"
    # Tesseract page segmentation for the one pass over a scanned page.
    ocr_psm: int = 4
    # Resolution assumed for an image that states none and is not A4-shaped.
    scan_assumed_dpi: int = 300
    # A cell whose OCR confidence is below this is never a clean value:
    # it keeps its confidence and gets an `unreadable` finding.
    min_cell_confidence: float = 0.80
    # Unit matching: minimum score (0-100) and margin over the runner-up.
    unit_min_score: float = 88.0
    unit_min_margin: float = 4.0
    # ...or a lower score with a wide lead: a short name ("Lắk", "Buôn Hồ") loses
    # 15-20 points to one OCR slip, yet stays far closer to its unit than to any
    # other unit, unit elsewhere or non-unit label, all of which compete.
    unit_lead_score: float = 75.0
    unit_lead_margin: float = 12.0
    # Relations found in a table's numbers (verify/discover.py): a candidate is a relation when
    # it holds on at least this many rows (or cells) and on this share of those where it could be
    # tried. One row is no relation; with 3 of 3 or 8 of 10, a coincidence of small counts is
    # already rare, and a column's sum is tried over at most relation_max_parts columns.
    relation_min_support: int = 3
    relation_min_share: float = 0.8
    relation_max_parts: int = 4
    # Vietnamese tone placement: "old" (kiểu cũ: hòa, thúy — what the reports
    # mostly print) or "new" (kiểu mới: hoà, thuý).
    tone_style: str = "old"
    # Pages to read, as printed page numbers ("1-5,9"); empty: all.
    pages: str = ""
    # Scanned pages of one report read at once, each in its own process (--jobs): on N cores
    # up to N times faster, with N pages' images in memory instead of one.
    jobs: int = 1
    # Which text layer to trust: one of TEXT_LAYERS (above).
    text_layer: str = "auto"
    # The CSV files' dialect: one of CSV_DIALECTS (above).
    csv_dialect: str = "excel"
    # The password of an encrypted PDF; used to open it, never written to any output.
    password: str = ""
    # The report's province ("Lâm Đồng") and date (YYYY, YYYY-MM or YYYY-MM-DD), for pages that
    # do not print their letterhead (an annex, a page cut out); units are matched against
    # that province as it was then. Stated here, they win over what the letterhead says;
    # empty: read from the letterhead, and a report naming no province is matched against
    # the whole country (where a name every province has, "Sở Nội vụ", matches none).
    report_province: str = ""
    report_date: str = ""

    def __post_init__(self) -> None:
        for name, (lo, hi) in RANGES.items():
            if not lo <= getattr(self, name) <= hi:
                raise ValueError(f"{name} is between {lo} and {hi}, not {getattr(self, name)}")
        if self.pages:
            page_numbers(self.pages)  # raises ValueError on "1-x", "0", "5-2"
        if self.text_layer not in TEXT_LAYERS:
            raise ValueError(f"text_layer is one of {', '.join(TEXT_LAYERS)}, not {self.text_layer!r}")
        if self.csv_dialect not in CSV_DIALECTS:
            raise ValueError(f"csv_dialect is one of {', '.join(CSV_DIALECTS)}, not {self.csv_dialect!r}")
        if self.tone_style not in TONE_STYLES:
            raise ValueError(f"tone_style is one of {', '.join(TONE_STYLES)}, not {self.tone_style!r}")
        if self.report_date and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", self.report_date):
            raise ValueError(f"report_date is YYYY, YYYY-MM or YYYY-MM-DD, not {self.report_date!r}")
