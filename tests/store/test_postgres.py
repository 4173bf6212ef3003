"""The store on a real PostgreSQL server, side by side with SQLite: migrations, the example report
ingested alike in both, re-ingest changing nothing, the same control answers, and the CLI with --db URL.

Needs SITREP_TEST_POSTGRES=postgresql+psycopg://user@127.0.0.1:PORT/db (`source .ci/postgres` starts a
throwaway server and sets it). Each test works in a fresh schema of that database, dropped at its end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import BigInteger, create_engine, inspect, select, text
from sqlalchemy.engine import make_url

from sitrep.core import ingest, make_extractor
from sitrep.extract.events import Extractor
from sitrep.ingest import read_documents
from sitrep.model import Document, Event, Evidence, Loss, Quantity
from sitrep.store import Store
from sitrep.store.database import MIGRATIONS
from sitrep.store.schema import metadata
from tests.conftest import REPO

POSTGRES = os.environ.get("SITREP_TEST_POSTGRES", "")
pytestmark = pytest.mark.skipif(
    not POSTGRES,
    reason="SITREP_TEST_POSTGRES is unset: no PostgreSQL server to test against "
    "(`source .ci/postgres` starts one on 127.0.0.1 and sets it)",
)

SITREP = str(Path(sys.executable).parent / "sitrep")
EXAMPLE = REPO / "examples" / "example_report.txt"
PUBLISHED = date(2020, 2, 6)
SAA = "Military Forces of Syria (2000-)"
HTS = "HTS: Hayat Tahrir al Sham"
# Two more reports: another outlet's account of the Saraqib capture, and HTS retaking the town.
SECOND = Document(
    "SYRIAN TROOPS ENTER SARAQIB\n\nIDLIB, SYRIA - Syrian troops took control of the town of Saraqib from "
    "Hayat Tahrir al-Sham on Tuesday, a war monitor said. Russian jets bombed the town of Maarat al-Numan "
    "on Wednesday, killing three civilians.",
    published=PUBLISHED,
    source="Monitor",
    url="http://example.org/monitor",
)
THIRD = Document(
    "HTS RETAKES SARAQIB\n\nIDLIB, SYRIA - Hayat Tahrir al-Sham fighters recaptured the town of Saraqib "
    "from Syrian government forces on Thursday, the group said.",
    published=date(2020, 2, 7),
    source="Rebel media",
)
# Natural keys to sort each table's rows by, so two databases can be compared row for row.
KEYS = {
    "documents": ("id",),
    "events": ("event_id",),
    "evidence": ("id",),
    "claims": ("event_id", "kind"),
    "losses": ("id",),
    "sources": ("event_id", "document_id"),
    "fused_events": ("event_id",),
    "fused_members": ("event_id",),
    "control": ("geonameid", "since"),
}


@pytest.fixture
def new_postgres_url() -> Iterator[Callable[[], str]]:
    """Makes URLs of the test server whose connections work in a fresh schema (search_path); the
    schemas are dropped afterwards."""
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def new() -> str:
        schema = f"sitrep_test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        made.append(schema)
        url = make_url(POSTGRES).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    try:
        yield new
    finally:
        with admin.connect() as conn:
            for schema in made:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def postgres_url(new_postgres_url: Callable[[], str]) -> str:
    return new_postgres_url()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'sitrep.db'}"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return make_extractor()


def example() -> list[Any]:
    return list(read_documents([str(EXAMPLE)], published=PUBLISHED))


def dump(url: str, surrogate_ids: bool = True) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, sorted by natural key; without the ingest clock (and, when asked,
    without control's row ids, which a timeline rebuilt by a later report renumbers per backend)."""
    engine = create_engine(url)
    out: dict[str, list[dict[str, Any]]] = {}
    try:
        with engine.connect() as conn:
            for table in metadata.sorted_tables:
                rows = [dict(row) for row in conn.execute(select(table)).mappings()]
                for row in rows:
                    row.pop("ingested_at", None)
                    if not surrogate_ids and table.name == "control":
                        row.pop("id")
                out[table.name] = sorted(rows, key=lambda row: tuple(row[k] for k in KEYS[table.name]))
    finally:
        engine.dispose()
    return out


def answers(url: str) -> dict[str, Any]:
    """What the Python API says about a database: events, fused events with sources, control."""
    with Store(url) as store:
        fused = store.fused_events(statuses=None)
        return {
            "events": store.events(statuses=None),
            "fused": fused,
            "sources": {e.event_id: store.fused_sources(e.event_id or "") for e in fused},
            "reports": {e.event_id: store.fused_reports(e.event_id or "") for e in fused},
            "as_of": {day: store.control_as_of(day) for day in (date(2020, 2, 5), date(2020, 2, 7))},
            "history": store.control_history("Saraqib"),
            "filtered": store.fused_events(event_type="battles", actor="tahrir", admin1="IDLEB"),
        }


