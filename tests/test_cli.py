"""Every command in the README, run as a user runs it: the installed `sitrep` in a real process."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sitrep.model import ACLED_COLUMNS
from tests.conftest import REPO, shared_path

SITREP = str(Path(sys.executable).parent / "sitrep")
EXAMPLE = REPO / "examples" / "example_report.txt"
EXAMPLE_GOLD = REPO / "examples" / "example_report.gold.json"


def run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SITREP, *args], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=600, check=False
    )


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def example_events() -> list[dict]:
    result = run("extract", str(EXAMPLE), "--published", "2020-02-06")
    assert result.returncode == 0, result.stderr
    return jsonl(result.stdout)


def test_extract_example_reports_its_events_main_event_first(example_events: list[dict]) -> None:
    assert [e["sub_event_type"] for e in example_events] == [
        "Government regains territory",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
        "Shelling/artillery/missile attack",
    ]
    capture = example_events[0]
    assert capture["event_date"] == "2020-02-04" and capture["time_precision"] == 1
    assert capture["actor1"] == "Military Forces of Syria (2000-)"
    assert capture["actor2"] == "HTS: Hayat Tahrir al Sham"
    assert capture["location"] == "Saraqib" and capture["geo_precision"] == 1
    assert abs(capture["latitude"] - 35.8645) < 0.05 and abs(capture["longitude"] - 36.8059) < 0.05
    ied = example_events[2]
    assert ied["status"] == "claimed" and ied["claimed_by"] == "HTS: Hayat Tahrir al Sham"
    assert ied["losses"] == [
        {
            "side": "Military Forces of Syria (2000-)",
            "item": "vehicle",
            "count": 1,
            "claimed_by": ied["claimed_by"],
        }
    ]
    shelling = example_events[3]
    assert shelling["actor2"] == "Civilians (Syria)" and shelling["fatalities"] == 4


def test_extract_keeps_forecasts_out_unless_asked(example_events: list[dict]) -> None:
    assert all(e["status"] in ("occurred", "claimed") for e in example_events)
    result = run("extract", str(EXAMPLE), "--published", "2020-02-06", "--all-statuses")
    statuses = [e["status"] for e in jsonl(result.stdout)]
    assert "expected" in statuses


def test_extract_reads_stdin_like_a_file(example_events: list[dict]) -> None:
    result = run("extract", "-", "--published", "2020-02-06", stdin=EXAMPLE.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    assert jsonl(result.stdout) == example_events


def test_extract_formats(tmp_path: Path) -> None:
    out = run("extract", str(EXAMPLE), "--published", "2020-02-06", "--format", "geojson")
    features = json.loads(out.stdout)["features"]
    assert len(features) == 4 and features[0]["geometry"]["type"] == "Point"
    lon, lat = features[0]["geometry"]["coordinates"]
    assert abs(lat - 35.86) < 0.1 and abs(lon - 36.81) < 0.1
    out = run("extract", str(EXAMPLE), "--published", "2020-02-06", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == 4 and rows[1]["actor1"] == "Military Forces of Russia (2000-)"
    out = run("extract", str(EXAMPLE), "--published", "2020-02-06", "--format", "table")
    assert "Saraqib" in out.stdout


def test_extract_bad_input_exits_2_with_one_line(tmp_path: Path) -> None:
    result = run("extract", str(tmp_path / "missing.txt"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") >= 1 and "missing.txt" in result.stderr
    result = run("extract", str(EXAMPLE), "--published", "29/05/2017")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr
    result = run("extract", str(EXAMPLE), "--format", "xml")
    assert result.returncode == 2 and "unknown format" in result.stderr


def test_extract_goes_on_past_a_bad_file(tmp_path: Path) -> None:
    result = run("extract", str(tmp_path / "missing.txt"), str(EXAMPLE), "--published", "2020-02-06")
    assert result.returncode == 0
    assert "missing.txt" in result.stderr and len(jsonl(result.stdout)) == 4


def test_ingest_events_export(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'sitrep.db'}"
    first = run("ingest", str(EXAMPLE), "--db", db, "--published", "2020-02-06")
    assert first.returncode == 0, first.stderr
    assert "stored 1 documents (4 events)" in first.stdout
    again = run("ingest", str(EXAMPLE), "--db", db, "--published", "2020-02-06")
    assert "stored 0 documents" in again.stdout and "1 already stored" in again.stdout
    assert "holds 1 documents" in again.stdout

    listed = jsonl(run("events", "--db", db, "--format", "jsonl").stdout)
    assert len(listed) == 4
    air = jsonl(run("events", "--db", db, "--format", "jsonl", "--type", "Air/drone strike").stdout)
    assert [e["actor1"] for e in air] == ["Military Forces of Russia (2000-)"]
    since = jsonl(run("events", "--db", db, "--format", "jsonl", "--since", "2020-02-05").stdout)
    assert all(e["event_date"] >= "2020-02-05" for e in since) and len(since) == 3
    hts = jsonl(run("events", "--db", db, "--format", "jsonl", "--actor", "tahrir").stdout)
    assert len(hts) == 3

    out = tmp_path / "events.csv"
    assert run("export", str(out), "--db", db, "--format", "csv").returncode == 0
    with out.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        assert tuple(next(reader)) == ACLED_COLUMNS
        assert len(list(reader)) == 4
    parquet = tmp_path / "events.parquet"
    assert run("export", str(parquet), "--db", db, "--format", "parquet").returncode == 0
    assert pq.read_table(parquet).num_rows == 4


def test_eval_example_gold_summary_is_the_last_line() -> None:
    result = run("eval", "--gold", str(EXAMPLE_GOLD), "--format", "project")
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert "required events 4/4" in last and "non-events reported 0" in last and "false events 0" in last


def test_eval_json() -> None:
    result = run("eval", "--gold", str(EXAMPLE_GOLD), "--json")
    data = json.loads(result.stdout)
    assert isinstance(data, dict) and data


# -- the seed report, when ../shared is there ------------------------------------------------------
SEED_FIELDS = ("sub_event_type", "actor1", "actor2", "event_date", "time_precision", "claimed_by", "status")


def _seed_events(*args: str, stdin: str | None = None) -> list[dict]:
    result = run("extract", *args, "--published", "2017-05-29", stdin=stdin)
    assert result.returncode == 0, result.stderr
    return [{k: e[k] for k in SEED_FIELDS} | {"losses": e["losses"]} for e in jsonl(result.stdout)]


def test_seed_same_events_as_text_html_jsonl_and_stdin(tmp_path: Path) -> None:
    seed = shared_path("data", "seed", "maskanah_2017.txt")
    text = seed.read_text(encoding="utf-8")
    from_text = _seed_events(str(seed))
    assert len(from_text) == 7

    paragraphs = "".join(f"<p>{p}</p>\n" for p in text.split("\n") if p.strip())
    html = tmp_path / "seed.html"
    html.write_text(
        f"<html><head><title>Report</title></head><body><article>{paragraphs}</article></body></html>"
    )
    assert _seed_events(str(html)) == from_text

    line = tmp_path / "seed.jsonl"
    line.write_text(json.dumps({"id": "seed", "text": text, "source": "test"}) + "\n")
    assert _seed_events(str(line)) == from_text
    assert _seed_events("-", stdin=text) == from_text


def test_seed_eval_against_gold() -> None:
    gold = shared_path("data", "gold", "maskanah_2017.gold.json")
    result = run("eval", "--gold", str(gold), "--format", "project")
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert "required events 6/6" in last
    assert "non-events reported 0" in last and "false events 0" in last


def test_bench_prints_figures_beside_plain_spacy() -> None:
    result = run("bench", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1 documents")
    assert "plain spaCy" in lines[1] and "1.00x" in lines[1]
    assert "4 events" in lines[3]  # the shipped path finds the example's four events
    assert lines[-1] == "same events with and without the rule stage: yes"


def test_eval_unknown_format_exits_2() -> None:
    result = run("eval", "--gold", str(EXAMPLE_GOLD), "--format", "nonsense")
    assert result.returncode == 2 and "unknown gold format" in result.stderr


def test_entities_prints_typed_spans_with_offsets() -> None:
    result = run("entities", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    spans = jsonl(result.stdout)
    text = EXAMPLE.read_text(encoding="utf-8")
    assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)
    by_text = {s["text"]: s["type"] for s in spans}
    assert by_text.get("Saraqib") == "Location"
    assert by_text.get("Hayat Tahrir al-Sham") == "Organisation"
    assert any(s["type"] == "MilitaryPlatform" and "warplanes" in s["text"].lower() for s in spans)


def test_control_after_ingest(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'sitrep.db'}"
    assert run("ingest", str(EXAMPLE), "--db", db, "--published", "2020-02-06").returncode == 0
    result = run("control", "--as-of", "2020-02-06", "--db", db, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = {r["place"]: r for r in jsonl(result.stdout)}
    assert rows["Saraqib"]["holder"] == "Military Forces of Syria (2000-)"
    assert rows["Saraqib"]["since"] == "2020-02-04"
    before = jsonl(run("control", "--as-of", "2020-02-03", "--db", db, "--format", "jsonl").stdout)
    assert "Saraqib" not in {r["place"] for r in before} or all(
        r["holder"] != "Military Forces of Syria (2000-)" for r in before if r["place"] == "Saraqib"
    )
    history = run("control", "history", "Saraqib", "--db", db)
    assert history.returncode == 0 and "captured the town of Saraqib" in " ".join(history.stdout.split())


def test_errors_stay_on_one_line_however_long(tmp_path: Path) -> None:
    missing = tmp_path / ("a-very-long-folder-name-" * 6) / "report.txt"
    result = run("extract", str(missing))
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 2  # the file's own error, then "no input could be read"
    assert all(line.startswith("sitrep: ") for line in lines)
