"""The sub-event decision procedure: each rule on sentences written for it, through the real pipeline,
and the data file driving it (an edited cue list changes the choice)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.extract import subevent
from sitrep.extract.events import Extractor
from sitrep.extract.subevent import Frame, decide
from sitrep.model import Document, Event

PUBLISHED = date(2021, 6, 14)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(geocoder=None)


def _first(extractor: Extractor, text: str) -> Event | None:
    events = extractor.extract(Document(text=text, published=PUBLISHED, id="subevent-test"))
    return events[0] if events else None


CASES = [
    # The protest family: what the crowd did, then what was done to it.
    (
        "Hundreds of teachers marched peacefully through the capital on Friday demanding higher pay.",
        "Peaceful protest",
        "crowd",
    ),
    (
        "Police fired tear gas to disperse a rally of students outside the parliament on Friday.",
        "Protest with intervention",
        "crowd",
    ),
    (
        "Soldiers opened fire on protesters in the town square on Friday, and four marchers were wounded.",
        "Excessive force against protesters",
        "crowd",
    ),
    (
        "Protesters threw stones at the police and burned tyres on the main road on Friday.",
        "Violent demonstration",
        "crowd",
    ),
    ("An angry mob beat two suspected thieves to death at a market on Friday.", "Mob violence", "mob"),
    # Disrupted weapons use: the object seized, found or defused is a weapon.
    (
        "Police seized forty rifles and ammunition in a raid on a farmhouse on Friday.",
        "Disrupted weapons use",
        "disrupted",
    ),
    (
        "Army engineers defused a roadside bomb near the bridge on Friday.",
        "Disrupted weapons use",
        "disrupted",
    ),
    (
        "A large cache of mortars and grenades was found by soldiers in an abandoned house on Friday.",
        "Disrupted weapons use",
        "disrupted",
    ),
    # Headquarters or base established: "set up" needs a base for its object.
    (
        "Foreign troops set up a new observation post on the hill outside the village on Friday.",
        "Headquarters or base established",
        "base",
    ),
    # Change to group/activity: movements of forces.
    (
        "The army deployed troops and armoured vehicles along the northern border on Friday.",
        "Change to group/activity",
        "change",
    ),
    # Attack vs Armed clash: can the target fire back?
    ("Gunmen shot dead a teacher and two farmers in a village on Friday.", "Attack", "attack_target"),
    (
        "Gunmen attacked an army checkpoint on Friday, killing two soldiers.",
        "Armed clash",
        "attack_target",
    ),
    # Looting/property destruction, Non-violent transfer, Agreement, Other.
    (
        "Unknown men looted shops and torched houses in the market district on Friday.",
        "Looting/property destruction",
        "property_destroyed",
    ),
    (
        "The rebels handed over the town to government forces on Friday without resistance.",
        "Non-violent transfer of territory",
        "handover",
    ),
    (
        "The two armed groups signed a ceasefire agreement in the capital on Friday.",
        "Agreement",
        "agreement",
    ),
    # Arrests by an authority, abduction by a non-state group.
    ("Kenyan police arrested an opposition leader in Nairobi on Friday.", "Arrests", "arrest"),
    (
        "Gunmen kidnapped three engineers on the road to the mine on Friday.",
        "Abduction/forced disappearance",
        "abduction",
    ),
    # The weapon named decides the remote-violence type.
    (
        "A chlorine attack on the town of Saraqib wounded eleven people on Friday.",
        "Chemical weapon",
        "weapon_trigger",
    ),
    (
        "A suicide bomber blew himself up at a checkpoint in the market on Friday.",
        "Suicide bomb",
        "weapon_trigger",
    ),
    ("Militants threw a grenade at a police station in the town on Friday.", "Grenade", "weapon_trigger"),
    (
        "A roadside bomb exploded beside an army truck on the highway on Friday.",
        "Remote explosive/landmine/IED",
        "weapon_trigger",
    ),
    ("Warplanes struck a fuel depot near the border on Friday.", "Air/drone strike", "weapon_trigger"),
    (
        "Rebels shelled the outskirts of the capital with mortars on Friday.",
        "Shelling/artillery/missile attack",
        "weapon_trigger",
    ),
    # Sexual violence is no battle, although "assault" is a battle word.
    ("Soldiers sexually assaulted three women at a checkpoint on Friday.", "Sexual violence", "sexual"),
]


def test_a_weapon_word_in_what_is_destroyed_is_no_weapon_used(extractor: Extractor) -> None:
    event = _first(
        extractor, "Special forces destroyed an improvised explosive device near the bridge on Friday."
    )
    assert event is not None and event.sub_event_type == "Disrupted weapons use"


def test_people_taken_or_intercepted_are_detained(extractor: Extractor) -> None:
    taken = _first(extractor, "Kenyan police took dozens of suspects from the market in Nairobi on Friday.")
    assert taken is not None and taken.sub_event_type == "Arrests"
    stopped = _first(
        extractor, "Ethiopian police intercepted 15 suspected members of an armed group on Friday."
    )
    assert stopped is not None and stopped.sub_event_type == "Arrests"


# The rest of the 25, each on a sentence of its own.
MORE = [
    (
        "Syrian troops recaptured the village of Tal Hasil from the rebels on Friday.",
        "Government regains territory",
        "territory",
    ),
    (
        "Islamic State fighters overran the Iraqi town of Baiji on Friday.",
        "Non-state actor overtakes territory",
        "territory",
    ),
    ("Thousands of families fled the town of Tawergha on Friday.", "Other", "displacement"),
    ("Government troops and rebels clashed outside Aleppo on Friday.", "Armed clash", "clash"),
]


def test_every_one_of_the_25_sub_event_types_is_reachable() -> None:
    from sitrep.vocab import taxonomy

    assert {sub for _, sub, _ in CASES + MORE} == set(taxonomy())


@pytest.mark.parametrize(("text", "sub_event", "rule"), CASES + MORE)
def test_each_rule_on_a_sentence_of_its_own(
    extractor: Extractor, text: str, sub_event: str, rule: str
) -> None:
    event = _first(extractor, text)
    assert event is not None
    assert event.sub_event_type == sub_event
    assert event.type_rule is not None and event.type_rule.startswith(rule + ":"), event.type_rule


def test_riot_police_are_no_riot(extractor: Extractor) -> None:
    # "riot" inside "riot police" is excluded by triggers.yaml; the crowd here is peaceful.
    event = _first(extractor, "Riot police watched as thousands rallied peacefully in the capital on Friday.")
    assert event is not None
    assert event.sub_event_type == "Peaceful protest"


def test_set_up_without_a_base_is_no_event(extractor: Extractor) -> None:
    assert _first(extractor, "The ministry set up a committee to review the budget on Friday.") is None


def test_seized_weapons_versus_seized_ground(extractor: Extractor) -> None:
    ground = _first(extractor, "Syrian government troops seized the town of Qarya from the rebels on Friday.")
    arms = _first(extractor, "Syrian government troops seized a stash of rifles from the rebels on Friday.")
    assert ground is not None and arms is not None
    assert ground.sub_event_type == "Government regains territory"
    assert arms.sub_event_type == "Disrupted weapons use"


def test_the_weapon_used_is_not_a_weapon_seized(extractor: Extractor) -> None:
    event = _first(extractor, "Militants destroyed an army truck with a landmine on the highway on Friday.")
    assert event is not None
    assert event.sub_event_type == "Remote explosive/landmine/IED"


def test_passive_subject_is_not_the_agent(extractor: Extractor) -> None:
    event = _first(extractor, "Islamic State fighters were pushed back from three villages on Friday.")
    assert event is not None
    assert event.actor1 != "Islamic State (Syria)"
    assert event.actor2 is None or event.actor2.startswith("Islamic State")


def test_the_procedure_alone() -> None:
    # Frame-level: the order of the rules decides between families present together.
    both = Frame(families=["territory", "clash"], inter1=1, inter2=2)
    assert decide(both) is not None and decide(both).sub_event_type == "Government regains territory"  # type: ignore[union-attr]
    crowd = Frame(families=["clash", "protest"], cues={"crowd_violence": "clashed"})
    assert decide(crowd).sub_event_type == "Violent demonstration"  # type: ignore[union-attr]
    assert decide(Frame(families=[])) is None


def test_editing_the_cue_file_changes_the_choice(tmp_path: Path) -> None:
    text = "Police used sound cannons on the crowd."
    edited = tmp_path / "subevent.yaml"
    original = (Path(subevent.__file__).parents[1] / "data" / "subevent.yaml").read_text(encoding="utf-8")
    edited.write_text(
        original.replace('"pepper spray",', '"pepper spray", "sound cannons",'), encoding="utf-8"
    )
    before = subevent.cues().find(text)
    after = subevent.cues(edited).find(text)
    assert "intervention" not in before
    assert after["intervention"].lower() == "sound cannons"
    frame = Frame(families=["protest"], cues=after)
    assert decide(frame).sub_event_type == "Protest with intervention"  # type: ignore[union-attr]
