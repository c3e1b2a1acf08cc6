"""The canonical unit registry of Đắk Lắk, read from ``dvc_extract/data/units/``.

``agencies.json`` (province, departments, boards) and ``districts.json`` are
the units rows are matched to; ``communes.json`` is a hook (matched only when
asked for); ``outside.json`` holds names of units elsewhere, which compete in
matching so that a look-alike from another province is never taken for ours.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Optional, Union

from ..resources import data_path

LEVELS = ("province", "district", "commune")
DateLike = Union[str, date, None]


@dataclass(frozen=True)
class Unit:
    id: Optional[str]  # None for a unit outside the registry (outside.json)
    name: str
    kind: str
    level: str
    aliases: tuple[str, ...] = ()
    valid_from: Optional[date] = None
    valid_to: Optional[date] = None
    predecessors: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    province: str = "Đắk Lắk"
    events: tuple = field(default=(), compare=False)

    @property
    def in_registry(self) -> bool:
        return self.id is not None

    def valid_during(self, start: Optional[date], end: Optional[date]) -> bool:
        """True if the unit existed on any day of [start, end] (open ends allowed)."""
        if end is not None and self.valid_from is not None and self.valid_from > end:
            return False
        if start is not None and self.valid_to is not None and self.valid_to < start:
            return False
        return True


def _iso(value: Optional[str]) -> Optional[date]:
    return date.fromisoformat(value) if value else None


def date_window(when: DateLike) -> tuple[Optional[date], Optional[date]]:
    """A report date as a window: '2024-01-15', '15/01/2024', '01/2024', '2024' or a date."""
    if when is None or when == "":
        return None, None
    if isinstance(when, date):
        return when, when
    s = str(when).strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s) or None
    if m:
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", s)
    if m:
        d = date(int(m[3]), int(m[2]), int(m[1]))
        return d, d
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{4})|(\d{4})-(\d{1,2})", s)
    if m:
        year, month = (int(m[2]), int(m[1])) if m[1] else (int(m[3]), int(m[4]))
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return date(year, month, 1), date.fromordinal(nxt.toordinal() - 1)
    m = re.fullmatch(r"(\d{4})", s)
    if m:
        return date(int(s), 1, 1), date(int(s), 12, 31)
    raise ValueError(f"unreadable report date: {when!r}")


def _unit(d: dict, **extra) -> Unit:
    return Unit(
        id=d["id"], name=d["name"], kind=d["kind"], level=d["level"],
        aliases=tuple(d.get("aliases", ())),
        valid_from=_iso(d.get("valid_from")), valid_to=_iso(d.get("valid_to")),
        predecessors=tuple(d.get("predecessors", ())), successors=tuple(d.get("successors", ())),
        events=tuple(json.dumps(e, ensure_ascii=False) for e in d.get("events", ())), **extra)


def _load(name: str) -> dict:
    return json.loads(data_path("units", name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def units(include_communes: bool = False) -> tuple[Unit, ...]:
    """Every unit of the registry (communes only when asked for)."""
    out = [_unit(d) for d in _load("agencies.json")["units"]]
    out += [_unit(d) for d in _load("districts.json")["units"]]
    if include_communes:
        communes = _load("communes.json")
        out += [_unit({**d, "aliases": [d["short"]]}) for d in communes["legacy"] + communes["current"]]
    return tuple(out)


@lru_cache(maxsize=None)
def outside_units() -> tuple[Unit, ...]:
    """Units of other provinces and row labels that are not units: competitors only."""
    return tuple(
        Unit(id=None, name=f"{d['name']} ({d['province']})", kind=d["kind"],
             level="province" if d["kind"] == "province" else "district",
             aliases=(d["name"],), province=d["province"])
        for d in _load("outside.json")["names"]) + tuple(
        Unit(id=None, name=label, kind="label", level="label", aliases=(label,), province="")
        for label in _load("labels.json")["labels"])


def get(unit_id: str) -> Unit:
    for u in units(include_communes=True):
        if u.id == unit_id:
            return u
    raise KeyError(unit_id)


def communes_of(district_id: str) -> list[Unit]:
    """Hook: the communes a district held before 1/7/2025."""
    data = _load("communes.json")["legacy"]
    return [_unit({**d, "aliases": [d["short"]]}) for d in data if d["district"] == district_id]
