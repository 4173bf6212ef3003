"""The JSON endpoints: fused events (as JSON and GeoJSON), documents, control and counts; read only."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from sitrep.formats import geojson_feature, span_dict, spans_geojson
from sitrep.fuse.merge import SourceRef
from sitrep.model import Event
from sitrep.store import EventFilters as StoreFilters
from sitrep.store import Store

router = APIRouter(prefix="/api")


def get_store(request: Request) -> Store:
    """The app's store (one per app, opened by `create_app`)."""
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


class EventFilters:
    """The filters of `sitrep events`, as query parameters."""

    def __init__(
        self,
        since: Annotated[date | None, Query(description="Events on or after YYYY-MM-DD.")] = None,
        until: Annotated[date | None, Query(description="Events on or before YYYY-MM-DD.")] = None,
        type: Annotated[str | None, Query(description="Event type or sub-event type.")] = None,
        actor: Annotated[str | None, Query(description="Part of an actor's name.")] = None,
        country: Annotated[str | None, Query(description="Country name.")] = None,
        admin1: Annotated[str | None, Query(description="Admin1 (province) name.")] = None,
        limit: Annotated[int | None, Query(ge=1, description="At most this many events.")] = None,
        all_statuses: Annotated[
            bool, Query(description="Also planned, expected, hypothetical and denied events.")
        ] = False,
    ) -> None:
        if since and until and since > until:
            raise HTTPException(422, f"since ({since}) is after until ({until})")
        self.query = StoreFilters(
            since=since,
            until=until,
            event_type=type,
            actor=actor,
            country=country,
            admin1=admin1,
            limit=limit,
        )
        if all_statuses:
            self.query["statuses"] = None

    def events(self, store: Store) -> list[Event]:
        return store.fused_events(**self.query)


Filters = Annotated[EventFilters, Depends()]


def source_dict(ref: SourceRef) -> dict[str, Any]:
    return {**asdict(ref), "published": ref.published.isoformat() if ref.published else None}


@router.get("/events")
def events(store: StoreDep, filters: Filters) -> list[dict[str, Any]]:
    """Fused events (one per real-world event, every source), oldest first, as the contract's fields."""
    return [event.to_dict() for event in filters.events(store)]


@router.get("/events.geojson")
def events_geojson(store: StoreDep, filters: Filters) -> dict[str, Any]:
    """The same events as a GeoJSON FeatureCollection of points; events without coordinates are left out."""
    features = [geojson_feature(event) for event in filters.events(store)]
    return {"type": "FeatureCollection", "features": [f for f in features if f is not None]}


@router.get("/events/{event_id}")
def event(event_id: str, store: StoreDep) -> dict[str, Any]:
    """One fused event with its sources and each report's own coding (`reports`)."""
    found = store.fused_event(event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return {
        **found.to_dict(),
        "sources": [source_dict(ref) for ref in store.fused_sources(event_id)],
        "reports": [report.to_dict() for report in store.fused_reports(event_id)],
    }


@router.get("/documents/{document_id}")
def document(document_id: str, store: StoreDep) -> dict[str, Any]:
    """A stored report's text (evidence offsets index into it) and what is known of its publication."""
    found = store.document(document_id)
    if found is None:
        raise HTTPException(404, f"no document {document_id!r}")
    return {
        "id": found.id,
        "title": found.title,
        "published": found.published.isoformat() if found.published else None,
        "source": found.source,
        "url": found.url,
        "language": found.language,
        "text": found.text,
    }


AsOf = Annotated[date | None, Query(description="Day YYYY-MM-DD (default: today).")]
Admin1 = Annotated[str | None, Query(description="Only this admin1 (province).")]


@router.get("/control")
def control(store: StoreDep, as_of: AsOf = None, admin1: Admin1 = None) -> list[dict[str, Any]]:
    """Who holds each settlement on a day, with the evidence events, as `sitrep control -f jsonl` rows."""
    return [span_dict(span) for span in store.control_as_of(as_of or date.today(), admin1=admin1)]


@router.get("/control.geojson")
def control_geojson(store: StoreDep, as_of: AsOf = None, admin1: Admin1 = None) -> dict[str, Any]:
    """The same spans as GeoJSON points (settlements without coordinates are left out)."""
    return spans_geojson(store.control_as_of(as_of or date.today(), admin1=admin1))


@router.get("/control/{place}/history")
def control_history(place: str, store: StoreDep) -> list[dict[str, Any]]:
    """A settlement's control timeline, oldest first; `place` is a name or a geonameid."""
    spans = store.control_history(place)
    if not spans:
        raise HTTPException(404, f"no control timeline for {place!r}")
    return [span_dict(span) for span in spans]


@router.get("/stats")
def stats(store: StoreDep) -> dict[str, Any]:
    """How much is stored (documents, events per report, fused events of any status, fused events that
    happened: what /api/events lists), and the first and last day of the events that happened."""
    happened, first, last = store.fused_span()
    return {
        **store.counts(),
        "fused_events": store.fused_count(),
        "happened_events": happened,
        "first_event_date": first.isoformat() if first else None,
        "last_event_date": last.isoformat() if last else None,
    }
