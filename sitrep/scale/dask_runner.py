"""Extraction on a Dask cluster: batches of documents go to the workers, events come back in input order.

Each worker process loads the spaCy pipeline once (sitrep.nlp's per-process cache) and each of its
executor threads builds one Extractor around it, on its first batch: the gazetteer's SQLite connection
may only be used by the thread that opened it. Run workers with one thread each (`--nthreads 1`, as
`local` does) and that is one Extractor per process. Storage stays in the client process: SQLite has a
single writer, and fusing a document needs the events stored before it.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.ingest import ReadError
from sitrep.model import Document, Event

if TYPE_CHECKING:
    from distributed import Client

    from sitrep.core import Extracted, IngestReport

CONNECT_TIMEOUT = 5  # seconds to reach a scheduler before giving up with a one-line error
LOCAL = "local"

# Per executor thread of a worker: gazetteer path -> Extractor, built on first use.
_LOCAL = threading.local()
_LOCK = threading.Lock()
_BUILDS = 0  # Extractors built in this process


class SchedulerUnreachable(RuntimeError):
    """The scheduler address could not be reached (or a local cluster could not start)."""


def resolve_gazetteer(gazetteer: Path | None) -> str:
    """The gazetteer file the client would use, as an absolute path for the workers ('' if no geocoder).

    The client opens it once first, so that a missing gazetteer is built here and not by several
    workers racing on the same file. Remote workers need the same path (a shared filesystem).
    """
    try:
        from sitrep.geo.gazetteer import Gazetteer
    except ImportError:  # no geocoder: workers extract without coordinates, as the client would
        return ""
    path = Path(gazetteer) if gazetteer is not None else Gazetteer.default_path()
    Gazetteer.open(path).close()
    return str(path.resolve())


def _extractor(gazetteer: str) -> Any:
    """This thread's Extractor for the gazetteer, built once (the spaCy model under it once per process)."""
    global _BUILDS
    cache: dict[str, Any] = _LOCAL.__dict__.setdefault("extractors", {})
    if gazetteer not in cache:
        from sitrep.core import make_extractor

        if gazetteer:
            # Anything that opens the default gazetteer on the worker finds the client's file too.
            os.environ["SITREP_GAZETTEER"] = gazetteer
        with _LOCK:  # two threads must not load the model side by side
            cache[gazetteer] = make_extractor(Path(gazetteer) if gazetteer else None, geocode=bool(gazetteer))
            _BUILDS += 1
    return cache[gazetteer]


def pipeline_builds() -> int:
    """How many Extractors this process has built: run on each worker, it shows the pipeline loads once."""
    return _BUILDS


def _load(gazetteer: str) -> int:
    _extractor(gazetteer)
    return _BUILDS


def preload(client: Client, gazetteer: Path | None = None) -> dict[str, int]:
    """Build the Extractor on every worker now rather than on its first batch (a benchmark's warm-up, or
    to fail early); returns each worker's build count.

    It runs as a task pinned to each worker, so it lands on the executor thread later batches use
    (with one thread per worker) and not on the thread `Client.run` would use.
    """
    path = resolve_gazetteer(gazetteer)
    workers = list(client.scheduler_info().get("workers", {}))
    futures = [
        client.submit(_load, path, workers=[w], allow_other_workers=False, pure=False) for w in workers
    ]
    return dict(zip(workers, client.gather(futures), strict=True))


def _extract_batch(documents: list[Document], all_statuses: bool, gazetteer: str) -> list[list[Event] | str]:
    """On a worker: each document's events, or the one-line reason it failed."""
    extractor = _extractor(gazetteer)
    try:
        return list(extractor.extract_many(documents, all_statuses=all_statuses))
    except Exception:  # find the document that fails; the others go on
        results: list[list[Event] | str] = []
        for document in documents:
            try:
                results.append(extractor.extract(document, all_statuses=all_statuses))
            except Exception as error:
                results.append(str(error) or type(error).__name__)
        return results


