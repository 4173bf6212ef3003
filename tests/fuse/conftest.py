"""The real extractor over a gazetteer with Syria (from ../shared), built once per session, and the reports."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from sitrep.model import Document, Event
from tests.conftest import shared_path

PUBLISHED = date(2017, 5, 29)

# The same fighting as the seed, from another outlet: reworded, reordered, fewer details.
SECOND = """TIGER FORCES TAKE RAS AL-AIN AL-AHMAR NEAR MASKANAH

Russian warplanes struck ISIS fighters and their vehicles inside the town of Maskana in the province of Aleppo.

On Sunday, Syrian Arab Army troops of the Tiger Forces captured the village of Ras al-Ain al-Ahmar from ISIS, \
as well as a sugar factory north of Maskana.

On Saturday, the army seized the Maskana railway station west of the town after violent clashes with ISIS.
"""

# A third outlet: the losing side denies the capture, and a strike report gives a death toll.
DENIAL = """ISIS DENIES LOSS OF RAS AL-AIN AL-AHMAR

The Islamic State denied that the Syrian Arab Army captured the village of Ras al-Ain al-Ahmar in the province \
of Aleppo on Sunday.

Russian warplanes struck ISIS positions inside the town of Maskana, killing 5 ISIS fighters, activists said."""

# Must not fuse with the seed: the same day in another village, and the same village a week later.
OTHER_VILLAGE = (
    "On Sunday, the Syrian Arab Army captured the village of Deir Hafer from ISIS in the province of Aleppo."
)
WEEK_LATER = (
    "ISIS militants recaptured the village of Ras al-Ain al-Ahmar from the Syrian Arab Army on Sunday "
    "in the province of Aleppo."
)


class CachedExtractor:
    """The real extractor, remembering each document's events so many ingest orders stay cheap."""

    def __init__(self, extractor) -> None:
        self.extractor = extractor
        self.cache: dict[str, list[Event]] = {}

    def extract(self, document: Document, all_statuses: bool = False) -> list[Event]:
        key = f"{document.id}:{all_statuses}"
        if key not in self.cache:
            self.cache[key] = self.extractor.extract(document, all_statuses=all_statuses)
        return self.cache[key]


@pytest.fixture(scope="session")
def syria_gazetteer(isolated_gazetteer: Path) -> Path:
    """The session's isolated gazetteer with ../shared's Syria imported (skips without ../shared)."""
    from sitrep.geo.gazetteer import Gazetteer

    geonames = shared_path("data", "gazetteer", "geonames")
    assert os.environ["SITREP_GAZETTEER"] == str(isolated_gazetteer)
    with Gazetteer.open(isolated_gazetteer) as gazetteer:
        if not gazetteer.has_layer("geonames:SY"):
            gazetteer.add_geonames("SY", geonames)
    return isolated_gazetteer


@pytest.fixture(scope="session")
def extractor(syria_gazetteer: Path) -> CachedExtractor:
    from sitrep.core import make_extractor

    return CachedExtractor(make_extractor(syria_gazetteer))


@pytest.fixture(scope="session")
def seed() -> Document:
    text = shared_path("data", "seed", "maskanah_2017.txt").read_text(encoding="utf-8")
    return Document(text=text, published=PUBLISHED, source="Seed Wire", url="http://example.org/seed")


def report(text: str, source: str, published: date = PUBLISHED) -> Document:
    """A test-written report from an outlet."""
    return Document(text=text, published=published, source=source, url=f"http://example.org/{source}")
