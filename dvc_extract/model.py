"""The data model: every value one stage hands to the next.

Coordinates are PDF points with the origin at the top-left of the page
(pdfplumber's convention): ``bbox = (x0, top, x1, bottom)``. Page numbers
start at 1. Scanned pages use the same space: OCR boxes are scaled from pixels
to points by the stage that reads them, so every later stage is source-blind.

Stages build new values rather than reaching back into earlier ones; a value
is enriched with :func:`dataclasses.replace` where a stage adds to it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal, Optional

if TYPE_CHECKING:
    import numpy as np

BBox = tuple[float, float, float, float]
# A column's header levels, top to bottom ("Tiếp nhận", "Trực tuyến", "Một phần").
ColumnPath = tuple[str, ...]
PATH_SEPARATOR = " / "
# Where a page's words come from: its text layer, OCR of a scan, or OCR of a
# text layer too garbled to use (tables.json calls these the pages' "kinds").
PageSource = Literal["text-layer", "scanned", "garbled-text"]
Source = Literal["text-layer", "ocr"]


@dataclass(frozen=True, slots=True)
class Word:
    """A word as read from the text layer or from OCR. Slotted: a long report holds a few
    hundred thousand of them."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    page: int
    fontname: str = ""
    size: float = 0.0
    source: Source = "text-layer"
    confidence: float = 1.0

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True, slots=True)
class Ruling:
    """A drawn line (table border) in page space; ``orientation`` is 'h' or 'v'."""

    x0: float
    top: float
    x1: float
    bottom: float
    orientation: Literal["h", "v"]


@dataclass(frozen=True, eq=False)
class PageImage:
    """A page's pixels, levelled into the page's own space: a box in PDF points
    times ``scale`` is the same box in ``pixels``."""

    pixels: np.ndarray = field(repr=False)
    scale: float  # pixels per PDF point

    def release(self) -> None:
        """Give back the memory of the pixels read so far when they are mapped from disk
        (scan.page.on_disk): read pages would otherwise count as the process's own until
        the end, a 300-page scan's gigabytes. A later read maps them in again."""
        mapped = getattr(self.pixels, "_mmap", None)
        if mapped is not None:
            import mmap

            mapped.madvise(mmap.MADV_DONTNEED)


@dataclass
class Page:
    number: int
    width: float
    height: float
    source: PageSource
    words: list[Word] = field(default_factory=list)
    rulings: list[Ruling] = field(default_factory=list)
    # Rotation (degrees) removed before reading, for scans; 0 for text layers.
    deskew: float = 0.0
    # Scans only (not serialised): the grey page as OCR read it, rulings erased, so
    # a cell can be read again; and the page as scanned (colour and stamps kept),
    # levelled the same way, so evidence is shown where the boxes say it is.
    ocr_image: Optional[PageImage] = field(default=None, repr=False, compare=False)
    evidence_image: Optional[PageImage] = field(default=None, repr=False, compare=False)


@dataclass
class Document:
    path: str
    sha256: str
    pages: list[Page]
    issuer: Optional[str] = None
    # The issuing province as the registry names it ("Lâm Đồng") and the report's date
    # (ISO: "2024-11-28"; "2025-11" when the day is left blank), from the letterhead.
    province: Optional[str] = None
    date: Optional[str] = None
    period: Optional[str] = None
    # The encrypted PDF's password (Settings.password), for the stages that open the file
    # again (audit.html renders pages); no output writes it.
    password: str = field(default="", repr=False)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def ocr_pages(self) -> frozenset[int]:
        """The numbers of the pages read by OCR (scans, and text layers too garbled to use)."""
        return frozenset(p.number for p in self.pages if p.source != "text-layer")


# Rows and columns count from 1 in every output (tables.json, findings.json, measures.csv,
# tidy(), the batch store, tables.xlsx, audit.html, messages): row 1 is a table's first body
# row, column 1 its first column, header row 1 its top header line. In the model they are
# Python indexes, from 0; exports add COUNT_FROM and readers take it off.
COUNT_FROM = 1


