from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.evaluate import READERS, evaluate, load_gold, report_text, score_project, to_json
from sitrep.evaluate.metrics import haversine_km, locate
from sitrep.model import Document, Event, Evidence, Loss, Quantity

TEXT = (
    "On Tuesday, government forces captured Saraqib from HTS. "
    "An IED claimed by HTS destroyed an army vehicle near Sarmin. "
    "Government forces are expected to advance on Idlib next week."
)
SARAQIB = (35.86447, 36.80591)
SARMIN = (35.90403, 36.72501)
FORECAST = "Government forces are expected to advance on Idlib"

GOLD = {
    "document": "report.txt",
    "published": "2020-02-06",
    "events": [
        {
            "id": "E1",
            "required": True,
            "match": {
                "event_date": ["2020-02-04"],
                "sub_event_type": ["Government regains territory"],
                "actor1": ["Military Forces of Syria (2000-)"],
                "actor2": ["HTS: Hayat Tahrir al Sham"],
                "near": {"lat": SARAQIB[0], "lon": SARAQIB[1], "km": 5},
                "geo_precision": [1],
            },
            "assoc_actor_1_contains": "Tiger Forces",
            "claims": {"killed": {"value": 12, "qualifier": "at least"}},
            "fatalities_acled": [0, 12],
        },
        {
            "id": "E2",
            "required": True,
            "match": {
                "sub_event_type": ["Remote explosive/landmine/IED"],
                "actor1": ["HTS: Hayat Tahrir al Sham"],
                "actor2": ["Military Forces of Syria (2000-)"],
                "claimed_by": ["HTS: Hayat Tahrir al Sham"],
                "near": {"lat": SARMIN[0], "lon": SARMIN[1], "km": 10},
                "event_date_between": ["2020-01-30", "2020-02-06"],
            },
            "losses": [
                {"side": "Military Forces of Syria (2000-)", "item": "vehicle", "count": 1},
                {"side": "Military Forces of Syria (2000-)", "item": "tank", "count": 2},
            ],
        },
        {
            "id": "E3",
            "required": False,
            "match": {
                "sub_event_type": ["Air/drone strike"],
                "actor1": ["Military Forces of Russia (2000-)"],
            },
        },
    ],
    "non_events": [{"id": "N1", "text": FORECAST, "status": ["expected"]}],
    "control_as_of_2020-02-06": [
        {"place": "Saraqib", "geonameid": 164816, "holder": ["Military Forces of Syria (2000-)"]},
        {"place": "Idlib", "geonameid": 169389, "holder": ["HTS: Hayat Tahrir al Sham", None],
         "must_not_be": "Military Forces of Syria (2000-)"},
    ],
}  # fmt: skip


def _evidence(sentence: str) -> list[Evidence]:
    start = TEXT.index(sentence)
    return [Evidence("doc", start, start + len(sentence), sentence)]


def _perfect() -> list[Event]:
    capture = Event(
        event_date=date(2020, 2, 4),
        sub_event_type="Government regains territory",
        actor1="Military Forces of Syria (2000-)",
        assoc_actor_1="Tiger Forces",
        actor2="HTS: Hayat Tahrir al Sham",
        latitude=SARAQIB[0],
        longitude=SARAQIB[1],
        geo_precision=1,
        fatalities=0,
        claims={"killed": Quantity(12, "at least")},
        evidence=_evidence("On Tuesday, government forces captured Saraqib from HTS."),
    )
    ied = Event(
        event_date=date(2020, 2, 5),
        sub_event_type="Remote explosive/landmine/IED",
        actor1="HTS: Hayat Tahrir al Sham",
        actor2="Military Forces of Syria (2000-)",
        claimed_by="HTS: Hayat Tahrir al Sham",
        status="claimed",
        latitude=SARMIN[0] + 0.02,
        longitude=SARMIN[1],
        losses=[
            Loss("Military Forces of Syria (2000-)", "tank", 2),
            Loss("Military Forces of Syria (2000-)", "vehicle", 1),
        ],
        evidence=_evidence("An IED claimed by HTS destroyed an army vehicle near Sarmin."),
    )
    forecast = Event(
        sub_event_type="Armed clash",
        actor1="Military Forces of Syria (2000-)",
        status="expected",
        evidence=_evidence(FORECAST + " next week."),
    )
    return [capture, ied, forecast]


def _figures(result) -> dict:
    return to_json(result)["totals"]


def test_perfect_prediction_scores_full() -> None:
    control = [
        {"place": "Saraqib", "geonameid": 164816, "holder": "Military Forces of Syria (2000-)"},
    ]
    result = score_project(GOLD, _perfect(), TEXT, control=control)
    assert _figures(result) == {
        "required_events": [2, 2],
        "fields": [14, 14],
        "losses": [2, 2],
        "claims": [1, 1],
        "control": [2, 2],
        "non_events_reported": 0,
        "duplicates": 0,
        "false_events": 0,
    }
    assert [g.matched for g in result.gold_events] == [0, 1, None]
    assert result.summary_line() == (
        "report: required events 2/2, fields 14/14, losses 2/2, claims 1/1, control 2/2, "
        "non-events reported 0, duplicates 0, false events 0"
    )


