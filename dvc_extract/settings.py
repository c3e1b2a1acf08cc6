"""Settings a user can change, in one place, each with why it has its default."""
from __future__ import annotations

from dataclasses import dataclass

TONE_STYLES = ("old", "new")


@dataclass
class Settings:
    # Pages with fewer words than this in their text layer are treated as scans.
    min_text_words: int = 10
    # OCR: resolution scanned pages are resampled to before Tesseract reads
    # them. Measured on the scanned corpus (scripts/bench_scanned): 250 reads
    # more numeric cells right than 200, 300 or 350, whatever the scan's dpi.
    ocr_dpi: int = 250
    ocr_lang: str = "vie"
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

    def __post_init__(self) -> None:
        if self.tone_style not in TONE_STYLES:
            raise ValueError(f"tone_style is one of {', '.join(TONE_STYLES)}, not {self.tone_style!r}")
