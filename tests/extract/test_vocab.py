"""The trigger vocabulary and the ACLED taxonomy loaded from the packaged YAML files."""

from __future__ import annotations

from sitrep.vocab import inflections, taxonomy, triggers


def test_inflections_regular_verbs() -> None:
    # A doubled-consonant surplus ("raidded") is allowed: it never matches real text.
    assert {"raid", "raids", "raided", "raiding"} <= inflections("raid", {})
    assert inflections("seize", {}) == {"seize", "seizes", "seized", "seizing"}
    assert inflections("bombard", {}) >= {"bombards", "bombarded", "bombarding"}


def test_inflections_y_sibilant_and_doubling() -> None:
    assert inflections("occupy", {}) == {"occupy", "occupies", "occupied", "occupying"}
    assert inflections("ambush", {}) == {"ambush", "ambushes", "ambushed", "ambushing"}
    assert {"shelled", "shelling"} <= inflections("shell", {})
    assert {"planned", "planning"} <= inflections("plan", {})


def test_inflections_irregular_forms() -> None:
    forms = inflections("seize", {"seize": ["siezed"]})
    assert "siezed" in forms
    assert {"fought", "fight"} <= inflections("fight", {"fight": ["fought"]})


def test_trigger_forms_map_to_families() -> None:
    vocabulary = triggers()
    assert vocabulary.forms["captured"] == "territory"
    assert vocabulary.forms["air strike"] == "air"
    assert vocabulary.forms["shelled"] == "shelling"
    assert vocabulary.order[0] == "territory"
    assert "Air/drone strike" in vocabulary.families["air"]


def test_modality_cues() -> None:
    modality = triggers().modality
    assert "preparing" in modality["planned"]
    assert "expected" in modality["expected"]
    assert "claimed" in modality["claimed"]


def test_taxonomy_has_acled_sub_event_types() -> None:
    table = taxonomy()
    assert len(table) == 25
    assert table["Government regains territory"].event_type == "Battles"
    assert table["Government regains territory"].priority == 0
    assert table["Air/drone strike"].event_type == "Explosions/Remote violence"
    assert table["Air/drone strike"].plover == "FIGHT"  # PLOVER: conventional military force
    assert table["Remote explosive/landmine/IED"].plover == "ASSAULT"
    assert table["Other"].plover is None
    assert table["Peaceful protest"].event_type == "Protests"
    assert table["Peaceful protest"].disorder_type == "Demonstrations"
    assert sorted(info.priority for info in table.values()) == list(range(25))