@contextmanager
def connect(scheduler: str | Client) -> Iterator[Client]:
    """A Dask client: for an address, connected within CONNECT_TIMEOUT seconds; for "local", a LocalCluster
    of one single-threaded worker process per core on 127.0.0.1; a Client given is used as it is."""
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler == LOCAL:
        try:
            cluster = LocalCluster(
                n_workers=os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            )
        except Exception as error:
            raise SchedulerUnreachable(f"could not start a local Dask cluster: {error}") from error
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except ValueError as error:
        raise SchedulerUnreachable(
            f"{scheduler!r} is not a Dask scheduler address (tcp://host:port or local)"
        ) from error
    except (OSError, TimeoutError) as error:
        # distributed's own message spans several lines; the CLI contract wants one.
        raise SchedulerUnreachable(
            f"cannot reach the Dask scheduler at {scheduler} within {CONNECT_TIMEOUT} s"
        ) from error
    with client:
        yield client


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_distributed(
    documents: Iterable[Document],
    scheduler: str | Client,
    all_statuses: bool = False,
    batch_size: int = 64,
    gazetteer: Path | None = None,
    on_error: Callable[[Document, str], None] | None = None,
) -> Iterator[tuple[Document, list[Event]]]:
    """Each document with its events, extracted on the cluster at `scheduler` (an address, "local" or a
    Client), in input order.

    A few batches per worker are in flight at a time, so a long corpus streams through in bounded memory.
    A document whose extraction fails is passed to `on_error` with the reason and skipped; without
    `on_error` the failure raises RuntimeError.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    with connect(scheduler) as client:
        path = resolve_gazetteer(gazetteer)
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        window = 2 * workers  # the next batch is queued on each worker while it parses the current one
        pending: deque[tuple[list[Document], Any]] = deque()
        batches = _batches(documents, batch_size)
        for batch in batches:
            pending.append((batch, client.submit(_extract_batch, batch, all_statuses, path, pure=False)))
            if len(pending) >= window:
                yield from _collect(*pending.popleft(), on_error)
        while pending:
            yield from _collect(*pending.popleft(), on_error)


def _collect(
    batch: list[Document], future: Any, on_error: Callable[[Document, str], None] | None
) -> Iterator[tuple[Document, list[Event]]]:
    for document, result in zip(batch, future.result(), strict=True):
        if isinstance(result, str):
            if on_error is None:
                raise RuntimeError(f"{document.path or document.id}: {result}")
            on_error(document, result)
        else:
            yield document, result


def ingest_distributed(
    items: Iterable[Document | ReadError],
    store: object,
    scheduler: str | Client,
    batch_size: int = 64,
    gazetteer: Path | None = None,
    progress: Callable[[Document | ReadError | Extracted], None] | None = None,
) -> IngestReport:
    """`sitrep.core.ingest` with extraction on the cluster: documents not yet stored are extracted there,
    and every result is stored and fused here, through the same code as a local ingest."""
    from sitrep.core import ingest
    from sitrep.store import Store

    assert isinstance(store, Store)
    # Unreadable and already-stored items never travel: core.ingest reports and re-fuses them.
    local: list[Document | ReadError] = []
    fresh: list[Document] = []
    for item in items:
        if isinstance(item, Document) and not store.has_document(item.id):
            fresh.append(item)
        else:
            local.append(item)
    failures: list[ReadError] = []

    def failed(document: Document, reason: str) -> None:
        failures.append(ReadError(document.path or document.id, f"extraction failed: {reason}"))

    def stream() -> Iterator[Document | ReadError | Extracted]:
        yield from local
        if fresh:
            for pair in extract_distributed(fresh, scheduler, True, batch_size, gazetteer, failed):
                # A failure found in this batch is reported (and counted by progress) beside its results.
                yield from _drain(failures)
                yield pair
            yield from _drain(failures)

    return ingest(stream(), store, progress=progress)


def _drain(failures: list[ReadError]) -> Iterator[ReadError]:
    while failures:
        yield failures.pop(0)
