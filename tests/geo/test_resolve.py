from __future__ import annotations

import pytest

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.resolve import Geocoder
from sitrep.model import PlaceMention


def test_a_village_named_beside_an_anchor_is_the_near_one(tiny: Gazetteer) -> None:
    mentions = [PlaceMention("Qasr Nawar"), PlaceMention("Al-Taybeh")]
    anchor, village = Geocoder(tiny).resolve(mentions, country="SY")
    assert anchor is not None and anchor.geonameid == 900001
    assert village is not None and (village.geonameid, village.geo_precision) == (900003, 1)
    assert (village.country, village.iso, village.admin1) == ("Syria", 760, "Aleppo")
    assert 0 < village.confidence <= 1


def test_only_a_far_reading_falls_back_to_the_province(tiny: Gazetteer) -> None:
    # The only Kharamah lies 150 km from Qasr Nawar, in another province: never placed there at precision 1.
    mentions = [PlaceMention("Qasr Nawar"), PlaceMention("Kharamah"), PlaceMention("Nowhere Atall")]
    places = Geocoder(tiny).resolve(mentions, country="SY", region_hints=["province of Aleppo"])
    assert places[0] is not None and places[0].geonameid == 900001
    for fallback in places[1:]:
        assert fallback is not None
        assert (fallback.location, fallback.admin1, fallback.geo_precision) == ("Aleppo", "Aleppo", 3)
        assert fallback.geonameid is None
        assert fallback.latitude == pytest.approx(36.2)


def test_province_mentions_resolve_to_the_capital_at_precision_3(tiny: Gazetteer) -> None:
    mentions = [PlaceMention("east Aleppo countryside", kind="region", precision=3),
                PlaceMention("Raqqah", kind="admin1", precision=3)]  # fmt: skip
    aleppo, raqqa = Geocoder(tiny).resolve(mentions, country="SY")
    assert aleppo is not None and (aleppo.location, aleppo.geo_precision) == ("Aleppo", 3)
    assert raqqa is not None and raqqa.location == "Ar Raqqa"


def test_precision_2_is_kept_and_nothing_known_gives_none(tiny: Gazetteer) -> None:
    near, unknown = Geocoder(tiny).resolve(
        [PlaceMention("Qasr Nawar", precision=2), PlaceMention("Zzyzx Springs")], country="SY"
    )
    assert near is not None and (near.geonameid, near.geo_precision) == (900001, 2)
    # No province phrase: the anchors' province stands in for the unresolvable name.
    assert unknown is not None and (unknown.location, unknown.geo_precision) == ("Aleppo", 3)
    assert Geocoder(tiny).resolve([PlaceMention("Zzyzx Springs")], country="SY") == [None]


def test_ambiguous_lone_name_is_not_guessed(tiny: Gazetteer) -> None:
    # Two Taybehs and nothing else in the document: neither is trusted at precision 1.
    assert Geocoder(tiny).resolve([PlaceMention("Taybeh")], country="SY") == [None]
    placed = Geocoder(tiny).resolve([PlaceMention("Taybeh")], country="SY", region_hints=["Raqqa"])[0]
    assert placed is not None and (placed.geonameid, placed.geo_precision) == (900004, 1)


