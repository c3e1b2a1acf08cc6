"""The born-digital corpus ground truth (see the corpus contract): tables of logical rows,
cells at their top-left column, ``value`` set exactly when the printed text is a number."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

_LETTER = re.compile(r"[^\W\d_]")


def norm(text: Optional[str]) -> str:
    """NFC with whitespace (line breaks included) collapsed to single spaces."""
    return unicodedata.normalize("NFC", " ".join((text or "").split()))


@dataclass(frozen=True)
class TruthCell:
    col: int
    text: str
    value: Optional[Union[int, float]] = None
    row_span: int = 1
    col_span: int = 1

    @property
    def is_numeric(self) -> bool:
        return self.value is not None


@dataclass
class TruthTable:
    caption: Optional[str]
    pages: list[int]
    columns: list[str]
    rows: list[list[TruthCell]]
    ruled: bool = True
    header_rows: int = 0
    _label: Optional[tuple] = field(default=None, repr=False, compare=False)

    @property
    def n_cols(self) -> int:
        widest = max((c.col + c.col_span for r in self.rows for c in r), default=0)
        return max(len(self.columns), widest)

    def label_column(self) -> Optional[int]:
        """The column naming each row's unit: the one with the most cells holding words
        (not numbers); the leftmost on a tie. None when no column holds words."""
        if self._label is None:
            self._label = (self._find_label_column(),)
        return self._label[0]

    def _find_label_column(self) -> Optional[int]:
        counts: dict[int, int] = {}
        for row in self.rows:
            for c in row:
                if c.value is None and _LETTER.search(c.text):
                    counts[c.col] = counts.get(c.col, 0) + 1
        if not counts:
            return None
        return min(counts, key=lambda j: (-counts[j], j))

    def label_of(self, row: list[TruthCell]) -> Optional[TruthCell]:
        j = self.label_column()
        return next((c for c in row if c.col == j and _LETTER.search(c.text)), None)


@dataclass
class TruthReport:
    id: str
    pdf: str
    pages: int
    captions: list[str]
    tables: list[TruthTable] = field(default_factory=list)
    path: Optional[Path] = None

    @property
    def pdf_path(self) -> Optional[Path]:
        return self.path.parent / self.pdf if self.path else None


def parse_truth(data: dict, path: Optional[Path] = None) -> TruthReport:
    tables = []
    for t in data.get("tables", []):
        rows = [
            [
                TruthCell(
                    col=int(c["col"]),
                    text=c.get("text", ""),
                    value=c.get("value"),
                    row_span=int(c.get("row_span", 1)),
                    col_span=int(c.get("col_span", 1)),
                )
                for c in r.get("cells", [])
            ]
            for r in t.get("rows", [])
        ]
        tables.append(
            TruthTable(
                caption=t.get("caption"),
                pages=[int(p) for p in t.get("pages", [])],
                columns=list(t.get("columns", [])),
                rows=rows,
                ruled=bool(t.get("ruled", True)),
                header_rows=int(t.get("header_rows", 0)),
            )
        )
    return TruthReport(
        id=str(data.get("id", "")),
        pdf=data.get("pdf", ""),
        pages=int(data.get("pages", 0)),
        captions=list(data.get("captions", [])),
        tables=tables,
        path=path,
    )


def load_truth(path: Union[str, Path]) -> TruthReport:
    path = Path(path)
    return parse_truth(json.loads(path.read_text(encoding="utf-8")), path)
