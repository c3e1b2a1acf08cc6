"""Tables continued on the next page become one.

A part continues the table before it when nothing else could have come
between them: it is the first grid on the next page, the previous table was
the last grid on its page, it has no caption of its own, and its columns are
the table's (same count, or cells that sit on the table's columns). Then one
positive sign is needed: its numbering continues the previous part's, or it
repeats the previous header (then dropped), or it starts at the top margin
under aligned columns with no header of its own.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from rapidfuzz import fuzz

from ..model import Cell, join_path
from ..number import is_value
from ..numbering import clean, continues, is_numbering
from .align import realign
from .header import column_paths, header_texts
from .part import Part
from .rows import numbering_column

# Similar enough to be the same header printed again (tolerates a re-read word).
HEADER_REPEAT_SCORE = 90.0


def stitch(parts: list[Part]) -> list[Part]:
    """Parts in document order → one part per logical table."""
    if not parts:
        return []
    top_margin = min(p.top for p in parts)
    bottom_margin = max(p.bottom for p in parts)
    last_on_page = {p.raw.page: p for p in parts}
    first_on_page: dict[int, Part] = {}
    for p in parts:
        first_on_page.setdefault(p.raw.page, p)

    out: list[Part] = []
    tail: Optional[Part] = None  # the last raw part of the table being built
    for part in parts:
        joined = None
        if out and tail is not None:
            joined = _continuation(out[-1], tail, part, last_on_page, first_on_page,
                                   top_margin, bottom_margin)
        if joined is not None:
            out[-1] = _append(out[-1], joined)
        else:
            out.append(part)
        tail = part
    return out


def _continuation(table: Part, tail: Part, nxt: Part, last_on_page, first_on_page,
                  top_margin: float, bottom_margin: float) -> Optional[Part]:
    """``nxt`` ready to append (repeated header dropped), or None if it starts a new table."""
    if nxt.caption is not None or nxt.raw.page != tail.raw.page + 1:
        return None
    if last_on_page[tail.raw.page] is not tail or first_on_page[nxt.raw.page] is not nxt:
        return None
    if nxt.n_cols != table.n_cols:
        nxt = realign(table, nxt)
        if nxt is None:
            return None
    repeated, body = _without_repeated_header(table, nxt)
    if body is None:
        return None  # a header of its own: a new table
    cont = replace(nxt, header=[], header_rows=0, body=body, absorbed=nxt.absorbed + nxt.header)
    return cont if _signals(table, tail, cont, repeated, top_margin, bottom_margin) else None


def _without_repeated_header(table: Part, nxt: Part) -> tuple[bool, Optional[list[list[Cell]]]]:
    """(header repeated?, body rows of ``nxt`` without it), body None when the header differs.

    Header rows below the repeated ones, and a "header" of loose words in the
    text columns, are the tail of a row the page break cut: body again. Loose
    words in value columns that the table's own header contains are what is
    left of a repeated header (its upper lines read as something else): dropped.
    """
    if not nxt.header:
        return False, nxt.body
    if table.header and _same_header(table.header, nxt.header):
        return True, nxt.body
    k = table.header_rows
    top = [c for c in nxt.header if c.row < k]
    below = [c for c in nxt.header if c.row >= k]
    if table.header and _same_header(table.header, top):
        return True, _rows_of(below) + nxt.body
    stt = numbering_column(table.body)
    if any(c.col == stt or c.col_span > 1 for c in nxt.header):
        return False, None
    text_cols = _text_columns(table)
    if all(c.col in text_cols for c in nxt.header):
        return False, _rows_of(nxt.header) + nxt.body
    if stt is None:
        return False, None
    paths = column_paths(table.header, table.n_cols)
    if all(c.col not in text_cols and c.col < len(paths)
           and clean(c.text).casefold() in join_path(paths[c.col]).casefold() for c in nxt.header):
        return True, nxt.body
    return False, None


def _text_columns(part: Part) -> set[int]:
    """Columns whose filled body cells are mostly words (names, notes), not values."""
    words: dict[int, int] = {}
    values: dict[int, int] = {}
    for row in part.body:
        for c in row:
            if clean(c.text):
                bucket = values if is_value(c.text) or is_numbering(c.text) else words
                bucket[c.col] = bucket.get(c.col, 0) + 1
    return {j for j, n in words.items() if n > values.get(j, 0)}


def _rows_of(cells: list[Cell]) -> list[list[Cell]]:
    rows: dict[int, list[Cell]] = {}
    for c in cells:
        rows.setdefault(c.row, []).append(replace(c, row_span=1))
    return [sorted(rows[r], key=lambda c: c.col) for r in sorted(rows)]


def _signals(table: Part, tail: Part, nxt: Part, repeated: bool,
             top_margin: float, bottom_margin: float) -> bool:
    col = numbering_column(table.body)
    numbering = continues(_last_numbering(table, col), _first_numbering(nxt, col))
    at_top = nxt.top <= top_margin + max(8.0, 0.6 * nxt.row_height())
    near_bottom = tail.bottom >= bottom_margin - 2.5 * tail.row_height()
    if repeated:
        # The same header again on the next page, under a table that ended well above the
        # page bottom: a second table of the same form (text came between them).
        return numbering or (at_top and near_bottom)
    return numbering or (at_top and (near_bottom or _aligned(table, nxt)))


def _same_header(a: list[Cell], b: list[Cell]) -> bool:
    """The same header texts; or the same words, grouped into cells differently."""
    ta, tb = " | ".join(header_texts(a)), " | ".join(header_texts(b))
    return (ta == tb or fuzz.ratio(ta, tb) >= HEADER_REPEAT_SCORE
            or fuzz.token_sort_ratio(ta.replace("|", " "), tb.replace("|", " ")) >= HEADER_REPEAT_SCORE)


def _aligned(a: Part, b: Part) -> bool:
    """Column left edges within a few points: the same grid drawn again."""
    pairs = [(x, y) for x, y in zip(a.column_lefts(), b.column_lefts())
             if x is not None and y is not None]
    return len(pairs) >= 2 and all(abs(x - y) <= 6.0 for x, y in pairs)


def _stt_texts(part: Part, col: Optional[int]) -> list[str]:
    if col is None:
        return []
    return [next((clean(c.text) for c in row if c.col == col and is_numbering(c.text)), "")
            for row in part.body]


def _last_numbering(part: Part, col: Optional[int]) -> Optional[str]:
    return next((t for t in reversed(_stt_texts(part, col)) if t), None)


def _first_numbering(part: Part, col: Optional[int]) -> Optional[str]:
    return next((t for t in _stt_texts(part, col) if t), None)


def _append(table: Part, nxt: Part) -> Part:
    body = [list(r) for r in table.body]
    rest = [list(r) for r in nxt.body]
    absorbed = table.absorbed + nxt.absorbed
    if body and rest and _is_row_fragment(rest[0], table):
        absorbed += rest[0]
        body[-1] = _extend_row(body[-1], rest.pop(0))
    _carry_vertical_spans(body, rest)
    pages = table.pages + [p for p in nxt.pages if p not in table.pages]
    return replace(table, body=body + rest, pages=pages, absorbed=absorbed)


def _is_row_fragment(row: list[Cell], table: Part) -> bool:
    """A first row with only words and no numbering: the end of a row the page break cut.

    Without a numbering column, the words must also leave empty every column that holds
    values in most of the table's rows: a row of its own would fill them."""
    col = numbering_column(table.body)
    filled = [c for c in row if clean(c.text)]
    # Words also continue a cell of words in a value column ("374 theo QĐ" / "2741/QĐ-…").
    text_cols = _text_columns(table) | {c.col for c in (table.body[-1] if table.body else [])
                                        if clean(c.text) and not is_value(c.text)
                                        and not is_numbering(c.text)}
    words_only = bool(filled) and all(c.col != col and c.col in text_cols
                                      and not is_value(c.text) for c in filled)
    if not words_only or col is not None:
        return words_only
    value_cols = _value_columns(table)
    return bool(value_cols) and not value_cols & {c.col for c in filled}


