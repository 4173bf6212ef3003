"""The real gold files (the seed's in ../shared, the example's in examples/) read and score as expected."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitrep.evaluate import load_gold, report_text, score_project
from sitrep.evaluate.project import document_path
from sitrep.model import Event, Loss, Quantity

ROOT = Path(__file__).resolve().parents[2]
SEED_GOLD = ROOT.parent / "shared" / "data" / "gold" / "maskanah_2017.gold.json"
EXAMPLE_GOLD = ROOT / "examples" / "example_report.gold.json"


def _as_coded(gold_event: dict[str, Any]) -> Event:
    """The event a perfect system would report: the first acceptable value of every field."""
    event = Event(status="claimed" if gold_event["match"].get("claimed_by") else "occurred")
    for name, values in gold_event["match"].items():
        if name == "near":
            event.latitude, event.longitude = values["lat"], values["lon"]
        elif name == "event_date_between" or name == "event_date":
            event.event_date = date.fromisoformat(values[0])
        else:
            setattr(event, name, values[0])
    event.assoc_actor_1 = gold_event.get("assoc_actor_1_contains")
    if "fatalities_acled" in gold_event:
        event.fatalities = gold_event["fatalities_acled"][0]
    event.claims = {
        kind: Quantity(c["value"], c.get("qualifier")) for kind, c in gold_event.get("claims", {}).items()
    }
    event.losses = [Loss(x["side"], x["item"], x["count"]) for x in gold_event.get("losses", [])]
    return event


@pytest.fixture(params=["seed", "example"])
def gold(request: pytest.FixtureRequest) -> dict[str, Any]:
    path = SEED_GOLD if request.param == "seed" else EXAMPLE_GOLD
    if not path.is_file():
        pytest.skip(f"no gold file at {path}")
    return load_gold(path)


def test_gold_document_is_found_beside_the_gold(gold: dict[str, Any]) -> None:
    path = document_path(gold)
    assert path is not None and path.is_file()
    assert path.name == Path(gold["document"]).name


def test_events_as_coded_score_full(gold: dict[str, Any]) -> None:
    events = [_as_coded(g) for g in gold["events"] if g.get("required", True)]
    result = score_project(gold, events, document_path(gold).read_text(encoding="utf-8"))
    found, required = result.required_found
    assert found == required == len(events)
    ok, total = result.fields
    assert ok == total > 0
    assert result.losses[0] == result.losses[1]
    assert result.claims[0] == result.claims[1]
    assert (result.non_events_reported, len(result.false_events)) == (0, 0)
    assert all(n.located for n in result.non_events)  # every non-event is quoted exactly from the report
    assert report_text(result).rstrip().splitlines()[-1] == result.summary_line()


def test_seed_figures(gold: dict[str, Any]) -> None:
    if not gold["_path"].endswith("maskanah_2017.gold.json"):
        pytest.skip("seed only")
    events = [_as_coded(g) for g in gold["events"] if g.get("required", True)]
    result = score_project(gold, events)
    assert result.summary_line() == (
        "maskanah_2017: required events 6/6, fields 41/41, losses 9/9, claims 2/2, "
        "non-events reported 0, duplicates 0, false events 0"
    )
