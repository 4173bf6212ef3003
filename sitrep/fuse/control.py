"""Territorial control: per settlement, who holds it from which day, on what evidence.

Only events placed *in* a settlement (geo_precision 1) that happened (occurred or claimed) count.
A territorial sub-event moves the place to actor1; a strike on a group inside it shows that group is
there; a clash inside it, or two holders within a few days, makes it contested.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sitrep.fuse.merge import TERRITORY
from sitrep.model import HAPPENED, Event

# Strikes on a group located inside the town show that group is present there.
PRESENCE = ("Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED")
CLASH = "Armed clash"
# Evidence for another holder within this many days of the last evidence makes the place contested.
CONTEST_DAYS = 3
CIVILIAN_INTER = 7
CONFIDENCE = {"capture": 0.9, "presence": 0.5}


@dataclass
class Signal:
    """One piece of evidence about a place: a capture, a presence or a clash, on a day."""

    day: date
    kind: str  # capture, presence, clash
    actor: str | None
    others: tuple[str, ...]
    event_id: str
    claimed: bool = False
    disputed: bool = False


@dataclass
class ControlSpan:
    """One stretch of a settlement's timeline: holder from `since` until `until` (exclusive, None = open)."""

    geonameid: int
    place: str | None
    holder: str | None
    since: date
    until: date | None
    evidence: list[str] = field(default_factory=list)
    confidence: float = 0.0
    contested: bool = False
    latitude: float | None = None
    longitude: float | None = None
    admin1: str | None = None
    country: str | None = None


# What `control_as_of` and `history` return: one span of a settlement's timeline.
ControlRow = ControlSpan


def signal_of(event: Event) -> Signal | None:
    """What an event says about who holds its settlement, or None when it says nothing."""
    if event.geonameid is None or event.geo_precision != 1 or event.event_date is None:
        return None
    if event.status not in HAPPENED:
        return None
    tags = event.tags or ""
    common = dict(
        day=event.event_date,
        event_id=event.event_id or "",
        claimed=event.status == "claimed",
        disputed="disputed" in tags,
    )
    if event.sub_event_type in TERRITORY and event.actor1:
        return Signal(kind="capture", actor=event.actor1, others=(), **common)
    if event.sub_event_type in PRESENCE and event.actor2 and event.inter2 != CIVILIAN_INTER:
        return Signal(kind="presence", actor=event.actor2, others=(), **common)
    if event.sub_event_type == CLASH and event.actor1 and event.actor2:
        return Signal(kind="clash", actor=None, others=(event.actor1, event.actor2), **common)
    return None


_KIND_ORDER = {"presence": 0, "clash": 1, "capture": 2}


def timeline(events: Iterable[Event]) -> list[ControlSpan]:
    """The control timeline of each settlement the events are in, spans in date order per place."""
    by_place: dict[int, list[tuple[Event, Signal]]] = {}
    for event in events:
        signal = signal_of(event)
        if signal is not None:
            assert event.geonameid is not None
            by_place.setdefault(event.geonameid, []).append((event, signal))
    spans: list[ControlSpan] = []
    for geonameid in sorted(by_place):
        items = by_place[geonameid]
        spans.extend(place_timeline(geonameid, items))
    return spans


def place_timeline(geonameid: int, items: Sequence[tuple[Event, Signal]]) -> list[ControlSpan]:
    """One settlement's spans from its events and their signals (ordered by day, then captures last)."""
    items = sorted(items, key=lambda x: (x[1].day, _KIND_ORDER[x[1].kind], x[1].event_id))
    place = items[0][0]
    spans: list[ControlSpan] = []
    current: ControlSpan | None = None
    last_day: date | None = None

    def start(holder: str | None, day: date, evidence: list[str], confidence: float, contested: bool) -> None:
        nonlocal current
        if current is not None:
            if current.since == day:
                # Same-day evidence refines the span instead of leaving a zero-length one behind.
                current.holder, current.contested = holder, contested
                current.evidence += [e for e in evidence if e not in current.evidence]
                current.confidence = confidence
                return
            current.until = day
        current = ControlSpan(
            geonameid=geonameid,
            place=place.location,
            holder=holder,
            since=day,
            until=None,
            evidence=list(evidence),
            confidence=confidence,
            contested=contested,
            latitude=place.latitude,
            longitude=place.longitude,
            admin1=place.admin1,
            country=place.country,
        )
        spans.append(current)

    for _event, signal in items:
        recent = last_day is not None and signal.day - last_day <= timedelta(days=CONTEST_DAYS)
        weight = (
            CONFIDENCE.get(signal.kind, 0.5)
            * (0.8 if signal.claimed else 1.0)
            * (0.6 if signal.disputed else 1.0)
        )
        if signal.kind == "clash":
            holder = current.holder if current else None
            start(holder, signal.day, [signal.event_id], min(weight, 0.5), True)
        elif current is None or current.holder is None and not current.contested:
            start(signal.actor, signal.day, [signal.event_id], weight, False)
        elif signal.actor == current.holder:
            if signal.kind == "capture" and current.contested:
                start(signal.actor, signal.day, [signal.event_id], weight, False)
            else:
                current.evidence.append(signal.event_id)
                current.confidence = min(0.95, max(current.confidence, weight) + 0.05)
        elif signal.kind == "capture":
            # A capture by another side moves the place; hard on the heels of other evidence it is contested.
            start(signal.actor, signal.day, [signal.event_id], weight * (0.7 if recent else 1.0), recent)
        elif recent:
            start(current.holder, signal.day, [signal.event_id], min(current.confidence, 0.4), True)
        else:
            start(signal.actor, signal.day, [signal.event_id], weight * 0.8, False)
        last_day = signal.day
    return spans


def at(spans: Iterable[ControlSpan], day: date) -> list[ControlSpan]:
    """The spans in force on `day` (since <= day < until)."""
    return [s for s in spans if s.since <= day and (s.until is None or day < s.until)]
