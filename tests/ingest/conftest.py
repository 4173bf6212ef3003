"""Shared fixtures for the ingest tests: the seed report from ../shared, when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "data" / "seed" / "maskanah_2017.txt"


@pytest.fixture
def seed_path() -> Path:
    """The seed report's path; the test is skipped when ../shared is absent."""
    if not SEED.is_file():
        pytest.skip(f"the seed report is not at {SEED} (../shared is absent)")
    return SEED
