"""`sitrep control` as a sub-app run through typer's CliRunner on a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from sitrep.cli.control import app
from sitrep.model import Document, Event, Evidence
from sitrep.store import Store

SAA = "Military Forces of Syria (2000-)"
IS = "Islamic State (Syria)"
runner = CliRunner()


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "control.db")
    doc = Document(
        text="On Sunday the army took Ras al-Ain al-Ahmar.", published=date(2017, 5, 29), source="Wire"
    )
    common = dict(document_id=doc.id, event_type="Battles", country="Syria", admin1="Aleppo", geo_precision=1)
    events = [
        Event(event_id="E1", event_date=date(2017, 5, 28), time_precision=1,
              sub_event_type="Government regains territory", actor1=SAA, actor2=IS,
              location="Ras al-Ain al-Ahmar", latitude=36.0216, longitude=37.9875, geonameid=165507,
              evidence=[Evidence(doc.id, 0, 44, doc.text)], **common),
        Event(event_id="E2", event_date=date(2017, 5, 27), time_precision=2, sub_event_type="Air/drone strike",
              actor1="Military Forces of Russia (2000-)", actor2=IS, location="Maskanah", latitude=35.9658,
              longitude=38.0416, geonameid=167080, **{**common, "event_type": "Explosions/Remote violence"}),
    ]  # fmt: skip
    with Store(path) as store:
        store.add(doc, events)
        store.fuse(doc.id)
    return path


def test_holders_as_of_a_day_as_csv(db):
    result = runner.invoke(app, ["--as-of", "2017-05-29", "--format", "csv", "--db", db])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["place"], r["holder"], r["since"], r["evidence"]) for r in rows] == [
        ("Maskanah", IS, "2017-05-27", "E2"),
        ("Ras al-Ain al-Ahmar", SAA, "2017-05-28", "E1"),
    ]


def test_geojson_with_a_bounding_box_and_a_province(db):
    args = ["--as-of", "2017-05-29", "-f", "geojson", "--bbox", "37.9,36.0,38.0,36.1", "--admin1", "aleppo"]
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    collection = json.loads(result.output)
    [feature] = collection["features"]
    assert feature["geometry"]["coordinates"] == [37.9875, 36.0216]
    assert feature["properties"]["holder"] == SAA


def test_table_lists_the_holders(db):
    result = runner.invoke(app, ["--as-of", "2017-05-29", "--db", db])
    assert result.exit_code == 0
    assert "Ras al-Ain al-Ahmar" in result.output and "Islamic State (Syria)" in result.output


def test_history_prints_the_timeline_and_the_supporting_sentence(db):
    result = runner.invoke(app, ["history", "Ras al Ain al Ahmar", "--db", db])
    assert result.exit_code == 0, result.output
    assert "2017-05-28" in result.output
    assert "On Sunday the army took Ras al-Ain al-Ahmar." in result.output
    as_jsonl = runner.invoke(app, ["history", "165507", "-f", "jsonl", "--db", db])
    assert [json.loads(line)["holder"] for line in as_jsonl.output.splitlines()] == [SAA]


def test_bad_input_exits_2_with_a_reason(db):
    for args in (["--as-of", "yesterday"], ["--bbox", "1,2,3"], ["-f", "xml"], ["history", "Nowhere"]):
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 2, args
