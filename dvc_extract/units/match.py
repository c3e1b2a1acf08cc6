"""A row label matched to the registry: best candidate, its score and its margin.

The report's province and date decide the candidates: the units of the province
(and of the provinces it had absorbed by the report's date, see
:func:`.registry.territory`) are the report's own; every other name of the
country (units of other provinces whose name differs from all of the own
ones) and every non-unit row label (labels.json) compete but never pass. With
no province, every unit of the country is a candidate, so a name held by units
of several provinces ("Sở Nội vụ", "Xã Tân Lập") finds no match.

Every registry spelling (official name and aliases) is normalised once (see
:mod:`.normalize`). A label is shortlisted on its OCR skeletons against all of
them at once (rapidfuzz ``cdist``, labels of one report in one batch), then
scored on the diacritic-folded, space-free core (and on its skeleton, at a small
cost), forgiving a lost wrapped line (truncation), less a penalty when the
writer's cue ("Sở", "huyện", "xã"...) contradicts the unit's kind. A match
*passes* only when

* the best candidate is an own unit valid at the report's date (units of other
  dates compete, so a unit of another date is never stretched to a look-alike of
  one of this date; one of the same name is not a rival: the date tells them apart),
* the province the label names, if any ("Sở Y tế tỉnh Gia Lai"), is the report's
  own (and then only that province's units are candidates),
* its score reaches ``unit_min_score`` with a lead of ``unit_min_margin`` over
  the runner-up (when folded forms tie, the diacritics the label kept may
  decide), or, for short names where one OCR slip costs many points, its score
  reaches ``unit_lead_score`` with a lead of ``unit_lead_margin``.

Anything else is no match: the row keeps ``unit=None`` and goes to review.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Iterable, Optional, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from ..settings import Settings
from .normalize import NormalName, fold, normalize, place_skeleton
from .registry import DateLike, Unit, date_window, get, labels, provinces, short_name, territory, units

DEPARTMENT_KINDS = {"department"}
DISTRICT_KINDS = {"city", "town", "rural-district", "urban-district"}
COMMUNE_KINDS = {"xa", "phuong", "thi-tran", "dac-khu"}
AREA_LEVELS = {"district", "commune"}
# Separates the names of several units in one cell ("Sở Tài chính; UBND xã D'Ran").
SEVERAL = ";"
# Shortest core (characters, no spaces) for which a lost tail is forgiven.
MIN_TRUNCATED = 8
# A truncated label must still hold this share of the name.
MIN_COVERAGE = 0.6
# Cost of agreeing only once OCR-confusable letters are merged (see normalize).
SKELETON_PENALTY = 5.0
# Shortlist: the distinct spellings closest on each OCR skeleton, none below this similarity.
SHORTLIST_CUTOFF = 50
SHORTLIST_SIZE = 16
# Labels shortlisted together (bounds the score matrix: rows x registry spellings).
BATCH = 256
# Similarity (0-100, on OCR skeletons) for a province's name to be read as that province.
PROVINCE_MIN_SCORE = 85


@dataclass(frozen=True)
class Candidate:
    id: Optional[str]      # None: not a unit of the report's province (elsewhere, or a non-unit label)
    name: str              # official name
    score: float           # 0-100, after cue penalties
    passed: bool = False   # True only for the first candidate, when it clears the thresholds
    margin: float = 0.0    # lead over the runner-up (first candidate only)
    alias: str = ""        # the spelling that scored best
    marked_score: Optional[float] = None  # score on the marked (diacritic) forms, when both had marks
    printed_score: float = 0.0  # score on the letters as printed, before OCR-confusable ones are merged
    valid: bool = True     # valid at the report's date
    reason: str = ""       # why the first candidate did not pass
    unit: Optional[Unit] = None
    key: str = ""          # the normal key of the spelling that scored best

    @property
    def in_registry(self) -> bool:
        return self.id is not None


@dataclass(frozen=True)
class _Entry:
    unit: Unit
    alias: str
    norm: NormalName
    key: str
    skeleton: str
    merged: str
    cue: Optional[str]
    marked_key: Optional[str]


def _unit_cue(unit: Unit) -> Optional[str]:
    if unit.kind == "province":  # a centrally-run city is written "Thành phố Hà Nội", "TP. Hồ Chí Minh"
        return "city" if "thành phố" in unit.name else "province"
    if unit.kind in DEPARTMENT_KINDS:
        return "department"
    if unit.kind in DISTRICT_KINDS or unit.level == "commune":
        return unit.kind  # "huyện", "thị xã" … "xã", "phường" …
    return None


def _cue_penalty(query: Optional[str], unit: Optional[str]) -> float:
    """Points lost when the label's own cue contradicts the unit's kind."""
    if query is None or query == unit:
        return 0.0
    if (query in DISTRICT_KINDS and unit in DISTRICT_KINDS) or (query in COMMUNE_KINDS and unit in COMMUNE_KINDS):
        return 6.0  # "huyện" written for a town, "xã" for a former "thị trấn": a slip, not another unit
    return 20.0


@lru_cache(maxsize=None)
def _entries() -> tuple[_Entry, ...]:
    out = []
    for unit in units() + labels():
        for alias in dict.fromkeys((unit.name,) + unit.aliases):
            norm = normalize(alias)
            if norm.key:
                out.append(_Entry(unit, alias, norm, norm.key, norm.skeleton, norm.merged_skeleton, _unit_cue(unit),
                                  norm.marked_key))
    return tuple(out)


@dataclass(frozen=True)
class _Index:
    """Every spelling of the country, its distinct merged skeletons (shortlisted on, for
    every report at once) and, per entry, the province it belongs to."""
    entries: tuple[_Entry, ...]
    merged: list[str]
    members: tuple[tuple[int, ...], ...]  # the entries of each distinct merged skeleton
    distinct_of: np.ndarray               # entry -> its distinct merged skeleton
    province: np.ndarray                  # entry -> province number (-1 for a non-unit label)
    provinces: dict[str, int]             # province id -> number
    key: np.ndarray                       # entry -> number of its normal key


@lru_cache(maxsize=None)
def _index() -> _Index:
    entries = _entries()
    members: dict[str, list[int]] = {}
    for i, e in enumerate(entries):
        members.setdefault(e.merged, []).append(i)
    position = {m: k for k, m in enumerate(members)}
    provinces = {p: k for k, p in enumerate(sorted({e.unit.province for e in entries if e.unit.province}))}
    keys: dict[str, int] = {}
    return _Index(entries, list(members), tuple(tuple(v) for v in members.values()),
                  np.array([position[e.merged] for e in entries]),
                  np.array([provinces.get(e.unit.province, -1) for e in entries]), provinces,
                  np.array([keys.setdefault(e.key, len(keys)) for e in entries]))


@dataclass(frozen=True, eq=False)
class _View:
    """The index as a report of some provinces sees it: its own units' spellings, names
    elsewhere that none of them bears, non-unit labels."""
    own: np.ndarray       # entry -> a unit of the report's provinces
    allowed: np.ndarray   # entry -> competes at all
    distinct: np.ndarray  # distinct merged skeleton -> has an allowed entry
    own_skeletons: list[str]  # the distinct (plain) skeletons of the own units' spellings
    own_members: tuple[tuple[int, ...], ...]
    picked: dict = field(default_factory=dict)  # distinct merged skeleton -> its entries that compete

    def members(self, t: int) -> tuple[int, ...]:
        """The allowed entries of a distinct merged skeleton; of the names elsewhere one per
        spelling (a name borne in thirty provinces is one competitor)."""
        found = self.picked.get(t)
        if found is None:
            index, seen, out = _index(), set(), []
            for i in index.members[t]:
                if not self.allowed[i]:
                    continue
                e = index.entries[i]
                if not self.own[i]:
                    sign = (e.key, e.cue, e.unit.in_registry)
                    if sign in seen:
                        continue
                    seen.add(sign)
                out.append(i)
            found = self.picked[t] = tuple(out)
        return found


@lru_cache(maxsize=256)
def _view(own: Optional[frozenset[str]]) -> _View:
    index = _index()
    registered = index.province >= 0
    if own is None:  # the whole country is the report's
        mine, allowed = registered, np.ones(len(index.entries), dtype=bool)
    else:
        mine = np.isin(index.province, [index.provinces[p] for p in own])
        allowed = mine | ~registered | ~np.isin(index.key, np.unique(index.key[mine]))
    distinct = np.zeros(len(index.merged), dtype=bool)
    distinct[index.distinct_of[allowed]] = True
    skeletons: dict[str, list[int]] = {}
    for i in np.flatnonzero(mine):
        skeletons.setdefault(index.entries[i].skeleton, []).append(int(i))
    return _View(mine, allowed, distinct, list(skeletons), tuple(tuple(v) for v in skeletons.values()))


@lru_cache(maxsize=None)
def _province_skeletons() -> dict[str, tuple[str, ...]]:
    out: dict[str, set[str]] = {}
    for p in provinces():
        out.setdefault(place_skeleton(short_name(p)), set()).add(p.id)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def find_province(text: str) -> Optional[Unit]:
    """The province a text names ("Lâm Đồng", "TỈNH LÂM ĐỒNG", "UBND tỉnh Lâm Đồng",
    "lam-dong.tinh", "TP. Hồ Chí Minh"), or None when it names none or several."""
    text = (text or "").strip()
    if text.endswith(".tinh"):
        try:
            return get(text)
        except KeyError:
            return None
    words = re.sub(r"[^\w]+", " ", fold(text)).split()
    for lead in (["ubnd"], ["uy", "ban", "nhan", "dan"], ["tinh"], ["thanh", "pho"], ["tp"]):
        if words[:len(lead)] == lead and len(words) > len(lead):
            words = words[len(lead):]
    name = place_skeleton(" ".join(words)) if words else ""
    if not name:
        return None
    skeletons = _province_skeletons()
    found = process.extract(name, list(skeletons), scorer=fuzz.ratio, limit=2, score_cutoff=PROVINCE_MIN_SCORE)
    if not found or (len(found) > 1 and found[1][1] == found[0][1]) or len(skeletons[found[0][0]]) > 1:
        return None
    return get(skeletons[found[0][0]][0])


def _province_id(province: Optional[str]) -> Optional[str]:
    if province is None or province == "":
        return None
    found = find_province(province)
    if found is None:
        raise ValueError(f"not the name of a province: {province!r}")
    return found.id


def _similarity(query: str, target: str, truncated: bool = True) -> float:
    """Folded-core similarity, forgiving a lost tail (a wrapped line not joined)."""
    score = fuzz.ratio(query, target)
    n, m = len(query), len(target)
    if truncated and MIN_TRUNCATED <= n < m and n >= MIN_COVERAGE * m:
        score = max(score, fuzz.ratio(query, target[:n]) * (0.9 + 0.1 * n / m))
    return score


def _score(q: NormalName, qs: tuple[str, str, str], entry: _Entry) -> tuple[float, Optional[float], float]:
    """The score, the score on marked forms (or None) and the score on printed letters."""
    key, skeleton, merged = qs
    # A district's or commune's name is short and printed whole: a lost tail is forgiven
    # only to the long names of bodies ("Thanh tra" is not "Xã Thanh Trạch" cut short,
    # "Xã Giang Sơn" not "Xã Giang Sơn Tây").
    cut = entry.unit.level not in AREA_LEVELS
    printed = _similarity(key, entry.key, cut)
    base = max(printed,
               _similarity(skeleton, entry.skeleton, cut) - SKELETON_PENALTY,
               _similarity(merged, entry.merged, cut) - SKELETON_PENALTY)
    base -= _cue_penalty(q.cue, entry.cue)
    marked = None
    if q.marked_key and entry.marked_key and q.marked_key != key:
        marked = _similarity(q.marked_key, entry.marked_key)
    return base, marked, printed


def match_names(names: Sequence[str], date: DateLike = None, province: Optional[str] = None,
                settings: Optional[Settings] = None, limit: int = 5,
                former: bool = False) -> list[list[Candidate]]:
    """Candidates for each name, best first; only the first can have ``passed``.

    ``date`` (report date, '2024-01-15', '01/2024', '2024' …) restricts the units that
    can pass to those valid then; ``province`` (a name, "Lâm Đồng", or an id) to those
    of the report's province. ``former``: the names are of units as they were before
    the 2025 arrangement ("Tỉnh (trước sắp xếp)", "huyện Krông Pắc (cũ)"): the date
    window ends on 30/06/2025 while the territory stays the report's.
    """
    return match_requests([(n, date, province) for n in names], settings, limit, former)


def match_requests(requests: Sequence[tuple[str, DateLike, Optional[str]]], settings: Optional[Settings] = None,
                   limit: int = 5, former: bool = False) -> list[list[Candidate]]:
    """:func:`match_names` for names of several reports (name, date, province), shortlisted
    together."""
    settings = settings or Settings()
    # A unit is named in many tables of a report and a report in many of an archive: a name
    # already matched in its context is not matched again.
    limits = (settings.unit_min_score, settings.unit_min_margin, settings.unit_lead_score,
              settings.unit_lead_margin, limit, former)
    keys = [(name, str(date), province, limits) for name, date, province in requests]
    known = {k: _MATCHED[k] for k in keys if k in _MATCHED}
    todo = {k: r for k, r in zip(keys, requests) if k not in known}
    known.update(zip(todo, _match(list(todo.values()), settings, limit, former)))
    for k in todo:
        if len(_MATCHED) >= _MATCHED_MAX:
            _MATCHED.pop(next(iter(_MATCHED)))  # the oldest first
        _MATCHED[k] = known[k]
    return [list(known[k]) for k in keys]


# Candidates of the names matched so far, by (name, date, province, thresholds): the
# candidates are frozen, and each caller gets its own list of them.
_MATCHED: dict[tuple, tuple[Candidate, ...]] = {}
_MATCHED_MAX = 20_000


def _match(requests: Sequence[tuple[str, DateLike, Optional[str]]], settings: Settings,
           limit: int, former: bool) -> list[tuple[Candidate, ...]]:
    contexts: dict[tuple, tuple] = {}
    for _, date, province in requests:
        if (date, province) not in contexts:
            start, end = date_window(date)
            pid = _province_id(province)
            own = territory(pid, start) if pid else None
            if former:
                start, end = None, min(filter(None, (end, FORMER_END)))
            contexts[(date, province)] = (_view(own), own, pid, (start, end))
    index = _index()
    queries = [normalize(name) for name, _, _ in requests]
    out: list[tuple[Candidate, ...]] = []
    for lo in range(0, len(queries), BATCH):
        chunk = queries[lo:lo + BATCH]
        merged = process.cdist([q.merged_skeleton for q in chunk], index.merged, scorer=fuzz.ratio, dtype=np.uint8)
        # The plain skeletons keep what merging loses ("Lik" ~ "Lắk", where "li" reads as "h"):
        # compared with the report's own units only, a few hundred names, not the country's.
        groups: dict[tuple, list[int]] = {}
        for k, (_, date, province) in enumerate(requests[lo:lo + BATCH]):
            groups.setdefault((date, province), []).append(k)
        plain: dict[int, np.ndarray] = {}
        for context, members in groups.items():
            view = contexts[context][0]
            rows = process.cdist([chunk[k].skeleton for k in members], view.own_skeletons, scorer=fuzz.ratio,
                                 dtype=np.uint8)
            plain.update(zip(members, rows))
        for k, (q, (name, date, province)) in enumerate(zip(chunk, requests[lo:lo + BATCH])):
            view, own, pid, window = contexts[(date, province)]
            shortlist = sorted({i for t in _shortlist(merged[k], view.distinct) for i in view.members(t)} |
                               {i for t in _shortlist(plain[k], None) for i in view.own_members[t]})
            out.append(tuple(_candidates(q, name, shortlist, view, own, pid, window, settings, limit)))
    return out


# The last day of the units before the 2025 arrangement (districts, 63 provinces).
FORMER_END = date(2025, 6, 30)


def _shortlist(row: np.ndarray, eligible: Optional[np.ndarray]) -> np.ndarray:
    """The distinct skeletons closest to the label's (of the eligible ones)."""
    if eligible is not None:
        row = np.where(eligible, row, 0)
    if len(row) > SHORTLIST_SIZE:
        top = np.argpartition(row, len(row) - SHORTLIST_SIZE)[len(row) - SHORTLIST_SIZE:]
    else:
        top = np.arange(len(row))
    return top[row[top] >= SHORTLIST_CUTOFF]


