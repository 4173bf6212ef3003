"""Extraction speed in one process versus a Dask LocalCluster of 1 and 2 workers: documents/s and words/s.

Run: .venv/bin/python benchmarks/bench_scale.py [DOCUMENTS] [CORPUS.tsv]
The corpus defaults to ../shared/data/corpus/satp/train.tsv (report text in the first column), else the
examples folder repeated. Pipeline loading is timed apart: workers load it once, before the first batch.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sitrep.model import Document

REPO = Path(__file__).resolve().parents[1]
SATP = REPO.parent / "shared" / "data" / "corpus" / "satp" / "train.tsv"
BATCH = 16  # small enough that a few hundred documents keep two workers busy to the end


def corpus(limit: int, path: Path | None) -> tuple[str, list[Document]]:
    """Up to `limit` documents from a TSV corpus, or the examples repeated when there is none."""
    path = path or (SATP if SATP.exists() else None)
    if path is not None:
        texts = [line.split("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()]
        texts = [t for t in texts if t.strip()][:limit]
        name = str(path)
    else:
        examples = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.txt"))]
        # Numbered so that each copy is a distinct document (ids are content hashes).
        texts = [f"{examples[i % len(examples)]}\n({i})" for i in range(limit)]
        name = "examples, repeated"
    return name, [Document(text=t) for t in texts]


def local(documents: list[Document]) -> tuple[float, float]:
    """(load seconds, extraction seconds) in this process."""
    from sitrep.core import make_extractor

    started = time.perf_counter()
    extractor = make_extractor()
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    for start in range(0, len(documents), 64):
        extractor.extract_many(documents[start : start + 64], all_statuses=True)
    return loaded, time.perf_counter() - started


def cluster(documents: list[Document], workers: int) -> tuple[float, float]:
    """(start and load seconds, extraction seconds) on a LocalCluster of `workers` processes."""
    from distributed import Client, LocalCluster

    from sitrep.scale import extract_distributed, preload

    started = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as running,
        Client(running) as client,
    ):
        preload(client)  # every worker loads the pipeline before timing
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        for _ in extract_distributed(documents, client, all_statuses=True, batch_size=BATCH):
            pass
        return loaded, time.perf_counter() - started


def main(limit: int = 200, path: Path | None = None) -> None:
    name, documents = corpus(limit, path)
    words = sum(len(d.text.split()) for d in documents)
    print(f"{len(documents)} documents, {words} words from {name}")
    runs = [("local (1 process)", local(documents))]
    for workers in (1, 2):
        runs.append((f"LocalCluster, {workers} worker{'s' * (workers > 1)}", cluster(documents, workers)))
    print(f"{'':26} {'load s':>8} {'extract s':>10} {'docs/s':>8} {'words/s':>9} {'speed-up':>9}")
    base = runs[0][1][1]
    for label, (loaded, seconds) in runs:
        print(
            f"{label:26} {loaded:8.1f} {seconds:10.1f} {len(documents) / seconds:8.1f} "
            f"{words / seconds:9.0f} {base / seconds:8.2f}x"
        )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 200,
        Path(sys.argv[2]) if len(sys.argv) > 2 else None,
    )
