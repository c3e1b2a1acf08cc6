"""Units stage: row labels matched to the canonical unit registry, at the report's
province and date.

    report_province(letterhead) -> str | None   the issuing province, as the registry names it
    province_of(tables, document) -> str | None  the province the tables' districts and
                                                 communes belong to (no letterhead)
    match_tables(tables, document) -> tables     Row.unit and Table.column_units set where
                                                 a match passes
    match_name(name, date=None, province=None) -> [Candidate] best first (see match.py)
    review(tables, document) -> [dict]          rows whose label found no unit

The column matched is the label column (:func:`dvc_extract.labels.label_column`),
unless another column of text names more units ("Đơn vị góp ý" beside the comment
a row holds). Rows of a column headed "(trước sắp xếp)" or labelled "(cũ)" are
units as they were before 1/7/2025.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ..labels import is_label_text, label_column
from ..model import ColumnPath, Document, Letterhead, Row, Table, UnitMatch, join_path
from ..settings import Settings
from .match import Candidate, best_match, best_matches, find_province, match_name, match_names
from .normalize import normalize
from .registry import date_window, get, short_name

__all__ = ["match_tables", "match_name", "match_names", "best_match", "review", "column_group", "Candidate",
           "report_province", "province_of"]

# Units named as they were before the 2025 arrangement.
FORMER = re.compile(r"\(\s*cũ\s*\)|trước\s+(?:sắp\s+xếp|sáp\s+nhập)", re.IGNORECASE)
# A column other than the label column is matched only if it names at least this many units,
# and units in at least half its rows of text.
MIN_UNIT_COLUMN_MATCHES = 2


def report_province(letterhead: Letterhead) -> Optional[str]:
    """The province of the issuing authority ("UBND TỈNH LÂM ĐỒNG"), else of the place
    of the date line ("Đắk Lắk, ngày …"), as the registry names it; None if neither
    names one."""
    for text in (letterhead.province, letterhead.place):
        words = (text or "").split()
        for k in range(len(words)):  # "Số: /BC-SNV Lâm Đồng": the place is at the end
            found = find_province(" ".join(words[k:]))
            if found is not None:
                return short_name(found)
    return None


def _context(document: Optional[Document]) -> tuple[Optional[str], Optional[str]]:
    if document is None:
        return None, None
    when = document.date or None
    if when is not None:
        try:
            date_window(when)
        except ValueError:
            when = None  # a date we cannot read restricts nothing
    return document.province or None, when


def row_label(row: Row, col: Optional[int], raw: bool = False) -> str:
    if col is None:
        return ""
    return " ".join((c.raw_text if raw else c.text) or "" for c in row.cells if c.col == col).strip()


def _match_column(table: Table, col: int, province, when, settings) -> list[Optional[Candidate]]:
    """Each row's cell in ``col`` as repaired by the text stage, checked against the cell
    as read: a repair can only add a match, never turn one unit into another (if the two
    disagree: no match)."""
    former_column = bool(col < len(table.column_paths) and FORMER.search(join_path(table.column_paths[col])))
    texts = [(row_label(row, col), row_label(row, col, raw=True)) for row in table.rows]
    out: list[Optional[Candidate]] = [None] * len(texts)
    for former in (False, True):
        picked = [i for i, (label, _) in enumerate(texts) if (former_column or bool(FORMER.search(label))) == former]
        repaired = [texts[i][0] if is_label_text(texts[i][0]) else "" for i in picked]
        read = [texts[i][1] if texts[i][1] != texts[i][0] and is_label_text(texts[i][1]) else "" for i in picked]
        found = best_matches(repaired + read, when, province, settings, former=former) if picked else []
        for n, i in enumerate(picked):
            fixed = found[n] if repaired[n] else None
            as_read = found[len(picked) + n] if read[n] else None
            if fixed is None:
                out[i] = as_read
            elif as_read is None or as_read.id == fixed.id:
                out[i] = fixed
    return out


def _text_columns(table: Table) -> list[int]:
    n_cols = max([len(table.column_paths)] + [c.col + 1 for r in table.rows for c in r.cells])
    out = []
    for col in range(n_cols):
        texts = [c.text for r in table.rows for c in r.cells if c.col == col and c.text.strip()]
        if texts and sum(is_label_text(t) for t in texts) >= max(1, 0.5 * len(texts)):
            out.append(col)
    return out


def _row_units(table: Table, province, when, settings) -> tuple[Optional[int], list[Optional[Candidate]]]:
    """The column naming the rows' units (the label column, or the text column naming most
    units) and the unit of each row."""
    label = label_column(table)
    best = _match_column(table, label, province, when, settings) if label is not None else [None] * len(table.rows)
    if label is not None:
        best = _bare_names_in_a_list(table, label, best)
    chosen, count = label, sum(c is not None for c in best)
    for col in _text_columns(table):
        if col == label:
            continue
        found = _match_column(table, col, province, when, settings)
        n = sum(c is not None for c in found)
        texts = sum(1 for row in table.rows if is_label_text(row_label(row, col)))
        if n > count and n >= MIN_UNIT_COLUMN_MATCHES and n >= 0.5 * texts:
            chosen, best, count = col, found, n
    return chosen, best


def _bare_names_in_a_list(table: Table, col: int, found: list[Optional[Candidate]]) -> list[Optional[Candidate]]:
    """A name printed without what it is ("Tà Mung", no "Xã") is a unit's only in a list of
    units: where units are found in at least half the column's rows of text. Among a
    statement's items a phrase may spell a commune's name ("Tạm ứng" ~ "Tà Mung", "Nguyên
    giá" ~ "Nguyên Giáp")."""
    texts = sum(1 for row in table.rows if is_label_text(row_label(row, col)))
    if sum(c is not None for c in found) >= 0.5 * texts:
        return found
    return [c if c is not None and normalize(row_label(row, col)).cue is not None else None
            for row, c in zip(table.rows, found)]


def column_group(path: ColumnPath) -> str:
    """The header levels above a column's own ("Tỉnh Đắk Lắk" of "Tỉnh Đắk Lắk / Tổng số")."""
    return join_path(path[:-1])


def _unit(found: Optional[Candidate]) -> Optional[UnitMatch]:
    return UnitMatch(id=found.id, name=found.name, score=found.score) if found else None


def _as_siblings(names: list[str], found: list[Optional[Candidate]], province, when,
                 settings) -> list[Optional[Candidate]]:
    """Names side by side are of one level: beside a province ("Lâm Đồng"), "Bình Thuận" in a
    report of 2025-11 is the province it absorbed, not the phường named after it. Names left
    without a province are matched again as units before 1/7/2025, and kept if provinces."""
    def is_province(c: Optional[Candidate]) -> bool:
        return c is not None and c.unit is not None and c.unit.kind == "province"

    if not any(is_province(c) for c in found) or all(is_province(c) for c in found if c is not None) and \
            all(c is not None for c in found):
        return found
    again = [i for i, c in enumerate(found) if not is_province(c) and names[i]]
    former = best_matches([names[i] for i in again], when, province, settings, former=True) if again else []
    out = list(found)
    for i, c in zip(again, former):
        if is_province(c):
            out[i] = c
    return out


def _column_units(table: Table, province, when, settings) -> list[Optional[UnitMatch]]:
    groups = list(dict.fromkeys(column_group(p) for p in table.column_paths if column_group(p)))
    found = _as_siblings(groups, best_matches(groups, when, province, settings), province, when,
                         settings) if groups else []
    by_group = dict(zip(groups, found))
    return [_unit(by_group.get(column_group(path))) for path in table.column_paths]


# A report that names no province (pages cut out, an annex) is taken to be of the province
# at least this many of its matched districts and communes belong to, and this share.
MIN_LOCAL_UNITS, LOCAL_SHARE = 3, 0.8


def province_of(tables: list[Table], document: Optional[Document] = None,
                settings: Optional[Settings] = None) -> Optional[str]:
    """The province the tables' districts and communes belong to, when they agree on one:
    for a report whose pages name none. "Sở Tài chính" is every province's; "UBND huyện
    Cư M'gar" is Đắk Lắk's alone."""
    _, when = _context(document)
    found = [c.unit.province for table in tables for c in _row_units(table, None, when, settings)[1]
             if c is not None and c.unit is not None and c.unit.level in ("district", "commune")
             and c.unit.province]
    if not found:
        return None
    best = max(set(found), key=found.count)
    if found.count(best) < MIN_LOCAL_UNITS or found.count(best) < LOCAL_SHARE * len(found):
        return None
    return short_name(get(best))


def match_tables(tables: list[Table], document: Optional[Document] = None,
                 settings: Optional[Settings] = None) -> list[Table]:
    """Each row's unit and each column's group matched at the document's province and
    date; rows and columns without a passing match keep None."""
    province, when = _context(document)
    out = []
    for table in tables:
        _, units = _row_units(table, province, when, settings)
        rows = [replace(row, unit=_unit(found)) for row, found in zip(table.rows, units)]
        out.append(replace(table, rows=rows, column_units=_column_units(table, province, when, settings)))
    return out


def review(tables: list[Table], document: Optional[Document] = None,
           settings: Optional[Settings] = None) -> list[dict]:
    """Rows with a text label but no unit (totals excepted): what a person should look at."""
    province, when = _context(document)
    items = []
    for table in tables:
        col, _ = _row_units(table, province, when, settings)
        pending = [(i, row_label(row, col)) for i, row in enumerate(table.rows)
                   if row.unit is None and not row.is_total and is_label_text(row_label(row, col))]
        found = match_names([label for _, label in pending], when, province, settings) if pending else []
        for (i, label), candidates in zip(pending, found):
            top = candidates[0] if candidates else None
            items.append({"table": table.id, "row": i, "label": label,
                          "best": None if top is None else {"id": top.id, "name": top.name, "score": top.score,
                                                            "margin": top.margin, "reason": top.reason}})
    return items
