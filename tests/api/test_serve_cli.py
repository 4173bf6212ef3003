"""`sitrep serve` as a user runs it: the installed command in a real process, answering on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
from pathlib import Path

from tests.api.live import free_socket, get_json

SITREP = str(Path(sys.executable).parent / "sitrep")


def test_serve_answers_on_the_port_it_was_given_until_stopped(example_db):
    with free_socket() as sock:  # a port free a moment ago; the server binds it itself
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [SITREP, "serve", "--db", example_db, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stats = None
        deadline = time.monotonic() + 60
        while stats is None and time.monotonic() < deadline and process.poll() is None:
            try:
                stats = get_json(f"http://127.0.0.1:{port}/api/stats")
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        assert stats is not None, process.stderr.read() if process.poll() is not None else "no answer"
        assert stats[0] == 200
        assert (stats[1]["documents"], stats[1]["happened_events"]) == (1, 4)
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in stderr


def test_serve_refuses_a_database_that_does_not_exist(tmp_path):
    missing = tmp_path / "nothing.db"
    result = subprocess.run(
        [SITREP, "serve", "--db", str(missing)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"sitrep: {missing}: no such database (store reports first with `sitrep ingest`)"
    ]
    assert not missing.exists()


def test_serve_on_a_port_already_taken_exits_2_with_one_line(example_db):
    with free_socket() as sock:
        sock.listen()
        port = sock.getsockname()[1]
        result = subprocess.run(
            [SITREP, "serve", "--db", example_db, "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"sitrep: cannot listen on 127.0.0.1:{port}: Address already in use"
    ]