def alembic_config(connection: Any = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def test_migrations_upgrade_postgresql_to_head_exactly_as_schema_py(postgres_url: str) -> None:
    Store(postgres_url).close()
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    engine = create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == head == "0004"
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        inspector = inspect(engine)
        assert set(inspector.get_table_names()) == {"alembic_version", *KEYS}
        for table in ("events", "fused_events", "control"):
            types = {c["name"]: c["type"] for c in inspector.get_columns(table)}
            assert isinstance(types["geonameid"], BigInteger), table
        # 0003 goes down and up again on a live server.
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0002")
        narrow = {c["name"]: c["type"] for c in inspect(engine).get_columns("control")}["geonameid"]
        assert not isinstance(narrow, BigInteger)
        Store(postgres_url).close()
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == "0004"
    finally:
        engine.dispose()


def test_example_report_is_stored_alike_in_postgresql_and_sqlite(
    postgres_url: str, sqlite_url: str, extractor: Extractor
) -> None:
    for url in (postgres_url, sqlite_url):
        with Store(url) as store:
            report = ingest(example(), store, extractor)
        assert (report.stored, report.already, report.errors) == (1, 0, [])
    stored = dump(postgres_url)
    assert stored == dump(sqlite_url)

    # The values themselves, as PostgreSQL gives them back.
    (document,) = stored["documents"]
    assert document["text"] == EXAMPLE.read_text(encoding="utf-8") and document["published"] == PUBLISHED
    by_type = {e["sub_event_type"]: e for e in stored["events"]}
    assert {"Government regains territory", "Air/drone strike", "Remote explosive/landmine/IED"} <= set(
        by_type
    )
    capture = by_type["Government regains territory"]
    assert (capture["event_date"], capture["actor1"], capture["actor2"]) == (date(2020, 2, 4), SAA, HTS)
    assert capture["location"] == "Saraqib" and abs(capture["latitude"] - 35.8645) < 0.05
    ied = by_type["Remote explosive/landmine/IED"]
    assert [(c["kind"], c["value"]) for c in stored["claims"] if c["event_id"] == ied["event_id"]] == [
        ("killed", 2)
    ]
    assert [(x["side"], x["item"], x["count"]) for x in stored["losses"]] == [(SAA, "vehicle", 1)]
    assert {e["text"] for e in stored["evidence"]} >= {
        "The group said two soldiers were killed in the blast."
    }
    assert {m["event_id"] for m in stored["fused_members"]} == {e["event_id"] for e in stored["events"]}
    saraqib = [c for c in stored["control"] if c["place"] == "Saraqib"]
    assert [(c["holder"], c["since"], c["until"], c["contested"]) for c in saraqib] == [
        (SAA, date(2020, 2, 4), None, False)
    ]
    assert answers(postgres_url) == answers(sqlite_url)

    # The same document again changes nothing, not even a row id.
    for url in (postgres_url, sqlite_url):
        before = dump(url)
        with Store(url) as store:
            report = ingest(example(), store, extractor)
        assert (report.stored, report.already) == (0, 1)
        assert dump(url) == before


def test_reports_fuse_and_move_control_alike(
    new_postgres_url: Callable[[], str], sqlite_url: str, extractor: Extractor
) -> None:
    postgres_url = new_postgres_url()
    for url in (postgres_url, sqlite_url):
        with Store(url) as store:
            report = ingest([*example(), SECOND, THIRD], store, extractor)
        assert report.stored == 3
    assert dump(postgres_url, surrogate_ids=False) == dump(sqlite_url, surrogate_ids=False)
    found = answers(postgres_url)
    assert found == answers(sqlite_url)

    captures = [e for e in found["fused"] if e.sub_event_type == "Government regains territory"]
    assert [(e.location, e.source) for e in captures] == [("Saraqib", "Monitor")]
    assert {r.document_id for r in found["sources"][captures[0].event_id]} == {SECOND.id, example()[0].id}
    assert [(s.holder, s.since, s.until) for s in found["history"]] == [
        (SAA, date(2020, 2, 4), date(2020, 2, 6)),
        (HTS, date(2020, 2, 6), None),
    ]

    # Another ingest order gives PostgreSQL the same answers.
    reversed_url = new_postgres_url()
    with Store(reversed_url) as store:
        ingest([THIRD, SECOND, *example()], store, extractor)
    assert answers(reversed_url) == found


def event(
    doc: Document, event_id: str, place: str, admin1: str | None, geonameid: int, lat: float, **changes: Any
) -> Event:
    fields: dict[str, Any] = dict(
        event_id=event_id,
        document_id=doc.id,
        event_date=date(2017, 5, 28),
        time_precision=1,
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Government regains territory",
        actor1=SAA,
        actor2="Islamic State (Syria)",
        country="Syria",
        admin1=admin1,
        location=place,
        latitude=lat,
        longitude=37.0,
        geo_precision=1,
        geonameid=geonameid,
        fatalities=0,
        status="occurred",
        evidence=[Evidence(doc.id, 10, 13, doc.text[10:13])],
    )
    fields.update(changes)
    return Event(**fields)


def test_wide_ids_big_figures_nul_and_text_order_come_back_as_from_sqlite(
    postgres_url: str, sqlite_url: str
) -> None:
    # An OpenSyria place without a GeoNames id (ids go down to -2**32), figures past 2**31, place names
    # whose order differs between byte order and a linguistic collation, a place with no admin1, and
    # a NUL character, which PostgreSQL text cannot hold.
    docs = [
        Document(f"report {n}\x00 end", published=date(2017, 5, 29), source=f"outlet {n}") for n in range(4)
    ]
    events = [
        event(docs[0], "a-1", "Sabe Byar", "Rural Damascus", -4000504458, 33.4, fatalities=3_000_000_000,
              claims={"killed": Quantity(3_000_000_000, "more than", "soldiers")},
              losses=[Loss(SAA, "tank", 2**40, None)]),
        event(docs[1], "B-1", "al-Bab", "Aleppo", 170063, 36.4),
        event(docs[2], "b-1", "Azaz", "Aleppo", 170017, 36.6),
        event(docs[3], "A-1", "Zardana", None, 163345, 35.9),
    ]  # fmt: skip
    found = {}
    for url in (postgres_url, sqlite_url):
        with Store(url) as store:
            for doc, ev in zip(docs, events, strict=True):
                store.add_and_fuse(doc, [ev])
            found[url] = (
                store.control_as_of(date(2017, 6, 1)),
                store.fused_events(),
                store.event("a-1"),
                [store.document(d.id) for d in docs],
            )
    spans, fused, big, stored_docs = found[postgres_url]
    assert [(s.admin1, s.place, s.geonameid) for s in spans] == [
        (None, "Zardana", 163345),
        ("Aleppo", "Azaz", 170017),
        ("Aleppo", "al-Bab", 170063),
        ("Rural Damascus", "Sabe Byar", -4000504458),
    ]
    assert [e.event_id for e in fused] == ["A-1", "B-1", "a-1", "b-1"]
    assert big is not None and (big.geonameid, big.fatalities) == (-4000504458, 3_000_000_000)
    assert big.claims == {"killed": Quantity(3_000_000_000, "more than", "soldiers")}
    assert big.losses == [Loss(SAA, "tank", 2**40, None)]
    # NUL becomes U+FFFD on PostgreSQL: one character for one, so evidence offsets still hold.
    assert stored_docs[0] is not None and stored_docs[0].text == "report 0\ufffd end"
    assert big.evidence == [Evidence(docs[0].id, 10, 13, "end")] and stored_docs[0].text[10:13] == "end"
    sqlite_spans, sqlite_fused, sqlite_big, sqlite_docs = found[sqlite_url]
    assert (spans, fused) == (sqlite_spans, sqlite_fused)
    assert sqlite_docs[0] is not None and sqlite_docs[0].text == docs[0].text
    assert sqlite_big is not None and sqlite_big.claims == big.claims and sqlite_big.losses == big.losses


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SITREP, *args], capture_output=True, text=True, timeout=600, check=False)


