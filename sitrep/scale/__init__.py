"""Scale out: extraction on a Dask cluster (`--scheduler ADDR` or `local`), storage in the client."""

from sitrep.scale.dask_runner import (
    SchedulerUnreachable,
    connect,
    extract_distributed,
    ingest_distributed,
    pipeline_builds,
    preload,
)

__all__ = [
    "SchedulerUnreachable",
    "connect",
    "extract_distributed",
    "ingest_distributed",
    "pipeline_builds",
    "preload",
]
