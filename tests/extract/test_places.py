"""Place names in a sentence with their role and the precision they allow."""

from __future__ import annotations

from sitrep.extract.places import find_places, name_after


def _roles(text: str) -> list[tuple[str, str, int]]:
    return [(h.name, h.role, h.precision) for h in find_places(text)]


def test_village_of_is_a_locus() -> None:
    assert _roles("Troops entered the village of Tal Shair on Monday.") == [("Tal Shair", "locus", 1)]


def test_direction_of_is_relative() -> None:
    assert _roles("Clashes broke out two miles south of Deir Hafer.") == [("Deir Hafer", "relative", 2)]


def test_named_site_is_a_site() -> None:
    assert _roles("Gunmen attacked the Kuweires air base before dawn.") == [("Kuweires", "site", 2)]


def test_countryside_and_province_are_regions() -> None:
    text = "Fighting spread across the western Idlib countryside and into the province of Latakia."
    assert _roles(text) == [("Idlib", "region", 3), ("Latakia", "region", 3)]


def test_places_are_in_text_order_with_offsets() -> None:
    text = "Shells hit the town of Ariha, near Jisr al-Shughur, in southern Idlib."
    hits = find_places(text, offset=40)
    assert [(h.name, h.role) for h in hits] == [
        ("Ariha", "locus"),
        ("Jisr al-Shughur", "relative"),
        ("Idlib", "region"),
    ]
    for hit in hits:
        assert text[hit.start - 40 : hit.end - 40] == hit.name


def test_weekday_is_not_a_place() -> None:
    assert _roles("The attack happened on Tuesday in Saraqib.") == [("Saraqib", "locus", 1)]


def test_excluded_actor_span_is_not_a_place() -> None:
    text = "Clashes with Hezbollah in Qusayr continued."
    assert [h.name for h in find_places(text, exclude=[(13, 22)])] == ["Qusayr"]
    assert [h.name for h in find_places("Soldiers moved in Hezbollah positions.", exclude=[(18, 27)])] == []


def test_name_after_a_trigger() -> None:
    text = "Government troops retook the Khan Tuman hill."
    assert name_after(text, text.index(" the")) == ("Khan Tuman", text.index("Khan"))
    assert name_after("They retook 5 villages.", 11) is None
