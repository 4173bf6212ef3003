"""The event store: documents and their events in SQLite (WAL) or PostgreSQL, read back with filters."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TypedDict, Unpack

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, RowMapping, Select, Table, create_engine, func, insert, or_, select
from sqlalchemy import event as sa_event
from sqlalchemy.exc import IntegrityError

from sitrep.fuse.control import ControlSpan
from sitrep.fuse.merge import SourceRef
from sitrep.model import HAPPENED, Document, Event, Evidence, Loss, Quantity
from sitrep.store import fusion, schema
from sitrep.store.ids import assign_event_ids
from sitrep.store.portable import byte_order, storable

DEFAULT_URL = "sqlite:///sitrep.db"
MIGRATIONS = Path(__file__).with_name("migrations")
EVENT_COLUMNS = tuple(column.name for column in schema.events.columns)
ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
# Keeps IN (...) lists well under SQLite's limit on bound parameters.
CHUNK = 500


def database_url(target: str) -> str:
    """A SQLAlchemy URL for `target`, which is either a URL already or a path to an SQLite file."""
    if target.startswith("postgres://"):  # many hosts' spelling; SQLAlchemy knows only postgresql://
        return "postgresql://" + target.removeprefix("postgres://")
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (the API, `sitrep events`) work while `sitrep ingest` writes; SQLite leaves
    # foreign keys off unless asked on every connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def upgrade(connection: Connection) -> None:
    """Bring the database behind `connection` to the newest migration, with the packaged scripts."""
    config = Config()
    # Config values are %-interpolated, so a % in the install path must be doubled.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


class EventFilters(TypedDict, total=False):
    """The filters of `Store.events` and `Store.fused_events`; every one given must hold.

    Dates are inclusive; event_type matches event_type or sub_event_type and country/admin1 match
    exactly, all ignoring case; actor is a substring of either actor or an associated actor; statuses
    defaults to what happened (None or empty: every status); limit caps the number of events."""

    since: date | None
    until: date | None
    event_type: str | None
    actor: str | None
    country: str | None
    admin1: str | None
    statuses: Sequence[str] | None
    limit: int | None


class Store:
    """Documents and events in one database; opening it applies any pending migrations."""

    def __init__(self, url: str = DEFAULT_URL) -> None:
        self.url = database_url(url)
        self._engine = create_engine(self.url)
        if self._engine.dialect.name == "sqlite":
            sa_event.listen(self._engine, "connect", _sqlite_pragmas)
        with self._engine.begin() as conn:
            upgrade(conn)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def has_document(self, document_id: str) -> bool:
        """Whether a document with this id (content hash) is stored."""
        query = select(schema.documents.c.id).where(schema.documents.c.id == document_id)
        with self._engine.connect() as conn:
            return conn.execute(query).first() is not None

    def document(self, document_id: str) -> Document | None:
        """The stored document with this id, or None."""
        query = select(schema.documents).where(schema.documents.c.id == document_id)
        with self._engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            return None
        return Document(
            text=row["text"],
            title=row["title"],
            published=row["published"],
            source=row["source"],
            url=row["url"],
            language=row["language"],
            path=row["path"],
            id=row["id"],
        )

    def add(self, document: Document, events: Sequence[Event]) -> bool:
        """Store a document and its events in one transaction; False, changing nothing, if already stored.

        Events without an id get `event_id_for(document.id, index)`; the caller's objects are not changed.
        """
        if self.has_document(document.id):
            return False
        events = assign_event_ids(document.id, events)
        try:
            with self._engine.begin() as conn:
                conn.execute(insert(schema.documents), storable(conn, [_document_row(document)]))
                _insert_events(conn, document, events)
        except IntegrityError:
            # Another writer may have stored the same document between our check and our insert.
            if self.has_document(document.id):
                return False
            raise
        return True

    def events(self, **filters: Unpack[EventFilters]) -> list[Event]:
        """Stored events matching every filter given (see `EventFilters`), complete with claims, losses
        and evidence, ordered by event_date (undated last), then event_id."""
        query = events_query(**filters)
        with self._engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
            return _complete(conn, rows)

    def event(self, event_id: str) -> Event | None:
        """The stored event with this id, whatever its status, or None."""
        query = select(schema.events).where(schema.events.c.event_id == event_id)
        with self._engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
            found = _complete(conn, rows)
        return found[0] if found else None

    def counts(self) -> dict[str, int]:
        """How many documents and events are stored."""
        with self._engine.connect() as conn:
            return {
                "documents": conn.execute(select(func.count()).select_from(schema.documents)).scalar_one(),
                "events": conn.execute(select(func.count()).select_from(schema.events)).scalar_one(),
            }

    def fused_count(self) -> int:
        """How many fused events (one per real-world event, whatever its status) are stored."""
        with self._engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(schema.fused_events)).scalar_one()

    def fused_span(self, statuses: Sequence[str] | None = HAPPENED) -> tuple[int, date | None, date | None]:
        """How many fused events (of `statuses`; None: any) there are, and their first and last day,
        in one aggregate query (the web page's header and timeline need no event rows)."""
        table = schema.fused_events
        query = select(func.count(), func.min(table.c.event_date), func.max(table.c.event_date))
        if statuses is not None:
            query = query.where(table.c.status.in_(list(statuses)))
        with self._engine.connect() as conn:
            count, first, last = conn.execute(query).one()
        return count, _as_date(first), _as_date(last)

    def add_and_fuse(self, document: Document, events: Sequence[Event]) -> set[int] | None:
        """`add`, then `fuse`, in one transaction; None, changing nothing, if the document is stored already.

        Returns the geonameids whose control timeline was recomputed.
        """
        if self.has_document(document.id):
            return None
        events = assign_event_ids(document.id, events)
        try:
            with self._engine.begin() as conn:
                conn.execute(insert(schema.documents), storable(conn, [_document_row(document)]))
                _insert_events(conn, document, events)
                touched = fusion.fuse_document(conn, document.id)
                fusion.recompute_control(conn, touched)
        except IntegrityError:
            if self.has_document(document.id):
                return None
            raise
        return touched

    def fuse(self, document_id: str) -> set[int]:
        """Fuse a stored document's events with the others and update control where they are; idempotent.

        Returns the geonameids whose control timeline was recomputed.
        """
        with self._engine.begin() as conn:
            touched = fusion.fuse_document(conn, document_id)
            fusion.recompute_control(conn, touched)
        return touched

    def refuse_all(self) -> int:
        """Fuse every stored document not fused yet (e.g. a database made before fusion); returns how many."""
        with self._engine.connect() as conn:
            pending = select(schema.events.c.document_id).outerjoin(
                schema.fused_members, schema.fused_members.c.event_id == schema.events.c.event_id
            )
            ids = sorted(
                set(conn.execute(pending.where(schema.fused_members.c.event_id.is_(None))).scalars()) - {None}
            )
        for document_id in ids:
            self.fuse(document_id)
        return len(ids)

    def fused_events(self, **filters: Unpack[EventFilters]) -> list[Event]:
        """One event per real-world event, with every source, as `events` filters them.

        `source` joins the outlets with "; ", `fatalities` is the lowest reported toll, `claims` the
        lowest figure per kind with its claimant (`fused_reports` gives each report's own), `evidence`
        the spans of every report, `tags` includes "disputed" when one report denies what another reports.
        """
        query = events_query(**filters, table=schema.fused_events)
        with self._engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
            return fusion.complete_fused(conn, rows)

    def fused_event(self, event_id: str) -> Event | None:
        """The fused event with this id (its smallest member's event id), or None."""
        query = select(schema.fused_events).where(schema.fused_events.c.event_id == event_id)
        with self._engine.connect() as conn:
            found = fusion.complete_fused(conn, conn.execute(query).mappings().all())
        return found[0] if found else None

    def fused_reports(self, event_id: str) -> list[Event]:
        """The per-document events (each with its own claims and claimants) fused into this event."""
        with self._engine.connect() as conn:
            return fusion.members(conn, [event_id]).get(event_id, [])

    def fused_sources(self, event_id: str) -> list[SourceRef]:
        """Each report of this fused event: document, outlet, url, publication day."""
        with self._engine.connect() as conn:
            found = fusion.members(conn, [event_id]).get(event_id, [])
            return fusion.sources(conn, [m.event_id or "" for m in found])

    def control_as_of(
        self,
        day: date,
        admin1: str | None = None,
        bbox: tuple[float, float, float, float] | None = None,
    ) -> list[ControlSpan]:
        """Who holds each settlement on `day`: one span per place with evidence, optionally in an admin1
        or a (min_lon, min_lat, max_lon, max_lat) box."""
        with self._engine.connect() as conn, fusion.gc_paused():
            rows = conn.execute(fusion.as_of_query(day, admin1, bbox)).all()
            return [fusion.span_of(row) for row in rows]

    def control_history(self, place: str | int) -> list[ControlSpan]:
        """A settlement's control timeline, oldest first: `place` is a geonameid or a name (ignoring case)."""
        c = schema.control.c
        with self._engine.connect() as conn:
            if isinstance(place, int) or str(place).isdigit():
                ids = [int(place)]
            else:
                ids = fusion.places_named(conn, str(place))
            query = select(schema.control).where(c.geonameid.in_(ids)).order_by(c.geonameid, c.since)
            rows = conn.execute(query).all()
        return [fusion.span_of(row) for row in rows]


def events_query(
    since: date | None = None,
    until: date | None = None,
    event_type: str | None = None,
    actor: str | None = None,
    country: str | None = None,
    admin1: str | None = None,
    statuses: Sequence[str] | None = HAPPENED,
    limit: int | None = None,
    table: Table = schema.events,
) -> Select[Any]:
    """The SELECT behind `Store.events` (or, given `table`, `Store.fused_events`), dialect-neutral."""
    e = table.c
    query = select(table)
    if since is not None:
        query = query.where(e.event_date >= since)
    if until is not None:
        query = query.where(e.event_date <= until)
    if event_type:
        wanted = event_type.lower()
        query = query.where(or_(func.lower(e.event_type) == wanted, func.lower(e.sub_event_type) == wanted))
    if actor:
        needle = actor.lower()
        query = query.where(
            or_(*(func.lower(e[name]).contains(needle, autoescape=True) for name in ACTOR_COLUMNS))
        )
    if country:
        query = query.where(func.lower(e.country) == country.lower())
    if admin1:
        query = query.where(func.lower(e.admin1) == admin1.lower())
    if statuses:
        query = query.where(e.status.in_(list(statuses)))
    # SQLite sorts NULL first and PostgreSQL last; sorting on IS NULL first makes both put undated last.
    query = query.order_by(e.event_date.is_(None), e.event_date, byte_order(e.event_id))
    if limit is not None:
        query = query.limit(limit)
    return query


def _document_row(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "title": document.title,
        "published": document.published,
        "source": document.source,
        "url": document.url,
        "language": document.language,
        "path": document.path,
        "text": document.text,
        "ingested_at": datetime.now(UTC),
    }


def _insert_events(conn: Connection, document: Document, events: Iterable[Event]) -> None:
    event_rows: list[dict[str, Any]] = []
    evidence_rows: list[dict[str, Any]] = []
    claim_rows: list[dict[str, Any]] = []
    loss_rows: list[dict[str, Any]] = []
    source_rows: list[dict[str, Any]] = []
    for event in events:
        row = {name: getattr(event, name) for name in EVENT_COLUMNS}
        row["document_id"] = event.document_id or document.id
        event_rows.append(row)
        evidence_rows += [
            {
                "event_id": event.event_id,
                "document_id": span.document_id or document.id,
                "start": span.start,
                "end": span.end,
                "text": span.text,
            }
            for span in event.evidence
        ]
        claim_rows += [
            {
                "event_id": event.event_id,
                "kind": kind,
                "value": q.value,
                "qualifier": q.qualifier,
                "who": q.who,
            }
            for kind, q in event.claims.items()
        ]
        loss_rows += [
            {
                "event_id": event.event_id,
                "side": loss.side,
                "item": loss.item,
                "count": loss.count,
                "claimed_by": loss.claimed_by,
            }
            for loss in event.losses
        ]
        source_rows.append(
            {
                "event_id": event.event_id,
                "document_id": document.id,
                "source": document.source or event.source,
                "url": document.url,
                "published": document.published,
            }
        )
    # Parents before children, so foreign keys hold at every statement.
    for table, rows in (
        (schema.events, event_rows),
        (schema.evidence, evidence_rows),
        (schema.claims, claim_rows),
        (schema.losses, loss_rows),
        (schema.sources, source_rows),
    ):
        if rows:
            conn.execute(insert(table), storable(conn, rows))


def _children(conn: Connection, table: Any, ids: Sequence[str], order: Any) -> Iterable[RowMapping]:
    """Rows of a child table for these event ids, in `order` within each chunk of ids."""
    for start in range(0, len(ids), CHUNK):
        query = select(table).where(table.c.event_id.in_(ids[start : start + CHUNK])).order_by(order)
        yield from conn.execute(query).mappings()


def _complete(conn: Connection, rows: Sequence[RowMapping]) -> list[Event]:
    """Events from `events` rows, with their claims, losses and evidence read in a few batched queries."""
    ids = [row["event_id"] for row in rows]
    claims: dict[str, dict[str, Quantity]] = defaultdict(dict)
    losses: dict[str, list[Loss]] = defaultdict(list)
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    for r in _children(conn, schema.claims, ids, byte_order(schema.claims.c.kind)):
        claims[r["event_id"]][r["kind"]] = Quantity(r["value"], r["qualifier"], r["who"])
    for r in _children(conn, schema.losses, ids, schema.losses.c.id):
        losses[r["event_id"]].append(Loss(r["side"], r["item"], r["count"], r["claimed_by"]))
    for r in _children(conn, schema.evidence, ids, schema.evidence.c.id):
        evidence[r["event_id"]].append(Evidence(r["document_id"], r["start"], r["end"], r["text"]))
    return [
        Event(
            **{name: row[name] for name in EVENT_COLUMNS},
            claims=claims[row["event_id"]],
            losses=losses[row["event_id"]],
            evidence=evidence[row["event_id"]],
        )
        for row in rows
    ]


def _as_date(value: date | str | None) -> date | None:
    """A day from the store: a date (PostgreSQL) or its ISO text (SQLite aggregates lose the type)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
