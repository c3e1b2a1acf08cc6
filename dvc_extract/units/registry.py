"""The canonical unit registry of the whole country, read from ``dvc_extract/data/units/``.

``provinces.json``, ``districts.json`` and ``communes.json`` (generated from the
`vietnamadminunits` package by ``scripts/build_unit_registry``) hold the
administrative units before and after 1/7/2025 with the links between them;
``agencies.json`` the provincial bodies (sở, ban, văn phòng, thanh tra …): one
standard set instantiated for every province, and the lists of provinces whose
bodies are recorded one by one (Đắk Lắk). ``labels.json`` holds row labels that
are not units; they compete in matching and never match.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Optional, Union

from ..resources import data_path

LEVELS = ("province", "district", "commune")
DateLike = Union[str, date, None]


@dataclass(frozen=True)
class Unit:
    id: Optional[str]  # None for a non-unit label (labels.json)
    name: str
    kind: str
    level: str
    aliases: tuple[str, ...] = ()
    valid_from: Optional[date] = None
    valid_to: Optional[date] = None
    predecessors: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    province: Optional[str] = None  # id of the province-level unit it belongs to (its own for a province)
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
        province=d.get("province"),
        events=tuple(json.dumps(e, ensure_ascii=False) for e in d.get("events", ())), **extra)


def _load(name: str) -> dict:
    return json.loads(data_path("units", name).read_text(encoding="utf-8"))


def _prefix(province_id: str) -> str:
    return province_id.rsplit(".", 1)[0]


def _bodies(province: dict, data: dict, provinces: dict[str, dict]) -> list[dict]:
    """The province's bodies: its own list if recorded one by one, else the standard set
    named for it, cut to the province's own life; a body of a province that ends goes
    into the same body of the province that took it over."""
    pid, pre = province["id"], _prefix(province["id"])
    specific = data["specific"].get(province["short"])
    if specific is not None:
        return [{**b, "province": pid, "level": "province"} for b in specific]
    out = []
    end = province.get("valid_to")
    for t in data["template"]:
        word = province["level_word"]
        valid_from = max(filter(None, (t.get("valid_from"), province.get("valid_from"))), default=None)
        valid_to = min(filter(None, (t.get("valid_to"), end)), default=None)
        if valid_from and valid_to and valid_from > valid_to:
            continue
        successors = [f"{pre}.{k}" for k in t.get("successors", ())] if t.get("valid_to") else []
        if not successors and end and valid_to == end:
            successors = [f"{_prefix(s)}.{t['key']}" for s in province.get("successors", ())]
        out.append({
            "id": f"{pre}.{t['key']}", "name": t["name"].format(level=word), "kind": t["kind"], "level": "province",
            "aliases": [a.format(level=word) for a in t.get("aliases", ())], "province": pid,
            "valid_from": valid_from, "valid_to": valid_to,
            "predecessors": [f"{pre}.{k}" for k in t.get("predecessors", ())], "successors": successors,
            "events": [{**e, "units": [f"{pre}.{k}" for k in e["units"]]} for e in t.get("events", ())]})
    return out


def _tie_lineage(bodies: list[dict]) -> None:
    """Successors that do not exist (a body absent from the next province's list) are
    dropped; one that had already ended is followed to its own successor; the body taking
    another over records it in ``events`` (or ``predecessors`` when it is new)."""
    by_id = {b["id"]: b for b in bodies}
    for b in bodies:
        if not b.get("successors") or b.get("valid_to") is None:
            continue
        after = date.fromisoformat(b["valid_to"]) + timedelta(days=1)
        found = []
        for s in b["successors"]:
            seen = set()
            while s in by_id and s not in seen and by_id[s].get("valid_to") and \
                    date.fromisoformat(by_id[s]["valid_to"]) < after:
                seen.add(s)
                s = next(iter(by_id[s].get("successors", ())), None)
            if s in by_id:
                found.append(s)
        b["successors"] = found
        for s in found:
            succ = by_id[s]
            if succ.get("valid_from") and date.fromisoformat(succ["valid_from"]) >= after:
                if b["id"] not in succ.setdefault("predecessors", []):
                    succ["predecessors"].append(b["id"])
            elif not any(b["id"] in e.get("units", ()) for e in succ.get("events", ())):
                succ.setdefault("events", []).append({"date": after.isoformat(), "type": "absorbed",
                                                      "units": [b["id"]]})


@lru_cache(maxsize=None)
def units() -> tuple[Unit, ...]:
    """Every unit of the registry: provinces, their bodies, districts, communes."""
    provinces = {p["id"]: p for p in _load("provinces.json")["units"]}
    agencies = _load("agencies.json")
    unknown = set(agencies["specific"]) - {p["short"] for p in provinces.values()}
    if unknown:
        raise ValueError(f"agencies.json lists bodies of unknown provinces: {sorted(unknown)}")
    bodies = [b for p in provinces.values() for b in _bodies(p, agencies, provinces)]
    _tie_lineage(bodies)
    out = [_unit({**p, "province": p["id"]}) for p in provinces.values()]
    out += [_unit(b) for b in bodies]
    districts = _load("districts.json")
    out += [_unit(d) for d in districts["units"]]
    communes = _load("communes.json")
    out += [_unit({**c, "level": "commune", "aliases": [c["short"]], "valid_to": communes["legacy_valid_to"]})
            for c in communes["legacy"]]
    out += [_unit({**c, "level": "commune", "aliases": [c["short"]], "valid_from": communes["current_valid_from"]})
            for c in communes["current"]]
    return tuple(out)


@lru_cache(maxsize=None)
def labels() -> tuple[Unit, ...]:
    """Row labels that are not units ("Tổng cộng", "Cấp huyện" …): competitors only."""
    return tuple(Unit(id=None, name=label, kind="label", level="label", aliases=(label,))
                 for label in _load("labels.json")["labels"])


@lru_cache(maxsize=None)
def _by_id() -> dict[str, Unit]:
    return {u.id: u for u in units()}


def get(unit_id: str) -> Unit:
    return _by_id()[unit_id]


@lru_cache(maxsize=None)
def provinces() -> tuple[Unit, ...]:
    return tuple(u for u in units() if u.level == "province" and u.kind == "province")


def short_name(province: Unit) -> str:
    """"Lâm Đồng" of "Ủy ban nhân dân tỉnh Lâm Đồng"."""
    return re.sub(r"^Ủy ban nhân dân (tỉnh|thành phố) ", "", province.name)


def successor(unit_id: str) -> Optional[Unit]:
    """The unit that took this one over (Sở Tài nguyên và Môi trường -> Sở Nông nghiệp và Môi
    trường, tỉnh Bình Thuận -> tỉnh Lâm Đồng, a commune -> the commune it was merged into),
    followed to the end; None when the unit goes on, or went into several (a commune
    divided) or into none (a district)."""
    unit, seen = get(unit_id), {unit_id}
    while len(unit.successors) == 1 and unit.successors[0] not in seen:
        unit = get(unit.successors[0])
        seen.add(unit.id)
    return unit if unit.id != unit_id and not unit.successors else None


def communes_of(district_id: str) -> list[Unit]:
    """The communes a district held before 1/7/2025."""
    data = _load("communes.json")["legacy"]
    ids = {c["id"] for c in data if c["district"] == district_id}
    return [u for u in units() if u.id in ids]


def territory(province_id: str, start: Optional[date]) -> frozenset[str]:
    """The provinces whose units a report of this province, dated from ``start``, speaks
    of as its own: the province and those it had absorbed by then (the province alone
    when the date is unknown). A 2024 report of Lâm Đồng is not one of Bình Thuận; a
    2025-11 one covers both."""
    province = get(province_id)
    out = {province_id}
    if start is None:
        return frozenset(out)  # before or after a merger, unknown: the province alone
    for event in province.events:
        e = json.loads(event)
        if e.get("type") == "absorbed" and date.fromisoformat(e["date"]) <= start:
            out |= set(e["units"])
    if province.valid_from is not None and province.valid_from <= start:
        out |= set(province.predecessors)
    return frozenset(out)
