"""Fusion speed: the in-memory fusion core over 10k, 100k and 1M synthetic event reports, then the store.

Run: .venv/bin/python benchmarks/bench_fuse.py [SIZES...] [--store DOCUMENTS] [--dense]

Reports are generated in memory: real-world events at random places, days, sub-event families and
actor pairs, each reported one to three times with jittered dates and points, like several outlets
would. Prints seconds, reports/s, how many fused events came out against the true number, and how
many fused events mix reports of different true events.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sitrep.fuse.merge import Fuser, Report

FAMILIES = (
    "territory",
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
)
START = date(2010, 1, 1).toordinal()
DAYS = 3650


def synthetic_reports(
    n: int, seed: int = 7, span: float = 60.0, days: int = DAYS
) -> tuple[list[Report], int]:
    """About n reports of n/1.8 real events over span°xspan° and `days` days; returns (reports, events).

    A report's document_id is "D<event>-<k>", so the true event of each report is known.
    """
    rng = random.Random(seed)
    actors = [f"Actor {i}" for i in range(300)]
    pairs = [frozenset(rng.sample(actors, 2)) for _ in range(2000)]
    admin1s = [f"province {i}" for i in range(400)]
    reports: list[Report] = []
    events = 0
    while len(reports) < n:
        events += 1
        lat, lon = rng.uniform(0, span), rng.uniform(-10, span - 10)
        day = START + rng.randrange(days)
        fam = rng.choice(FAMILIES)
        pair = rng.choice(pairs)
        admin1 = admin1s[int(lat) * 7 % 400]
        geonameid = rng.randrange(10**7)
        for k in range(rng.choice((1, 1, 2, 2, 3))):
            tp = rng.choice((1, 1, 1, 2))
            gp = rng.choice((1, 1, 1, 2))
            jitter = 0.02 if gp == 1 else 0.08
            reports.append(
                Report(
                    key=f"E{len(reports):08d}",
                    document_id=f"D{events}-{k}",
                    day=day + (rng.randint(-1, 1) if tp == 1 else rng.randint(-3, 3)) * (k > 0),
                    time_precision=tp,
                    latitude=lat + rng.uniform(-jitter, jitter),
                    longitude=lon + rng.uniform(-jitter, jitter),
                    geo_precision=gp,
                    admin1=admin1,
                    geonameid=geonameid if gp == 1 else None,
                    family=fam,
                    status_class="report",
                    actors=pair,
                )
            )
    return reports[:n], events


def bench_core(sizes: list[int], span: float, days: int) -> None:
    print(f"reports over {span:g}°x{span:g}° and {days:,} days")
    header = (
        f"{'reports':>10} {'seconds':>9} {'reports/s':>11} {'fused':>10} {'true events':>12} {'mixed':>8}"
    )
    print(header)
    for size in sizes:
        reports, events = synthetic_reports(size, span=span, days=days)
        start = time.perf_counter()
        fuser = Fuser()
        fuser.extend(reports)
        elapsed = time.perf_counter() - start
        clusters = fuser.clusters()
        truth = {r.key: r.document_id.split("-")[0] for r in reports}
        # Clusters holding reports of more than one true event: false merges.
        mixed = sum(len({truth[key] for key in cluster}) > 1 for cluster in clusters)
        print(
            f"{size:>10,} {elapsed:>9.2f} {size / elapsed:>11,.0f} {len(clusters):>10,} {events:>12,} {mixed:>8,}"
        )


def bench_store(documents: int) -> None:
    """Store.add_and_fuse per document (the SQL path `sitrep ingest` takes), five events each."""
    from sitrep.model import Document, Event
    from sitrep.store import Store

    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as folder, Store(str(Path(folder) / "fuse.db")) as store:
        start = time.perf_counter()
        for i in range(documents):
            doc = Document(text=f"synthetic report {i}", published=date(2017, 1, 1), source=f"Outlet {i % 7}")
            events = []
            for k in range(5):
                lat, lon = 35 + rng.uniform(0, 2), 37 + rng.uniform(0, 3)
                events.append(
                    Event(
                        event_id=f"S{i:06d}{k}",
                        document_id=doc.id,
                        event_date=date(2017, 1, 1) + timedelta(days=rng.randrange(365)),
                        time_precision=1,
                        event_type="Battles",
                        sub_event_type="Armed clash",
                        actor1="Military Forces of Syria (2000-)",
                        actor2=rng.choice(("Islamic State (Syria)", "Opposition Rebels (Syria)")),
                        admin1="Aleppo",
                        latitude=lat,
                        longitude=lon,
                        geo_precision=1,
                        geonameid=rng.randrange(3000),
                        location="somewhere",
                    )
                )
            store.add_and_fuse(doc, events)
        elapsed = time.perf_counter() - start
        n = documents * 5
        print(
            f"store: {documents:,} documents ({n:,} events) added and fused in {elapsed:.2f} s "
            f"({n / elapsed:,.0f} events/s), {store.fused_count():,} fused events"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--store", type=int, default=1000, help="documents for the store step (0: skip)")
    parser.add_argument(
        "--dense", action="store_true", help="also on 3°x3° over a year, where events collide"
    )
    args = parser.parse_args()
    bench_core(args.sizes, 60.0, DAYS)
    if args.dense:
        # 1M reports in 3°x3° and one year is far denser than any real conflict; the candidates per
        # report grow with density, so it is capped.
        bench_core([size for size in args.sizes if size <= 100_000], 3.0, 365)
    if args.store:
        bench_store(args.store)


if __name__ == "__main__":
    main()