def _candidates(q: NormalName, name: str, shortlist: list[int], view: _View, own: Optional[frozenset[str]],
                pid: Optional[str], window: tuple[Optional[date], Optional[date]], settings: Settings, limit: int) -> list[Candidate]:
    if not q.key:
        return []
    if sum(1 for part in name.split(SEVERAL) if part.strip()) > 1:
        return [Candidate(id=None, name=name, score=0.0, reason="the label names several units")]
    named = find_province(q.place) if q.place else None
    if named is not None and own is not None and named.id not in own:
        # "Sở Y tế tỉnh Gia Lai" in a report of Lâm Đồng: a unit of another province.
        return [Candidate(id=None, name=named.name, score=0.0, reason="the label names another province")]
    qs = (q.key, q.skeleton, q.merged_skeleton)
    best: dict[object, Candidate] = {}
    scored: dict[tuple, tuple[float, Optional[float]]] = {}
    entries = _index().entries
    for i in shortlist:
        entry, mine = entries[i], bool(view.own[i])
        unit = entry.unit
        if named is not None and unit.in_registry and unit.province != named.id:
            continue  # the label says which province: only its units
        # Spellings alike score alike (a name borne in many provinces is scored once).
        sign = (entry.key, entry.skeleton, entry.merged, unit.level in AREA_LEVELS, entry.cue, entry.marked_key)
        if sign not in scored:
            scored[sign] = _score(q, qs, entry)
        score, marked, printed = scored[sign]
        # Names elsewhere compete as names: one competitor for all the units bearing one.
        group = unit.id if mine else (entry.key, entry.cue, unit.in_registry)
        held = best.get(group)
        if held is None or (score, marked or 0) > (held.score, held.marked_score or 0):
            shown = unit.name if mine or not unit.in_registry else f"{unit.name} ({short_name(get(unit.province))})"
            best[group] = Candidate(id=unit.id if mine else None, name=shown, score=round(score, 2),
                                    alias=entry.alias, marked_score=None if marked is None else round(marked, 2),
                                    printed_score=round(printed, 2),
                                    valid=unit.valid_during(*window), unit=unit, key=entry.key)
    # Equal scores: a unit valid at the date before one that is not (a commune renamed
    # in 2025 keeps its name), the report's own province before those it absorbed (a
    # report of unknown date), then the one whose marks agree better.
    ranked = sorted(best.values(), key=lambda c: (c.score, c.valid and c.in_registry,
                                                  c.unit is not None and c.unit.province == pid,
                                                  _rank(c) if q.cue is None else 0, c.marked_score or 0),
                    reverse=True)
    if not ranked:
        return []
    return [_decide(ranked, q, settings)] + ranked[1:limit]


