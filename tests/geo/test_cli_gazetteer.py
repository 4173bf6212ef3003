from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli.gazetteer import app
from tests.geo.conftest import write_tiny_boundaries

runner = CliRunner()


def _run(db: Path, *args: str, stdin: str | None = None):
    return runner.invoke(app, ["--gazetteer", str(db), "--no-world", *args], input=stdin)


def test_add_list_lookup(tmp_path: Path, tiny_source: Path) -> None:
    db = tmp_path / "cli.sqlite"
    result = _run(db, "add", "SY", "--from", str(tiny_source))
    assert result.exit_code == 0, result.output
    assert "geonames:SY: 9 places" in result.output
    result = _run(db, "add-boundaries", str(write_tiny_boundaries(tmp_path / "b.geojson")))
    assert result.exit_code == 0 and "3 polygons" in result.output
    listed = json.loads(_run(db, "list", "--format", "json").stdout)
    assert [layer["name"] for layer in listed] == ["geonames:SY", "boundaries:b.geojson"]
    result = _run(db, "lookup", "Taybeh", "--country", "SY", "--admin1", "Raqqa", "--format", "json")
    found = json.loads(result.stdout)["Taybeh"]
    assert found[0]["geonameid"] == 900004 and found[0]["admin1"] == "Ar Raqqa"
    assert set(found[0]) >= {"geonameid", "name", "latitude", "longitude", "feature_code", "admin1", "admin2",
                             "population", "score"}  # fmt: skip
    lines = _run(db, "lookup", "Taybeh", "Qasr Nawar", "--near", "36,38", "--limit", "1", "--format", "jsonl")
    assert [json.loads(x)[0]["geonameid"] for x in lines.stdout.splitlines()] == [900003, 900001]
    table = _run(db, "lookup", "Qasr Nawar")
    assert table.exit_code == 0 and "900001" in table.output


def test_lookup_reads_json_lines_from_stdin(tmp_path: Path, tiny_source: Path) -> None:
    db = tmp_path / "cli.sqlite"
    _run(db, "add", "SY", "--from", str(tiny_source))
    queries = "\n".join(
        [
            json.dumps({"name": "Taybeh", "country": "SY", "admin1": "Ar Raqqah"}),
            json.dumps({"name": "Taybeh", "near": [36.0, 38.0]}),
            json.dumps({"name": "Zzyzx Springs"}),
        ]  # fmt: skip
    )
    result = _run(db, "lookup", "-", stdin=queries + "\n")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a[0]["geonameid"] if a else None for a in answers] == [900004, 900003, None]


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, tiny_source: Path) -> None:
    db = tmp_path / "cli.sqlite"
    assert _run(db, "add", "Syria").exit_code == 2
    assert _run(db, "add", "SY", "--from", str(tmp_path / "missing")).exit_code == 2
    assert _run(db, "add-boundaries", str(tmp_path / "missing.geojson")).exit_code == 2
    assert _run(db, "lookup", "x", "--near", "north").exit_code == 2
    assert _run(db, "lookup", "x", "--format", "xml").exit_code == 2
    _run(db, "add", "SY", "--from", str(tiny_source))
    result = _run(db, "lookup", "-", stdin='{"name": "Taybeh"}\nnot json\n')
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 2  # the good query is still answered


def test_module_entry_point(tmp_path: Path, tiny_source: Path) -> None:
    db = tmp_path / "cli.sqlite"
    cmd = [sys.executable, "-m", "sitrep.cli.gazetteer", "--gazetteer", str(db), "--no-world"]
    added = subprocess.run([*cmd, "add", "SY", "--from", str(tiny_source)], capture_output=True, text=True)
    assert added.returncode == 0, added.stderr
    found = subprocess.run(
        [*cmd, "lookup", "Kasr Nawar", "--format", "jsonl"], capture_output=True, text=True
    )
    assert json.loads(found.stdout)[0]["geonameid"] == 900001
