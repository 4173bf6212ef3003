"""Control timelines on hand-made events: captures, presence, clashes, precision and status."""

from __future__ import annotations

from datetime import date

from sitrep.fuse.control import at, timeline
from sitrep.model import Event

SAA = "Military Forces of Syria (2000-)"
IS = "Islamic State (Syria)"
RUSSIA = "Military Forces of Russia (2000-)"


def event(
    event_id: str, day: int, sub_event_type: str, actor1: str, actor2: str | None = None, **changes
) -> Event:
    fields = dict(
        event_id=event_id,
        event_date=date(2017, 5, day),
        sub_event_type=sub_event_type,
        actor1=actor1,
        actor2=actor2,
        location="Maskanah",
        latitude=35.9658,
        longitude=38.0416,
        admin1="Aleppo",
        geo_precision=1,
        geonameid=167080,
    )
    fields.update(changes)
    return Event(**fields)


def spans_of(*events: Event) -> list[tuple]:
    return [(s.holder, s.since, s.until, s.contested, s.evidence) for s in timeline(events)]


def test_a_capture_moves_the_town_to_actor1():
    assert spans_of(event("E1", 10, "Government regains territory", SAA, IS)) == [
        (SAA, date(2017, 5, 10), None, False, ["E1"])
    ]


def test_a_capture_of_the_outskirts_or_a_plan_does_not_move_the_town():
    assert spans_of(event("E1", 10, "Government regains territory", SAA, IS, geo_precision=2)) == []
    assert spans_of(event("E1", 10, "Government regains territory", SAA, IS, status="planned")) == []
    assert spans_of(event("E1", 10, "Government regains territory", SAA, IS, status="denied")) == []


def test_a_strike_inside_the_town_shows_its_target_is_there():
    [span] = timeline([event("E1", 10, "Air/drone strike", RUSSIA, IS)])
    assert (span.holder, span.confidence, span.contested) == (IS, 0.5, False)
    # Strikes on civilians say nothing about who holds the town.
    assert timeline([event("E2", 10, "Air/drone strike", RUSSIA, "Civilians (Syria)", inter2=7)]) == []


def test_a_transfer_gives_the_place_to_the_receiving_side_and_later_evidence_builds_confidence():
    spans = timeline(
        [
            event("E1", 10, "Air/drone strike", RUSSIA, IS),
            event("E2", 20, "Non-violent transfer of territory", SAA, IS),
            event("E3", 21, "Shelling/artillery/missile attack", IS, SAA),
        ]
    )
    assert [(s.holder, s.since, s.until) for s in spans] == [
        (IS, date(2017, 5, 10), date(2017, 5, 20)),
        (SAA, date(2017, 5, 20), None),
    ]
    assert spans[1].evidence == ["E2", "E3"]
    assert spans[1].confidence > 0.9


def test_conflicting_evidence_within_days_or_a_clash_inside_makes_it_contested():
    spans = timeline(
        [
            event("E1", 10, "Government regains territory", SAA, IS),
            event("E2", 12, "Non-state actor overtakes territory", IS, SAA),
        ]
    )
    assert [(s.holder, s.contested) for s in spans] == [(SAA, False), (IS, True)]
    spans = timeline(
        [event("E1", 10, "Government regains territory", SAA, IS), event("E2", 25, "Armed clash", IS, SAA)]
    )
    assert [(s.holder, s.since, s.contested) for s in spans] == [
        (SAA, date(2017, 5, 10), False),
        (SAA, date(2017, 5, 25), True),
    ]
    # A capture after the clash settles it again.
    spans = timeline(
        [
            event("E1", 10, "Government regains territory", SAA, IS),
            event("E2", 25, "Armed clash", IS, SAA),
            event("E3", 27, "Government regains territory", SAA, IS),
        ]
    )
    assert [(s.holder, s.contested) for s in spans] == [(SAA, False), (SAA, True), (SAA, False)]


def test_at_picks_the_span_in_force():
    spans = timeline(
        [
            event("E1", 10, "Government regains territory", SAA, IS),
            event("E2", 20, "Non-state actor overtakes territory", IS, SAA),
        ]
    )
    assert at(spans, date(2017, 5, 9)) == []
    assert [s.holder for s in at(spans, date(2017, 5, 19))] == [SAA]
    assert [s.holder for s in at(spans, date(2017, 5, 20))] == [IS]
