"""Fusion and control in the database: fuse a stored document's events into the fused events, then
recompute the control timeline of the settlements they touch.

The matching rules are `sitrep.fuse.merge`'s; here the candidates come from an SQL query on the
event date and a latitude/longitude box (or the admin1 for vague reports) instead of the in-memory index.
"""

from __future__ import annotations

import gc
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, RowMapping, and_, delete, func, insert, select, update

from sitrep.fuse.control import ControlSpan, timeline
from sitrep.fuse.merge import MAX_RADIUS_KM, Report, SourceRef, combine, matches
from sitrep.model import Event
from sitrep.store import schema
from sitrep.store.portable import byte_order, text_order

E = schema.events.c
M = schema.fused_members.c
F = schema.fused_events.c
EVENT_COLUMNS = tuple(column.name for column in schema.events.columns)
FUSED_COLUMNS = tuple(column.name for column in schema.fused_events.columns)
CHUNK = 500


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _candidates(conn: Connection, report: Report, event: Event) -> list[tuple[Event, str]]:
    """Stored, already fused events that might match `event`, with their fused id."""
    assert event.event_date is not None
    reach = 15 if report.vague else 3
    query = (
        select(schema.events, M.fused_id)
        .join(schema.fused_members, M.event_id == E.event_id)
        .where(
            E.event_date >= event.event_date - timedelta(days=reach),
            E.event_date <= event.event_date + timedelta(days=reach),
            E.document_id != report.document_id,
        )
    )
    if report.vague:
        query = query.where(func.lower(E.admin1) == report.admin1)
    else:
        assert event.latitude is not None and event.longitude is not None
        dlat = MAX_RADIUS_KM / 111.2
        dlon = dlat / max(0.05, math.cos(math.radians(event.latitude)))
        query = query.where(
            and_(E.latitude.between(event.latitude - dlat, event.latitude + dlat)),
            and_(E.longitude.between(event.longitude - dlon, event.longitude + dlon)),
        )
    rows = conn.execute(query).mappings().all()
    return [(Event(**{name: row[name] for name in EVENT_COLUMNS}), row["fused_id"]) for row in rows]


def fuse_document(conn: Connection, document_id: str) -> set[int]:
    """Fuse the document's not-yet-fused events; returns the geonameids whose events changed.

    Clusters are connected components of `matches`, named by their smallest member id, so the
    outcome is the same whatever order documents are fused in, and fusing again changes nothing.
    """
    query = (
        select(schema.events)
        .outerjoin(schema.fused_members, M.event_id == E.event_id)
        .where(E.document_id == document_id, M.event_id.is_(None))
        .order_by(byte_order(E.event_id))
    )
    new = [Event(**{n: r[n] for n in EVENT_COLUMNS}) for r in conn.execute(query).mappings()]
    dirty: set[str] = set()
    gone: set[str] = set()
    for event in new:
        report = Report.of(event)
        joined: set[str] = set()
        if report.day is not None:
            for other, fused_id in _candidates(conn, report, event):
                if matches(report, Report.of(other)):
                    joined.add(fused_id)
        assert event.event_id is not None
        member_ids = [event.event_id]
        if joined:
            rows = conn.execute(select(M.event_id).where(M.fused_id.in_(sorted(joined)))).scalars()
            member_ids += list(rows)
        fused_id = min(member_ids)
        conn.execute(insert(schema.fused_members), [{"event_id": event.event_id, "fused_id": fused_id}])
        stale = joined - {fused_id}
        if stale:
            conn.execute(
                update(schema.fused_members).where(M.fused_id.in_(sorted(stale))).values(fused_id=fused_id)
            )
            gone |= stale
        dirty.add(fused_id)
    dirty -= gone
    touched: set[int] = set()
    if gone:
        touched |= _geonameids(conn, select(F.geonameid).where(F.event_id.in_(sorted(gone))))
        conn.execute(delete(schema.fused_events).where(F.event_id.in_(sorted(gone))))
    if dirty:
        ids = sorted(dirty)
        grouped = members(conn, ids)
        refs = sources(conn, [m.event_id or "" for group in grouped.values() for m in group])
        by_event = {r.event_id: r for r in refs}
        rows = []
        for fused_id in ids:
            group = grouped[fused_id]
            fused = combine(group, [by_event[m.event_id] for m in group if m.event_id in by_event])
            row = {name: getattr(fused, name) for name in FUSED_COLUMNS if name != "n_reports"}
            rows.append({**row, "n_reports": len(group)})
            if fused.geonameid is not None:
                touched.add(fused.geonameid)
        for chunk in _chunks(ids):
            conn.execute(delete(schema.fused_events).where(F.event_id.in_(chunk)))
        conn.execute(insert(schema.fused_events), rows)
    members_places = select(E.geonameid).where(E.document_id == document_id)
    return touched | _geonameids(conn, members_places)


def _geonameids(conn: Connection, query: Any) -> set[int]:
    return {value for value in conn.execute(query).scalars() if value is not None}


