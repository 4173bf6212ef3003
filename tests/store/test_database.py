"""The store on real SQLite files: migrations, idempotent ingest, complete round trips and filters."""

from __future__ import annotations

import io
import sqlite3
from datetime import date

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError

from sitrep.model import Document, Event, Evidence, Loss, Quantity
from sitrep.store import Store, event_id_for
from sitrep.store.database import MIGRATIONS, database_url, events_query
from sitrep.store.schema import metadata

TEXT = (
    "SYRIAN ARMY RETAKES MASKANAH\n"
    "The Syrian Arab Army took Maskanah from IS on Sunday, destroying 3 tanks. "
    "IS claimed more than 2000 soldiers were killed or injured."
)
SENTENCE = "The Syrian Arab Army took Maskanah from IS on Sunday, destroying 3 tanks."
SENTENCE_START = TEXT.index(SENTENCE)


def seed_document() -> Document:
    return Document(
        text=TEXT,
        title="SYRIAN ARMY RETAKES MASKANAH",
        published=date(2017, 5, 29),
        source="Test Wire",
        url="http://example.org/maskanah",
        path="seed/maskanah.txt",
    )


def rich_event(document: Document, **changes) -> Event:
    """An event with every kind of field set, nested ones included."""
    fields = dict(
        event_id="SYR0001",
        event_date=date(2017, 5, 28),
        time_precision=1,
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Government regains territory",
        actor1="Military Forces of Syria (2000-)",
        assoc_actor_1="Tiger Forces",
        inter1=1,
        actor2="Islamic State (Syria)",
        inter2=2,
        interaction="12",
        iso=760,
        country="Syria",
        admin1="Aleppo",
        admin2="Menbij",
        location="Maskanah",
        latitude=35.9591,
        longitude=38.0336,
        geo_precision=1,
        source="Test Wire",
        source_scale="International",
        notes="The Syrian Arab Army took Maskanah from IS.",
        fatalities=0,
        tags="",
        document_id=document.id,
        status="occurred",
        certainty=0.9,
        claims={
            "killed_or_injured": Quantity(2000, "more than", "Islamic State (Syria)"),
            "captured": Quantity(11),
        },
        losses=[
            Loss("Military Forces of Syria (2000-)", "tank", 3, "Islamic State (Syria)"),
            Loss("Islamic State (Syria)", "technical", None),
        ],
        evidence=[
            Evidence(document.id, SENTENCE_START, SENTENCE_START + len(SENTENCE), SENTENCE),
            Evidence(document.id, 0, 28, TEXT[0:28]),
        ],
        confidence=0.8,
        plover_event="CONSOLIDATE",
        geonameid=167046,
    )
    fields.update(changes)
    return Event(**fields)


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "sitrep.db")) as opened:
        yield opened


def test_migration_creates_every_table_and_index(tmp_path):
    url = f"sqlite:///{tmp_path / 'events.db'}"
    Store(url).close()
    engine = create_engine(url)
    inspector = inspect(engine)
    assert set(inspector.get_table_names()) == {
        "alembic_version",
        "documents",
        "events",
        "evidence",
        "claims",
        "losses",
        "sources",
        "fused_events",
        "fused_members",
        "control",
    }
    indexed = {tuple(ix["column_names"]) for ix in inspector.get_indexes("events")}
    for column in ("event_date", "sub_event_type", "actor1", "actor2", "country", "admin1"):
        assert (column,) in indexed
    assert {fk["referred_table"] for fk in inspector.get_foreign_keys("sources")} == {"events", "documents"}
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == "0004"
    engine.dispose()


def test_migrations_build_exactly_the_schema_module(tmp_path):
    url = f"sqlite:///{tmp_path / 'events.db'}"
    Store(url).close()
    engine = create_engine(url)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    engine.dispose()


def test_migrations_render_for_postgresql_without_a_server():
    config = Config(output_buffer=io.StringIO())
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", "postgresql://sitrep@localhost/sitrep")
    command.upgrade(config, "head", sql=True)
    sql = config.output_buffer.getvalue()
    assert "CREATE TABLE events" in sql
    assert "CREATE INDEX ix_events_actor1 ON events (actor1)" in sql
    assert '"end" INTEGER NOT NULL' in sql


def test_event_query_compiles_for_postgresql():
    query = events_query(since=date(2017, 1, 1), actor="IS", country="Syria", limit=5)
    sql = str(query.compile(dialect=postgresql.dialect()))
    assert "lower(events.actor1) LIKE" in sql
    assert "ORDER BY events.event_date IS NULL, events.event_date, events.event_id" in sql


def test_database_is_in_wal_mode_with_foreign_keys_enforced(tmp_path, store):
    with sqlite3.connect(tmp_path / "sitrep.db") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    document = seed_document()
    orphan = rich_event(document, document_id="no-such-document")
    with pytest.raises(IntegrityError):
        store.add(document, [orphan])
    # The failed transaction left nothing behind, not even the document.
    assert store.counts() == {"documents": 0, "events": 0}


def test_plain_path_and_url_open_the_same_file(tmp_path):
    path = tmp_path / "same.db"
    assert database_url(str(path)) == f"sqlite:///{path}"
    with Store(str(path)) as first:
        first.add(seed_document(), [])
    with Store(f"sqlite:///{path}") as second:
        assert second.has_document(seed_document().id)
        assert second.counts() == {"documents": 1, "events": 0}


