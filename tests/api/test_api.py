"""The REST API served by uvicorn on 127.0.0.1 over the example report stored by the real pipeline."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from sitrep.api import create_app
from sitrep.model import EVENT_FIELDS
from sitrep.store import Store
from tests.api.live import LEAFLET, PUBLISHED, SOURCE, fetch, get_json, serving

SAA = "Military Forces of Syria (2000-)"
HTS = "HTS: Hayat Tahrir al Sham"


@pytest.fixture(scope="module")
def stored(example_db: str) -> list:
    """What the store itself says, to hold the API's answers against."""
    with Store(example_db) as store:
        return store.fused_events()


def by_location(events: list[dict], location: str) -> dict:
    [event] = [e for e in events if e["location"] == location]
    return event


def test_events_are_the_stored_fused_events_with_the_contract_fields(server, stored):
    status, events = get_json(f"{server}/api/events")
    assert status == 200
    assert [e["event_id"] for e in events] == [e.event_id for e in stored]
    assert len(events) == 4  # the example's four events that happened; the expected advance is left out
    assert all(tuple(e) == EVENT_FIELDS for e in events)
    saraqib = by_location(events, "Saraqib")
    assert (saraqib["event_date"], saraqib["sub_event_type"], saraqib["actor1"], saraqib["actor2"]) == (
        "2020-02-04",
        "Government regains territory",
        SAA,
        HTS,
    )
    assert saraqib["source"] == SOURCE


def test_filters_narrow_the_events(server, stored):
    def ids(query: str) -> list[str]:
        status, events = get_json(f"{server}/api/events?{query}")
        assert status == 200, events
        return [e["event_id"] for e in events]

    every = [e.event_id for e in stored]
    assert ids("type=battles") == [e.event_id for e in stored if e.event_type == "Battles"] != []
    assert ids("actor=russia") == [e.event_id for e in stored if "Russia" in (e.actor1 or "")] != []
    assert ids("until=2020-02-04") == [e.event_id for e in stored if e.event_date.isoformat() <= "2020-02-04"]
    assert ids("since=2020-02-05&until=2020-02-05") == [
        e.event_id for e in stored if e.event_date.isoformat() == "2020-02-05"
    ]
    assert ids("limit=2") == every[:2]
    status, everything = get_json(f"{server}/api/events?all_statuses=true")
    assert len(everything) > len(every)
    assert {e["status"] for e in everything} - {"occurred", "claimed"} == {"expected"}


def test_geojson_places_every_event_at_its_coordinates(server, stored):
    status, collection = get_json(f"{server}/api/events.geojson")
    assert status == 200 and collection["type"] == "FeatureCollection"
    placed = [e for e in stored if e.latitude is not None]
    assert [f["properties"]["event_id"] for f in collection["features"]] == [e.event_id for e in placed]
    assert [f["geometry"]["coordinates"] for f in collection["features"]] == [
        [e.longitude, e.latitude] for e in placed
    ]
    status, battles = get_json(f"{server}/api/events.geojson?type=Battles")
    assert [f["properties"]["location"] for f in battles["features"]] == ["Saraqib"]


def test_one_event_with_its_sources_reports_claims_and_losses(server, stored):
    [ied] = [e for e in stored if e.sub_event_type == "Remote explosive/landmine/IED"]
    status, event = get_json(f"{server}/api/events/{quote(ied.event_id)}")
    assert status == 200
    assert event["actor1"] == HTS and event["status"] == "claimed"
    assert event["claims"]["killed"]["value"] == 2
    assert [(loss["side"], loss["item"]) for loss in event["losses"]] == [(SAA, "vehicle")]
    assert [(s["source"], s["published"], s["url"]) for s in event["sources"]] == [
        (SOURCE, PUBLISHED.isoformat(), None)
    ]
    assert [r["event_id"] for r in event["reports"]] == [ied.event_id]
    assert event["evidence"] == [
        {"document_id": e.document_id, "start": e.start, "end": e.end, "text": e.text} for e in ied.evidence
    ]


def test_document_text_holds_every_evidence_span_at_its_offsets(server, stored):
    document_id = stored[0].document_id
    status, document = get_json(f"{server}/api/documents/{document_id}")
    assert status == 200
    assert (document["id"], document["published"], document["source"]) == (document_id, "2020-02-06", SOURCE)
    assert document["title"] == "SYRIAN ARMY CAPTURES SARAQIB AS FIGHTING SPREADS ACROSS IDLIB"
    spans = [evidence for event in stored for evidence in event.evidence]
    assert len(spans) >= len(stored)
    for evidence in spans:
        assert document["text"][evidence.start : evidence.end] == evidence.text


