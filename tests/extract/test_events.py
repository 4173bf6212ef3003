"""Whole-document extraction on the real pipeline, without a geocoder."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.extract.events import Extractor
from sitrep.model import Document, Event

PUBLISHED = date(2018, 3, 10)  # a Saturday


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(geocoder=None)


def _extract(extractor: Extractor, text: str, all_statuses: bool = False) -> list[Event]:
    return extractor.extract(
        Document(text=text, published=PUBLISHED, id="testdoc"), all_statuses=all_statuses
    )


def _one(extractor: Extractor, text: str, all_statuses: bool = False) -> Event:
    events = _extract(extractor, text, all_statuses)
    assert len(events) == 1, [e.sub_event_type for e in events]
    return events[0]


def test_government_capture_on_a_weekday(extractor: Extractor) -> None:
    event = _one(extractor, "Syrian government forces captured the village of Jubb al-Safa on Wednesday.")
    assert event.sub_event_type == "Government regains territory"
    assert event.event_type == "Battles"
    assert event.actor1 == "Military Forces of Syria (2000-)"
    assert event.event_date == date(2018, 3, 7)
    assert event.time_precision == 1
    assert event.status == "occurred"
    assert event.location == "Jubb al-Safa"


def test_rebel_capture_is_non_state_territory(extractor: Extractor) -> None:
    text = "Hayat Tahrir al-Sham fighters captured the town of Abu al-Duhur from the Syrian army on Thursday."
    event = _one(extractor, text)
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.actor1 == "HTS: Hayat Tahrir al Sham"
    assert event.actor2 == "Military Forces of Syria (2000-)"
    assert event.event_date == date(2018, 3, 8)


@pytest.mark.parametrize(
    "text",
    [
        "Russian warplanes bombed the town of Kafr Batna in Syria on Monday.",
        "An air strike by Russian warplanes hit the town of Kafr Batna in Syria on Monday.",
        "Russian jets carried out an air strike on the town of Kafr Batna in Syria on Monday.",
    ],
)
def test_russian_air_strike(extractor: Extractor, text: str) -> None:
    event = _one(extractor, text)
    assert event.sub_event_type == "Air/drone strike"
    assert event.event_type == "Explosions/Remote violence"
    assert event.actor1 == "Military Forces of Russia (2000-)"
    assert event.event_date == date(2018, 3, 5)
    assert event.location == "Kafr Batna"


def test_russian_warplanes_carried_out_an_air_strike(extractor: Extractor) -> None:
    event = _one(
        extractor, "Russian warplanes carried out an air strike on the town of Kafr Batna in Syria on Monday."
    )
    assert event.actor1 == "Military Forces of Russia (2000-)"


def test_claimed_ied(extractor: Extractor) -> None:
    text = (
        "The Islamic State claimed an IED blast that destroyed a Syrian army truck near the town of Mayadin."
    )
    event = _one(extractor, text)
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.status == "claimed"
    assert event.claimed_by == "Islamic State (Syria)"
    assert event.actor1 == "Islamic State (Syria)"
    assert event.actor2 == "Military Forces of Syria (2000-)"


def test_shelling_that_kills_civilians(extractor: Extractor) -> None:
    event = _one(
        extractor, "Syrian army artillery shelled the town of Hamouriyeh on Friday, killing 9 civilians."
    )
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor1 == "Military Forces of Syria (2000-)"
    assert event.actor2 == "Civilians (Syria)"
    assert event.fatalities == 9
    assert event.event_date == date(2018, 3, 9)


def test_shelling_of_civilians_without_a_country_word(extractor: Extractor) -> None:
    event = _one(extractor, "Government shelling of the town of Hamouriyeh killed 9 civilians on Friday.")
    assert event.actor1 != "Civilians"
    assert event.actor2 is not None and event.actor2.startswith("Civilians")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The Syrian army is expected to launch an offensive on the town of Harasta.", "expected"),
        ("The Syrian army is preparing to storm the town of Harasta.", "planned"),
        (
            "If the rebels capture the hill, they may cut the road to the town of Suran in Syria.",
            "hypothetical",
        ),
    ],
)
def test_unrealised_statements_are_kept_only_on_request(extractor: Extractor, text: str, status: str) -> None:
    assert _extract(extractor, text) == []
    event = _one(extractor, text, all_statuses=True)
    assert event.status == status
    assert event.sub_event_type is not None


def test_headline_and_story_are_one_event(extractor: Extractor) -> None:
    text = (
        "TROOPS LIBERATE KHIRBAT RAHIM VILLAGE\n"
        "The Syrian army liberated the village of Khirbat Rahim on Sunday after clashes with ISIS.\n"
        "Residents began returning later in the week."
    )
    document = Document(text=text, published=PUBLISHED, id="headline")
    events = extractor.extract(document)
    assert len(events) == 1
    event = events[0]
    assert event.sub_event_type == "Government regains territory"
    assert event.actor2 == "Islamic State (Syria)"
    assert event.event_date == date(2018, 3, 4)
    assert len(event.evidence) == 2
    assert event.evidence[0].text == "TROOPS LIBERATE KHIRBAT RAHIM VILLAGE"
    assert event.evidence[1].text.startswith("The Syrian army liberated")
    for evidence in event.evidence:
        assert document.text[evidence.start : evidence.end] == evidence.text


def test_losses_with_side_and_count(extractor: Extractor) -> None:
    text = "Rebels destroyed two tanks of the army near the village of Kafr Nabl in Syria."
    event = _one(extractor, text)
    assert event.actor1 == "Opposition Rebels (Syria)"
    assert [(loss.side, loss.item, loss.count) for loss in event.losses] == [
        ("Military Forces of Syria (2000-)", "tank", 2)
    ]


def test_losses_side_without_a_country_word(extractor: Extractor) -> None:
    event = _one(extractor, "ISIS fighters destroyed two tanks of the army near the village of Rasm Abbud.")
    assert event.actor2 != event.actor1
    assert all(loss.side != event.actor1 for loss in event.losses)


# -- the seed report against its hand-coded reference -------------------------------------------------


def _shared() -> Path:
    return Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture(scope="module")
def seed(extractor: Extractor) -> tuple[list[Event], dict[str, dict]]:
    text_path = _shared() / "data" / "seed" / "maskanah_2017.txt"
    gold_path = _shared() / "data" / "gold" / "maskanah_2017.gold.json"
    if not text_path.exists() or not gold_path.exists():
        pytest.skip(f"seed report or its gold file not found under {_shared()}")
    document = Document(text=text_path.read_text(encoding="utf-8"), published=date(2017, 5, 29), id="seed")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return extractor.extract(document), {e["id"]: e for e in gold["events"]}


def _by_evidence(events: list[Event], phrase: str) -> Event:
    found = [e for e in events if any(phrase in ev.text for ev in e.evidence)]
    assert len(found) == 1, phrase
    return found[0]


# Each gold event is recognised by a phrase of its own evidence sentence.
SEED_PHRASES = {
    "E1": "expelled",
    "E3": "Tiger Forces",
    "E4": "railway station",
    "E5": "ATGM",
    "E6": "claimed the destruction",
    "E7": "Warplanes",
}


def test_seed_has_seven_happened_events(seed: tuple[list[Event], dict[str, dict]]) -> None:
    events, _ = seed
    assert len(events) == 7
    assert all(e.status in ("occurred", "claimed") for e in events)


@pytest.mark.parametrize("gold_id", sorted(SEED_PHRASES))
def test_seed_event_matches_gold(seed: tuple[list[Event], dict[str, dict]], gold_id: str) -> None:
    events, gold = seed
    event = _by_evidence(events, SEED_PHRASES[gold_id])
    match = gold[gold_id]["match"]
    for key in ("sub_event_type", "actor1", "actor2", "time_precision", "claimed_by"):
        if key in match:
            assert getattr(event, key) in match[key], key
    if "event_date" in match:
        assert event.event_date is not None and event.event_date.isoformat() in match["event_date"]
    if "event_date_between" in match:
        low, high = (date.fromisoformat(d) for d in match["event_date_between"])
        assert event.event_date is not None and low <= event.event_date <= high
    if gold_id == "E6":
        assert event.status == "claimed"


def test_seed_e1_claims_and_losses(seed: tuple[list[Event], dict[str, dict]]) -> None:
    events, gold = seed
    event = _by_evidence(events, SEED_PHRASES["E1"])
    expected = gold["E1"]
    assert sorted((loss.side, loss.item, loss.count) for loss in event.losses) == sorted(
        (loss["side"], loss["item"], loss["count"]) for loss in expected["losses"]
    )
    assert len(event.losses) == 7
    for kind, claim in expected["claims"].items():
        got = event.claims[kind]
        assert got.value == claim["value"]
        assert got.qualifier == claim.get("qualifier")
        if "who" in claim:
            assert got.who == claim["who"]
    assert event.fatalities in expected["fatalities_acled"]