def members(conn: Connection, fused_ids: Sequence[str]) -> dict[str, list[Event]]:
    """The member events (complete) of each fused id."""
    from sitrep.store.database import _complete

    out: dict[str, list[Event]] = defaultdict(list)
    for chunk in _chunks(list(fused_ids)):
        query = (
            select(schema.events, M.fused_id)
            .join(schema.fused_members, M.event_id == E.event_id)
            .where(M.fused_id.in_(chunk))
            .order_by(byte_order(E.event_id))
        )
        rows = conn.execute(query).mappings().all()
        for row, event in zip(rows, _complete(conn, rows), strict=True):
            out[row["fused_id"]].append(event)
    return out


def sources(conn: Connection, event_ids: Sequence[str]) -> list[SourceRef]:
    """Each report's document, outlet, url and publication day."""
    s = schema.sources.c
    out: list[SourceRef] = []
    for chunk in _chunks(list(event_ids)):
        query = select(schema.sources).where(s.event_id.in_(chunk)).order_by(byte_order(s.event_id))
        for r in conn.execute(query).mappings():
            out.append(SourceRef(r["event_id"], r["document_id"], r["source"], r["url"], r["published"]))
    return out


def complete_fused(conn: Connection, rows: Sequence[RowMapping]) -> list[Event]:
    """Fused events for `fused_events` rows, with every member's evidence, losses and lowest claims."""
    ids = [row["event_id"] for row in rows]
    grouped = members(conn, ids)
    refs = sources(conn, [m.event_id or "" for group in grouped.values() for m in group])
    by_event: dict[str, SourceRef] = {r.event_id: r for r in refs}
    out = []
    for fused_id in ids:
        group = grouped.get(fused_id, [])
        if group:
            out.append(combine(group, [by_event[m.event_id] for m in group if m.event_id in by_event]))
    return out


def recompute_control(conn: Connection, geonameids: Iterable[int]) -> int:
    """Rebuild the control timeline of these settlements from their fused events; returns spans written.

    A timeline that comes out as stored is left alone, so its rows keep their ids (PostgreSQL's
    sequences, unlike SQLite's rowids, would hand out new ones) and fusing again changes nothing."""
    places = sorted(set(geonameids))
    written = 0
    c = schema.control.c
    for chunk in _chunks(places):
        rows = conn.execute(select(schema.fused_events).where(F.geonameid.in_(chunk))).mappings().all()
        spans = timeline(complete_fused(conn, rows))
        stored = conn.execute(
            select(schema.control).where(c.geonameid.in_(chunk)).order_by(c.geonameid, c.id)
        )
        if [span_of(row) for row in stored] == spans:
            continue
        conn.execute(delete(schema.control).where(c.geonameid.in_(chunk)))
        if spans:
            conn.execute(insert(schema.control), [span_row(span) for span in spans])
            written += len(spans)
    return written


def span_row(span: ControlSpan) -> dict[str, Any]:
    """A control table row for a span: its fields, with the evidence ids joined."""
    return {**asdict(span), "evidence": "; ".join(span.evidence)}


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building thousands of acyclic spans otherwise triggers
    collections that walk every live object and double an as-of answer's time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def span_of(row: Any) -> ControlSpan:
    """A span from a control table row (a Row in the table's column order)."""
    (_id, geonameid, place, latitude, longitude, admin1, country, holder, since, until, evidence,
     confidence, contested) = row  # fmt: skip
    return ControlSpan(
        geonameid=geonameid,
        place=place,
        holder=holder,
        since=since,
        until=until,
        evidence=evidence.split("; ") if evidence else [],
        confidence=confidence,
        contested=bool(contested),
        latitude=latitude,
        longitude=longitude,
        admin1=admin1,
        country=country,
    )


def as_of_query(
    day: date, admin1: str | None = None, bbox: tuple[float, float, float, float] | None = None
) -> Any:
    """The SELECT of control spans in force on `day`, optionally in one admin1 or a lon/lat box."""
    c = schema.control.c
    query = select(schema.control).where(c.since <= day, (c.until.is_(None)) | (c.until > day))
    if admin1:
        query = query.where(func.lower(c.admin1) == admin1.lower())
    if bbox:
        min_lon, min_lat, max_lon, max_lat = bbox
        query = query.where(c.longitude.between(min_lon, max_lon), c.latitude.between(min_lat, max_lat))
    return query.order_by(*text_order(c.admin1), *text_order(c.place), c.geonameid)


def places_named(conn: Connection, name: str) -> list[int]:
    """Geonameids in the control table whose place is `name`: exactly (ignoring case), else by spelling skeleton."""
    from sitrep.geo.normalize import skeleton

    c = schema.control.c
    pairs = conn.execute(select(c.geonameid, c.place).distinct()).all()
    exact = sorted({gid for gid, place in pairs if place and place.casefold() == name.casefold()})
    if exact:
        return exact
    wanted = skeleton(name)
    return sorted({gid for gid, place in pairs if place and skeleton(place) == wanted})
