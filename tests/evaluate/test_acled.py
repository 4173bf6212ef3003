"""The ACLED reader: rows written here, a fake extractor with hand-made events, figures checked."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from sitrep.evaluate import READERS, evaluate, report_text
from sitrep.evaluate.acled import parse_day, strip_period
from sitrep.evaluate.confusion import NO_EVENT
from sitrep.evaluate.metrics import haversine_km
from sitrep.model import Document, Event

COLUMNS = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
           "actor2", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
           "fatalities", "notes"]  # fmt: skip
SYRIA = "Military Forces of Syria (2000-)"
HTS = "HTS: Hayat Tahrir al Sham"
ROWS = [
    ["SYR1", "04 February 2020", "Battles", "Government regains territory", SYRIA, "", HTS, "Idlib",
     "Idlib", "Saraqab", "35.8645", "36.8059", "1", "12", "Government forces took Saraqib."],
    ["SYR2", "2020-02-05", "Explosions/Remote violence", "Air/drone strike", SYRIA, "", "Civilians (Syria)",
     "Idlib", "Ariha", "Ariha", "35.8133", "36.6089", "1", "3", "Warplanes struck Ariha."],
    ["SYR3", "2020-02-06", "Battles", "Armed clash", HTS, "", SYRIA, "Aleppo", "", "Atarib", "36.1389",
     "36.8297", "1", "0", "Clashes near Atarib, nothing else said."],
    ["SYR4", "2020-02-07", "Battles", "Armed clash", HTS, "", SYRIA, "Aleppo", "", "Atarib", "36.1389",
     "36.8297", "1", "0", ""],
]  # fmt: skip
TEN_KM_NORTH = 10 / 111.195


def _write(tmp_path: Path, delimiter: str = ",") -> Path:
    path = tmp_path / "acled.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(COLUMNS)
        writer.writerows(ROWS)
    return path


PREDICTED = {
    # Right on every field.
    "Government forces took Saraqib.": [
        Event(status="expected", sub_event_type="Armed clash"),  # not reported: skipped
        Event(event_date=date(2020, 2, 4), event_type="Battles", sub_event_type="Government regains territory",
              actor1=SYRIA, actor2=HTS, admin1="Idlib", latitude=35.8645, longitude=36.8059, fatalities=12),
    ],
    # Wrong sub-event type, actor1 with another period, 10 km off, fatalities wrong.
    "Warplanes struck Ariha.": [
        Event(event_date=date(2020, 2, 5), event_type="Explosions/Remote violence",
              sub_event_type="Shelling/artillery/missile attack", actor1="Military Forces of Syria (1971-2000)",
              actor2="Civilians (Syria)", admin1="idlib", latitude=35.8133 + TEN_KM_NORTH, longitude=36.6089,
              fatalities=2),
    ],
    # Only a denied event: nothing reported.
    "Clashes near Atarib, nothing else said.": [Event(status="denied", sub_event_type="Armed clash")],
}  # fmt: skip


def fake_extract(document: Document) -> list[Event]:
    return PREDICTED.get(document.text, [])


def test_registered() -> None:
    assert READERS["acled"].NAME == "acled"


def test_strip_period_and_dates() -> None:
    assert strip_period(SYRIA) == "Military Forces of Syria"
    assert (
        strip_period("Military Forces of Turkey (2002-2016) Gendarmerie")
        == "Military Forces of Turkey Gendarmerie"
    )
    assert strip_period(HTS) == HTS
    assert parse_day("04 February 2020") == parse_day("2020-02-04") == date(2020, 2, 4)
    assert parse_day("4-Feb-2020") == date(2020, 2, 4)
    assert parse_day("") is None


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_fields_distances_and_confusion(tmp_path: Path, delimiter: str) -> None:
    card = evaluate("acled", _write(tmp_path, delimiter), fake_extract)
    assert len(card.rows) == 3 and card.skipped == 1  # the row without notes
    assert card.reported == 2
    assert card.accuracy("event_type") == pytest.approx(2 / 3)
    assert card.accuracy("sub_event_type") == pytest.approx(1 / 3)
    assert card.accuracy("actor1") == pytest.approx(1 / 3)
    assert card.accuracy("actor1_base") == pytest.approx(2 / 3)
    assert card.accuracy("admin1") == pytest.approx(2 / 3)  # case does not matter
    assert card.accuracy("fatalities") == pytest.approx(1 / 3)
    assert card.accuracy("event_date") == pytest.approx(2 / 3)
    assert card.within(5) == pytest.approx(1 / 3)
    assert card.within(25) == pytest.approx(2 / 3)
    assert card.median_km == pytest.approx(
        haversine_km(35.8133, 36.6089, 35.8133 + TEN_KM_NORTH, 36.6089) / 2
    )
    m = card.matrix
    assert m.cell("Government regains territory", "Government regains territory") == 1
    assert m.cell("Air/drone strike", "Shelling/artillery/missile attack") == 1
    assert m.cell("Armed clash", NO_EVENT) == 1
    assert m.total == 3 and m.accuracy == pytest.approx(1 / 3)


def test_limit_summary_json_and_report(tmp_path: Path) -> None:
    card = evaluate("acled", _write(tmp_path), fake_extract, limit=1, plot=None, unknown_option=True)
    assert len(card.rows) == 1 and card.accuracy("sub_event_type") == 1.0
    data = card.to_json()
    assert data["totals"]["rows"] == 1 and data["totals"]["within_5km"] == 1.0
    assert data["confusion"]["counts"] == [[1]]
    assert data["summary"] == card.summary_line()
    assert card.summary_line().startswith("acled: rows 1, reported 1 (100%)")
    assert report_text(card).rstrip().splitlines()[-1] == card.summary_line()


def test_plot_writes_a_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "out" / "acled.png"
    card = evaluate("acled", _write(tmp_path), fake_extract, plot=target)
    assert card.plot_path == str(target)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unreadable_file_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        evaluate("acled", tmp_path / "missing.csv", fake_extract)