def _rank(c: Candidate) -> int:
    """Higher for a higher level: a name without a cue ("Cư M'gar") is the district's
    when one of its communes bears it too; the commune would be written "xã Cư M'gar"."""
    return 0 if c.unit is None else {"province": 2, "district": 1}.get(c.unit.level, 0)


def _rival(top: Candidate, c: Candidate, cueless: bool) -> bool:
    """Whether ``c`` is another reading of the label than ``top``: not the same unit before
    or after a reorganisation, nor a unit of the same name that the date rules out."""
    if c.unit is None or top.unit is None or c.id is None or top.id is None:
        return True
    if c.id in top.unit.predecessors + top.unit.successors or top.id in c.unit.predecessors + c.unit.successors:
        return False
    if c.key == top.key and top.valid and c.valid and cueless and _rank(top) > _rank(c):
        return False  # the same name a level down: the higher unit is meant (see _rank)
    if top.valid and not c.valid and c.key == top.key:
        # The date tells them apart, unless a bare name was a higher unit's: "Bình Thuận"
        # in a report of 2025-11 is a phường, or the former province the report compares.
        return cueless and _rank(c) > _rank(top)
    return True


def _decide(ranked: list[Candidate], q: NormalName, settings: Settings) -> Candidate:
    top = ranked[0]
    runner = next((c for c in ranked[1:] if _rival(top, c, q.cue is None)), None)
    margin = round(top.score - (runner.score if runner else 0.0), 2)
    if not top.in_registry:
        reason = ("a unit of another province" if top.unit is not None and top.unit.in_registry
                  else "closest to a name that is not a unit")
        return replace(top, margin=margin, reason=reason)
    if not top.valid:
        return replace(top, margin=margin, reason="unit not valid at the report's date")
    if q.cue == "other":
        return replace(top, margin=margin, reason="the label names another kind of body (ministry, agency …)")
    passed = top.score >= settings.unit_min_score and margin >= settings.unit_min_margin
    if not passed and top.score >= settings.unit_min_score and runner is not None:
        # Folded forms too close: the diacritics the writer kept may still decide.
        passed = (top.marked_score is not None and runner.marked_score is not None
                  and top.marked_score >= settings.unit_min_score
                  and top.marked_score - runner.marked_score >= settings.unit_min_margin)
    if not passed and top.score >= settings.unit_min_score and runner is not None:
        # Equal once OCR-confusable letters are merged ("Narn Tân": Nam Tân or Nậm Tin): the
        # letters as printed may still decide.
        passed = top.printed_score - runner.printed_score >= settings.unit_min_margin
    if not passed and _cue_penalty(q.cue, _unit_cue(top.unit)) == 0:
        # A wide lead stands in for a high score, unless the label's own cue disagrees.
        passed = top.score >= settings.unit_lead_score and margin >= settings.unit_lead_margin
    reason = "" if passed else ("score below threshold" if top.score < settings.unit_min_score
                                else "too close to the runner-up")
    return replace(top, passed=passed, margin=margin, reason=reason)


def match_name(name: str, date: DateLike = None, settings: Optional[Settings] = None,
               province: Optional[str] = None, limit: int = 5, former: bool = False) -> list[Candidate]:
    """Candidates for one name (see :func:`match_names`)."""
    return match_names([name], date, province, settings, limit, former)[0]


def best_match(name: str, date: DateLike = None, settings: Optional[Settings] = None,
               province: Optional[str] = None) -> Optional[Candidate]:
    """The passing candidate, or None (no match: the row goes to review)."""
    found = match_name(name, date, settings, province)
    return found[0] if found and found[0].passed else None


def best_matches(names: Iterable[str], date: DateLike = None, province: Optional[str] = None,
                 settings: Optional[Settings] = None, former: bool = False) -> list[Optional[Candidate]]:
    """The passing candidate of each name, or None; the names matched in one batch."""
    return [found[0] if found and found[0].passed else None
            for found in match_names(list(names), date, province, settings, former=former)]
