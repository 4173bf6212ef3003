"""The actor dictionary: aliases, state forces per country, joint mentions and document country."""

from __future__ import annotations

import pytest

from sitrep.extract.actors import FOREIGN_INTER, STATE_INTER, ActorDictionary, load_actors


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return load_actors()


def test_cased_alias_is_not_the_verb_is(actors: ActorDictionary) -> None:
    text = "IS fighters stormed a checkpoint that is close to Deir ez-Zor."
    found = actors.find(text, "SY")
    assert [(m.text, m.name) for m in found] == [("IS", "Islamic State (Syria)")]
    assert found[0].start == 0 and found[0].end == 2


def test_joint_air_forces_are_two_state_actors(actors: ActorDictionary) -> None:
    text = "Russian and Syrian air forces bombed a market in Ariha."
    found = actors.find(text, "SY")
    assert [(m.text, m.name, m.kind) for m in found] == [
        ("Russian", "Military Forces of Russia (2000-)", "state"),
        ("Syrian", "Military Forces of Syria (2000-)", "state"),
    ]
    assert found[0].inter == FOREIGN_INTER
    assert found[1].inter == STATE_INTER
    for mention in found:
        assert text[mention.start : mention.end] == mention.text


def test_generic_army_resolves_to_the_document_country(actors: ActorDictionary) -> None:
    found = actors.find("The army shelled rebel positions overnight.", "SY")
    assert [(m.text, m.name, m.kind) for m in found] == [
        ("The army", "Military Forces of Syria (2000-)", "state")
    ]


def test_generic_army_without_country_is_an_unnamed_state(actors: ActorDictionary) -> None:
    # Not an armed-group anaphor: "the army" of an unknown country must never become the group named last.
    found = actors.find("The army shelled rebel positions overnight.", None)
    assert len(found) == 1
    assert found[0].kind == "unknown_state"
    assert found[0].name == "" and found[0].inter == 1


def test_unit_carries_its_parent(actors: ActorDictionary) -> None:
    found = actors.find("The Tiger Forces advanced along the highway.", "SY")
    assert [(m.name, m.kind, m.parent) for m in found] == [
        ("Tiger Forces", "unit", "Military Forces of Syria (2000-)")
    ]


def test_rebel_group_alias(actors: ActorDictionary) -> None:
    found = actors.find("Fighters of Hayat Tahrir al-Sham overran the post.", "SY")
    assert [m.name for m in found] == ["HTS: Hayat Tahrir al Sham"]


def test_document_country(actors: ActorDictionary) -> None:
    assert actors.document_country("Syrian troops clashed with rebels near Homs.") == "SY"
    assert actors.document_country("Heavy rain fell over the weekend.") is None
