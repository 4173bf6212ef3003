from __future__ import annotations

import pytest

from sitrep.extract.entities import ENTITY_TYPES, EntitySpan, find_entities
from sitrep.model import Document


def _typed(text: str) -> list[tuple[str, str]]:
    spans = find_entities(Document(text=text))
    for span in spans:
        assert text[span.start : span.end] == span.text
        assert span.type in ENTITY_TYPES
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    return [(s.text, s.type) for s in spans]


def test_titles_and_names_are_people_places_and_dates() -> None:
    text = "Defense Secretary Ash Carter met Iraqi Prime Minister Haider al-Abadi in Baghdad on Tuesday."
    spans = find_entities(Document(text=text))
    assert spans[0] == EntitySpan(0, 28, "Defense Secretary Ash Carter", "Person")
    assert _typed(text) == [
        ("Defense Secretary Ash Carter", "Person"),
        ("Iraqi Prime Minister Haider al-Abadi", "Person"),
        ("Baghdad", "Location"),
        ("Tuesday", "Temporal"),
    ]


def test_equipment_platforms_weapons_and_sites() -> None:
    text = "We destroyed two ISIL tanks, a mortar and an ISIL-held building near Mosul."
    typed = _typed(text)
    assert ("We", "Organisation") in typed  # the speaker of a press release
    assert ("tanks", "MilitaryPlatform") in typed
    assert ("a mortar", "Weapon") in typed or ("mortar", "Weapon") in typed
    assert ("an ISIL-held building", "Location") in typed
    assert ("Mosul", "Location") in typed
    assert ("two", "Quantity") in typed


def test_platform_words_win_over_the_actor_that_contains_them() -> None:
    typed = _typed("Russian warplanes struck a VBIED facility in Raqqah with three missiles.")
    assert ("warplanes", "MilitaryPlatform") in typed
    assert ("a VBIED facility", "Location") in typed
    assert ("Raqqah", "Location") in typed
    assert ("missiles", "Weapon") in typed


def test_peoples_governments_and_lists_of_states_are_organisations() -> None:
    typed = _typed(
        "The Syrian opposition and the people of Aleppo thanked Australia, Canada, Denmark and France."
    )
    assert typed == [
        ("The Syrian opposition", "Organisation"),
        ("the people of Aleppo", "Organisation"),
        ("Australia", "Organisation"),
        ("Canada", "Organisation"),
        ("Denmark", "Organisation"),
        ("France", "Organisation"),
    ]


def test_ships_and_aircraft_designations() -> None:
    typed = _typed(
        "HMS Daring sailed with USS Mahan (DDG 72) while a KC-135R Stratotanker refuelled bombers."
    )
    assert ("HMS Daring", "MilitaryPlatform") in typed
    assert ("USS Mahan", "MilitaryPlatform") in typed
    assert ("DDG 72", "MilitaryPlatform") in typed
    assert ("KC-135R Stratotanker", "MilitaryPlatform") in typed
    assert ("bombers", "MilitaryPlatform") in typed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ISLAMIC STATE FIGHTERS ATTACKED THE ARMY IN HOMS WITH MORTARS.", ("HOMS", "Location")),
        ("Islamic State fighters attacked the army in Homs with mortars.", ("Homs", "Location")),
    ],
)
def test_wire_style_capitals_read_like_ordinary_text(text: str, expected: tuple[str, str]) -> None:
    typed = _typed(text)
    assert expected in typed
    assert typed[-1][1] == "Weapon"  # mortars, with the original capitals kept in the span text


def test_offsets_across_paragraphs() -> None:
    text = "Headline about Syria\n\nHe said the Coalition struck Mosul.\n"
    spans = find_entities(Document(text=text))
    mosul = next(s for s in spans if s.text == "Mosul")
    assert (mosul.start, mosul.end, mosul.type) == (text.index("Mosul"), text.index("Mosul") + 5, "Location")
    assert ("He", "Person") in [(s.text, s.type) for s in spans]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))  # no overlapping spans


def test_units_surnames_and_abbreviated_dates() -> None:
    text = (
        "Navy Capt. Jeff Davis of U.S. Central Command said the 321st Field Artillery Regiment fired on Jan. 8. "
        "Davis said the unit was safe."
    )
    typed = _typed(text)
    assert ("Capt. Jeff Davis", "Person") in typed
    assert ("U.S. Central Command", "Organisation") in typed
    assert ("321st Field Artillery Regiment", "Organisation") in typed
    assert ("Jan. 8", "Temporal") in typed
    assert typed.count(("Davis", "Person")) == 1  # the surname alone, later, is still him


def test_a_nationality_in_the_plural_is_its_people() -> None:
    assert _typed("Many Syrians fled to Turkey.") == [("Syrians", "Organisation"), ("Turkey", "Location")]
