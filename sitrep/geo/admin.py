"""Administrative polygons: read them from GeoJSON and answer "which admin1/admin2 is this point in?".

Level, name and codes are read from the property names of the common publishers (Who's On First,
geoBoundaries, OCHA/HDX, GADM); a polygon whose codes are missing gets them from the gazetteer later.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

_LEVEL_WORDS = {
    1: {"region", "state", "province", "governorate", "adm1", "admin1", "macroregion"},
    2: {"county", "district", "adm2", "admin2", "macrocounty"},
}
_LEVEL_KEYS = ("wof:placetype", "placetype", "shapeType", "type", "admin_level", "level")
_NAME_KEYS = {
    1: ("ADM1_EN", "NAME_1", "shapeName", "wof:name", "name_en", "name", "NAME"),
    2: ("ADM2_EN", "NAME_2", "shapeName", "wof:name", "name_en", "name", "NAME"),
}
_DISTRICT_SUFFIXES = (" District", " district", " Governorate", " governorate", " Province")
# Points a little outside every polygon (coastal villages, generalised borders) take the nearest one.
NEAREST_DEGREES = 0.05


@dataclass
class Boundary:
    """One admin polygon with what its properties say about it."""

    level: int
    name: str
    geometry: BaseGeometry
    country_code: str | None = None
    admin1_code: str | None = None
    geonameid: int | None = None
    fips: str | None = None


def _level(props: dict[str, Any]) -> int | None:
    for key in _LEVEL_KEYS:
        value = props.get(key)
        if value is None:
            continue
        text = str(value).strip().lower()
        if text in ("1", "2"):
            return int(text)
        for level, words in _LEVEL_WORDS.items():
            if text in words:
                return level
    return None


def clean_admin_name(name: str) -> str:
    """An admin area's name without a trailing "District"/"Governorate"."""
    for suffix in _DISTRICT_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)].strip()
    return name.strip()


def read_boundaries(path: Path) -> list[Boundary]:
    """Admin1 and admin2 polygons of a GeoJSON FeatureCollection; other features are skipped."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise ValueError(f"{path} is not a GeoJSON FeatureCollection")
    out: list[Boundary] = []
    for feature in features:
        props = feature.get("properties") or {}
        level = _level(props)
        geometry = feature.get("geometry")
        if level is None or not geometry:
            continue
        name = next((str(props[k]) for k in _NAME_KEYS[level] if props.get(k)), None)
        if not name:
            continue
        concordances = props.get("wof:concordances") or {}
        fips = str(concordances.get("fips:code") or props.get("fips") or "") or None
        gid = concordances.get("gn:id") or props.get("geonameid") or props.get("gn:id")
        country = props.get("shapeGroup") or props.get("iso_a2") or props.get("wof:country") or None
        out.append(
            Boundary(
                level=level,
                name=clean_admin_name(name),
                geometry=shapely.make_valid(shape(geometry)),
                country_code=str(country) if country and len(str(country)) == 2 else None,
                geonameid=int(gid) if str(gid or "").isdigit() and int(gid) > 0 else None,
                fips=fips,
            )
        )
    return out


class AdminIndex:
    """STRtrees over admin1 and admin2 polygons for point-in-polygon queries."""

    def __init__(self, boundaries: Sequence[Boundary]) -> None:
        self.levels: dict[int, list[Boundary]] = {1: [], 2: []}
        for boundary in boundaries:
            self.levels.setdefault(boundary.level, []).append(boundary)
        self.trees = {
            level: STRtree([b.geometry for b in items]) for level, items in self.levels.items() if items
        }

    def locate(self, latitude: float, longitude: float, level: int) -> Boundary | None:
        """The polygon of that level holding the point (or the nearest one a few km away)."""
        tree = self.trees.get(level)
        if tree is None:
            return None
        point = shapely.Point(longitude, latitude)
        hits = tree.query(point, predicate="intersects")
        if len(hits) == 0:
            hits = tree.query_nearest(point, max_distance=NEAREST_DEGREES)
        if len(hits) == 0:
            return None
        return self.levels[level][int(min(hits))]

    def locate_many(self, points: Sequence[tuple[float, float]], level: int) -> list[Boundary | None]:
        """`locate` for many (latitude, longitude) points at once (vectorised)."""
        out: list[Boundary | None] = [None] * len(points)
        tree = self.trees.get(level)
        if tree is None or not points:
            return out
        geoms = shapely.points([(lon, lat) for lat, lon in points])
        point_idx, poly_idx = tree.query(geoms, predicate="intersects")
        for p, g in zip(point_idx.tolist(), poly_idx.tolist(), strict=True):
            if out[p] is None:
                out[p] = self.levels[level][g]
        missing = [i for i, b in enumerate(out) if b is None]
        if missing:
            p2, g2 = tree.query_nearest(geoms[missing], max_distance=NEAREST_DEGREES)
            for p, g in zip(p2.tolist(), g2.tolist(), strict=True):
                if out[missing[p]] is None:
                    out[missing[p]] = self.levels[level][g]
        return out
