"""Extraction on a real two-worker Dask LocalCluster (127.0.0.1) gives exactly what local extraction gives."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from sitrep.core import ingest, make_extractor
from sitrep.model import Document
from sitrep.scale import (
    SchedulerUnreachable,
    connect,
    extract_distributed,
    ingest_distributed,
    pipeline_builds,
    preload,
)
from sitrep.store import Store
from tests.conftest import REPO

SITREP = str(Path(sys.executable).parent / "sitrep")
EXAMPLE = REPO / "examples" / "example_report.txt"

REPORTS = {
    "shelling.txt": "Syrian government forces shelled the town of Saraqib in Idlib on Monday, killing at least "
    "three civilians and wounding five others, local activists said.",
    "ambush.txt": "Suspected Maoists ambushed a police patrol near Sukma in Chhattisgarh on Tuesday. Two "
    "policemen were killed and a vehicle was destroyed in the attack.",
    "airstrike.txt": "Russian warplanes struck Maarat al-Numan on 3 February 2020, killing 12 people, the "
    "Syrian Observatory for Human Rights said.",
    "planned.txt": "The army is expected to launch an offensive on Kafr Nabl next week, a commander said.",
    "quiet.txt": "The city council met on Wednesday to discuss the new budget for road repairs.",
}


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """One cluster for the whole module: two single-threaded worker processes, loopback only."""
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


@pytest.fixture(scope="module")
def report_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / EXAMPLE.name).write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def documents(report_folder: Path) -> list[Document]:
    return [
        Document(text=path.read_text(encoding="utf-8"), published=date(2020, 2, 6), path=str(path))
        for path in sorted(report_folder.iterdir())
    ]


def by_document(pairs: list) -> list[tuple[str, list[dict]]]:
    return sorted((document.id, [e.to_dict() for e in events]) for document, events in pairs)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SITREP, *args], capture_output=True, text=True, timeout=600, check=False)


def test_distributed_events_equal_local_events_in_input_order(
    client: Client, documents: list[Document]
) -> None:
    extractor = make_extractor()
    local = [(d, extractor.extract(d, all_statuses=True)) for d in documents]
    # Batches of two: the six documents go out as three tasks over both workers.
    remote = list(extract_distributed(documents, client, all_statuses=True, batch_size=2))
    assert [d.id for d, _ in remote] == [d.id for d in documents]
    assert by_document(remote) == by_document(local)
    assert sum(len(events) for _, events in remote) >= 5  # the example alone reports four
    happened = list(extract_distributed(documents, client, all_statuses=False, batch_size=4))
    assert by_document(happened) == by_document([(d, extractor.extract(d)) for d in documents])


def test_each_worker_loads_the_pipeline_once(client: Client, documents: list[Document]) -> None:
    # Preloading builds on the thread the batches run on, so nothing after it builds again.
    assert set(preload(client).values()) == {1}
    for _ in range(2):
        assert len(list(extract_distributed(documents, client, batch_size=1))) == len(documents)
    builds = client.run(pipeline_builds)
    assert len(builds) == 2 and set(builds.values()) == {1}


def test_ingest_distributed_stores_what_a_local_ingest_stores(
    client: Client, documents: list[Document], tmp_path: Path
) -> None:
    with Store(str(tmp_path / "local.db")) as store:
        local = ingest(documents, store)
        local_events = [e.to_dict() for e in store.fused_events()]
    with Store(str(tmp_path / "remote.db")) as store:
        remote = ingest_distributed(documents, store, client, batch_size=2)
        assert [e.to_dict() for e in store.fused_events()] == local_events
        again = ingest_distributed(documents, store, client)
    assert (remote.stored, remote.events, remote.errors) == (local.stored, local.events, [])
    assert remote.stored == len(documents)
    assert (again.stored, again.already) == (0, len(documents))


def test_cli_ingest_on_a_scheduler_stores_the_same_events(
    client: Client, report_folder: Path, tmp_path: Path
) -> None:
    address = client.scheduler.address
    assert address.startswith("tcp://127.0.0.1:")
    local_db, remote_db = str(tmp_path / "local.db"), str(tmp_path / "remote.db")
    local = run("ingest", str(report_folder), "--db", local_db, "--published", "2020-02-06")
    remote = run(
        "ingest", str(report_folder), "--db", remote_db, "--published", "2020-02-06", "--scheduler", address
    )
    assert local.returncode == 0, local.stderr
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout
    assert remote.stdout.startswith(f"stored {len(REPORTS) + 1} documents")
    outputs = [
        run("events", "--db", db, "--format", "jsonl", "--all-statuses").stdout
        for db in (local_db, remote_db)
    ]
    assert outputs[0] == outputs[1] and outputs[0].count("\n") >= 5


def test_cli_extract_on_a_scheduler_prints_the_local_output(client: Client) -> None:
    local = run("extract", str(EXAMPLE), "--published", "2020-02-06")
    remote = run(
        "extract", str(EXAMPLE), "--published", "2020-02-06", "--scheduler", client.scheduler.address
    )
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout and remote.stdout.count("\n") == 4


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "never.db"
    address = f"tcp://127.0.0.1:{closed_port()}"
    result = run("ingest", str(EXAMPLE), "--db", str(db), "--scheduler", address)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"sitrep: cannot reach the Dask scheduler at {address} within 5 s"
    ]
    assert not db.exists()
    garbled = run("extract", str(EXAMPLE), "--scheduler", "no-such-scheme://x")
    assert garbled.returncode == 2 and len(garbled.stderr.strip().splitlines()) == 1
    assert garbled.stdout == ""


def test_connect_raises_a_typed_error() -> None:
    with pytest.raises(SchedulerUnreachable, match="not a Dask scheduler address"), connect("nonsense"):
        pass
    assert os.environ["SITREP_GAZETTEER"]  # set by conftest; workers get its path explicitly
