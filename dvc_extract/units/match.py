"""A row label matched to the registry: best candidate, its score and its margin.

Every registry spelling (official name and aliases), every name of a unit
elsewhere (outside.json) and every non-unit row label (labels.json) is
normalised once (see :mod:`.normalize`). A label is scored against all of them
with rapidfuzz on the diacritic-folded, space-free core (and on its OCR
skeleton, at a small cost), forgiving a lost wrapped line (truncation), less a
penalty when the writer's cue ("Sở", "huyện", "thị xã"...) contradicts the
unit's kind. A match *passes* only when

* the best candidate is a registry unit valid at the report's date (units of
  other dates, other provinces and non-unit labels compete but never pass),
* the label does not name another province ("Sở Y tế tỉnh Gia Lai"), and
* its score reaches ``unit_min_score`` with a lead of ``unit_min_margin`` over
  the runner-up (when folded forms tie, the diacritics the label kept may
  decide), or, for short names where one OCR slip costs many points, its score
  reaches ``unit_lead_score`` with a lead of ``unit_lead_margin``.

Anything else is no match: the row keeps ``unit=None`` and goes to review.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Optional

from rapidfuzz import fuzz, process

from ..settings import Settings
from .normalize import NormalName, fold, normalize
from .registry import DateLike, Unit, date_window, outside_units, units

DEPARTMENT_KINDS = {"department"}
DISTRICT_KINDS = {"city", "town", "rural-district"}
# Shortest core (characters, no spaces) for which a lost tail is forgiven.
MIN_TRUNCATED = 8
# A truncated label must still hold this share of the name.
MIN_COVERAGE = 0.6
# Cost of agreeing only once OCR-confusable letters are merged (see normalize).
SKELETON_PENALTY = 5.0
# Shortlist: candidates below this skeleton similarity are not scored in full.
SHORTLIST_CUTOFF = 50


@dataclass(frozen=True)
class Candidate:
    id: Optional[str]      # None: not a registry unit (another province, a non-unit label)
    name: str              # official name
    score: float           # 0-100, after cue penalties
    passed: bool = False   # True only for the first candidate, when it clears the thresholds
    margin: float = 0.0    # lead over the runner-up (first candidate only)
    alias: str = ""        # the spelling that scored best
    marked_score: Optional[float] = None  # score on the marked (diacritic) forms, when both had marks
    valid: bool = True     # valid at the report's date
    reason: str = ""       # why the first candidate did not pass
    unit: Optional[Unit] = None

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


def _unit_cue(unit: Unit) -> Optional[str]:
    if unit.kind in DEPARTMENT_KINDS:
        return "department"
    if unit.kind in DISTRICT_KINDS:
        return unit.kind
    if unit.level == "commune":
        return "commune"
    return None


def _cue_penalty(query: Optional[str], unit: Optional[str]) -> float:
    """Points lost when the label's own cue contradicts the unit's kind."""
    if query is None or query == unit:
        return 0.0
    if query in DISTRICT_KINDS and unit in DISTRICT_KINDS:
        return 6.0  # "huyện" written for a town: a slip, not a different unit
    return 20.0


@lru_cache(maxsize=None)
def _index(include_communes: bool) -> tuple[_Entry, ...]:
    entries = []
    for unit in units(include_communes) + outside_units():
        for alias in dict.fromkeys((unit.name,) + unit.aliases):
            norm = normalize(alias)
            if norm.key:
                entries.append(_Entry(unit, alias, norm, norm.key, norm.skeleton, norm.merged_skeleton,
                                      _unit_cue(unit)))
    return tuple(entries)


@lru_cache(maxsize=None)
def _other_provinces() -> tuple[str, ...]:
    names = {fold(u.province) for u in outside_units() if u.kind == "province"}
    names |= {fold(a)[len("tinh "):] for u in units() if u.kind == "province" and u.id != "dl.tinh"
              for a in u.aliases if fold(a).startswith("tinh ")}
    return tuple(sorted(names, key=len, reverse=True))


def _names_other_province(name: str, q: NormalName) -> bool:
    """"Sở Y tế tỉnh Gia Lai", "… tỉnh Hà Tĩnh": a unit of another province, whatever it resembles.
    Read on the whole label (normalising drops a trailing "tỉnh", and "Tĩnh" folds alike);
    the province itself ("UBND tỉnh Phú Yên", core "tinh phu yen") is not a unit *of* it."""
    text = " " + " ".join(w for w in re.split(r"[^\w]+", fold(name)) if w)
    return not q.core.startswith("tinh ") and any(text.endswith(f" tinh {p}") for p in _other_provinces())


def _similarity(query: str, target: str) -> float:
    """Folded-core similarity, forgiving a lost tail (a wrapped line not joined)."""
    score = fuzz.ratio(query, target)
    n, m = len(query), len(target)
    if MIN_TRUNCATED <= n < m and n >= MIN_COVERAGE * m:
        score = max(score, fuzz.ratio(query, target[:n]) * (0.9 + 0.1 * n / m))
    return score


def _score(q: NormalName, qs: tuple[str, str, str], entry: _Entry) -> tuple[float, Optional[float]]:
    key, skeleton, merged = qs
    base = max(_similarity(key, entry.key),
               _similarity(skeleton, entry.skeleton) - SKELETON_PENALTY,
               _similarity(merged, entry.merged) - SKELETON_PENALTY)
    base -= _cue_penalty(q.cue, entry.cue)
    marked = None
    if q.marked_key and entry.norm.marked_key and q.marked_key != key:
        marked = _similarity(q.marked_key, entry.norm.marked_key)
    return base, marked


def match_name(name: str, date: DateLike = None, settings: Optional[Settings] = None,
               include_communes: bool = False, limit: int = 5) -> list[Candidate]:
    """Candidates for a unit name, best first; only the first can have ``passed``.

    ``date`` (report date, '2024-01-15', '01/2024', '2024' …) restricts the
    units that can pass to those valid then; the others still compete, so a
    unit of another date is never stretched to a look-alike of this one.
    Communes are matched only when asked for.
    """
    settings = settings or Settings()
    q = normalize(name)
    if not q.key:
        return []
    start, end = date_window(date)
    entries = _index(include_communes)
    qs = (q.key, q.skeleton, q.merged_skeleton)
    shortlist = {i for query, field in ((qs[1], "skeleton"), (qs[2], "merged"))
                 for _, _, i in process.extract(query, _column(include_communes, field), scorer=fuzz.ratio,
                                                limit=None, score_cutoff=SHORTLIST_CUTOFF)}
    best: dict[str, Candidate] = {}
    for i in sorted(shortlist):
        entry = entries[i]
        score, marked = _score(q, qs, entry)
        key = entry.unit.id or entry.unit.name
        held = best.get(key)
        if held is None or (score, marked or 0) > (held.score, held.marked_score or 0):
            best[key] = Candidate(id=entry.unit.id, name=entry.unit.name, score=round(score, 2),
                                  alias=entry.alias, marked_score=None if marked is None else round(marked, 2),
                                  valid=entry.unit.valid_during(start, end), unit=entry.unit)
    # Equal scores: a unit valid at the date before one that is not (a commune renamed
    # in 2025 keeps its name), then the one whose marks agree better.
    ranked = sorted(best.values(), key=lambda c: (c.score, c.valid, c.marked_score or 0), reverse=True)
    if not ranked:
        return []
    return [_decide(ranked, q, name, settings)] + ranked[1:limit]


@lru_cache(maxsize=None)
def _column(include_communes: bool, field: str) -> list[str]:
    return [getattr(e, field) for e in _index(include_communes)]


def _decide(ranked: list[Candidate], q: NormalName, name: str, settings: Settings) -> Candidate:
    top = ranked[0]
    # The same unit before or after a reorganisation is not a rival reading of the label.
    lineage = set(top.unit.predecessors + top.unit.successors) if top.unit else set()
    runner = next((c for c in ranked[1:] if c.id is None or (c.id not in lineage and top.id not in
                                                              c.unit.predecessors + c.unit.successors)), None)
    margin = round(top.score - (runner.score if runner else 0.0), 2)
    if not top.in_registry:
        return replace(top, margin=margin, reason="closest to a name that is not a unit of the registry")
    if not top.valid:
        return replace(top, margin=margin, reason="unit not valid at the report's date")
    if _names_other_province(name, q):
        return replace(top, margin=margin, reason="the label names another province")
    if q.cue == "other":
        return replace(top, margin=margin, reason="the label names another kind of body (ministry, agency …)")
    passed = top.score >= settings.unit_min_score and margin >= settings.unit_min_margin
    if not passed and top.score >= settings.unit_min_score and runner is not None:
        # Folded forms too close: the diacritics the writer kept may still decide.
        passed = (top.marked_score is not None and runner.marked_score is not None
                  and top.marked_score >= settings.unit_min_score
                  and top.marked_score - runner.marked_score >= settings.unit_min_margin)
    if not passed and _cue_penalty(q.cue, _unit_cue(top.unit)) == 0:
        # A wide lead stands in for a high score, unless the label's own cue disagrees.
        passed = top.score >= settings.unit_lead_score and margin >= settings.unit_lead_margin
    reason = "" if passed else ("score below threshold" if top.score < settings.unit_min_score
                                else "too close to the runner-up")
    return replace(top, passed=passed, margin=margin, reason=reason)


def best_match(name: str, date: DateLike = None, settings: Optional[Settings] = None) -> Optional[Candidate]:
    """The passing candidate, or None (no match: the row goes to review)."""
    found = match_name(name, date, settings)
    return found[0] if found and found[0].passed else None


def match_many(names: Iterable[str], date: DateLike = None,
               settings: Optional[Settings] = None) -> list[Optional[Candidate]]:
    return [best_match(n, date, settings) for n in names]
