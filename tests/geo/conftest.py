"""Gazetteers for the geo tests: a tiny one from a GeoNames-format file written here, and the shared one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitrep.geo.gazetteer import Gazetteer

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

# Invented villages in the official 19-column format (id, name, ascii, alternates, lat, lon, class, code,
# country, cc2, admin1, admin2, admin3, admin4, population, elevation, dem, timezone, modified).
# Two villages called Tayyibah: one beside Qasr Nawar (admin1 09), one 150 km away (admin1 04).
TINY_PLACES = [
    (900001, "Qaşr Nawār", "Qasr Nawar", "Kasr Nawar,Qasr an-Nawar", 36.00, 38.00, "PPLA3", "09", 12000),
    (900002, "Ţayyibat Nawār", "Tayyibat Nawar", "Taybet Nawar", 36.05, 38.05, "PPL", "09", 0),
    (900003, "Aţ Ţayyibah", "At Tayyibah", "Taybeh,Al-Taybeh", 36.03, 37.95, "PPL", "09", 0),
    (900004, "Aţ Ţayyibah", "At Tayyibah", "Taybeh,Al-Taybeh", 35.95, 39.60, "PPL", "04", 0),
    (900005, "Dayr Ḩāfir Ṣaghīr", "Dayr Hafir Saghir", "Deir Hafer Saghir", 36.10, 37.90, "PPL", "09", 0),
    (900006, "Kharāmah", "Kharamah", "", 35.90, 39.55, "PPL", "04", 0),
    (900007, "Madīnat Ḩalab Tajrībīyah", "Madinat Halab Tajribiyah", "", 36.20, 37.15, "PPL", "09", 900000),
    (900008, "Ar Raqqah at Tajrībīyah", "Ar Raqqah at Tajribiyah", "", 35.95, 39.00, "PPL", "04", 200000),
    (900009, "Tall Shamīrān", "Tall Shamiran", "Tell Shamiran,Tal Shmeiran", 36.08, 38.10, "PPL", "09", 0),
]


def geonames_line(gid, name, ascii_name, alternates, lat, lon, code, admin1, population) -> str:
    cols = [str(gid), name, ascii_name, alternates, f"{lat:.5f}", f"{lon:.5f}", "P", code, "SY", "", admin1,
            "", "", "", str(population), "", "300", "Asia/Damascus", "2020-01-01"]  # fmt: skip
    return "\t".join(cols)


def write_tiny_geonames(folder: Path) -> Path:
    """Write SY.txt and an admin1 code table in GeoNames' formats; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "SY.txt").write_text("\n".join(geonames_line(*p) for p in TINY_PLACES) + "\n", encoding="utf-8")
    (folder / "admin1CodesASCII.txt").write_text(
        "SY.09\tAleppo\tAleppo\t170062\nSY.04\tAr-Raqqah\tAr-Raqqah\t172957\n", encoding="utf-8"
    )
    return folder


def square(lon0: float, lat0: float, lon1: float, lat1: float) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [[[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]],
    }


def write_tiny_boundaries(path: Path) -> Path:
    """Two provinces and one district, with the property names Who's On First uses."""
    features = [
        {"type": "Feature", "properties": {"wof:placetype": "region", "wof:name": "West Test",
                                           "wof:concordances": {"fips:code": "SY09"}},
         "geometry": square(37.0, 35.5, 38.5, 36.6)},
        {"type": "Feature", "properties": {"wof:placetype": "region", "wof:name": "East Test",
                                           "wof:concordances": {"fips:code": "SY04"}},
         "geometry": square(38.5, 35.5, 40.0, 36.6)},
        {"type": "Feature", "properties": {"wof:placetype": "county", "wof:name": "Nawar District"},
         "geometry": square(37.9, 35.9, 38.5, 36.2)},
    ]  # fmt: skip
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _gazetteer_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's data directory."""
    monkeypatch.setenv("SITREP_GAZETTEER", str(tmp_path / "env-gazetteer.sqlite"))


@pytest.fixture
def tiny_source(tmp_path: Path) -> Path:
    return write_tiny_geonames(tmp_path / "geonames")


@pytest.fixture
def tiny(tmp_path: Path, tiny_source: Path) -> Gazetteer:
    """A gazetteer of the invented villages only (no world layer), with the test polygons."""
    gaz = Gazetteer.open(tmp_path / "tiny.sqlite", world=False)
    gaz.add_geonames("SY", tiny_source)
    yield gaz
    gaz.close()


def shared_file(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared sits beside the repo on development machines)")
    return path


@pytest.fixture(scope="session")
def world_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The world layer, built once per session (about half a minute)."""
    path = tmp_path_factory.mktemp("world") / "world.sqlite"
    Gazetteer.open(path).close()
    return path


@pytest.fixture(scope="session")
def syria_path(world_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """World layer + ../shared SY.txt + Syrian admin polygons, built once per session."""
    geonames = SHARED / "data/gazetteer/geonames"
    boundaries = SHARED / "data/gazetteer/boundaries/syria_admin1_admin2.geojson"
    if not (geonames / "SY.txt").is_file() or not boundaries.is_file():
        pytest.skip("../shared gazetteer data is absent")
    path = tmp_path_factory.mktemp("syria") / "syria.sqlite"
    shutil.copy(world_path, path)
    gaz = Gazetteer.open(path)
    gaz.add_geonames("SY", geonames)
    gaz.add_boundaries(boundaries)
    gaz.close()
    return path


@pytest.fixture
def syria(syria_path: Path) -> Gazetteer:
    gaz = Gazetteer.open(syria_path)
    yield gaz
    gaz.close()
