from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from sitrep.geo.gazetteer import Gazetteer, haversine_km
from tests.geo.conftest import write_tiny_boundaries


def test_default_path_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_GAZETTEER", str(tmp_path / "g.sqlite"))
    assert Gazetteer.default_path() == tmp_path / "g.sqlite"


def test_layers_record_the_import(tiny: Gazetteer, tiny_source: Path) -> None:
    layers = {layer["name"]: layer for layer in tiny.layers()}
    assert layers["geonames:SY"]["places"] == 9
    assert layers["geonames:SY"]["source"] == str(tiny_source / "SY.txt")
    assert "world" not in layers


def test_exact_alternate_and_skeleton_matches(tiny: Gazetteer) -> None:
    assert tiny.lookup("Qasr Nawar")[0].geonameid == 900001
    assert tiny.lookup("Kasr Nawar")[0].geonameid == 900001  # an alternate name
    best = tiny.lookup("Tel Shmeiran")[0]  # a spelling not in the file: the skeleton meets
    assert (best.geonameid, best.match) == (900009, "exact")
    assert tiny.lookup("Tall Shumayran")[0].geonameid == 900009


def test_fuzzy_match_has_a_threshold(tiny: Gazetteer) -> None:
    found = tiny.lookup("Qasr Nawwaar")
    assert found[0].geonameid == 900001 and found[0].score < 0.9
    assert tiny.lookup("Zzyzx Springs") == []


def test_admin1_and_near_order_same_named_villages(tiny: Gazetteer) -> None:
    by_admin1 = tiny.lookup("Taybeh", country="SY", admin1="Ar Raqqah")
    assert by_admin1[0].geonameid == 900004
    assert tiny.lookup("Taybeh", admin1="Halab")[0].geonameid == 900003
    assert tiny.lookup("Taybeh", near=(36.0, 38.0))[0].geonameid == 900003
    assert tiny.lookup("Taybeh", near=(35.9, 39.5))[0].geonameid == 900004
    candidate = by_admin1[0]
    assert candidate.admin1 == "Ar Raqqa"  # ACLED's spelling from sitrep/data/admin1_names.csv
    assert 0 < candidate.score <= 1


def test_country_filter(tiny: Gazetteer) -> None:
    assert tiny.lookup("Qasr Nawar", country="Syria")[0].geonameid == 900001
    assert tiny.lookup("Qasr Nawar", country="FR") == []


def test_country_info_and_admin1_place(tiny: Gazetteer) -> None:
    assert tiny.country_info("SY") == ("Syria", 760)
    assert tiny.admin1_codes("east Aleppo countryside", "SY") == [("SY", "09")]
    assert tiny.admin1_codes("province of Raqqah", "SY") == [("SY", "04")]
    # The capital of the file's admin1 is not in this tiny file: the most populous place stands in.
    place = tiny.admin1_place("Halab", "SY")
    assert place is not None and (place.geonameid, place.admin1) == (900007, "Aleppo")


def test_reimport_replaces_rather_than_duplicates(tiny: Gazetteer, tiny_source: Path) -> None:
    before = tiny.conn.execute("SELECT count(*) FROM names").fetchone()[0]
    tiny.add_geonames("SY", tiny_source / "SY.txt")
    assert tiny.conn.execute("SELECT count(*) FROM names").fetchone()[0] == before
    assert len(tiny.lookup("Taybeh", limit=10)) == 2


def test_zip_dump_is_read(tmp_path: Path, tiny_source: Path) -> None:
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(tiny_source / "SY.txt", "SY.txt")
    gaz = Gazetteer.open(tmp_path / "z.sqlite", world=False)
    assert gaz.add_geonames("SY", archive)["places"] == 9
    gaz.close()


def test_bad_dump_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "SY.txt"
    bad.write_text("not a dump\n", encoding="utf-8")
    gaz = Gazetteer.open(tmp_path / "b.sqlite", world=False)
    with pytest.raises(ValueError, match="19-column"):
        gaz.add_geonames("SY", bad)
    with pytest.raises(FileNotFoundError):
        gaz.add_geonames("SY", tmp_path / "nowhere")
    gaz.close()


def test_boundaries_set_admin1_and_admin2(tiny: Gazetteer, tmp_path: Path) -> None:
    layer = tiny.add_boundaries(write_tiny_boundaries(tmp_path / "b.geojson"))
    assert layer["names"] == 3
    qasr = tiny.lookup("Qasr Nawar")[0]
    assert (qasr.admin1, qasr.admin2) == ("Aleppo", "Nawar")
    assert tiny.admin_of(36.0, 39.0)[:2] == ("04", "Ar Raqqa")
    # Places imported after the polygons are placed in them too.
    tiny.add_geonames("SY", tiny.layers()[0]["source"])
    assert tiny.lookup("Qasr Nawar")[0].admin2 == "Nawar"


