"""The UCDP GED reader: rows written here with a fake extractor, then the dev file with the real one."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sitrep.core import make_extractor
from sitrep.evaluate import evaluate, report_text
from sitrep.evaluate.ucdp import acceptable, actor_key, load_actor_map, stands_for
from sitrep.model import Document, Event
from tests.conftest import shared_path

COLUMNS = ["id", "year", "side_a", "side_b", "source_headline", "where_coordinates", "adm_1", "latitude",
           "longitude", "date_start", "best", "low", "high"]  # fmt: skip
H1, H2, H3 = "Regime jets strike rebels in Saraqib", "SDF fights IS near Raqqa", "Quiet day in Homs"
TEN_KM_NORTH = 10 / 111.195
ROWS = [
    ["1", "2017", "Government of Syria", "Syrian insurgents", H1, "Saraqib town", "Idlib", "35.86", "36.80",
     "2017-03-01", "4", "3", "6"],
    ["2", "2017", "IS", "SDF", H2, "Raqqa city", "Raqqa", "35.95", "39.01", "2017-03-02", "3", "2", "6"],
    ["3", "2017", "Government of Syria", "IS", H1, "Saraqib town", "Idlib", "35.86", "36.80", "2017-03-01",
     "4", "4", "4"],
    ["4", "2017", "Government of Syria", "Civilians", H3, "Homs city", "Homs", "34.73", "36.71",
     "2017-03-03", "1", "1", "1"],
    ["5", "2016", "Government of Syria", "Syrian insurgents", H1, "Saraqib town", "Idlib", "35.86", "36.80",
     "2016-05-01", "0", "0", "0"],
]  # fmt: skip
PREDICTED = {
    H1: Event(actor1="Military Forces of Syria (2000-) Syrian Arab Air Force", actor2="Opposition Rebels (Syria)",
              latitude=35.86, longitude=36.80, geo_precision=1, fatalities=4),
    H2: Event(actor1="QSD: Syrian Democratic Forces", actor2="Islamic State (Syria)",
              latitude=35.95 + TEN_KM_NORTH, longitude=39.01, geo_precision=2, fatalities=5),
    H3: Event(status="hypothetical", actor1="Military Forces of Syria (2000-)"),
}  # fmt: skip


class FakeExtractor:
    def __init__(self) -> None:
        self.seen: list[Document] = []

    def __call__(self, document: Document) -> list[Event]:
        self.seen.append(document)
        return [PREDICTED[document.text]]


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "ged.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(ROWS)
    return path


def test_actor_names() -> None:
    names = load_actor_map()
    assert "Military Forces of Syria (2000-)" in names["Government of Syria"]
    assert actor_key("HTS: Hayat Tahrir al Sham") == "hayat tahrir al sham"
    assert actor_key("Civilians (Syria)") == "civilians"
    gov = acceptable("Government of Syria", names)
    assert stands_for("Military Forces of Syria (2000-) Syrian Arab Air Force", gov)
    assert not stands_for("Military Forces of Syrian Turkmen", gov)
    several = acceptable("Ahrar al-Sham, HTS, Southern Front", names)
    assert stands_for("Ahrar al Sham", several) and stands_for("HTS: Hayat Tahrir al Sham", several)
    assert stands_for("Unmapped Brigade", acceptable("Unmapped Brigade", names))  # a name stands for itself


def test_year_rows(tmp_path: Path) -> None:
    extract = FakeExtractor()
    card = evaluate("ucdp", _write(tmp_path), extract, year=2017)
    assert len(card.rows) == 4 and len(card.reported) == 3
    assert [d.text for d in extract.seen] == [H1, H2, H3]  # a headline and date read once
    assert card.rate("sides") == pytest.approx(2 / 3)
    assert card.rate("side_a") == 1.0 and card.rate("side_b") == pytest.approx(2 / 3)
    assert card.within(5) == pytest.approx(2 / 3) and card.within(25) == 1.0
    assert card.rate("deaths_exact") == pytest.approx(2 / 3) and card.rate("deaths_in_range") == 1.0
    line = card.summary_line()
    assert line.startswith("ucdp: year 2017, rows 4, reported 3 (75%), sides 0.67")
    assert "place≤25km 1.00" in line and "deaths exact 0.67" in line
    assert report_text(card).rstrip().splitlines()[-1] == line
    totals = card.to_json()["totals"]
    assert totals["coverage"] == 0.75 and totals["within_5km"] == pytest.approx(2 / 3)
    # Rows 1-3 name two sides (2 of 3 right); rows 1 and 3 are placed at precision 1, both on the point.
    assert card.conditional() == (pytest.approx(2 / 3), 3, 1.0, 2)
    assert "sides where both named 0.67 (3), place≤25km at precision 1 1.00 (2)" in line


def test_all_years_and_limit(tmp_path: Path) -> None:
    assert len(evaluate("ucdp", _write(tmp_path), FakeExtractor()).rows) == 5
    card = evaluate("ucdp", _write(tmp_path), FakeExtractor(), limit=2, plot=tmp_path / "ignored.png")
    assert [r.id for r in card.rows] == ["1", "2"]
    assert not (tmp_path / "ignored.png").exists()


def test_dev_file_with_the_real_extractor() -> None:
    path = shared_path("data", "dev", "ucdp_ged191_syria_2016_2019.csv")
    extractor = make_extractor()
    card = evaluate("ucdp", path, lambda d: extractor.extract(d, all_statuses=True), limit=20)
    assert len(card.rows) == 20
    line = card.summary_line()
    for key in ("rows 20", "reported", "sides", "place≤25km", "place≤5km", "deaths exact"):
        assert key in line
    assert set(card.to_json()["totals"]) >= {"coverage", "sides", "within_25km", "deaths_exact"}