@pytest.mark.shared
def test_seed_document(syria: Gazetteer) -> None:
    mentions = [
        PlaceMention("east Aleppo countryside", kind="region", precision=3),
        PlaceMention("northern Hama", kind="region", precision=3),
        PlaceMention("Ras al-Ain al-Ahmar"),
        PlaceMention("Maskana", precision=2),
        PlaceMention("Karama"),
        PlaceMention("Deir Hafer", precision=2),
        PlaceMention("Maskana"),
        PlaceMention("Al-Taybeh"),
        PlaceMention("Al-Hamidiya"),
        PlaceMention("Raqqah", kind="admin1", precision=3),
        PlaceMention("Athria"),
    ]
    out = Geocoder(syria).resolve(mentions, country="SY", region_hints=["province of Aleppo"])
    got = {m.name + str(m.precision): p for m, p in zip(mentions, out, strict=True)}
    assert all(p is not None for p in out)
    assert (got["east Aleppo countryside3"].location, got["east Aleppo countryside3"].geo_precision) == (
        "Aleppo",
        3,
    )
    assert got["northern Hama3"].location == "Hama"
    ras = got["Ras al-Ain al-Ahmar1"]
    assert (ras.geonameid, ras.latitude, ras.longitude, ras.geo_precision) == (165507, 36.0216, 37.9875, 1)
    assert (ras.country, ras.iso, ras.admin1, ras.admin2) == ("Syria", 760, "Aleppo", "Menbij")
    assert (got["Maskana2"].geonameid, got["Maskana2"].geo_precision) == (167080, 2)
    assert (got["Maskana1"].latitude, got["Maskana1"].longitude) == (35.9658, 38.0416)
    assert got["Deir Hafer2"].geonameid == 170785
    assert got["Athria1"].geonameid == 172378
    for name in ("Karama1", "Al-Taybeh1", "Al-Hamidiya1"):
        assert (got[name].location, got[name].geo_precision, got[name].geonameid) == ("Aleppo", 3, None)
    assert got["Raqqah3"].location == "Ar Raqqa"


def test_a_populous_far_subdistrict_is_not_a_city(tiny: Gazetteer, tmp_path) -> None:
    # An OpenSyria subdistrict of 71,000 people 150 km away: its population is its villages', so it is
    # not trusted as a well-known place; the name falls back to the document's province.
    import json

    folder = tmp_path / "os"
    folder.mkdir()
    unit = {"id": "sy-raqqa-far-01", "name": {"en": "Zor Shammar"}, "aliases": [],
            "centroid": {"latitude": 35.9, "longitude": 39.6}, "population": {"value": 71000},
            "governorateId": "sy-raqqa"}  # fmt: skip
    (folder / "subdistricts.json").write_text(json.dumps([unit]), encoding="utf-8")
    tiny.add_opensyria(folder)
    assert tiny.lookup("Zor Shammar", country="SY")[0].feature_code == "ADM3"
    places = Geocoder(tiny).resolve(
        [PlaceMention("Qasr Nawar"), PlaceMention("Zor Shammar")], country="SY", region_hints=["Aleppo"]
    )
    assert places[1] is not None and (places[1].location, places[1].geo_precision) == ("Aleppo", 3)


def test_a_subdistrict_named_after_its_town_is_not_a_rival_reading() -> None:
    from sitrep.geo.gazetteer import Candidate
    from sitrep.geo.resolve import without_namesake_areas

    town = Candidate(1, "Saraqib", 35.8645, 36.8059, "PPL", "SY", "Idleb", None, 34000, 0.91)
    area = Candidate(2, "Saraqab", 35.835, 36.818, "ADM3", "SY", "Idleb", None, 86000, 0.79)
    far_area = Candidate(3, "Saraqib", 33.0, 36.0, "ADM3", "SY", "Dara", None, 5000, 0.7)
    assert without_namesake_areas([town, area, far_area]) == [town, far_area]
    assert without_namesake_areas([area]) == [area]  # with no town to stand for, the area stays


def test_locations_are_written_in_ascii_as_acled_spells_them(tiny: Gazetteer) -> None:
    (place,) = Geocoder(tiny).resolve([PlaceMention("Qasr an-Nawar")], country="SY")
    assert place is not None and place.geonameid == 900001
    assert place.location == "Qasr Nawar"  # GeoNames' name is "Qaşr Nawār"
    assert tiny.place(900001).name == "Qaşr Nawār"  # the gazetteer itself keeps the original
    assert tiny.display_name(900001, "Qaşr Nawār") == "Qasr Nawar"
    # An entry without an ASCII form of its own (the world layer's) is transliterated.
    assert tiny.display_name(123456789, "Ma‘arrat an Nu‘mān") == "Maarrat an Numan"
