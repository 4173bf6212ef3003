"""The example report in a real SQLite store, served by the real app on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the API needs fastapi (pip install -r requirements.txt)")
pytest.importorskip("uvicorn", reason="the API needs uvicorn (pip install -r requirements.txt)")

from tests.api.live import example_store, serving  # noqa: E402


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory, isolated_gazetteer: Path) -> str:
    return example_store(tmp_path_factory.mktemp("api-store"))


@pytest.fixture(scope="session")
def server(example_db: str) -> Iterator[str]:
    from sitrep.api import create_app

    with serving(create_app(example_db)) as url:
        yield url
