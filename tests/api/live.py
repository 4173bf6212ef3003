"""A real sitrep server for the API and web tests: a store filled by the real pipeline, uvicorn on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.store import Store
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "example_report.txt"
PUBLISHED = date(2020, 2, 6)
SOURCE = "Example Wire"
LEAFLET = REPO / "node_modules" / "leaflet" / "dist"


def example_store(folder: Path) -> str:
    """An SQLite store in `folder` holding the example report, ingested by the real pipeline."""
    from sitrep.core import ingest, make_extractor
    from sitrep.ingest import read_documents

    url = f"sqlite:///{folder / 'sitrep.db'}"
    with Store(url) as store:
        report = ingest(
            read_documents([str(EXAMPLE)], published=PUBLISHED, source=SOURCE), store, make_extractor()
        )
    assert report.stored == 1 and not report.errors, report
    return url


def free_socket() -> socket.socket:
    """A socket bound to a free port on 127.0.0.1 (kept open, so no other process can take the port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Run `app` under uvicorn in a background thread; yields its base URL and stops it afterwards."""
    import uvicorn

    sock = free_socket()
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def fetch(url: str) -> tuple[int, str, bytes]:
    """GET `url`: status, content type and body, also for error statuses."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get("content-type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("content-type", ""), error.read()


def get_json(url: str) -> tuple[int, Any]:
    """GET `url` and parse its JSON body: status and value."""
    status, _, body = fetch(url)
    return status, json.loads(body)
