"""The PLOVER reader: records written here with a fake extractor, then the dev file with the real one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.core import make_extractor
from sitrep.evaluate import evaluate, report_text
from sitrep.evaluate.confusion import NO_EVENT
from sitrep.evaluate.plover import names_actor
from sitrep.model import Document, Event
from tests.conftest import shared_path

RECORDS = [
    {"id": "DOC", "event": "DOCUMENT", "eventText": "documentation"},
    {"id": "R1", "date": "2000-01-01", "event": "ASSAULT", "text": "Israeli soldiers beat protesters.",
     "source": [{"actorText": "Israeli soldiers"}], "target": [{"actorText": "Palestinian protesters"}]},
    {"id": "R2", "date": "2000-01-01", "event": "FIGHT", "text": "Hezbollah fighters attacked.",
     "source": [{"actorText": "Hezbollah"}], "target": ""},
    {"id": "R3", "date": "2000-01-01", "event": "COERCE", "text": "Ugandan rebels seized Kampala.",
     "source": [{"actorText": "Ugandan rebels"}], "target": [{"actorText": "Kampala"}]},
]  # fmt: skip
PREDICTED = {
    "Israeli soldiers beat protesters.": [
        Event(actor1="Military Forces of Israel (2009-)", actor2="Protesters", plover_event="ASSAULT")
    ],
    "Hezbollah fighters attacked.": [Event(actor1="Hezbollah", plover_event="ATTACK")],
}


def fake_extract(document: Document) -> list[Event]:
    return PREDICTED.get(document.text, [])


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    return path


def test_loose_actor_names() -> None:
    assert names_actor("Syrian Arab Army units", "Military Forces of Syria (2000-)")  # an alias
    assert names_actor("Israeli soldiers", "Military Forces of Israel (2009-)")  # the country's demonym
    assert names_actor("Hezbollah", "Hezbollah")
    assert not names_actor("Thisdale villagers", "Islamic State (Syria)")  # "is" is no word of it
    assert not names_actor("Kampala", None)


def test_events_and_actors(tmp_path: Path) -> None:
    card = evaluate("plover", _write(tmp_path), fake_extract)
    assert [r.id for r in card.records] == ["R1", "R2", "R3"]  # the DOCUMENT record is not an event
    assert card.reported == 2
    assert card.matrix.accuracy == pytest.approx(1 / 3)
    assert card.matrix.cell("FIGHT", "ATTACK") == 1 and card.matrix.cell("COERCE", NO_EVENT) == 1
    assert card.field("source_right") == (2, 3)
    assert card.field("target_right") == (1, 2)  # R2 names no target
    line = card.summary_line()
    assert line == "plover: records 3, reported 2 (67%), plover_event 0.33, source 0.67 (3), target 0.50 (2)"
    assert report_text(card).rstrip().splitlines()[-1] == line
    assert card.to_json()["totals"]["target"] == 0.5


def test_limit_and_plot(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    card = evaluate("plover", _write(tmp_path), fake_extract, limit=1, plot=tmp_path / "plover.png")
    assert len(card.records) == 1 and card.matrix.accuracy == 1.0
    assert (tmp_path / "plover.png").read_bytes().startswith(b"\x89PNG")


def test_not_a_plover_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"events": []}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a PLOVER gold file"):
        evaluate("plover", path, fake_extract)


def test_dev_file_with_the_real_extractor() -> None:
    path = shared_path("data", "dev", "plover", "PLOVER_GSR_CAMEO.json")
    extractor = make_extractor()
    card = evaluate("plover", path, lambda d: extractor.extract(d, all_statuses=True), limit=20)
    assert len(card.records) == 20
    line = card.summary_line()
    for key in ("records 20", "reported", "plover_event", "source", "target"):
        assert key in line
    assert set(card.to_json()["totals"]) >= {"coverage", "plover_event", "source", "target"}
