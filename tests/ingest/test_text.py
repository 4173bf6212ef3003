from __future__ import annotations

from pathlib import Path

from sitrep.ingest import ReadError, read_documents
from sitrep.ingest.text import headline
from sitrep.model import Document, content_id


def _read(*paths: Path, **kwargs) -> list[Document | ReadError]:
    return list(read_documents([str(p) for p in paths], **kwargs))


def test_text_file_keeps_its_text_and_takes_a_capitalised_headline(tmp_path: Path) -> None:
    text = "SYRIAN ARMY ENTERS SARAQIB\n\nOn Tuesday, government forces entered Saraqib.\n"
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    [doc] = _read(path)
    assert isinstance(doc, Document)
    assert doc.text == text
    assert doc.title == "SYRIAN ARMY ENTERS SARAQIB"
    assert doc.id == content_id(text)
    assert doc.path == str(path)
    assert doc.published is None


def test_headline_rules() -> None:
    assert (
        headline("Army takes Saraqib after heavy fighting\nBody text.")
        == "Army takes Saraqib after heavy fighting"
    )
    assert headline("U.S. STRIKES HIT IDLIB\nBody.") == "U.S. STRIKES HIT IDLIB"
    # A first line with a full stop is the opening sentence, not a headline.
    assert headline("Government forces entered Saraqib on Tuesday. Fighting went on.\nMore.") is None
    assert headline("No body follows this line") is None
    assert headline("x" * 250 + "\nBody.") is None


def test_published_and_source_fill_in_only_when_missing(tmp_path: Path) -> None:
    from datetime import date

    (tmp_path / "a.txt").write_text("Shelling hit Sarmin.", encoding="utf-8")
    [doc] = _read(tmp_path / "a.txt", published=date(2020, 2, 4), source="Monitor")
    assert doc.published == date(2020, 2, 4)
    assert doc.source == "Monitor"


def test_unknown_extension_that_is_text_is_read_as_text(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("Clashes near Ariha.\n", encoding="utf-8")
    [doc] = _read(tmp_path / "notes.md")
    assert doc.text == "Clashes near Ariha.\n"


def test_bad_inputs_become_read_errors_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("Ma\xe2rrat".encode("latin-1"))
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Air strikes on Khan Shaykhun.", encoding="utf-8")
    items = _read(
        tmp_path / "latin1.txt", tmp_path / "missing.txt", tmp_path / "blob.bin", tmp_path / "empty.txt",
        tmp_path / "good.txt",
    )  # fmt: skip
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [Path(e.path).name for e in errors] == ["latin1.txt", "missing.txt", "blob.bin", "empty.txt"]
    assert errors[0].reason.startswith("not UTF-8 text")
    assert errors[1].reason == "no such file or directory"
    assert errors[2].reason == "binary file, not text"
    assert all("\n" not in str(e) for e in errors)
    assert items[-1].text == "Air strikes on Khan Shaykhun."


def test_crlf_line_endings_are_normalised(tmp_path: Path) -> None:
    (tmp_path / "win.txt").write_bytes(b"HEADLINE\r\n\r\nBody text.\r\n")
    [doc] = _read(tmp_path / "win.txt")
    assert doc.text == "HEADLINE\n\nBody text.\n"
    assert doc.title == "HEADLINE"


def test_seed_report_has_no_headline(seed_path: Path) -> None:
    [doc] = _read(seed_path)
    assert doc.title is None
    assert doc.text == seed_path.read_text(encoding="utf-8")
