"""The account numbers of a chart of accounts (Số hiệu tài khoản) as a scan reads them.

A chart divides an account into sub-accounts whose numbers begin with its own and add a
figure (352 into 3521 … 3529; 3331 into 33311, 33312), and the accounts under one account
rise down the chart. A figure misread breaks those rules where the neighbours keep them:
"342" over 3521 … 3529 is 352; "341" between 347 and 352 is no account; "5/112" under 5111 is
51112. A number its parent and neighbours leave one reading of is given back (:func:`restore`);
one they leave none or several of is marked doubtful, so it is reported, not passed as sure.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import product

from ..codes import ANY_FIGURE, LOOKALIKES
from ..model import Cell

# Account numbers have 3 figures (level 1) to 5 (level 3; a level 4 adds a sixth).
SHORTEST, LONGEST = 3, 6
# A table is a chart when at least this many of its accounts are divided into sub-accounts
# that begin with their number, and at most this share of the divided ones are not.
MIN_DIVIDED = 3
MAX_ASTRAY = 0.25
# A column holds account numbers when at least this many of its cells are numbers of one
# width, and all but MAX_ASTRAY of its cells from the first of them down.
MIN_ACCOUNTS = 4
# A parent is given back by its sub-accounts when at least this many agree on it.
MIN_VOUCHING = 2
# The figures a read "7" may be: Tesseract 'vie' reads a serif "1" as "7".
SEVEN = "71"


@dataclass
class _Entry:
    at: int  # index of the cell in the table's cells
    width: int  # figures of the account number it holds (its column's)
    number: str | None  # the number read, when it is one of that many figures


def restore(cells: list[Cell], columns: dict[int, int], sure: float, doubtful: float) -> list[Cell]:
    """The cells with the account numbers of ``columns`` (column: its numbers' width) held
    to the chart's rules. An account its sub-accounts agree on is given their number and
    is ``sure`` (each of its figures read again in them). One that breaks the rules is given
    back where a single reading lies between its neighbours (``sure``), or where its letters
    read as figures, or a mark where its parent's figure stands, make the one number its
    parent and neighbours allow (as sure as it was read); else it is marked ``doubtful``. A
    table that is no chart is left as read."""
    entries = _entries(cells, columns)
    parents = [_parent(entries, i) for i in range(len(entries))]
    children = [_children(entries, i) for i in range(len(entries))]
    if not _is_chart(entries, children):
        return cells
    numbers = {i: e.number for i, e in enumerate(entries)}
    given: set[int] = set()  # pinned by the rules: given back, or vouched for
    read: set[int] = set()  # misread letters for figures, the figures the rules allow
    doubted: set[int] = set()
    # Accounts given by their sub-accounts first: they are then the parents the
    # sub-accounts are checked against, and the neighbours of their own level.
    for i, e in enumerate(entries):
        subs = [numbers[j][:e.width] for j in children[i] if numbers[j] is not None]
        if len(subs) >= MIN_VOUCHING and len(set(subs)) == 1:
            numbers[i] = subs[0]
            given.add(i)
    # Each account checked in turn; those doubted once are checked again, a sibling given back
    # since then being a neighbour to hold them ("333/7" above "333/2", read back 33312).
    for todo in ([i for i in range(len(entries)) if i not in given], doubted):
        for i in sorted(todo):
            verdict = _verdict(entries, parents, numbers, doubted, cells, i)
            doubted.discard(i)
            if verdict is None:
                continue
            kind, number = verdict
            if kind == "doubted":
                doubted.add(i)
                continue
            numbers[i] = number
            (read if kind == "read" else given).add(i)
    out = list(cells)
    for i in given | read:
        c = cells[entries[i].at]
        text = numbers[i]
        out[entries[i].at] = replace(c, text=text, confidence=max(c.confidence, sure) if i in given else c.confidence,
                                     raw_text=c.raw_text if text == c.text.strip() else text)
    for i in doubted:
        c = cells[entries[i].at]
        out[entries[i].at] = replace(c, confidence=min(c.confidence, doubtful))
    return out


def _verdict(entries, parents, numbers, doubted, cells, i) -> tuple[str, str | None] | None:
    """What the chart's rules make of account ``i``: None where they cannot hold it or it keeps
    them as read; ("read", number) where its marks and letters make the one number its parent
    and neighbours allow, its figures as read (as sure as it was read); ("given", number) where
    one reading lies between its neighbours; ("doubted", None) else."""
    e = entries[i]
    parent = parents[i]
    prefix = numbers[parent] if parent is not None else None
    if parent is not None and prefix is None:
        return None  # under an account not read: nothing to check against
    low, high = _neighbours(entries, parents, numbers, doubted, i)
    if prefix is None and (low is None or high is None):
        return None  # a top account at an end of the part: nothing to hold it
    readings = _readings(cells[e.at].text, e.width)
    fits = {n for n in readings if (prefix is None or n.startswith(prefix)) and (low is None or low < n)
            and (high is None or n < high)}
    if numbers[i] in fits:
        return None  # keeps the rules, as sure as it was read
    if len(fits) == 1 and (len(readings) == 1 or prefix is not None):
        # Letters read for figures ("4ll]"), or a mark where its parent's figure stands
        # ("5/112" under 5111): the figures the rules allow, the others as read.
        return "read", fits.pop()
    if len(fits) == 1 and low is not None and high is not None:
        return "given", fits.pop()  # one of its readings between its neighbours
    # No reading, or several ("333/7" under 3331 may be 33311 or 33317, a "7" for a "1").
    return "doubted", None


def account_columns(cells: list[Cell], numbering: set[int]) -> dict[int, int]:
    """Columns holding account numbers, with their numbers' width: most of their cells from
    the first number down are numbers of one width of 3 to 6 figures (the row numbers'
    column excepted); and the column right of such a column whose few cells are, all but
    MAX_ASTRAY, one figure wider, or nearly (a level of which a page shows only "333/7" and
    "333/2")."""
    by_col: dict[int, list[tuple[int, str]]] = {}
    for c in sorted(cells, key=lambda c: c.row):
        if c.col not in numbering and (text := "".join(c.text.split())):
            by_col.setdefault(c.col, []).append((c.row, text))
    out: dict[int, int] = {}
    for col, read in by_col.items():
        texts = [t for _, t in read]
        widths = [len(t) for t in texts if _is_number(t)]
        if len(widths) < MIN_ACCOUNTS:
            continue
        first = next(k for k, t in enumerate(texts) if _is_number(t))
        width = max(set(widths), key=widths.count)
        if widths.count(width) >= (1 - MAX_ASTRAY) * len(texts[first:]):
            out[col] = width
    if len(set(out.values())) < len(out):
        return {}  # two columns of one width: each level of a chart has its own
    if not out:
        return out
    top = min(row for col in out for row, t in by_col[col] if _is_number(t))
    for col, width in sorted(out.items()):
        texts = [t for row, t in by_col.get(col + 1, []) if row >= top]
        # All but MAX_ASTRAY of them: one read short ("5/1" for 51111) is still the level's.
        nearly = [abs(len(t) - width - 1) <= 1 and 2 * sum(ch.isdigit() for ch in t) > len(t) for t in texts]
        if col + 1 not in out and col + 1 not in numbering and texts and sum(nearly) >= (1 - MAX_ASTRAY) * len(texts):
            out[col + 1] = width + 1
    return out


def _is_number(text: str) -> bool:
    return text.isdigit() and SHORTEST <= len(text) <= LONGEST


def _entries(cells: list[Cell], columns: dict[int, int]) -> list[_Entry]:
    """The account cells down the table, each with its column's width of number; above the
    first cell of its width, a column's cells are its header."""
    order = sorted((c.row, c.col, k) for k, c in enumerate(cells) if c.col in columns and c.text.strip())
    first: dict[int, int] = {}
    for row, col, k in order:
        if len("".join(cells[k].text.split())) == columns[col]:
            first.setdefault(col, row)
    out = []
    for row, col, k in order:
        text = "".join(cells[k].text.split())
        # Two accounts printed in one cell ("3338 3339") are no misread one.
        if row >= first.get(col, row + 1) and len(text) <= columns[col] + 1:
            out.append(_Entry(k, columns[col], text if text.isdigit() and len(text) == columns[col] else None))
    return out


def _is_chart(entries: list[_Entry], children: list[list[int]]) -> bool:
    """Most accounts with sub-accounts have them begin with their own number (a misread one
    has none that do)."""
    agree = astray = 0
    for i, e in enumerate(entries):
        subs = [entries[j].number for j in children[i] if entries[j].number is not None]
        if e.number is None or not subs:
            continue
        if 2 * sum(n.startswith(e.number) for n in subs) > len(subs):
            agree += 1
        else:
            astray += 1
    return agree >= MIN_DIVIDED and astray <= MAX_ASTRAY * (agree + astray)


def _parent(entries: list[_Entry], i: int) -> int | None:
    """The account right above entry ``i`` one figure shorter, if no shorter one or one as
    wide comes between (else ``i`` is a top account of the table's part)."""
    for j in range(i - 1, -1, -1):
        if entries[j].width == entries[i].width - 1:
            return j
        if entries[j].width < entries[i].width:
            return None
    return None


def _children(entries: list[_Entry], i: int) -> list[int]:
    out = []
    for j in range(i + 1, len(entries)):
        if entries[j].width <= entries[i].width:
            break
        if entries[j].width == entries[i].width + 1:
            out.append(j)
    return out


def _neighbours(entries, parents, numbers, doubted, i) -> tuple[str | None, str | None]:
    """The numbers of the nearest accounts before and after ``i`` under the same parent
    (of the whole part, for top accounts) that rise with the others: an account lies
    between them."""
    siblings = [j for j in range(len(entries)) if entries[j].width == entries[i].width
                and parents[j] == parents[i] and numbers[j] is not None and j not in doubted]
    rising = _rising([numbers[j] for j in siblings])
    trusted = [siblings[k] for k in rising if siblings[k] != i]
    low = max((numbers[j] for j in trusted if j < i), default=None)
    high = min((numbers[j] for j in trusted if j > i), default=None)
    return low, high


def _rising(numbers: list[str]) -> list[int]:
    """The places of the longest rising run of the numbers (not necessarily adjacent)."""
    best: list[list[int]] = []
    for k, n in enumerate(numbers):
        chain = max((best[j] for j in range(k) if numbers[best[j][-1]] < n), key=len, default=[])
        best.append(chain + [k])
    return max(best, key=len, default=[])


def _readings(text: str, width: int) -> set[str]:
    """The numbers of ``width`` figures a misread account number may be: its letters read
    as the figures they look like, a mark standing for any figure, one character too many
    dropped or one figure lost."""
    body = "".join(text.split()).translate(LOOKALIKES)
    if len(body) == width + 1:
        bodies = {body[:k] + body[k + 1:] for k in range(len(body))}
    elif len(body) == width - 1:
        bodies = {body[:k] + ")" + body[k:] for k in range(len(body) + 1)}
    else:
        bodies = {body} if len(body) == width else set()
    out = set()
    for b in bodies:
        slots = ["0123456789" if ch in ANY_FIGURE else ch for ch in b]
        if sum(len(s) > 1 for s in slots) > 1 or not all(len(s) > 1 or s.isdigit() for s in slots):
            continue
        out |= {"".join(figures) for figures in product(*slots)}
    # A "7" may be a "1" misread (the Gazette's "333/7" for 33311; its other sevens read
    # right), the number as read one reading among them.
    return {"".join(v) for n in out for v in product(*[SEVEN if ch == "7" else ch for ch in n])}