@dataclass(slots=True)
class Cell:
    """One cell of a table grid. ``row``/``col`` index the grid of its table."""

    row: int
    col: int
    text: str
    raw_text: str
    bbox: BBox
    page: int
    row_span: int = 1
    col_span: int = 1
    source: Source = "text-layer"
    confidence: float = 1.0
    # Parsed number (None for text or a missing value); set by the text stage.
    value: Optional[float] = None


@dataclass(frozen=True)
class PageBox:
    """A box on one page: where a table is printed there."""

    page: int
    bbox: BBox


@dataclass
class Caption:
    text: str
    page: int
    bbox: BBox


@dataclass
class TextBlock:
    """A paragraph of prose, kept for claims and for report metadata."""

    text: str
    page: int
    bbox: BBox


@dataclass
class Region:
    """Where the layout stage found a table on one page."""

    page: int
    bbox: BBox
    ruled: bool
    caption: Optional[Caption] = None


@dataclass
class Layout:
    regions: list[Region]
    captions: list[Caption]
    prose: list[TextBlock]
    letterhead: Letterhead = field(default_factory=lambda: Letterhead())


@dataclass(frozen=True)
class Letterhead:
    """What the first page's heading says of the report, as printed: the province of the
    issuing authority ("LÂM ĐỒNG" of "UBND TỈNH LÂM ĐỒNG"), the place and the date of the
    place-and-date line ("Lâm Đồng, ngày … tháng 11 năm 2025" -> "Lâm Đồng", "2025-11")."""

    province: Optional[str] = None
    place: Optional[str] = None
    date: Optional[str] = None


@dataclass
class RawTable:
    """A cell grid found on one page, before any logical structuring."""

    page: int
    bbox: BBox
    cells: list[Cell]
    n_rows: int
    n_cols: int
    ruled: bool
    caption: Optional[Caption] = None
    # Rows of a header drawn over a body read line by line (a grid ruled down its columns
    # only): the header as drawn, not judged from the lines. None: judged.
    header_rows: Optional[int] = None
    # Rows of such a body that a drawn rule parts from the row above: no row runs across.
    breaks: tuple[int, ...] = ()

    def rows(self) -> list[list[Cell]]:
        """The cells of each row, left to right."""
        rows: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            if 0 <= c.row < self.n_rows:
                rows[c.row].append(c)
        return [sorted(r, key=lambda c: c.col) for r in rows]

    def grid(self) -> list[list[Optional[Cell]]]:
        """Rows × cols; a spanning cell sits at its top-left slot only."""
        out: list[list[Optional[Cell]]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row][c.col] = c
        return out


@dataclass(slots=True)
class UnitMatch:
    id: str
    name: str
    score: float


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    is_total: bool = False
    unit: Optional[UnitMatch] = None


def join_path(path: ColumnPath) -> str:
    """A column path as printed in the outputs: "Tiếp nhận / Trực tuyến / Một phần"."""
    return PATH_SEPARATOR.join(path)


def split_path(text: str) -> ColumnPath:
    """A printed path back into its levels; "" is the path of no level."""
    return tuple(text.split(PATH_SEPARATOR)) if text else ()


class ColumnType(StrEnum):
    """What a column holds. The values are the words tables.json prints."""

    NUMBERING = "numbering"  # the row numbering (STT)
    LABEL = "label"          # what names the row: a unit, an indicator
    COUNT = "count"          # whole numbers
    RATE = "rate"            # percentages, printed with or without "%"
    SCORE = "score"          # points ("Điểm")
    VALUE = "value"          # numbers of several types, row by row (an indicator's values)
    TEXT = "text"            # free text, or a mix the cells must each settle


