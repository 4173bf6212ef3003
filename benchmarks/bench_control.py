"""Control speed: `control --as-of` over 10,000 settlements, beside a naive answer rebuilt from the events.

Run: .venv/bin/python benchmarks/bench_control.py [SETTLEMENTS] [--events-per-place N]

Builds an SQLite store in a temporary folder through the real path (add_and_fuse, which writes the
control table), then times: the stored answer (`Store.control_as_of`), and the naive one that reads
every fused event and recomputes every timeline for each question.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sitrep.fuse.control import at, timeline
from sitrep.model import Document, Event
from sitrep.store import Store

ACTORS = ("Military Forces of Syria (2000-)", "Islamic State (Syria)", "Opposition Rebels (Syria)")
SUB_EVENTS = (
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Air/drone strike",
    "Armed clash",
)
PER_DOCUMENT = 1000


def synthetic_events(places: int, per_place: int, rng: random.Random) -> list[Event]:
    """Events inside `places` settlements on a grid, a few per place over two years."""
    events = []
    side = int(places**0.5) + 1
    for place in range(places):
        lat, lon = 32 + (place // side) * 0.05, 36 + (place % side) * 0.05
        for k in range(per_place):
            sub = rng.choice(SUB_EVENTS)
            actor1, actor2 = rng.sample(ACTORS, 2)
            events.append(
                Event(
                    event_id=f"C{place:06d}{k:02d}",
                    event_date=date(2016, 1, 1) + timedelta(days=rng.randrange(730)),
                    time_precision=1,
                    event_type="Explosions/Remote violence" if sub == "Air/drone strike" else "Battles",
                    sub_event_type=sub,
                    actor1=actor1,
                    actor2=actor2,
                    country="Syria",
                    admin1=f"Province {place % 14}",
                    location=f"Village {place}",
                    latitude=lat,
                    longitude=lon,
                    geo_precision=1,
                    geonameid=1_000_000 + place,
                )
            )
    return events


def timed(function, repeat: int) -> float:
    """Median milliseconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("settlements", nargs="?", type=int, default=10_000)
    parser.add_argument("--events-per-place", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(11)
    events = synthetic_events(args.settlements, args.events_per_place, rng)
    with tempfile.TemporaryDirectory() as folder, Store(str(Path(folder) / "control.db")) as store:
        start = time.perf_counter()
        for first in range(0, len(events), PER_DOCUMENT):
            document = Document(text=f"synthetic batch {first}", published=date(2018, 1, 1), source="Bench")
            batch = [
                Event(**{**e.__dict__, "document_id": document.id})
                for e in events[first : first + PER_DOCUMENT]
            ]
            store.add_and_fuse(document, batch)
        built = time.perf_counter() - start
        day = date(2017, 6, 1)
        answer = store.control_as_of(day)
        print(
            f"{args.settlements:,} settlements, {len(events):,} events: stored and fused with control in "
            f"{built:.1f} s; {len(answer):,} places have a holder on {day}"
        )

        def naive():
            return at(timeline(store.fused_events()), day)

        def naive_in_memory():
            return at(timeline(events), day)

        assert {(s.geonameid, s.holder, s.since) for s in naive()} == {
            (s.geonameid, s.holder, s.since) for s in answer
        }
        stored_ms = timed(lambda: store.control_as_of(day), 7)
        province_ms = timed(lambda: store.control_as_of(day, admin1="Province 3"), 7)
        bbox_ms = timed(lambda: store.control_as_of(day, bbox=(36.0, 32.0, 38.0, 34.0)), 7)
        naive_ms = timed(naive, 3)
        memory_ms = timed(naive_in_memory, 3)
        print(f"control_as_of (control table):              {stored_ms:9.1f} ms")
        print(f"control_as_of --admin1:                      {province_ms:9.1f} ms")
        print(f"control_as_of --bbox:                        {bbox_ms:9.1f} ms")
        print(f"naive: read fused events, rebuild timelines: {naive_ms:9.1f} ms")
        print(f"naive, events already in memory:             {memory_ms:9.1f} ms")


if __name__ == "__main__":
    main()
