"""Fused events and control in the store, on real SQLite files with hand-made events."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, inspect
from sqlalchemy.dialects import postgresql

from sitrep.model import Document, Event, Evidence, Quantity
from sitrep.store import Store
from sitrep.store.fusion import as_of_query

SAA = "Military Forces of Syria (2000-)"
IS = "Islamic State (Syria)"
RUSSIA = "Military Forces of Russia (2000-)"


def document(name: str, published: date = date(2017, 5, 29)) -> Document:
    return Document(text=f"report {name}", published=published, source=name, url=f"http://example.org/{name}")


def event(event_id: str, doc: Document, **changes) -> Event:
    fields = dict(
        event_id=event_id,
        document_id=doc.id,
        event_date=date(2017, 5, 28),
        time_precision=1,
        event_type="Battles",
        sub_event_type="Government regains territory",
        actor1=SAA,
        actor2=IS,
        country="Syria",
        admin1="Aleppo",
        location="Ra’s al ‘Ayn al Aḩmar",
        latitude=36.0216,
        longitude=37.9875,
        geo_precision=1,
        geonameid=165507,
        fatalities=0,
        evidence=[Evidence(doc.id, 0, 6, "report")],
    )
    fields.update(changes)
    return Event(**fields)


def strike(event_id: str, doc: Document, **changes) -> Event:
    fields = dict(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1=RUSSIA,
        event_date=date(2017, 5, 27),
        time_precision=2,
        location="Maskanah",
        latitude=35.9658,
        longitude=38.0416,
        geonameid=167080,
    )
    fields.update(changes)
    return event(event_id, doc, **fields)


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "sitrep.db")) as opened:
        yield opened


def add(store: Store, doc: Document, *events: Event) -> set[int]:
    store.add(doc, list(events))
    return store.fuse(doc.id)


def test_migration_0002_adds_the_fusion_and_control_tables(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    Store(url).close()
    engine = create_engine(url)
    inspector = inspect(engine)
    assert {"fused_events", "fused_members", "control"} <= set(inspector.get_table_names())
    assert ("geonameid",) in {tuple(ix["column_names"]) for ix in inspector.get_indexes("control")}
    engine.dispose()


def test_two_reports_become_one_event_with_both_sources(store):
    a, b = document("Wire A"), document("Wire B", date(2017, 5, 30))
    touched = add(store, a, event("A1", a, fatalities=7, claims={"killed": Quantity(7, None, "MoD")}))
    assert touched == {165507}
    add(
        store,
        b,
        event("B1", b, actor1=IS, actor2=SAA, fatalities=3, claims={"killed": Quantity(3, None, "IS")}),
    )
    [fused] = store.fused_events()
    assert (fused.event_id, fused.source, fused.fatalities) == ("A1", "Wire A; Wire B", 3)
    assert fused.claims == {"killed": Quantity(3, None, "IS")}
    assert [r.claims["killed"].who for r in store.fused_reports("A1")] == ["MoD", "IS"]
    assert [s.document_id for s in store.fused_sources("A1")] == [a.id, b.id]
    assert store.fused_event("A1") == fused
    assert store.counts() == {"documents": 2, "events": 2}
    assert store.fused_count() == 1


def test_a_bridging_report_merges_two_events_under_the_smallest_id(store):
    a, b, c = document("A"), document("B"), document("C")
    add(store, a, strike("Z9", a, latitude=35.80, geo_precision=2))
    add(store, b, strike("M5", b, latitude=36.05, geo_precision=2))
    assert store.fused_count() == 2
    # 28 km apart, but 14 km from each of them: one strike, reported three times.
    add(store, c, strike("Q1", c, latitude=35.93, geo_precision=2))
    [fused] = store.fused_events()
    assert fused.event_id == "M5"
    assert fused.source == "A; B; C"
    assert store.fused_event("Z9") is None


def test_fusing_again_and_refusing_all_change_nothing(store):
    a, b = document("A"), document("B")
    add(store, a, event("A1", a))
    add(store, b, event("B1", b))
    before = store.fused_events(statuses=None)
    store.fuse(a.id)
    assert store.refuse_all() == 0
    assert store.fused_events(statuses=None) == before


def test_refuse_all_fuses_documents_stored_before_fusion(store):
    a, b = document("A"), document("B")
    store.add(a, [event("A1", a)])
    store.add(b, [event("B1", b)])
    assert store.fused_count() == 0
    assert store.refuse_all() == 2
    assert [e.source for e in store.fused_events()] == ["A; B"]


def test_fused_events_take_the_events_filters(store):
    a, b = document("A"), document("B")
    add(store, a, event("A1", a), strike("A2", a))
    add(store, b, event("B1", b), event("B2", b, status="planned", event_date=date(2017, 6, 10)))
    assert [e.event_id for e in store.fused_events()] == ["A2", "A1"]
    assert [e.event_id for e in store.fused_events(event_type="air/drone strike")] == ["A2"]
    assert [e.event_id for e in store.fused_events(since=date(2017, 5, 28))] == ["A1"]
    assert [e.event_id for e in store.fused_events(actor="russia")] == ["A2"]
    assert [e.event_id for e in store.fused_events(statuses=None)] == ["A2", "A1", "B2"]


def test_control_as_of_with_province_and_box_filters_and_history_by_name(store):
    a, b = document("A"), document("B", date(2017, 6, 5))
    add(store, a, event("A1", a), strike("A2", a, actor2=IS))
    add(store, b, event("B1", b, sub_event_type="Non-state actor overtakes territory", actor1=IS, actor2=SAA,
                        event_date=date(2017, 6, 4)))  # fmt: skip
    rows = store.control_as_of(date(2017, 5, 29))
    assert [(r.place, r.holder, r.since, r.evidence) for r in rows] == [
        ("Maskanah", IS, date(2017, 5, 27), ["A2"]),
        ("Ra’s al ‘Ayn al Aḩmar", SAA, date(2017, 5, 28), ["A1"]),
    ]
    assert store.control_as_of(date(2017, 5, 29), admin1="hama") == []
    boxed = store.control_as_of(date(2017, 5, 29), bbox=(37.9, 36.0, 38.0, 36.1))
    assert [r.geonameid for r in boxed] == [165507]
    assert [r.holder for r in store.control_as_of(date(2017, 6, 4)) if r.geonameid == 165507] == [IS]
    history = store.control_history("Ras al-Ain al-Ahmar")
    assert [(h.holder, h.since, h.until) for h in history] == [
        (SAA, date(2017, 5, 28), date(2017, 6, 4)),
        (IS, date(2017, 6, 4), None),
    ]
    assert store.control_history("165507") == history
    assert store.control_history("Nowhere") == []


def test_the_as_of_query_compiles_for_postgresql():
    sql = str(
        as_of_query(date(2017, 5, 29), "Aleppo", (37, 35, 39, 37)).compile(dialect=postgresql.dialect())
    )
    assert "control.since <=" in sql and "lower(control.admin1)" in sql
