"""A list of units said to have, or not to have, something, against the table that counts it.

    "- Có 14 đơn vị không có hồ sơ trễ hạn: Sở Công Thương, …, UBND Thị xã Buôn Hồ"
        against "PHỤ LỤC I Thống kê số hồ sơ trễ hạn các đơn vị": the units whose row is 0 in
        every count column are the units listed, no more and no fewer;
    "- Có 19 đơn vị có số hồ sơ nộp trực tuyến quá 8 tiếng chưa tiếp nhận: …"
        against the table of those files: the units whose row prints a figure above 0.

The list (lists.py: its count, what it is said of, its items) is paired with a table only where
nothing else can be meant, since a wrong pairing would be a false alarm:

- the condition: what the units are said of opens with "không có"/"chưa có" (every figure 0) or
  "có" (a figure above 0); any other statement ("đạt 100%", "giảm") is not read;
- the table: it counts one thing, all its count columns under one header (the dates of
  "SỐ HỒ SƠ TRỄ HẠN XỬ LÝ"), and every word of what the list counts ("hồ sơ trễ hạn"), periods
  and filler aside, is a word of its caption and header; exactly one table is such, and the
  periods the sentence and the table name agree (quotes.py);
- the units: the list counts units in general ("đơn vị", "cơ quan"), not one level of them,
  which would leave the table's other rows out of its scope; every item names one row of the
  table and no two rows one unit (names compared as the unit matcher normalises them, so
  "M’Đrăk" is "M Đrăk"), and every cell the condition reads prints a number or a dash.

A table read by OCR is left out: a misread digit is no inconsistency of the report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..labels import row_label
from ..model import Cell, ColumnType, Report, Table, join_path
from ..units.normalize import normalize
from .lists import Listing, find_listings
from .quotes import period_of, quantity_words, same_period

# What a list's units are said of: the condition, then what is counted.
_CONDITION = re.compile(r"^\s*(?P<none>(?:không|chưa)\s+có|có)\s+(?P<what>.+)$", re.IGNORECASE)
# Nouns that count units in general; a level ("sở", "huyện") counts some of a table's rows only.
_GENERAL = re.compile(r"đơn\s+vị|cơ\s+quan|cơ\s+quan,\s*đơn\s+vị|địa\s+phương", re.IGNORECASE)
# One spelling for a quantity the two sides word differently.
_SYNONYMS = [(re.compile(r"\bonline\b", re.IGNORECASE), "trực tuyến"),
             (re.compile(r"\bgiờ\b", re.IGNORECASE), "tiếng")]
# A cell that prints no figure and means none.
_DASH = re.compile(r"^\s*[-–—]?\s*$")


@dataclass(frozen=True)
class Member:
    """A unit whose place in the list disagrees with its row in the table."""
    unit: str                 # its name as the table prints it
    row: int
    listed: bool              # named in the list (and its row says otherwise)
    columns: list[int]        # the cells that decide: the figures above 0, or every cell read
    total: float              # the row's figures over the columns read


@dataclass(frozen=True)
class ListTable:
    """A list paired with the table it summarises, and the units on which they disagree."""
    listing: Listing
    none: bool                # "không có": every figure 0; else some figure above 0
    what: str                 # what is counted, as printed
    table: Table
    columns: list[int]
    disagree: list[Member]


def _spelled(text: str) -> str:
    for pattern, spelling in _SYNONYMS:
        text = pattern.sub(spelling, text)
    return text


def _columns(table: Table, said: frozenset[str], period) -> list[int]:
    """The count columns the condition reads: every count column of the table, all under one
    header ("SỐ HỒ SƠ TRỄ HẠN XỬ LÝ / 02/3", "… / 18/3", …), naming what is counted; none when
    the table counts other things too (a "Tổng" column, "Trễ hạn" beside "Đúng hạn"), whose
    columns a list's words cannot tell apart with certainty."""
    counts = [j for j, t in enumerate(table.column_types)
              if t == ColumnType.COUNT and j < len(table.column_paths)
              and not (j < len(table.column_units) and table.column_units[j] is not None)]
    headers = {quantity_words(join_path(table.column_paths[j]), False) for j in counts}
    if len(headers) != 1:
        return []
    for j in counts:
        scope = " ".join([table.caption or "", join_path(table.column_paths[j])])
        if not said <= quantity_words(_spelled(scope), False) or not same_period(period, period_of(scope)):
            return []
    return counts


def _figure(table: Table, row: int, col: int) -> Optional[tuple[float, Cell]]:
    """A cell's figure (a dash or an empty cell is 0); None when it prints something else, was read
    by OCR, or is not in the grid."""
    cell = next((c for c in table.rows[row].cells if c.col == col), None)
    if cell is None or cell.source != "text-layer":
        return None
    if cell.value is not None:
        return cell.value, cell
    return (0.0, cell) if _DASH.match(cell.text) else None


def _rows(table: Table) -> Optional[dict[tuple, tuple[int, str]]]:
    """Each unit row by its normalised name; None when two rows name one unit."""
    out: dict[tuple, tuple[int, str]] = {}
    for i, row in enumerate(table.rows):
        if row.is_total:
            continue
        label = row_label(table, row)
        if not label:
            return None  # a row we cannot name: is it a unit the list leaves out?
        name = normalize(label)
        key = (name.cue, name.key)
        if not name.key or key in out:
            return None
        out[key] = (i, label)
    return out


def _pair(report: Report, listing: Listing) -> Optional[ListTable]:
    if not _GENERAL.fullmatch(listing.noun):
        return None
    m = _CONDITION.match(listing.said)
    if m is None:
        return None
    what = m["what"].strip(" ,")
    said = quantity_words(_spelled(what), False)
    if not said:
        return None
    period = period_of(listing.said)
    found = [(t, cols) for t in report.tables if (cols := _columns(t, said, period))]
    if len(found) != 1:
        return None  # no table counts it, or two do: which one does the list summarise?
    table, columns = found[0]
    rows = _rows(table)
    if rows is None:
        return None
    listed = set()
    for item in listing.items:
        name = normalize(item)
        key = (name.cue, name.key)
        if key not in rows or key in listed:
            return None  # a unit the table lacks, or named twice: another list, or another name
        listed.add(key)
    none = m["none"].lower() != "có"
    disagree = []
    for key, (i, label) in rows.items():
        figures = [(j, _figure(table, i, j)) for j in columns]
        if any(f is None for _, f in figures):
            return None
        above = [j for j, (value, _) in figures if value > 0]
        meets = not above if none else bool(above)
        if meets == (key in listed):
            continue
        deciding = above if above else columns
        disagree.append(Member(label, i, key in listed, deciding, sum(v for _, (v, _) in figures)))
    return ListTable(listing, none, what, table, columns, disagree)


def find_list_tables(report: Report) -> list[ListTable]:
    """Every list of units paired with certainty with the table it summarises."""
    if not report.tables:
        return []
    out = []
    for listing in find_listings(report.prose, report.document.ocr_pages):
        paired = _pair(report, listing)
        if paired is not None:
            out.append(paired)
    return out
