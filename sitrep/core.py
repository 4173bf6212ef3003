"""The Python API the CLI (and any caller) uses: extract events from documents, ingest into a store.

Kept apart from the CLI so that a notebook, a Dask worker or the web API does exactly what
`sitrep extract` and `sitrep ingest` do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.extract.events import Extractor, Geocoder
from sitrep.ingest import ReadError
from sitrep.model import Document, Event


def open_geocoder(gazetteer: Path | None = None) -> Geocoder | None:
    """A geocoder over the gazetteer at `gazetteer` (default: the user's), built on first use."""
    try:
        from sitrep.geo.gazetteer import Gazetteer
        from sitrep.geo.resolve import Geocoder as GazetteerGeocoder
    except ImportError:  # the geocoder is optional: events then carry place names without coordinates
        return None
    return GazetteerGeocoder(Gazetteer.open(gazetteer))


def make_extractor(gazetteer: Path | None = None, geocode: bool = True) -> Extractor:
    """An Extractor with the shared spaCy pipeline and, unless `geocode` is False, the gazetteer."""
    return Extractor(geocoder=open_geocoder(gazetteer) if geocode else None)


def extract(
    documents: Iterable[Document], extractor: Extractor | None = None, all_statuses: bool = False
) -> Iterator[tuple[Document, list[Event]]]:
    """Each document with its events (only what happened, unless `all_statuses`)."""
    extractor = extractor or make_extractor()
    for document in documents:
        yield document, extractor.extract(document, all_statuses=all_statuses)


@dataclass
class IngestReport:
    """What an ingest did: documents stored, skipped as already stored, failed; events stored; the
    settlements whose control timeline was recomputed."""

    stored: int = 0
    already: int = 0
    events: int = 0
    errors: list[ReadError] = field(default_factory=list)
    places: set[int] = field(default_factory=set)


Extracted = tuple[Document, list[Event]]  # a document with every event (all statuses) found in it


def ingest(
    items: Iterable[Document | ReadError | Extracted],
    store: object,
    extractor: Extractor | None = None,
    progress: Callable[[Document | ReadError | Extracted], None] | None = None,
) -> IngestReport:
    """Extract, store and fuse every document, updating control where its events are.

    An item may also be a (document, events) pair already extracted elsewhere (a Dask cluster: see
    sitrep.scale), stored as it is. A document already stored is not read again; fusing is idempotent,
    so a run interrupted between storing and fusing is completed by the next ingest of the same document.
    """
    from sitrep.store import Store

    assert isinstance(store, Store)
    report = IngestReport()
    for item in _extracted_in_batches(items, store, extractor):
        document = item[0] if isinstance(item, tuple) else item
        if isinstance(document, ReadError):
            report.errors.append(document)
        elif store.has_document(document.id):
            report.already += 1
            report.places |= store.fuse(document.id)
        else:
            try:
                if isinstance(item, tuple):
                    events = item[1]
                else:
                    # Built on first need: a run of pre-extracted or stored documents never loads the model.
                    extractor = extractor or make_extractor()
                    events = extractor.extract(document, all_statuses=True)
            except Exception as err:  # one bad document never stops the batch
                report.errors.append(ReadError(document.path or document.id, f"extraction failed: {err}"))
            else:
                touched = store.add_and_fuse(document, events)
                if touched is not None:
                    report.stored += 1
                    report.events += sum(e.happened for e in events)
                    report.places |= touched
                else:
                    report.already += 1
                    report.places |= store.fuse(document.id)
        if progress is not None:
            progress(item)
    return report


BATCH = 64  # documents per model pass


def _extracted_in_batches(
    items: Iterable[Document | ReadError | Extracted], store: object, extractor: Extractor | None
) -> Iterator[Document | ReadError | Extracted]:
    """The items, with new documents extracted a batch at a time (one model pass per batch).

    A document already stored is passed on as it is; a batch that fails is retried document by
    document so the failing one is left for `ingest` to report, and the rest go on."""
    from sitrep.store import Store

    assert isinstance(store, Store)
    chunk: list[Document | ReadError | Extracted] = []
    for item in [*items, None]:
        if item is not None:
            chunk.append(item)
            if len(chunk) < BATCH:
                continue
        new = [d for d in chunk if isinstance(d, Document) and not store.has_document(d.id)]
        found: dict[int, list[Event]] = {}
        if new:
            extractor = extractor or make_extractor()
            try:
                found = {
                    id(d): events
                    for d, events in zip(new, extractor.extract_many(new, all_statuses=True), strict=True)
                }
            except Exception:  # noqa: BLE001 - the per-document pass in ingest names the culprit
                found = {}
        for d in chunk:
            yield (d, found[id(d)]) if id(d) in found else d
        chunk = []
