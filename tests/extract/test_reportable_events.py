"""What happened in the report's window, and told once: background, totals, claims, regime names,
definite references and captures of ground, each on sentences written for it (real pipeline)."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from sitrep.extract.events import Extractor
from sitrep.extract.regimes import period_name
from sitrep.model import Document, Event

PUBLISHED = date(2016, 3, 14)  # a Monday


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(geocoder=None)


def _events(extractor: Extractor, text: str, all_statuses: bool = False) -> list[Event]:
    document = Document(text=text, published=PUBLISHED, id="reportable")
    return extractor.extract(document, all_statuses=all_statuses)


def test_an_event_weeks_before_publication_is_background(extractor: Extractor) -> None:
    text = (
        "Nigerian troops repelled an attack on a base in Monguno on Sunday. "
        "On 2 February, Boko Haram fighters had burned the market of Dikwa."
    )
    happened = _events(extractor, text)
    assert [e.location for e in happened] == ["Monguno"]
    recalled = [e for e in _events(extractor, text, all_statuses=True) if e.status == "background"]
    assert recalled and recalled[0].event_date == date(2016, 2, 2)


def test_a_campaign_start_dates_no_event(extractor: Extractor) -> None:
    text = "The offensive to retake the valley, which began on 3 January, has stalled."
    assert _events(extractor, text) == []


def test_a_war_toll_is_no_event(extractor: Extractor) -> None:
    text = "More than 20,000 people have been killed in the war, according to the United Nations."
    assert _events(extractor, text) == []


def test_a_sides_own_announcement_is_its_claim(extractor: Extractor) -> None:
    (event,) = _events(
        extractor, "The Iraqi army said its troops recaptured the village of Hamdaniya on Sunday."
    )
    assert event.status == "claimed"
    assert event.claimed_by is not None
    # A monitor's report of the same act is no party's claim.
    (other,) = _events(
        extractor, "A monitoring group said Iraqi troops recaptured the village of Hamdaniya on Sunday."
    )
    assert other.status == "occurred"


def test_nobody_claimed_is_no_claim(extractor: Extractor) -> None:
    events = _events(
        extractor, "Nobody has claimed responsibility for the bombing of the bus station in Gombe on Sunday."
    )
    assert events and events[0].status == "occurred"


def test_state_forces_take_the_regime_period_of_the_day(extractor: Extractor) -> None:
    (event,) = _events(extractor, "Nigerian troops killed six insurgents in clashes near Bama on Sunday.")
    assert event.actor1 == "Military Forces of Nigeria (2015-)"
    assert period_name("Military Forces of Nigeria", date(2014, 1, 5), date(2014, 1, 6)) == (
        "Military Forces of Nigeria (2010-)"
    )
    assert period_name("Military Forces of Nigeria", date(2014, 1, 5), date(2024, 1, 6)) == (
        "Military Forces of Nigeria (2010-2015)"
    )
    assert period_name("Rebel Forces (Yemen)", date(2014, 1, 5)) == "Rebel Forces (Yemen)"


def test_the_attack_told_again_is_one_event(extractor: Extractor) -> None:
    text = (
        "Gunmen killed eleven villagers in northern Borno on Sunday. "
        "The attack happened at dawn in Kukawa, residents said."
    )
    events = _events(extractor, text)
    assert len(events) == 1
    assert events[0].location == "Kukawa"  # the finer place of the second telling


def test_took_ground_is_a_capture_and_took_hostages_is_not(extractor: Extractor) -> None:
    (capture,) = _events(extractor, "Taliban fighters took the district centre of Kunduz on Sunday.")
    assert capture.sub_event_type == "Non-state actor overtakes territory"
    events = _events(extractor, "The soldiers took a long rest in the village on Sunday.")
    assert events == []


def test_a_failing_sentence_costs_that_sentence_only(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    text = "Rebels shelled the town of Kafr Zita on Sunday. Troops captured the village of Latmin on Sunday."
    original = extractor._sentence_mentions

    def fragile(sentence, document, country):  # type: ignore[no-untyped-def]
        if "Kafr Zita" in sentence.text:
            raise ValueError("an unreadable clause")
        return original(sentence, document, country)

    monkeypatch.setattr(extractor, "_sentence_mentions", fragile)
    with caplog.at_level(logging.WARNING):
        events = _events(extractor, text)
    assert [e.location for e in events] == ["Latmin"]
    assert "unreadable clause" in caplog.text


def test_a_dateline_is_where_the_story_was_filed(extractor: Extractor) -> None:
    (event,) = _events(
        extractor, "KANO, Nigeria - Gunmen killed four farmers in the village of Gidan Bako on Sunday."
    )
    assert event.location == "Gidan Bako"


def test_a_trend_since_an_earlier_event_and_a_past_year_are_background(extractor: Extractor) -> None:
    assert (
        _events(extractor, "The insurgents have since stepped up raids on villages across the north.") == []
    )
    assert _events(extractor, "In 2009, the army attacked the sect's headquarters in Maiduguri.") == []


def test_one_actor_one_place_one_day_is_one_event_with_its_highest_tactic(extractor: Extractor) -> None:
    text = (
        "Boko Haram fighters killed nine villagers in Kukawa on Sunday. "
        "Boko Haram fighters also burned the market."
    )
    (event,) = _events(extractor, text)
    assert event.sub_event_type == "Attack"
    assert len(event.evidence) == 2


def test_a_march_needs_a_crowd(extractor: Extractor) -> None:
    assert (
        _events(extractor, "Taliban fighters were marching towards the provincial capital on Sunday.") == []
    )
    (event,) = _events(
        extractor, "Thousands marched through the capital on Sunday chanting slogans against the war."
    )
    assert event.sub_event_type == "Peaceful protest"


def test_the_crowd_is_actor1_and_the_force_that_intervenes_actor2(extractor: Extractor) -> None:
    (event,) = _events(extractor, "Kenyan police fired tear gas at a student rally in Nairobi on Sunday.")
    assert event.sub_event_type == "Protest with intervention"
    assert event.actor1 == "Protesters (Kenya)"
    assert event.actor2 is not None and event.actor2.startswith("Police Forces of Kenya")


def test_people_fleeing_is_other(extractor: Extractor) -> None:
    (event,) = _events(
        extractor, "Thousands of families fled the town of Tawergha on Sunday after the fighting."
    )
    assert event.sub_event_type == "Other"


def test_a_denial_disputes_the_claim_and_is_no_event(extractor: Extractor) -> None:
    text = (
        "Rebels said government warplanes bombed the market of Kafr Nabl on Sunday. "
        "The army denied that its jets bombed the market of Kafr Nabl."
    )
    events = _events(extractor, text, all_statuses=True)
    assert [e.status for e in events if e.status == "denied"] == []
    (strike,) = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert strike.tags is not None and "disputed" in strike.tags
    assert len(strike.evidence) == 2


def test_a_clause_of_time_under_a_vow_tells_what_happened(extractor: Extractor) -> None:
    (event,) = _events(
        extractor, "The governor vowed an inquiry after gunmen killed five traders in Gusau on Sunday."
    )
    assert event.status == "occurred"
    assert event.sub_event_type == "Attack"


def test_an_actors_nationality_does_not_place_the_event(extractor: Extractor) -> None:
    # Syria's best-known place outweighs the attacker's demonym: the report is about Syria.
    country = extractor.actors.document_country(
        "Turkish forces shelled a town in Aleppo countryside on Sunday."
    )
    assert country == "SY"


def test_a_prefixed_verb_inflects_as_its_stem_and_last_year_is_background(extractor: Extractor) -> None:
    (event,) = _events(
        extractor, "Afghan forces have retaken the district of Khanabad from the Taliban, officials claimed."
    )
    assert event.sub_event_type == "Government regains territory"
    assert event.status == "claimed"
    assert _events(extractor, "The city was captured by the Taliban last year but was soon lost again.") == []


def test_a_running_total_is_no_event_but_an_act_so_far_is(extractor: Extractor) -> None:
    assert _events(extractor, "The shelling of Idlib has killed 111 civilians so far, a monitor said.") == []
    (event,) = _events(extractor, "Syrian troops have so far expelled the rebels from the town of Latamneh.")
    assert event.sub_event_type == "Government regains territory"


def test_a_photo_caption_is_page_chrome(extractor: Extractor) -> None:
    text = (
        "Fighters take part in a rally to mobilise recruits for the fight against the army in the capital.\n\n"
        "(Source: AP)\n\n"
        "Gunmen killed four farmers in the village of Gidan Bako on Sunday."
    )
    assert [e.location for e in _events(extractor, text)] == ["Gidan Bako"]


def test_the_same_dead_at_a_vaguer_place_are_one_event(extractor: Extractor) -> None:
    text = (
        "Boko Haram fighters killed 15 people near Maiduguri on Sunday. "
        "Boko Haram fighters attacked the village of Kambari and killed 15 people, residents said."
    )
    (event,) = _events(extractor, text)
    assert event.location == "Kambari"
    assert event.fatalities == 15


def test_an_attitude_toward_acts_is_an_opinion_unless_the_act_is_placed_or_dated(
    extractor: Extractor,
) -> None:
    text = "The United Nations said it was deeply concerned by the attacks on civilians."
    assert _events(extractor, text) == []
    assert [e.status for e in _events(extractor, text, all_statuses=True)] == ["opinion"]
    (event,) = _events(extractor, "The governor condemned the attack on the market of Kano on Sunday.")
    assert event.status == "occurred"
