"""The OpenSyria importer on a small folder the tests write, and on ../shared's folder when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.cli.gazetteer import app
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.opensyria import read_opensyria
from tests.geo.conftest import shared_file


def _unit(uid: str, en: str, ar: str, aliases: list[str], lat: float, lon: float, **extra: object) -> dict:
    return {
        "id": uid,
        "name": {"en": en, "ar": ar},
        "aliases": [{"value": a, "language": "en", "type": "alternate_spelling"} for a in aliases],
        "centroid": {"latitude": lat, "longitude": lon},
        "population": {"value": 5000, "year": 2004, "sourceIds": ["x"]},
        "externalIds": {"ochaPcode": "SY" + uid[-2:]},
        "sourceIds": ["x"],
        "sourceStatus": "seed",
        **extra,
    }


def write_opensyria(folder: Path) -> Path:
    """A governorate, a district and two subdistricts in the OpenSyria record format (invented units)."""
    folder.mkdir(parents=True, exist_ok=True)
    governorates = [_unit("sy-halab-09", "Aleppo", "حلب", ["Halab Governorate"], 36.2, 37.5)]
    districts = [
        _unit(
            "sy-halab-nawar-01", "Nawar", "نوار", ["Nawar District"], 36.0, 38.1, governorateId="sy-halab-09"
        )
    ]
    subdistricts = [
        # Named after its seat, Qasr Nawar (900001), 8 km away: the town takes the news spelling "Qasser Nawwar".
        _unit("sy-halab-nawar-qasr-02", "Qasser Nawwar", "قصر نوار",
              ["Qasser Nawwar Subdistrict", "Nahiyat Qasr Nawar", "Old Market Quarter"], 36.07, 38.02,
              governorateId="sy-halab-09", districtId="sy-halab-nawar-01"),
        # No town of that name in the GeoNames file: the unit is a place of its own.
        _unit("sy-halab-nawar-jurn-03", "Jurn Abyad", "جرن أبيض", ["Jirn al Abyad"], 36.15, 38.2,
              governorateId="sy-halab-09", districtId="sy-halab-nawar-01"),
        {"id": "sy-halab-nawar-nocentroid-04", "name": {"en": "Nowhere"}, "aliases": []},
    ]  # fmt: skip
    for name, records in (
        ("governorates", governorates),
        ("districts", districts),
        ("subdistricts", subdistricts),
    ):
        (folder / f"{name}.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return folder


def test_reader_yields_units_with_names_and_parents(tmp_path: Path) -> None:
    records = {r.id: r for r in read_opensyria(write_opensyria(tmp_path / "os"))}
    assert "sy-halab-nawar-nocentroid-04" not in records  # no centroid: nothing to place
    jurn = records["sy-halab-nawar-jurn-03"]
    assert (jurn.level, jurn.feature_code, jurn.district_name, jurn.pcode) == (3, "ADM3", "Nawar", "SY03")
    assert jurn.names == ["Jurn Abyad", "جرن أبيض", "Jirn al Abyad"]
    assert jurn.governorate_names[0] == "Aleppo" and jurn.population == 5000
    again = {r.id: r for r in read_opensyria(tmp_path / "os")}
    assert jurn.place_id < 0 and jurn.place_id == again[jurn.id].place_id  # stable, never a GeoNames id


def test_reader_rejects_a_folder_without_the_files(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        list(read_opensyria(tmp_path))
    with pytest.raises(FileNotFoundError):
        list(read_opensyria(tmp_path / "absent"))


def test_units_become_places_and_seats_take_their_spellings(tiny: Gazetteer, tmp_path: Path) -> None:
    layer = tiny.add_opensyria(write_opensyria(tmp_path / "os"))
    assert (layer["name"], layer["places"]) == ("opensyria", 4)
    # The seat town, not the unit's centroid, answers the news spelling of its name.
    best = tiny.lookup("Qasser Nawwar", country="SY")[0]
    assert (best.geonameid, best.match) == (900001, "exact")
    assert tiny.lookup("Qasser Nawwar", country="SY")[1].feature_code == "ADM3"
    # Other names of the unit are not the town's.
    assert all(c.geonameid != 900001 for c in tiny.lookup("Old Market Quarter", country="SY"))
    # A unit with no namesake town is found at its centroid, in its province and district, by either script.
    for name in ("Jirn al Abyad", "جرن أبيض", "Jurn Abyad subdistrict"):
        unit = tiny.lookup(name, country="SY")[0]
        assert (unit.name, unit.feature_code, unit.admin1, unit.admin2) == (
            "Jurn Abyad",
            "ADM3",
            "Aleppo",
            "Nawar",
        )
        assert (unit.latitude, unit.longitude) == (36.15, 38.2)
    # Importing again replaces rather than duplicates.
    tiny.add_opensyria(tmp_path / "os")
    assert len([c for c in tiny.lookup("Jurn Abyad", country="SY", limit=10) if c.name == "Jurn Abyad"]) == 1


def test_cli_add_opensyria(tmp_path: Path, tiny_source: Path) -> None:
    from typer.testing import CliRunner

    runner, db = CliRunner(), str(tmp_path / "cli.sqlite")
    assert (
        runner.invoke(
            app, ["--gazetteer", db, "--no-world", "add", "SY", "--from", str(tiny_source)]
        ).exit_code
        == 0
    )
    result = runner.invoke(
        app, ["--gazetteer", db, "--no-world", "add-opensyria", str(write_opensyria(tmp_path / "o"))]
    )
    assert result.exit_code == 0, result.output
    assert "opensyria: 4 units" in result.output
    bad = runner.invoke(app, ["--gazetteer", db, "--no-world", "add-opensyria", str(tmp_path / "absent")])
    assert bad.exit_code == 2


def test_shared_opensyria_subdistricts_resolve(syria_path: Path, tmp_path: Path) -> None:
    folder = shared_file("data", "gazetteer", "opensyria")
    import shutil

    path = tmp_path / "os.sqlite"
    shutil.copy(syria_path, path)
    with Gazetteer.open(path) as gaz:
        layer = gaz.add_opensyria(folder)
        assert layer["places"] > 300
        # Subdistrict spellings reach their seat towns (PPLA3), not the subdistricts' centroids.
        for name in ("Ein Issa", "Tamanaah", "Raheiba"):
            best = gaz.lookup(name, country="SY")[0]
            assert best.feature_code == "PPLA3", (name, best)
        unit = gaz.lookup("Nahiyat ash Shaddadah", country="SY", limit=3)
        assert any(c.feature_code == "ADM3" and c.admin1 == "Al Hasakeh" for c in unit)
