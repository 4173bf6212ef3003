"""Shared test fixtures: an isolated gazetteer location and the path of ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or a skip with the reason when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data folder sits beside the repo on development machines)")
    return path


@pytest.fixture(scope="session", autouse=True)
def isolated_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test uses a gazetteer in a temporary folder, never the user's own."""
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    os.environ["SITREP_GAZETTEER"] = str(path)
    return path
