"""The web map in real Debian Chromium (headless, driven by Debian's chromedriver) against the real server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.live import LEAFLET

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
    pytest.skip(
        f"{CHROMIUM} or {CHROMEDRIVER} is absent (bash .ci/system-packages installs Debian's chromium)",
        allow_module_level=True,
    )
if not (LEAFLET / "leaflet.js").is_file():
    pytest.skip(f"{LEAFLET} is absent (run npm ci at the repository root)", allow_module_level=True)
pytest.importorskip("selenium", reason="the browser tests need selenium (pip install -r requirements.txt)")
pytest.importorskip("uvicorn", reason="the server needs uvicorn (pip install -r requirements.txt)")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

from tests.api.live import example_store, serving  # noqa: E402

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, isolated_gazetteer: Path) -> str:
    return example_store(tmp_path_factory.mktemp("web-store"))


@pytest.fixture(scope="session")
def web_server(web_db: str) -> Iterator[str]:
    from sitrep.api import create_app

    with serving(create_app(web_db)) as url:
        yield url


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tmp_path_factory.mktemp("chromium-profile")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