def test_rich_event_round_trips_exactly(store):
    document = seed_document()
    event = rich_event(document)
    assert store.add(document, [event]) is True
    [stored] = store.events()
    assert stored == event
    assert stored.claims["killed_or_injured"] == Quantity(2000, "more than", "Islamic State (Syria)")
    assert [loss.item for loss in stored.losses] == ["tank", "technical"]
    assert [(span.start, span.end) for span in stored.evidence] == [(29, 102), (0, 28)]
    assert [TEXT[span.start : span.end] for span in stored.evidence] == [
        SENTENCE,
        "SYRIAN ARMY RETAKES MASKANAH",
    ]
    assert store.event("SYR0001") == event
    assert store.event("missing") is None


def test_document_round_trips(store):
    document = seed_document()
    store.add(document, [])
    assert store.document(document.id) == document
    assert store.document("0" * 16) is None


def test_events_without_ids_get_stable_ids_and_callers_objects_are_untouched(store):
    document = seed_document()
    given = [rich_event(document, event_id=None), rich_event(document, event_id=None, location="Dibsi Faraj")]
    store.add(document, given)
    assert [e.event_id for e in given] == [None, None]
    stored = {e.location: e.event_id for e in store.events()}
    assert stored == {"Maskanah": event_id_for(document.id, 0), "Dibsi Faraj": event_id_for(document.id, 1)}


def test_adding_a_stored_document_again_changes_nothing(tmp_path, store):
    document = seed_document()
    assert store.add(document, [rich_event(document)]) is True
    assert store.add(document, [rich_event(document, event_id="SYR0002")]) is False
    assert store.counts() == {"documents": 1, "events": 1}
    # Another Store on the same file (another process, say) sees the document as stored too.
    with Store(str(tmp_path / "sitrep.db")) as other:
        assert other.add(seed_document(), []) is False
    assert [e.event_id for e in store.events()] == ["SYR0001"]


def test_sources_link_each_event_to_its_document(tmp_path, store):
    document = seed_document()
    store.add(document, [rich_event(document)])
    with sqlite3.connect(tmp_path / "sitrep.db") as raw:
        rows = raw.execute("SELECT event_id, document_id, source, url, published FROM sources").fetchall()
    assert rows == [("SYR0001", document.id, "Test Wire", "http://example.org/maskanah", "2017-05-29")]


@pytest.fixture
def filled(store):
    """Five events across two documents, spread over dates, types, actors, places and statuses."""
    first, second = seed_document(), Document(text="A second report.", published=date(2022, 5, 24))
    store.add(
        first,
        [
            rich_event(first, event_id="E1"),
            rich_event(
                first,
                event_id="E2",
                event_date=date(2017, 5, 20),
                event_type="Explosions/Remote violence",
                sub_event_type="Air/drone strike",
                actor1="Military Forces of Russia (2000-)",
                assoc_actor_1=None,
                actor2=None,
            ),
            rich_event(first, event_id="E3", event_date=None, status="claimed", admin1="Raqqa"),
            rich_event(first, event_id="E4", event_date=date(2017, 6, 2), status="planned"),
        ],
    )
    store.add(
        second,
        [
            rich_event(
                second,
                event_id="E5",
                event_date=date(2022, 5, 23),
                country="Ukraine",
                iso=804,
                admin1="Donetsk",
                actor1="Military Forces of Russia (2000-)",
                assoc_actor_1="Wagner Group",
                actor2="Military Forces of Ukraine (2019-)",
                evidence=[Evidence(second.id, 0, 16, "A second report.")],
            )
        ],
    )
    return store


def ids(events):
    return [e.event_id for e in events]


def test_default_query_returns_what_happened_by_date_undated_last(filled):
    assert ids(filled.events()) == ["E2", "E1", "E5", "E3"]
    assert ids(filled.events(statuses=None)) == ["E2", "E1", "E4", "E5", "E3"]
    assert ids(filled.events(statuses=["planned"])) == ["E4"]
    assert ids(filled.events(limit=2)) == ["E2", "E1"]


def test_date_filters_are_inclusive(filled):
    assert ids(filled.events(since=date(2017, 5, 28))) == ["E1", "E5"]
    assert ids(filled.events(until=date(2017, 5, 28))) == ["E2", "E1"]
    assert ids(filled.events(since=date(2017, 5, 21), until=date(2017, 5, 28))) == ["E1"]


def test_type_filter_matches_event_or_sub_event_type_ignoring_case(filled):
    assert ids(filled.events(event_type="air/drone strike")) == ["E2"]
    assert ids(filled.events(event_type="BATTLES")) == ["E1", "E5", "E3"]
    assert filled.events(event_type="Protests") == []


def test_actor_filter_is_a_substring_of_any_actor_column(filled):
    assert ids(filled.events(actor="russia")) == ["E2", "E5"]
    assert ids(filled.events(actor="tiger")) == ["E1", "E3"]  # an associated actor
    assert ids(filled.events(actor="wagner")) == ["E5"]
    assert ids(filled.events(actor="islamic state")) == ["E1", "E3"]
    # LIKE wildcards in the search text are taken literally.
    assert filled.events(actor="%") == []


def test_place_filters_ignore_case(filled):
    assert ids(filled.events(country="ukraine")) == ["E5"]
    assert ids(filled.events(country="Syria", admin1="RAQQA")) == ["E3"]
    [event] = filled.events(admin1="donetsk")
    assert event.evidence == [Evidence(event.document_id, 0, 16, "A second report.")]
    assert filled.counts() == {"documents": 2, "events": 5}


def test_fused_span_counts_and_dates_without_reading_rows(filled):
    filled.refuse_all()
    for statuses in (("occurred", "claimed"), None):
        fused = filled.fused_events(statuses=statuses)
        days = [e.event_date for e in fused if e.event_date]
        assert filled.fused_span(statuses) == (len(fused), min(days), max(days))
    assert filled.fused_span()[1:] == (date(2017, 5, 20), date(2022, 5, 23))
    assert filled.fused_span(["no such status"]) == (0, None, None)