def jsonl(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_cli_ingest_events_and_control_with_a_postgresql_url(postgres_url: str, sqlite_url: str) -> None:
    for url in (postgres_url, sqlite_url):
        result = run("ingest", str(EXAMPLE), "--published", "2020-02-06", "--db", url)
        assert result.returncode == 0, result.stderr
        assert "stored 1 documents (4 events)" in result.stdout
    again = run("ingest", str(EXAMPLE), "--published", "2020-02-06", "--db", postgres_url)
    assert "stored 0 documents" in again.stdout and "1 already stored" in again.stdout

    listed = run("events", "--db", postgres_url, "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    events = jsonl(listed.stdout)
    assert [e["sub_event_type"] for e in events] == [
        "Government regains territory",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
        "Shelling/artillery/missile attack",
    ]
    assert events[0]["location"] == "Saraqib" and events[0]["actor1"] == SAA
    assert events[2]["claims"]["killed"]["value"] == 2 and events[3]["fatalities"] == 4
    assert events == jsonl(run("events", "--db", sqlite_url, "--format", "jsonl").stdout)
    # The SPEC's spelling, postgresql:// without a driver, reaches the same database.
    plain = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    assert jsonl(run("events", "--db", plain, "--format", "jsonl").stdout) == events

    held = jsonl(run("control", "--db", postgres_url, "--as-of", "2020-02-06", "--format", "jsonl").stdout)
    assert ("Saraqib", SAA) in {(row["place"], row["holder"]) for row in held}
    assert held == jsonl(
        run("control", "--db", sqlite_url, "--as-of", "2020-02-06", "--format", "jsonl").stdout
    )
    history = run("control", "history", "Saraqib", "--db", postgres_url, "--format", "jsonl")
    assert history.returncode == 0, history.stderr
    assert [row["holder"] for row in jsonl(history.stdout)] == [SAA]
    assert jsonl(history.stdout) == jsonl(
        run("control", "history", "Saraqib", "--db", sqlite_url, "--format", "jsonl").stdout
    )
