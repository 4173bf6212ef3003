"""Every output format written, parsed back and checked field by field."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitrep.formats import FORMATS, acled_csv_row, write_events, write_parquet
from sitrep.model import ACLED_COLUMNS, EVENT_FIELDS, Event, Evidence, Loss, Quantity


def placed_event() -> Event:
    return Event(
        event_id="SYR0001",
        event_date=date(2017, 5, 28),
        time_precision=1,
        event_type="Battles",
        sub_event_type="Government regains territory",
        actor1="Military Forces of Syria (2000-)",
        assoc_actor_1="Tiger Forces",
        inter1=1,
        actor2="Islamic State (Syria)",
        inter2=2,
        iso=760,
        country="Syria",
        admin1="Aleppo",
        location="Maskanah",
        latitude=35.9591,
        longitude=38.0336,
        geo_precision=1,
        notes='Took Maskanah, "a key town", from IS.',
        fatalities=0,
        document_id="b94d27b9934d3e08",
        claims={"killed_or_injured": Quantity(2000, "more than")},
        losses=[Loss("Military Forces of Syria (2000-)", "tank", 3, "Islamic State (Syria)")],
        evidence=[Evidence("b94d27b9934d3e08", 29, 102, "The Syrian Arab Army took Maskanah")],
        confidence=0.8,
    )


def unplaced_event() -> Event:
    return Event(
        event_id="SYR0002",
        event_date=date(2017, 5, 20),
        sub_event_type="Air/drone strike",
        actor1="Military Forces of Russia (2000-)",
        status="claimed",
        claimed_by="Military Forces of Russia (2000-)",
    )


EVENTS = [placed_event(), unplaced_event()]


def written(fmt: str, **kwargs) -> tuple[int, str]:
    out = io.StringIO()
    count = write_events(EVENTS, fmt, out, **kwargs)
    return count, out.getvalue()


def test_jsonl_is_one_contract_object_per_line():
    count, text = written("jsonl")
    lines = text.splitlines()
    assert count == 2 and len(lines) == 2
    first = json.loads(lines[0])
    assert list(first) == list(EVENT_FIELDS)
    assert first["event_date"] == "2017-05-28"
    assert first["claims"] == {"killed_or_injured": {"value": 2000, "qualifier": "more than", "who": None}}
    assert [Event.from_dict(json.loads(line)) for line in lines] == EVENTS


def test_json_is_a_list_of_the_same_objects():
    count, text = written("json")
    assert count == 2
    assert json.loads(text) == [e.to_dict() for e in EVENTS]


def test_csv_has_every_field_with_nested_ones_as_json():
    count, text = written("csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == 2
    assert tuple(rows[0]) == EVENT_FIELDS
    assert rows[0]["notes"] == 'Took Maskanah, "a key town", from IS.'
    assert rows[0]["latitude"] == "35.9591"
    assert json.loads(rows[0]["losses"]) == [
        {
            "side": "Military Forces of Syria (2000-)",
            "item": "tank",
            "count": 3,
            "claimed_by": "Islamic State (Syria)",
        }
    ]
    assert rows[1]["location"] == "" and rows[1]["status"] == "claimed"
    assert json.loads(rows[1]["claims"]) == {}


def test_acled_csv_has_acleds_columns_in_acleds_order():
    _count, text = written("csv", columns=ACLED_COLUMNS)
    reader = csv.reader(io.StringIO(text))
    assert tuple(next(reader)) == ACLED_COLUMNS
    first = next(reader)
    assert first[:3] == ["SYR0001", "2017-05-28", "1"]
    assert first[ACLED_COLUMNS.index("actor2")] == "Islamic State (Syria)"
    assert list(acled_csv_row(placed_event())) == list(ACLED_COLUMNS)
    assert acled_csv_row(unplaced_event())["latitude"] == ""


def test_geojson_places_points_as_longitude_latitude_and_skips_unplaced():
    count, text = written("geojson")
    collection = json.loads(text)
    assert count == 1
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [38.0336, 35.9591]}
    assert feature["properties"] == placed_event().to_dict()


def test_table_shows_the_scanned_fields_within_the_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    count, text = written("table")
    assert count == 2
    assert max(len(line) for line in text.splitlines()) <= 100
    assert "2017-05-28" in text and "Maskanah" in text and "claimed" in text
    # Long actor names wrap inside their column rather than being cut off.
    assert "Syria (2000-)" in text and "(2000-)" in text.split("Russia")[1]


def test_parquet_reads_back_with_types(tmp_path):
    path = tmp_path / "events.parquet"
    assert write_parquet(EVENTS, path) == 2
    table = pq.read_table(path)
    assert table.column_names == list(EVENT_FIELDS)
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("fatalities").type == pa.int64()
    assert table.schema.field("latitude").type == pa.float64()
    rows = table.to_pylist()
    assert rows[0]["event_date"] == date(2017, 5, 28)
    assert rows[0]["latitude"] == 35.9591
    assert json.loads(rows[0]["evidence"])[0]["start"] == 29
    assert rows[1]["latitude"] is None
    assert rows[1]["claimed_by"] == "Military Forces of Russia (2000-)"


def test_parquet_with_acled_columns(tmp_path):
    path = tmp_path / "acled.parquet"
    write_parquet(EVENTS, path, columns=ACLED_COLUMNS)
    assert pq.read_table(path).column_names == list(ACLED_COLUMNS)


def test_unknown_format_or_field_is_a_clear_error():
    assert FORMATS == ("jsonl", "json", "csv", "geojson", "table")
    with pytest.raises(ValueError, match="unknown format 'xml'; choose one of: jsonl, json"):
        write_events(EVENTS, "xml", io.StringIO())
    with pytest.raises(ValueError, match="unknown event field"):
        write_events(EVENTS, "csv", io.StringIO(), columns=("event_id", "casualties"))
