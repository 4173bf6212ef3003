"""Who acted and who was hit, as short wire headlines write it (the UCDP dev set's style)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract.events import Extractor
from sitrep.extract.places import find_places
from sitrep.extract.quantities import find_casualties
from sitrep.model import Document, Event


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(geocoder=None)


def _events(extractor: Extractor, text: str) -> list[Event]:
    return extractor.extract(Document(text=text, published=date(2017, 6, 1), id="headline", country="SY"))


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("9 killed by Russian airstrikes in Idlib", "Military Forces of Russia (2000-)"),
        ("“Turkish” shelling targets al-Bab", "Military Forces of Turkey (2016-)"),
    ],
)
def test_a_demonym_before_an_attack_noun_names_the_attacker(
    extractor: Extractor, text: str, actor: str
) -> None:
    events = _events(extractor, text)
    assert [e.actor1 for e in events] == [actor]


def test_agents_joined_by_and_after_by_attack_together(extractor: Extractor) -> None:
    (event,) = _events(extractor, "Regime positions were attacked by HTS and Ahrar al-Sham near Saraqib")
    assert event.actor1 == "HTS: Hayat Tahrir al Sham"
    assert event.assoc_actor_1 == "Ahrar al Sham"
    assert event.actor2 == "Military Forces of Syria (2000-)"


def test_clashes_between_two_groups_keep_them_apart(extractor: Extractor) -> None:
    (event,) = _events(extractor, "Clashes between Hayyaat Tahrir al-Sham and Ahrar al-Sham in Saraqib")
    assert {event.actor1, event.actor2} == {"HTS: Hayat Tahrir al Sham", "Ahrar al Sham"}


def test_pro_government_militia_fights_beside_the_army(extractor: Extractor) -> None:
    (event,) = _events(
        extractor,
        "The regime forces with support by the gunmen loyal to them advance and regain control of Suran",
    )
    assert event.actor1 == "Military Forces of Syria (2000-)"
    assert event.assoc_actor_1 == "Militia (Pro-Government)"


def test_those_a_figure_counts_are_the_target_of_an_attack(extractor: Extractor) -> None:
    (event,) = _events(extractor, "Airstrikes killed 12 IS fighters near Raqqa")
    assert event.actor1 is None  # nobody named the aircraft's owner
    assert event.actor2 == "Islamic State (Syria)"
    assert event.fatalities == 12


def test_a_battle_keeps_the_side_that_lost_people(extractor: Extractor) -> None:
    (event,) = _events(
        extractor, "Seven fighters of the Syria Democratic Forces were killed in clashes in Tabqa"
    )
    assert event.sub_event_type == "Armed clash"
    assert event.actor1 == "QSD: Syrian Democratic Forces"
    assert event.fatalities == 7


def test_a_daily_roll_up_is_not_an_event(extractor: Extractor) -> None:
    text = "88 were killed yesterday, including 12 members of the regime forces and militiamen loyal to them"
    assert _events(extractor, text) == []
    # The same figure tied to a place and an act is one event.
    (event,) = _events(
        extractor, "At least 23 were killed today during an attack by the factions on Daraa al-Balad"
    )
    assert event.fatalities == 23
    assert event.actor1 == "Opposition Rebels (Syria)"


def test_a_group_never_fights_itself_through_an_anaphor(extractor: Extractor) -> None:
    text = "The gunmen loyal to the regime absorb the organization’s attack near Al-Bokamal"
    for event in _events(extractor, text):
        assert event.actor1 != event.actor2


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("At least 23 were killed today", 23),
        ("Airstrikes killed 12 IS fighters", 12),
        ("Seven fighters of the Syria Democratic Forces were killed", 7),
        ("5 members of the regime forces were killed", 5),
    ],
)
def test_casualty_figures_in_headline_wording(text: str, value: int) -> None:
    assert [f.value for f in find_casualties(text) if f.kind == "killed"] == [value]


def test_a_year_is_not_a_casualty_figure() -> None:
    assert find_casualties("In 2017 were killed more than we know") == []


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Warplanes target Idlib and Hama countryside", ["Idlib", "Hama"]),
        ("Air strikes on Hama and Idlib provinces", ["Hama", "Idlib"]),
        ("Shelling in the countryside of Idlib and Hama", ["Idlib", "Hama"]),
    ],
)
def test_a_region_word_covers_every_name_before_it(text: str, regions: list[str]) -> None:
    assert [(h.name, h.precision) for h in find_places(text)] == [(r, 3) for r in regions]


def test_a_preposition_covers_both_names() -> None:
    assert [(h.name, h.precision) for h in find_places("Clashes in Raqqa and Hasakah")] == [
        ("Raqqa", 1),
        ("Hasakah", 1),
    ]


def test_against_divides_the_two_sides(extractor: Extractor) -> None:
    text = "Fighting north-east of Hama between the factions and Tahrir Al-Sham against the regime forces"
    (event,) = _events(extractor, text)
    assert (event.actor1, event.assoc_actor_1) == ("Opposition Rebels (Syria)", "HTS: Hayat Tahrir al Sham")
    assert event.actor2 == "Military Forces of Syria (2000-)"


def test_a_list_of_attackers_acts_together(extractor: Extractor) -> None:
    (event,) = _events(extractor, "Islamic State, Turkey-backed rebels attack US-backed SDF in Syria")
    assert (event.actor1, event.assoc_actor_1) == ("Islamic State (Syria)", "Opposition Rebels (Syria)")
    assert event.actor2 == "QSD: Syrian Democratic Forces"
    assert event.location is None  # "US-backed SDF" is an actor, not a place


def test_a_breakdown_by_group_is_a_roll_up_but_one_toll_is_an_event(extractor: Extractor) -> None:
    rollup = "91 persons including 37 members of the regime forces were killed, and 10 citizens were killed by bombing"
    assert _events(extractor, rollup) == []
    (event,) = _events(
        extractor, "20 people were killed, including 5 children, in an airstrike by regime warplanes"
    )
    assert event.fatalities == 20 and event.actor2 == "Civilians (Syria)"


def test_two_actions_in_one_sentence_keep_their_own_actors_places_and_figures(extractor: Extractor) -> None:
    events = _events(extractor, "17 rebels killed in Daraa and IS kills a commander in Raqqa countryside")
    got = {(e.actor1, e.actor2, e.location, e.geo_precision, e.fatalities) for e in events}
    assert got == {
        (None, "Opposition Rebels (Syria)", "Daraa", 1, 17),
        ("Islamic State (Syria)", None, "Raqqa", 3, 1),
    }


def test_an_opposition_coalition_is_not_the_anti_isis_coalition(extractor: Extractor) -> None:
    for event in _events(extractor, "The opposition coalition attacked the ruling party's offices in Baku"):
        assert "Global Coalition Against Daesh" not in (event.actor1, event.actor2)
    (event,) = _events(extractor, "Coalition airstrikes hit Raqqa")
    assert event.actor1 == "Global Coalition Against Daesh"
