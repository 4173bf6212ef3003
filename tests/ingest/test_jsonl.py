from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sitrep.ingest import ReadError, read_documents
from sitrep.model import Document, content_id


def test_jsonl_reads_fields_and_reports_bad_lines_by_number(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "r1", "text": "Clashes in Saraqib.", "published": "2020-02-04", "source": "Wire",
                    "url": "https://example.org/r1", "title": "Saraqib clashes"}),
        "{not json",
        "",
        json.dumps({"id": "r3", "text": "Shelling of Ariha.", "published": "2020-02-05T14:20:00Z"}),
        json.dumps({"id": "r4", "title": "no text here"}),
        json.dumps({"id": "r5", "text": "Drone strike.", "published": "last Tuesday"}),
    ]  # fmt: skip
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_documents([str(path)], source="Default outlet"))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [d.text for d in docs] == ["Clashes in Saraqib.", "Shelling of Ariha."]
    first, second = docs
    assert (first.title, first.published, first.source, first.url) == (
        "Saraqib clashes",
        date(2020, 2, 4),
        "Wire",
        "https://example.org/r1",
    )
    assert first.id == content_id("Clashes in Saraqib.")
    assert first.path == f"{path}:1"
    assert second.published == date(2020, 2, 5)
    assert second.source == "Default outlet"
    assert [e.path for e in errors] == [f"{path}:2", f"{path}:5", f"{path}:6"]
    assert errors[0].reason.startswith("invalid JSON")
    assert errors[1].reason == "no 'text' field"
    assert "published" in errors[2].reason


def test_pretty_printed_json_list_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "reports.json"
    records = [{"text": "Air strike on Idlib."}, {"text": "IED near Sarmin.", "published": "2020-01-30"}]
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    docs = list(read_documents([str(path)]))
    assert [d.text for d in docs] == ["Air strike on Idlib.", "IED near Sarmin."]
    assert docs[1].published == date(2020, 1, 30)


def test_equal_text_gives_equal_ids_across_formats(tmp_path: Path) -> None:
    text = "Government forces captured Khan Shaykhun on Tuesday."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    a, b = read_documents([str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")])
    assert a.id == b.id == content_id(text)