def _value_columns(part: Part) -> set[int]:
    """Columns holding a value in most body rows."""
    counts: dict[int, int] = {}
    for r in part.body:
        for c in r:
            if is_value(c.text):
                counts[c.col] = counts.get(c.col, 0) + 1
    return {j for j, n in counts.items() if n * 2 > len(part.body)}


def _extend_row(row: list[Cell], fragment: list[Cell]) -> list[Cell]:
    by_col = {c.col: c for c in row}
    for f in fragment:
        c = by_col.get(f.col)
        if c is None:
            by_col[f.col] = f
        else:
            by_col[f.col] = replace(c, text=clean(c.text + " " + f.text),
                                    raw_text=c.raw_text + "\n" + f.raw_text)
    return [by_col[k] for k in sorted(by_col)]


def _carry_vertical_spans(body: list[list[Cell]], rest: list[list[Cell]]) -> None:
    """A merged cell reaching the bottom of a page goes on in the empty merged cell
    drawn at the top of the same column on the next page (not past drawn cell borders)."""
    if not rest:
        return
    n = len(body)
    for i, row in enumerate(body):
        for k, c in enumerate(row):
            if c.row_span > 1 and i + c.row_span >= n:
                below = next((x for x in rest[0] if x.col == c.col and x.col_span == c.col_span), None)
                if below is not None and not clean(below.text) and below.row_span > 1:
                    row[k] = replace(c, row_span=n - i + below.row_span)
