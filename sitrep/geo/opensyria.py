"""Reader for the OpenSyria geography folder: governorates, districts, subdistricts (and localities when
present) as JSON arrays of records with English/Arabic names, aliases, centroids, populations and
external ids (GeoNames, OCHA p-codes). Yields `OpenSyriaRecord`s; `Gazetteer.add_opensyria` indexes them.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.geo.geonames import useful_names

# File name -> (feature class, feature code, administrative level) of its records.
FILES = {
    "governorates.json": ("A", "ADM1", 1),
    "districts.json": ("A", "ADM2", 2),
    "subdistricts.json": ("A", "ADM3", 3),
    "localities.json": ("P", "PPL", 4),
}


@dataclass
class OpenSyriaRecord:
    """One administrative unit or locality of the folder, with everything the gazetteer indexes."""

    id: str
    level: int
    feature_class: str
    feature_code: str
    name: str
    latitude: float
    longitude: float
    governorate_id: str | None
    governorate_names: list[str]
    district_name: str | None
    population: int
    geonameid: int | None
    pcode: str | None
    names: list[str] = field(default_factory=list)

    @property
    def place_id(self) -> int:
        """The GeoNames id when the record carries one, else a stable negative id from the OpenSyria id
        (negative so it can never collide with a GeoNames id)."""
        return self.geonameid if self.geonameid else -(zlib.crc32(self.id.encode("utf-8")) + 1)


def _names(record: dict[str, Any]) -> list[str]:
    name = record.get("name") or {}
    values = [name.get("en"), name.get("ar")]
    values += [a.get("value") for a in record.get("aliases") or [] if isinstance(a, dict)]
    return useful_names(v for v in values if isinstance(v, str))


def _population(record: dict[str, Any]) -> int:
    value = (record.get("population") or {}).get("value")
    return int(value) if isinstance(value, int | float) and value > 0 else 0


def read_opensyria(folder: Path) -> Iterator[OpenSyriaRecord]:
    """Records of every known file in the folder (governorates first), skipping those without a centroid."""
    if not folder.is_dir():
        raise FileNotFoundError(f"no such folder: {folder}")
    present = [name for name in FILES if (folder / name).is_file()]
    if not present:
        raise ValueError(f"{folder} holds none of {', '.join(FILES)}")
    governorates: dict[str, list[str]] = {}
    districts: dict[str, str] = {}
    for file_name in present:
        feature_class, feature_code, level = FILES[file_name]
        records = json.loads((folder / file_name).read_text(encoding="utf-8"))
        if isinstance(records, dict):  # the release artifacts wrap the array in {"items": [...]}
            records = records.get("items") or []
        for record in records:
            if not isinstance(record, dict) or not record.get("id"):
                continue
            names = _names(record)
            if level == 1:
                governorates[record["id"]] = names
            elif level == 2 and names:
                districts[record["id"]] = names[0]
            centroid = record.get("centroid") or {}
            lat, lon = centroid.get("latitude"), centroid.get("longitude")
            if not names or not isinstance(lat, int | float) or not isinstance(lon, int | float):
                continue
            external = record.get("externalIds") or {}
            geonameid = str(external.get("geonames") or "")
            gov_id = record["id"] if level == 1 else record.get("governorateId")
            yield OpenSyriaRecord(
                id=record["id"],
                level=level,
                feature_class=feature_class,
                feature_code=feature_code,
                name=names[0],
                latitude=float(lat),
                longitude=float(lon),
                governorate_id=gov_id,
                governorate_names=governorates.get(gov_id or "", []),
                district_name=districts.get(record.get("districtId") or ""),
                population=_population(record),
                geonameid=int(geonameid) if geonameid.isdigit() else None,
                pcode=external.get("ochaPcode"),
                names=names,
            )