def test_wrong_actor_far_point_and_missing_loss_show_in_the_figures() -> None:
    events = _perfect()
    events[0].actor2 = "Islamic State (Syria)"
    events[1].latitude, events[1].longitude = 36.2, 37.1  # ~50 km from Sarmin: same event, wrong place
    events[1].losses = events[1].losses[:1]
    result = score_project(GOLD, events, TEXT)
    figures = _figures(result)
    assert figures["required_events"] == [2, 2]
    assert figures["fields"] == [12, 14]
    assert figures["losses"] == [1, 2]
    assert figures["control"] is None
    e1, e2, _ = result.gold_events
    [actor2] = [c for c in e1.fields if c.name == "actor2"]
    assert (actor2.result, actor2.predicted) == ("wrong", "Islamic State (Syria)")
    [near] = [c for c in e2.fields if c.name == "near"]
    assert near.result == "wrong" and near.predicted.endswith("km)")
    assert [c.result for c in e2.losses] == ["missing", "ok"]  # the vehicle was dropped


def test_non_event_reported_as_happened_and_an_extra_event_are_counted() -> None:
    events = _perfect()
    events[2].status = "occurred"  # the forecast, now wrongly reported as happened
    extra = Event(
        event_date=date(2020, 2, 3),
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Military Forces of Syria (2000-)",
        actor2="Civilians (Syria)",
        evidence=[Evidence("doc", 0, 10, "On Tuesday")],
    )
    events.append(extra)
    result = score_project(GOLD, events, TEXT)
    figures = _figures(result)
    assert figures["non_events_reported"] == 1
    assert figures["false_events"] == 2
    assert result.non_events[0].violations == [2]
    assert result.false_events == [2, 3]
    assert result.summary_line().endswith("non-events reported 1, duplicates 0, false events 2")


def test_non_event_found_by_evidence_text_without_the_document() -> None:
    events = _perfect()
    events[2].status = "occurred"
    result = score_project(GOLD, events)
    assert result.non_events[0].located is None
    assert result.non_events[0].violations == [2]


def test_missing_event_counts_all_its_fields_missing() -> None:
    result = score_project(GOLD, _perfect()[1:])
    figures = _figures(result)
    assert figures["required_events"] == [1, 2]
    assert figures["fields"] == [6, 14]
    assert figures["claims"] == [0, 1]
    assert {c.result for c in result.gold_events[0].fields} == {"missing"}


def test_restatement_is_a_duplicate_and_optional_gold_absorbs_an_event() -> None:
    events = _perfect()
    events.append(Event(**{**events[0].__dict__, "evidence": []}))
    events.append(Event(sub_event_type="Air/drone strike", actor1="Military Forces of Russia (2000-)"))
    result = score_project(GOLD, events, TEXT)
    assert result.duplicates == {3: "E1"}
    assert result.false_events == []
    assert result.gold_events[2].matched == 4
    # An optional event's fields are shown but do not count in the totals.
    assert _figures(result)["fields"] == [14, 14]


def test_control_holder_wrong_and_forbidden() -> None:
    control = [
        {"place": "Saraqib", "geonameid": 164816, "holder": "HTS: Hayat Tahrir al Sham"},
        {"place": "idlib", "holder": "Military Forces of Syria (2000-)"},
    ]
    result = score_project(GOLD, _perfect(), TEXT, control=control)
    assert [c.result for c in result.control] == ["wrong", "wrong"]
    assert _figures(result)["control"] == [0, 2]


def test_rendering_ends_with_the_summary_line() -> None:
    events = _perfect()
    events[0].actor2 = "Islamic State (Syria)"
    result = score_project(GOLD, events, TEXT)
    text = report_text(result, width=80)
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[-1] == result.summary_line()
    assert "actor2" in text and "wrong" in text
    assert len(lines[-1]) > 80  # the summary is never wrapped, however narrow the console
    assert json.loads(json.dumps(to_json(result)))["summary"] == result.summary_line()


def test_evaluate_reads_the_gold_document_and_runs_the_extractor(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "report.txt").write_text(TEXT, encoding="utf-8")
    gold_path = tmp_path / "gold" / "report.gold.json"
    gold_path.write_text(json.dumps(GOLD), encoding="utf-8")
    seen: list[Document] = []

    def extract(document: Document) -> list[Event]:
        seen.append(document)
        return _perfect()

    result = evaluate("project", gold_path, extract)
    assert seen[0].published == date(2020, 2, 6) and seen[0].text == TEXT
    assert result.summary_line().startswith("report: required events 2/2, fields 14/14")
    assert "project" in READERS and READERS["project"].NAME == "project"
    with pytest.raises(ValueError, match="unknown gold format"):
        evaluate("nope", gold_path, extract)


def test_load_gold_rejects_unknown_fields(tmp_path: Path) -> None:
    path = tmp_path / "bad.gold.json"
    path.write_text(json.dumps({"events": [{"id": "E1", "match": {"colour": ["red"]}}]}), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown fields"):
        load_gold(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot read gold file"):
        load_gold(path)


def test_metrics() -> None:
    assert haversine_km(*SARAQIB, *SARAQIB) == 0
    assert 7.0 < haversine_km(*SARAQIB, *SARMIN) < 9.0
    text = "It is  expected\nthat ISIS will withdraw."
    [(start, end)] = locate(text, "it is expected that isis")
    assert text[start:end] == "It is  expected\nthat ISIS"
