"""Load a hand transcription (corpora/source/<id>.json) into checked table grids.

A source is {"id", "blocks": [...]}; a block is one of
  {"type": "para", "style": "body|heading|title|center|right|note", "text"}
  {"type": "page_break", "orientation"?: "portrait|landscape"}
  {"type": "table", ...}   (see TableSource)
A grid row lists one entry per column: a string, a cell object
{"text", "row_span"?, "col_span"?} or null where a span above/left covers it.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .values import TYPES


def clean(text: str) -> str:
    """NFC and one space between words: the form every truth text takes."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass
class Cell:
    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    kind: str | None = None   # value type override for this cell


@dataclass
class TableSource:
    key: str
    caption: list[str]          # caption lines, label line first; [] when none
    ruled: bool
    types: list[str]            # value type hint per column
    widths: list[float]         # relative column widths
    header_rows: int
    header: list[Cell]
    body: list[list[Cell]]      # anchors only, per body row
    breaks: list[dict]          # {"before": body row index, "repeat_header": bool}
    font_size: float = 12.0
    split_columns: list[list[int]] = field(default_factory=list)  # side-by-side parts

    @property
    def ncols(self) -> int:
        return len(self.types)

    def pieces(self) -> list[tuple[int, int, bool]]:
        """(first row, end row, header drawn) of each page-piece of the body."""
        starts = [0] + [b["before"] for b in self.breaks] + [len(self.body)]
        repeat = [True] + [bool(b["repeat_header"]) for b in self.breaks]
        return [(starts[i], starts[i + 1], repeat[i]) for i in range(len(starts) - 1)]


def _parse_grid(rows: list, ncols: int, where: str, row_offset: int = 0):
    """Anchor cells of a grid, checking that spans and nulls agree."""
    covered: set[tuple[int, int]] = set()
    out: list[list[Cell]] = []
    for r, raw in enumerate(rows):
        entries = raw["cells"] if isinstance(raw, dict) else raw
        row_kind = raw.get("type") if isinstance(raw, dict) else None
        if len(entries) != ncols:
            raise ValueError(f"{where} row {r}: {len(entries)} entries, expected {ncols}")
        anchors = []
        for c, e in enumerate(entries):
            if e is None:
                if (r, c) not in covered:
                    raise ValueError(f"{where} row {r} col {c}: null not covered by a span")
                continue
            if (r, c) in covered:
                raise ValueError(f"{where} row {r} col {c}: entry under a span must be null")
            if isinstance(e, str):
                e = {"text": e}
            cell = Cell(r + row_offset, c, clean(e["text"]), e.get("row_span", 1),
                        e.get("col_span", 1), e.get("type", row_kind))
            for dr in range(cell.row_span):
                for dc in range(cell.col_span):
                    if dr or dc:
                        covered.add((r + dr, c + dc))
            anchors.append(cell)
        out.append(anchors)
    leftover = {rc for rc in covered if rc[0] >= len(rows)}
    if leftover:
        raise ValueError(f"{where}: spans run past the last row")
    return out


def parse_table(block: dict) -> TableSource:
    types = block["types"]
    bad = [t for t in types if t not in TYPES]
    if bad:
        raise ValueError(f"table {block['key']}: unknown types {bad}")
    ncols = len(types)
    header_grid = _parse_grid(block["header"], ncols, f"table {block['key']} header")
    body = _parse_grid(block["rows"], ncols, f"table {block['key']} body")
    widths = block.get("widths") or [1.0] * ncols
    if len(widths) != ncols:
        raise ValueError(f"table {block['key']}: {len(widths)} widths for {ncols} columns")
    for b in block.get("breaks", []):
        r = b["before"]
        if not 0 < r < len(body):
            raise ValueError(f"table {block['key']}: break before row {r} out of range")
        if any(c.row < r < c.row + c.row_span for row in body for c in row):
            raise ValueError(f"table {block['key']}: break before row {r} cuts a row span")
    caption = block.get("caption") or []
    if isinstance(caption, str):
        caption = [caption]
    return TableSource(
        key=block["key"], caption=[clean(c) for c in caption], ruled=block.get("ruled", True),
        types=types, widths=widths, header_rows=len(block["header"]),
        header=[c for row in header_grid for c in row], body=body,
        breaks=block.get("breaks", []), font_size=block.get("font_size", 12.0),
        split_columns=block.get("split_columns", []))


def load(path: Path) -> dict:
    """The source with its table blocks parsed into TableSource values."""
    src = json.loads(Path(path).read_text(encoding="utf-8"))
    blocks = []
    for b in src["blocks"]:
        if b["type"] == "table":
            blocks.append({"type": "table", "table": parse_table(b)})
        elif b["type"] == "para":
            blocks.append({**b, "text": clean(b["text"])})
        elif b["type"] == "page_break":
            blocks.append(b)
        else:
            raise ValueError(f"unknown block type {b['type']!r}")
    return {"id": src["id"], "blocks": blocks}
