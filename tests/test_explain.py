"""`sitrep explain`, run as a user runs it: each sentence's decisions, as a table and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from sitrep.extract.events import Extractor
from sitrep.extract.explain import explain
from sitrep.model import Document
from tests.test_cli import EXAMPLE, run


def test_explain_json_gives_every_sentence_and_its_decisions() -> None:
    result = run("explain", str(EXAMPLE), "--published", "2020-02-06", "--format", "json")
    assert result.returncode == 0, result.stderr
    (payload,) = [json.loads(line) for line in result.stdout.splitlines()]
    sentences = payload["sentences"]
    assert len(sentences) >= 5
    actions = [a for s in sentences for a in s["actions"]]
    capture = next(a for a in actions if a["trigger"] == "territory:captured")
    # "a military source told state media": the army's own announcement of its capture is its claim.
    assert capture["status"] == "claimed"
    assert capture["status_reason"].startswith("announced by a party to it")
    assert capture["sub_event_type"] == "Government regains territory"
    assert capture["type_rule"].startswith("territory:")
    assert {r["role"]: r["name"] for r in capture["roles"]}["actor1"] == "Military Forces of Syria (2000-)"
    assert capture["date"].startswith("2020-02-04")
    assert capture["date_words"] == "Tuesday"
    assert capture["outcome"].startswith("event ")
    # The forecast is a decision too: expected, with its cue, and left out of what happened.
    forecast = next(a for a in actions if a["status"] == "expected")
    assert "expect" in (forecast["status_reason"] or "")
    assert forecast["outcome"].startswith("left out: status expected")


def test_explain_table_names_the_rule_and_the_outcome() -> None:
    result = run("explain", str(EXAMPLE), "--published", "2020-02-06")
    assert result.returncode == 0, result.stderr
    assert "Government regains territory ← territory:" in result.stdout
    assert "left out: status expected" in result.stdout
    assert "no trigger word" in result.stdout or "merged into" in result.stdout


def test_explain_bad_input_is_one_line_exit_2(tmp_path: Path) -> None:
    result = run("explain", str(tmp_path / "absent.txt"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") <= 1
    result = run("explain", str(EXAMPLE), "--format", "xml")
    assert result.returncode == 2 and "unknown format" in result.stderr


def test_explain_shows_the_events_extract_gives() -> None:
    extractor = Extractor(geocoder=None)
    document = Document(
        text="Rebels stormed the village of Kafr Nabl on Monday. Troops had shelled it in 2015.",
        published=None,
        id="explain-test",
    )
    events = extractor.extract(document)
    sentences = explain(extractor, document)
    outcomes = [a.outcome for s in sentences for a in s.actions]
    assert sum(o.startswith("event ") for o in outcomes) == len(events)
    recalled = next(a for s in sentences for a in s.actions if a.trigger.startswith("shelling"))
    assert recalled.status == "background"
    assert recalled.outcome.startswith("left out")