@dataclass
class Table:
    """A logical table: header flattened, wrapped rows joined, pages stitched."""

    id: str
    caption: Optional[str]
    pages: list[int]
    column_paths: list[ColumnPath]
    rows: list[Row]
    header: list[Cell] = field(default_factory=list)
    # The table's kind: an id of schemas/kinds.json, or 'inferred'.
    kind: str = "inferred"
    # Per column, set once by the schema stage: its type and its canonical name.
    column_types: list[ColumnType] = field(default_factory=list)
    column_names: list[str] = field(default_factory=list)
    # Per column: the unit its header group names ("Tỉnh Đắk Lắk / Tổng số"), set by
    # the units stage; an indicator table's units are its column groups, not its rows.
    column_units: list[Optional[UnitMatch]] = field(default_factory=list)
    # Where the table is printed, one box per page, header included (a header
    # repeated on a continuation page too, though its cells are dropped).
    regions: list[PageBox] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        """The column paths as printed: tables.json, CSV and sheet headers, messages."""
        return [join_path(p) for p in self.column_paths]

    def to_dataframe(self):
        """Values where parsed, text otherwise; one column per column path, indexed by ``row``
        (from 1, as in every output), row numbers as whole numbers, and ``is_total`` (True on total rows: summing a column over the
        rows where it is False does not count them twice)."""
        import pandas as pd

        columns = self.columns
        records = []
        for row in self.rows:
            rec: dict = {c: None for c in columns}
            for cell in row.cells:
                if 0 <= cell.col < len(columns):
                    rec[columns[cell.col]] = cell.value if cell.value is not None else cell.text
            rec["is_total"] = row.is_total
            records.append(rec)
        df = pd.DataFrame.from_records(records, columns=columns + ["is_total"],
                                       index=pd.RangeIndex(COUNT_FROM, COUNT_FROM + len(records), name="row"))
        for j, kind in enumerate(self.column_types[:len(columns)]):
            values = df[columns[j]]
            whole = [v for v in values if v is not None and v == v]  # NaN is no row number
            if kind == ColumnType.NUMBERING and all(isinstance(v, (int, float)) and float(v).is_integer()
                                                    for v in whole):
                df[columns[j]] = values.astype("Int64")
        return df


@dataclass
class Claim:
    """A numeric statement in prose, e.g. 'đạt tỷ lệ 63.02% (213/338)'."""

    text: str
    sentence: str
    page: int
    bbox: BBox
    rate: Optional[float] = None
    numerator: Optional[float] = None
    denominator: Optional[float] = None
    # The rate as printed ("63.02"): its decimals set the rounding tolerance.
    rate_text: str = ""


@dataclass(slots=True)
class Evidence:
    page: int
    bbox: BBox


@dataclass
class Finding:
    rule: str
    severity: Literal["error", "warning", "info"]
    verdict: Literal["inconsistent", "rounding", "unreadable"]
    cause: Literal["source", "ocr"]
    message_vi: str
    message_en: str
    table: Optional[str] = None
    row: Optional[int] = None
    columns: list[int] = field(default_factory=list)
    stated: Optional[float] = None
    recomputed: Optional[float] = None
    difference: Optional[float] = None
    evidence: list[Evidence] = field(default_factory=list)
    # For a finding on prose: the claim's text as printed ("63.02% (213/338)").
    claim: Optional[str] = None
    # How the relation a finding breaks was established: "kind <id>" (declared), "total row
    # label", "discovered column sum", …; for a discovered one, on how many rows (or cells) it
    # holds and on how many it could be tried.
    established_by: Optional[str] = None
    support: Optional[int] = None
    tried: Optional[int] = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class CheckCount:
    """How many checks one rule made on one table (``table`` None: on the prose), and how many
    of them passed: made minus those with a finding. A report whose findings are none and whose
    checks are none was not found clean; nothing in it could be checked."""

    rule: str
    table: Optional[str]
    made: int
    passed: int


@dataclass
class Report:
    """What :func:`dvc_extract.extract` returns."""

    document: Document
    tables: list[Table]
    prose: list[TextBlock] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # The checks the findings come from, per table (then prose) and rule.
    checks: list[CheckCount] = field(default_factory=list)