def test_nearby_uses_the_rtree(tiny: Gazetteer) -> None:
    near = tiny.nearby(36.0, 38.0, 10)
    assert [c.geonameid for c in near][:2] == [900001, 900003]
    assert all(haversine_km(36.0, 38.0, c.latitude, c.longitude) <= 10 for c in near)


@pytest.mark.shared
def test_seed_places_resolve_in_the_shared_gazetteer(syria: Gazetteer) -> None:
    def first(name: str, **kw: object) -> int:
        return syria.lookup(name, country="SY", **kw)[0].geonameid

    assert first("Ras al-Ain al-Ahmar") == first("Rasm Ayn Ahmar") == 165507
    assert first("Maskana") == first("Maskanah") == 167080
    assert first("Deir Hafer") == 170785
    assert first("Athria") == 172378
    aleppo = syria.admin1_place("Aleppo", "SY")
    assert aleppo is not None and (aleppo.geonameid, aleppo.admin1) == (170063, "Aleppo")
    for name, acled in [("Halab", "Aleppo"), ("Hamah", "Hama"), ("Raqqa", "Ar Raqqa"), ("Idlib", "Idleb"),
                        ("Dayr az Zawr", "Deir ez Zor"), ("Deir ez-Zor", "Deir ez Zor")]:  # fmt: skip
        place = syria.admin1_place(name, "SY")
        assert place is not None and place.admin1 == acled
    maskanah = syria.lookup("Maskanah", country="SY", admin1="Aleppo")[0]
    assert maskanah.admin1 == "Aleppo" and maskanah.admin2 == "Menbij"  # admin2 from the polygons


@pytest.mark.shared
def test_world_layer_alone_knows_large_towns(world_path: Path) -> None:
    gaz = Gazetteer.open(world_path)
    assert gaz.lookup("Aleppo", country="SY")[0].geonameid == 170063
    assert gaz.lookup("Raqqa", country="SY")[0].admin1 == "Ar Raqqa"
    assert gaz.lookup("Paris", country="FR")[0].population > 1_000_000
    gaz.close()


def test_facility_names_resolve_at_their_anchor_place(tiny: Gazetteer) -> None:
    for name in (
        "Kasr Nawar gas field",
        "Qasr Nawar silos",
        "Qasr Nawar roundabout",
        "Former Qasr Nawar Prison",
    ):
        best = tiny.lookup(name, country="SY")[0]
        assert (best.geonameid, best.match) == (900001, "anchor"), name
        assert best.score < tiny.lookup("Qasr Nawar", country="SY")[0].score
    assert tiny.lookup("Army Base Tall Shamiran", country="SY")[0].geonameid == 900009


def test_facility_words_come_from_the_data_file() -> None:
    from sitrep.geo.normalize import facility_variants

    assert facility_variants("Tishrin Dam") == ("Tishrin", "sadd Tishrin")
    assert facility_variants("Al Wafidin camp") == ("Al Wafidin", "mukhayyam Al Wafidin")
    assert facility_variants("Tall Bazzam hill") == ("Tall Bazzam",)  # already "Tall X"
    assert facility_variants("128th Brigade") == ()  # nothing left to anchor on
    assert facility_variants("Maskana") == ()


def test_the_requested_province_beats_a_weak_reading_outside_it(tiny: Gazetteer) -> None:
    # Kharamah lies in admin1 04 only: "Kharameh" asked inside Aleppo (09) gets the province first, at
    # its most populous place (the capital of the data file is not in this tiny file).
    found = tiny.lookup("Kharameh", country="SY", admin1="Aleppo")
    assert (found[0].match, found[0].admin1, found[0].geonameid) == ("admin1", "Aleppo", 900007)
    assert (found[1].geonameid, found[1].match) == (900006, "skeleton")
    assert (
        tiny.lookup("Kharameh", country="SY", admin1="Aleppo", region_fallback=False)[0].geonameid == 900006
    )
    assert tiny.lookup("Kharameh", country="SY")[0].geonameid == 900006  # no province asked: no fallback
    # An exact match across a province border outranks the province (borders are fuzzy in reports).
    assert tiny.lookup("Kharamah", country="SY", admin1="Ar-Raqqah")[0].geonameid == 900006
