"""Store speed: documents added per second, and how long a filtered query over them takes.

Run: .venv/bin/python benchmarks/bench_store.py [DOCUMENTS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sitrep.model import Document, Event, Evidence, Loss, Quantity
from sitrep.store import Store

ACTORS = ("Military Forces of Syria (2000-)", "Islamic State (Syria)", "Military Forces of Russia (2000-)")


def synthetic(index: int) -> tuple[Document, list[Event]]:
    """A document with five events shaped like the extractor's, varied so filters select subsets."""
    document = Document(text=f"Report {index}: fighting near village {index}.", published=date(2017, 1, 1))
    events = [
        Event(
            event_date=date(2017, 1, 1) + timedelta(days=(index + k) % 365),
            sub_event_type="Armed clash",
            event_type="Battles",
            actor1=ACTORS[(index + k) % 3],
            actor2=ACTORS[(index + k + 1) % 3],
            country="Syria",
            admin1="Aleppo" if k % 2 else "Raqqa",
            location=f"Village {index}",
            latitude=36.0,
            longitude=38.0,
            claims={"killed": Quantity(k + 1, "at least")},
            losses=[Loss(ACTORS[k % 3], "tank", 1)],
            evidence=[Evidence(document.id, 0, 10, document.text[:10])],
        )
        for k in range(5)
    ]
    return document, events


def main(documents: int = 1000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = str(Path(folder) / "bench.db")
        started = time.perf_counter()
        store = Store(url)
        opened = time.perf_counter() - started
        batch = [synthetic(i) for i in range(documents)]
        started = time.perf_counter()
        for document, events in batch:
            store.add(document, events)
        added = time.perf_counter() - started
        started = time.perf_counter()
        everything = store.events()
        read_all = time.perf_counter() - started
        started = time.perf_counter()
        some = store.events(actor="russia", admin1="aleppo", since=date(2017, 3, 1))
        filtered = time.perf_counter() - started
        store.close()
    print(f"open + migrate:        {opened * 1000:8.1f} ms")
    print(f"add {documents} documents: {added:8.2f} s  ({documents / added:,.0f} documents/s, 5 events each)")
    print(f"read all {len(everything)} events: {read_all:8.2f} s")
    print(f"filtered query ({len(some)} events): {filtered * 1000:8.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
