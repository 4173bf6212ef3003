"""Directories, stdin and the seed report arriving in every format."""

from __future__ import annotations

import html
import io
import json
import re
from datetime import date
from pathlib import Path

from sitrep.ingest import ReadError, read_documents, sniff
from sitrep.model import Document


def test_directory_is_read_recursively_sorted_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second report.", encoding="utf-8")
    (tmp_path / "a" / "one.txt").write_text("First report.", encoding="utf-8")
    (tmp_path / "a" / "page.html").write_text(
        "<html><body><p>Page report.</p></body></html>", encoding="utf-8"
    )
    (tmp_path / "a" / ".draft.txt").write_text("Hidden draft.", encoding="utf-8")
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": "Line report."}) + "\n", encoding="utf-8")
    docs = list(read_documents([str(tmp_path)]))
    assert [d.text for d in docs] == ["First report.", "Page report.", "Second report.", "Line report."]
    assert [Path(d.path.split(":")[0]).name for d in docs] == ["one.txt", "page.html", "two.txt", "c.jsonl"]


def test_stdin_is_sniffed() -> None:
    jsonl = io.StringIO(json.dumps({"text": "From a pipe.", "published": "2020-02-01"}) + "\n")
    [doc] = list(read_documents(["-"], stdin=jsonl))
    assert (doc.text, doc.published, doc.path) == ("From a pipe.", date(2020, 2, 1), "-:1")
    [doc] = list(read_documents(["-"], stdin=io.StringIO("<html><body><p>Piped page.</p></body></html>")))
    assert doc.text == "Piped page."
    [doc] = list(read_documents(["-"], stdin=io.StringIO("PIPED HEADLINE\nPiped text.\n")))
    assert (doc.text, doc.title) == ("PIPED HEADLINE\nPiped text.\n", "PIPED HEADLINE")
    [err] = list(read_documents(["-"], stdin=io.StringIO("  \n")))
    assert isinstance(err, ReadError) and err.path == "-"


def test_sniff() -> None:
    assert sniff('  {"text": "x"}') == "jsonl"
    assert sniff('<?xml version="1.0"?><rss version="2.0">') == "feed"
    assert sniff("<feed xmlns='http://www.w3.org/2005/Atom'>") == "feed"
    assert sniff('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">') == "html"
    assert sniff("<!DOCTYPE html><html>") == "html"
    assert sniff("DAMASCUS - Fighting.") == "text"


def _sentences(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [s for s in re.split(r"(?<=[.!?])\s+", flat) if s]


def test_seed_arrives_the_same_as_html_jsonl_and_stdin(seed_path: Path, tmp_path: Path) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    [from_txt] = list(read_documents([str(seed_path)]))
    paragraphs = [p.strip() for p in raw.split("\n\n") if p.strip()]
    page = (
        "<html><head><title>Syrian army advances on Maskanah</title></head><body><article>"
        + "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
        + "</article></body></html>"
    )
    (tmp_path / "seed.html").write_text(page, encoding="utf-8")
    record = {"id": "seed", "text": raw, "published": "2017-05-29", "source": "Wire", "title": "Seed"}
    (tmp_path / "seed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")

    [from_html] = list(read_documents([str(tmp_path / "seed.html")]))
    [from_jsonl] = list(read_documents([str(tmp_path / "seed.jsonl")]))
    [from_stdin] = list(read_documents(["-"], stdin=io.StringIO(raw), published=date(2017, 5, 29)))

    assert all(isinstance(d, Document) for d in (from_html, from_jsonl, from_stdin))
    expected = _sentences(from_txt.text)
    assert len(expected) > 10
    for doc in (from_html, from_jsonl, from_stdin):
        assert _sentences(doc.text) == expected
    assert from_html.title == "Syrian army advances on Maskanah"
    # Unchanged text is the same document, whatever it came in.
    assert from_jsonl.id == from_stdin.id == from_txt.id
    assert from_jsonl.published == from_stdin.published == date(2017, 5, 29)