def test_control_as_of_a_day(server):
    status, rows = get_json(f"{server}/api/control?as_of=2020-02-05")
    assert status == 200
    holders = {row["place"]: row for row in rows}
    assert holders["Saraqib"]["holder"] == SAA and holders["Saraqib"]["since"] == "2020-02-04"
    assert holders["Saraqib"]["latitude"] == pytest.approx(35.86, abs=0.05)
    assert holders["Saraqib"]["longitude"] == pytest.approx(36.80, abs=0.05)
    # The day before the strike only the capture of Saraqib is known; the day before that, nothing.
    assert [row["place"] for row in get_json(f"{server}/api/control?as_of=2020-02-04")[1]] == ["Saraqib"]
    assert get_json(f"{server}/api/control?as_of=2020-02-03") == (200, [])
    status, collection = get_json(f"{server}/api/control.geojson?as_of=2020-02-05")
    assert {f["properties"]["place"]: f["geometry"]["coordinates"] for f in collection["features"]} == {
        place: [row["longitude"], row["latitude"]] for place, row in holders.items()
    }


def test_control_history_by_name_and_by_geonameid(server):
    status, spans = get_json(f"{server}/api/control/saraqib/history")
    assert status == 200
    assert [(s["holder"], s["since"], s["until"]) for s in spans] == [(SAA, "2020-02-04", None)]
    assert get_json(f"{server}/api/control/{spans[0]['geonameid']}/history") == (200, spans)


def test_stats_count_what_is_stored(server, stored):
    status, stats = get_json(f"{server}/api/stats")
    assert status == 200
    assert stats["documents"] == 1
    assert stats["happened_events"] == len(stored) == 4
    assert stats["fused_events"] == stats["events"] == 5  # with the expected advance on Ariha
    assert (stats["first_event_date"], stats["last_event_date"]) == ("2020-02-04", "2020-02-05")


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/events/no-such-event", 404, "no event 'no-such-event'"),
        ("/api/documents/0000", 404, "no document '0000'"),
        ("/api/control/Atlantis/history", 404, "no control timeline for 'Atlantis'"),
        ("/api/events?since=2020-13-01", 422, "since: "),
        ("/api/events.geojson?until=yesterday", 422, "until: "),
        (
            "/api/events?since=2020-02-06&until=2020-02-01",
            422,
            "since (2020-02-06) is after until (2020-02-01)",
        ),
        ("/api/events?limit=0", 422, "limit: "),
        ("/api/control?as_of=5%20May", 422, "as_of: "),
    ],
)
def test_bad_input_is_a_404_or_422_with_a_one_line_reason(server, path, status, words):
    got, body = get_json(f"{server}{path}")
    assert got == status
    assert isinstance(body["detail"], str) and "\n" not in body["detail"]
    assert words in body["detail"]


def test_the_page_and_its_scripts_are_served(server):
    status, kind, body = fetch(f"{server}/")
    assert status == 200 and kind.startswith("text/html")
    page = body.decode()
    assert 'id="map"' in page and "npm ci" in page and "static/app.js" in page
    for name in ("app.js", "app.css"):
        assert fetch(f"{server}/static/{name}")[0] == 200
    if LEAFLET.is_dir():
        status, kind, body = fetch(f"{server}/static/vendor/leaflet/leaflet.js")
        assert status == 200 and b"Leaflet" in body[:400]


def test_without_leaflet_the_api_still_answers(example_db, tmp_path):
    with serving(create_app(example_db, leaflet_dir=tmp_path / "node_modules" / "leaflet" / "dist")) as url:
        assert fetch(f"{url}/static/vendor/leaflet/leaflet.js")[0] == 404
        assert get_json(f"{url}/api/stats")[1]["documents"] == 1
        assert fetch(f"{url}/")[0] == 200


def test_a_missing_sqlite_file_is_refused_and_not_created(tmp_path: Path):
    missing = tmp_path / "missing.db"
    with pytest.raises(FileNotFoundError, match="missing.db"):
        create_app(str(missing))
    assert not missing.exists()
