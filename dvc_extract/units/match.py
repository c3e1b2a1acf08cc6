"""A row label matched to the registry: best candidate, its score and its margin.

Every registry spelling (official name and aliases) and every name of a unit
elsewhere (outside.json) is normalised once (see :mod:`.normalize`). A label is
scored against those valid at the report's date with rapidfuzz on the
diacritic-folded, space-free core, allowing for a lost wrapped line
(truncation), less a penalty when the writer's cue ("Sở", "huyện", "thị xã"...)
contradicts the unit's kind. A match *passes* only when

* the best candidate is a registry unit (not a look-alike from elsewhere),
* its score reaches ``unit_min_score`` and
* it leads the runner-up (the best other unit) by ``unit_min_margin``; when the
  folded cores tie, diacritics, where the label has them, may break the tie.

Anything else is no match: the row keeps ``unit=None`` and goes to review.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from rapidfuzz import fuzz, process

from ..settings import Settings
from .normalize import NormalName, normalize
from .registry import DateLike, Unit, date_window, outside_units, units

DEPARTMENT_KINDS = {"department"}
DISTRICT_KINDS = {"city", "town", "rural-district"}
# Shortest core (characters, no spaces) for which a lost tail is forgiven.
MIN_TRUNCATED = 8
# A truncated label must still hold this share of the name.
MIN_COVERAGE = 0.6
# Cost of agreeing only once OCR-confusable letters are merged (see normalize).
SKELETON_PENALTY = 5.0


@dataclass(frozen=True)
class Candidate:
    id: Optional[str]      # None: a unit outside the registry (another province)
    name: str              # official name
    score: float           # 0-100, after cue penalties
    passed: bool = False   # True only for the first candidate, when it clears both thresholds
    margin: float = 0.0    # lead over the runner-up (first candidate only)
    alias: str = ""        # the registry spelling that scored best
    marked_score: Optional[float] = None  # score on the marked (diacritic) forms, when both had marks
    unit: Optional[Unit] = None

    @property
    def in_registry(self) -> bool:
        return self.id is not None


@dataclass(frozen=True)
class _Entry:
    unit: Unit
    alias: str
    norm: NormalName


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
                entries.append(_Entry(unit, alias, norm))
    return tuple(entries)


def _similarity(query: str, target: str) -> float:
    """Folded-core similarity, forgiving a lost tail (a wrapped line not joined)."""
    score = fuzz.ratio(query, target)
    n, m = len(query), len(target)
    if MIN_TRUNCATED <= n < m and n >= MIN_COVERAGE * m:
        score = max(score, fuzz.ratio(query, target[:n]) * (0.9 + 0.1 * n / m))
    return score


def _score(q: NormalName, entry: _Entry) -> tuple[float, Optional[float]]:
    base = max(_similarity(q.key, entry.norm.key),
               _similarity(q.skeleton, entry.norm.skeleton) - SKELETON_PENALTY,
               _similarity(q.merged_skeleton, entry.norm.merged_skeleton) - SKELETON_PENALTY)
    base -= _cue_penalty(q.cue, _unit_cue(entry.unit))
    marked = None
    if q.marked_key and entry.norm.marked_key and q.marked_key != q.key:
        marked = _similarity(q.marked_key, entry.norm.marked_key)
    return base, marked


def match_name(name: str, date: DateLike = None, settings: Optional[Settings] = None,
               include_communes: bool = False, limit: int = 5) -> list[Candidate]:
    """Candidates for a unit name, best first; only the first can have ``passed``.

    ``date`` (report date, '2024-01-15', '01/2024', '2024' …) restricts the
    registry to units valid then. Communes are matched only when asked for.
    """
    settings = settings or Settings()
    q = normalize(name)
    if not q.key:
        return []
    start, end = date_window(date)
    entries = [e for e in _index(include_communes) if e.unit.valid_during(start, end)]
    # Shortlist with rapidfuzz in C, then score the few survivors in full.
    shortlist = {i for query, attr in ((q.skeleton, "skeleton"), (q.merged_skeleton, "merged_skeleton"))
                 for _, _, i in process.extract(query, [getattr(e.norm, attr) for e in entries],
                                                scorer=fuzz.ratio, limit=None, score_cutoff=40)}
    best: dict[str, Candidate] = {}
    for i in sorted(shortlist):
        entry = entries[i]
        score, marked = _score(q, entry)
        key = entry.unit.id or entry.unit.name
        held = best.get(key)
        if held is None or (score, marked or 0) > (held.score, held.marked_score or 0):
            best[key] = Candidate(id=entry.unit.id, name=entry.unit.name, score=round(score, 2),
                                  alias=entry.alias, marked_score=None if marked is None else round(marked, 2),
                                  unit=entry.unit)
    ranked = sorted(best.values(), key=lambda c: (c.score, c.marked_score or 0), reverse=True)
    if not ranked:
        return []
    return [_decide(ranked, settings)] + ranked[1:limit]


def _decide(ranked: list[Candidate], settings: Settings) -> Candidate:
    top = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else None
    margin = top.score - (runner.score if runner else 0.0)
    passed = top.in_registry and top.score >= settings.unit_min_score
    if passed and margin < settings.unit_min_margin:
        # Folded forms too close: the diacritics the writer kept may still decide.
        passed = (runner is not None and top.marked_score is not None
                  and runner.marked_score is not None
                  and top.marked_score >= settings.unit_min_score
                  and top.marked_score - runner.marked_score >= settings.unit_min_margin)
    return Candidate(**{**top.__dict__, "passed": passed, "margin": round(margin, 2)})


def best_match(name: str, date: DateLike = None, settings: Optional[Settings] = None) -> Optional[Candidate]:
    """The passing candidate, or None (no match: the row goes to review)."""
    found = match_name(name, date, settings)
    return found[0] if found and found[0].passed else None


def match_many(names: Iterable[str], date: DateLike = None,
               settings: Optional[Settings] = None) -> list[Optional[Candidate]]:
    return [best_match(n, date, settings) for n in names]
