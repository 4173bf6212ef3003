"""Fusion rules on hand-made events: windows, distances, families, actors, and the fused record."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

from sitrep.fuse.merge import (
    Fuser,
    Report,
    SourceRef,
    actors_match,
    combine,
    combine_scales,
    family,
    matches,
)
from sitrep.model import Event, Evidence, Quantity

SAA = "Military Forces of Syria (2000-)"
IS = "Islamic State (Syria)"


def capture(**changes) -> Event:
    fields = dict(
        event_id="A1",
        document_id="docA",
        event_date=date(2017, 5, 28),
        time_precision=1,
        event_type="Battles",
        sub_event_type="Government regains territory",
        actor1=SAA,
        actor2=IS,
        admin1="Aleppo",
        location="Ras al-Ain al-Ahmar",
        latitude=36.0216,
        longitude=37.9875,
        geo_precision=1,
        geonameid=165507,
        fatalities=0,
    )
    fields.update(changes)
    return Event(**fields)


def other(**changes) -> Event:
    return capture(event_id="B1", document_id="docB", **changes)


def test_families_put_territory_sub_types_together():
    assert family("Battles", "Government regains territory") == "territory"
    assert family("Strategic developments", "Non-violent transfer of territory") == "territory"
    assert family("Battles", "Armed clash") == "Battles"
    assert family("Explosions/Remote violence", "Air/drone strike") == "Explosions/Remote violence"


def test_actor_pairs_are_unordered_and_may_lack_one_side():
    assert actors_match(frozenset({SAA, IS}), frozenset({IS, SAA}))
    assert actors_match(frozenset({SAA}), frozenset({IS, SAA}))
    assert not actors_match(frozenset({SAA, "Opposition Rebels (Syria)"}), frozenset({IS, SAA}))
    assert not actors_match(frozenset({"Opposition Rebels (Syria)"}), frozenset({IS, SAA}))


def test_same_place_and_day_from_two_documents_match_but_not_within_one():
    assert matches(Report.of(capture()), Report.of(other(actor1=IS, actor2=SAA)))
    assert not matches(Report.of(capture()), Report.of(capture(event_id="A2")))


def test_the_time_window_follows_time_precision():
    assert matches(Report.of(capture()), Report.of(other(event_date=date(2017, 5, 29))))
    assert not matches(Report.of(capture()), Report.of(other(event_date=date(2017, 5, 30))))
    # A week-like date may be three days off.
    assert matches(Report.of(capture()), Report.of(other(event_date=date(2017, 5, 31), time_precision=2)))
    assert not matches(Report.of(capture()), Report.of(other(event_date=date(2017, 6, 4), time_precision=2)))


def test_distance_follows_geo_precision_and_villages_named_at_precision_1_must_be_the_same():
    strike = dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", geonameid=None)
    a = capture(**strike)
    # About 8 km north: close enough at precision 1; about 20 km only at precision 2.
    assert matches(Report.of(a), Report.of(other(**strike, latitude=36.094)))
    assert not matches(Report.of(a), Report.of(other(**strike, latitude=36.2)))
    assert matches(Report.of(a), Report.of(other(**strike, latitude=36.2, geo_precision=2)))
    # Two captures of differently named villages 3 km apart are two events.
    assert not matches(Report.of(capture()), Report.of(other(geonameid=170785, latitude=36.05)))


def test_vague_reports_fuse_only_with_vague_reports_of_the_same_province():
    vague = dict(geo_precision=3, geonameid=None, location="Aleppo", latitude=36.2, longitude=37.1)
    a, b = (
        Report.of(capture(**vague)),
        Report.of(other(**vague, event_date=date(2017, 5, 20), time_precision=3)),
    )
    assert matches(a, b)
    assert not matches(a, Report.of(other(**{**vague, "admin1": "Hama"})))
    assert not matches(a, Report.of(other()))


def test_plans_never_fuse_with_what_happened_but_denials_do():
    assert not matches(Report.of(capture()), Report.of(other(status="planned")))
    assert matches(Report.of(capture()), Report.of(other(status="denied")))


def test_combine_keeps_every_source_the_lowest_toll_and_flags_a_denial():
    a = capture(
        fatalities=12,
        claims={"killed": Quantity(12, None, "Syrian MoD")},
        evidence=[Evidence("docA", 0, 5, "Taken")],
        source_scale="National",
    )
    b = other(
        fatalities=4,
        claims={"killed": Quantity(4, "at least", "monitor")},
        evidence=[Evidence("docB", 7, 12, "Taken")],
        source_scale="New media",
    )
    c = capture(event_id="C1", document_id="docC", status="denied", fatalities=0, geo_precision=2)
    refs = [
        SourceRef("A1", "docA", "SANA", "http://a", date(2017, 5, 29)),
        SourceRef("B1", "docB", "Monitor", "http://b", date(2017, 5, 28)),
        SourceRef("C1", "docC", "Amaq", None, date(2017, 5, 30)),
    ]
    for order in itertools.permutations([a, b, c]):
        fused = combine(list(order), refs)
        assert fused.event_id == "A1"
        assert fused.source == "Monitor; SANA; Amaq"
        assert fused.source_scale == "New media-National"
        assert fused.fatalities == 4
        assert fused.claims == {"killed": Quantity(4, "at least", "monitor")}
        assert fused.tags == "disputed"
        assert fused.status == "occurred"
        assert fused.geo_precision == 1
        assert [span.document_id for span in fused.evidence] == ["docA", "docB"]


def test_combine_scales():
    assert combine_scales([None]) is None
    assert combine_scales(["National", "National"]) == "National"
    assert combine_scales(["International", "Subnational", "New media-National"]) == "New media-International"


def test_fuser_clusters_are_connected_components_whatever_the_order():
    reports = [
        Report.of(capture()),
        Report.of(other(event_date=date(2017, 5, 29))),
        Report.of(capture(event_id="C1", document_id="docC", event_date=date(2017, 5, 30))),
        Report.of(capture(event_id="D1", document_id="docD", geonameid=170785, latitude=36.1569)),
        Report.of(capture(event_id="E1", document_id="docE", event_date=None)),
    ]
    expected = [["A1", "B1", "C1"], ["D1"], ["E1"]]
    for order in itertools.permutations(reports):
        fuser = Fuser()
        fuser.extend(order)
        fuser.add(order[0])  # the same report again changes nothing
        assert fuser.clusters() == expected


def test_fuser_finds_neighbours_across_grid_cells_and_day_buckets():
    strike = dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", geonameid=None)
    a = capture(**strike, latitude=35.999, longitude=37.999, event_date=date(2017, 5, 27))
    b = replace(other(**strike, latitude=36.001, longitude=38.001), event_date=date(2017, 5, 28))
    fuser = Fuser()
    fuser.extend([Report.of(a), Report.of(b)])
    assert fuser.clusters() == [["A1", "B1"]]
