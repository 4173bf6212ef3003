"""Who did what to whom: the argument structures news uses, read from the parse by the patterns of
sitrep/data/roles.yaml (sentences written for these tests; real pipeline)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.extract import roles
from sitrep.extract.events import Extractor
from sitrep.model import Document, Event

PUBLISHED = date(2017, 3, 6)  # a Monday
ARMY = "Military Forces of Syria (2000-)"
IS = "Islamic State (Syria)"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(geocoder=None)


def _first(extractor: Extractor, text: str) -> Event:
    events = extractor.extract(Document(text=text, published=PUBLISHED, id="roles"))
    assert events, text
    return events[0]


@pytest.mark.parametrize(
    "text",
    [
        "The Syrian army seized the village of Tal Hasil from Islamic State fighters on Sunday.",
        "Islamic State lost the village of Tal Hasil to the Syrian army on Sunday.",
        "The village of Tal Hasil fell into the hands of the Syrian army on Sunday, wresting it from Islamic State.",
        "The Syrian army drove Islamic State out of the village of Tal Hasil on Sunday.",
        "Islamic State suffered a setback when the Syrian army captured the village of Tal Hasil on Sunday.",
        "The village of Tal Hasil was captured by the Syrian army from Islamic State on Sunday.",
        "Assad coalition forces captured the village of Tal Hasil in Syria from Islamic State on Sunday.",
    ],
)
def test_the_captor_is_actor1_whatever_the_structure(extractor: Extractor, text: str) -> None:
    event = _first(extractor, text)
    assert event.sub_event_type == "Government regains territory"
    assert (event.actor1, event.actor2) == (ARMY, IS)


def test_a_headline_with_from(extractor: Extractor) -> None:
    event = _first(
        extractor, "SYRIAN ARMY SEIZES AIRBASE FROM ISLAMIC STATE\n\nThe fighting went on for a week."
    )
    assert (event.actor1, event.actor2) == (ARMY, IS)


def test_a_passive_without_by_names_no_captor(extractor: Extractor) -> None:
    event = _first(extractor, "Islamic State fighters were driven out of the village of Tal Hasil on Sunday.")
    assert event.actor1 != IS


def test_the_side_that_withdraws_acts(extractor: Extractor) -> None:
    event = _first(extractor, "Islamic State fighters withdrew from the Syrian town of Deir Hafer on Sunday.")
    assert event.actor1 == IS
    assert event.sub_event_type == "Non-violent transfer of territory"


def test_a_noun_attack_names_its_attacker(extractor: Extractor) -> None:
    event = _first(
        extractor, "Four Syrian soldiers were killed in an Islamic State attack near Palmyra on Sunday."
    )
    assert (event.actor1, event.actor2) == (IS, ARMY)


def test_editing_the_pattern_file_changes_the_roles(tmp_path: Path) -> None:
    original = (Path(roles.__file__).parents[1] / "data" / "roles.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "roles.yaml"
    edited.write_text(original.replace("- name: lose-to", "- name: lose-to-edited"), encoding="utf-8")
    assert roles.role_patterns(edited)[0].name == "lose-to-edited"
    assert roles.role_patterns()[0].name == "lose-to"
