"""The web map as a person uses it, in headless Chromium: markers, the detail panel, the timeline, control."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from sitrep.api import create_app
from tests.api.live import get_json, serving

HTS = "HTS: Hayat Tahrir al Sham"
SAA = "Military Forces of Syria (2000-)"


def wait(browser, condition, timeout: float = 20):
    return WebDriverWait(browser, timeout).until(lambda driver: condition(driver))


def open_page(browser, url: str) -> None:
    browser.get(url)
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true")


def markers(browser) -> list:
    return browser.find_elements(By.CSS_SELECTOR, ".leaflet-marker-icon.event-marker")


def control_circles(browser, day: str) -> list:
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-control-day") == day)
    return browser.find_elements(By.CSS_SELECTOR, "path.control-circle")


@pytest.fixture(scope="module")
def api(web_server: str) -> dict:
    return {
        "events": get_json(f"{web_server}/api/events")[1],
        "features": get_json(f"{web_server}/api/events.geojson")[1]["features"],
    }


def test_a_marker_per_event_and_a_click_shows_the_coding_and_the_marked_evidence(
    browser, web_server, api, tmp_path: Path
):
    open_page(browser, web_server)
    assert browser.find_element(By.ID, "leaflet-missing").is_displayed() is False
    assert len(markers(browser)) == len(api["features"]) == len(api["events"]) == 4
    [ied] = [e for e in api["events"] if e["sub_event_type"] == "Remote explosive/landmine/IED"]
    browser.find_element(By.CSS_SELECTOR, f'.event-marker[data-event-id="{ied["event_id"]}"]').click()
    detail = browser.find_element(By.ID, "detail")
    wait(browser, lambda d: detail.find_elements(By.TAG_NAME, "mark"))
    assert HTS in detail.text and "Binnish" in detail.text and "vehicle" in detail.text
    marks = [mark.text for mark in detail.find_elements(By.TAG_NAME, "mark")]
    assert marks == [evidence["text"] for evidence in sorted(ied["evidence"], key=lambda e: e["start"])]
    selected = browser.find_elements(By.CSS_SELECTOR, ".event-marker.selected")
    assert [marker.get_attribute("data-event-id") for marker in selected] == [ied["event_id"]]
    # The report with its marked sentences in view, for the person who looks at the screenshot.
    browser.execute_script(
        "arguments[0].scrollIntoView({block: 'end'})", detail.find_element(By.TAG_NAME, "article")
    )
    screenshot = tmp_path / "sitrep-map.png"
    assert browser.save_screenshot(str(screenshot)) and screenshot.stat().st_size > 10_000
    print(f"screenshot: {screenshot}")


def test_the_timeline_slider_changes_what_is_shown(browser, web_server, api):
    open_page(browser, web_server)
    days = sorted({e["event_date"] for e in api["events"]})
    slider = browser.find_element(By.ID, "day")
    assert browser.find_element(By.ID, "day-label").text == days[-1]
    assert len(markers(browser)) == 4
    slider.send_keys(Keys.HOME)  # the first day: only what had happened by then
    assert browser.find_element(By.ID, "day-label").text == days[0]
    on_first_day = [e for e in api["events"] if e["event_date"] == days[0]]
    assert len(markers(browser)) == len(on_first_day) == 1
    assert browser.find_element(By.ID, "visible-count").text.startswith("1 of 4 events shown")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#event-list .event-item")) == 1
    slider.send_keys(Keys.END)
    Select(browser.find_element(By.ID, "window")).select_by_value("1")  # that day only
    on_last_day = [e for e in api["events"] if e["event_date"] == days[-1]]
    assert len(markers(browser)) == len(on_last_day) == 3


def test_the_control_layer_follows_the_slider(browser, web_server):
    open_page(browser, web_server)
    last = browser.find_element(By.ID, "day-label").text
    held = get_json(f"{web_server}/api/control?as_of={last}")[1]
    assert len(control_circles(browser, last)) == len(held) == 2
    legend = browser.find_element(By.ID, "holder-legend").text
    assert SAA in legend and HTS in legend
    browser.find_element(By.ID, "day").send_keys(Keys.HOME)
    first = browser.find_element(By.ID, "day-label").text
    assert len(control_circles(browser, first)) == 1
    assert browser.find_element(By.ID, "holder-legend").text == SAA


def test_the_event_list_works_from_the_keyboard(browser, web_server, api):
    open_page(browser, web_server)
    [capture] = [e for e in api["events"] if e["location"] == "Saraqib"]
    item = browser.find_element(By.CSS_SELECTOR, f'.event-item[data-event-id="{capture["event_id"]}"]')
    item.send_keys(Keys.ENTER)
    detail = browser.find_element(By.ID, "detail")
    wait(browser, lambda d: "Saraqib" in detail.text and detail.find_elements(By.TAG_NAME, "mark"))
    assert SAA in detail.text
    marks = [mark.text for mark in detail.find_elements(By.TAG_NAME, "mark")]
    assert marks == [e["text"] for e in sorted(capture["evidence"], key=lambda e: e["start"])]
    assert item.get_attribute("aria-current") == "true"


def test_without_leaflet_the_page_asks_for_npm_ci_and_still_lists_the_events(browser, web_db, tmp_path):
    with serving(create_app(web_db, leaflet_dir=tmp_path / "absent")) as url:
        open_page(browser, url)
        notice = browser.find_element(By.ID, "leaflet-missing")
        assert notice.is_displayed() and "npm ci" in notice.text
        assert len(browser.find_elements(By.CSS_SELECTOR, "#event-list .event-item")) == 4
        assert markers(browser) == []
