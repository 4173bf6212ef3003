"""Reading reports: plain text, HTML, RSS/Atom feeds, JSON Lines, directories and stdin, as Documents.

`read_documents` yields a `Document` per report and a `ReadError` per input that failed, so one bad
file never stops a batch. Each input kind has its own reader module; `sniff` picks the reader.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from sitrep.ingest.base import ReadError, UnreadableInput, decode_text, parse_date
from sitrep.ingest.feeds import read_feed
from sitrep.ingest.html import html_to_text, read_html
from sitrep.ingest.jsonl import read_json_text, read_jsonl
from sitrep.ingest.sniff import EXTENSIONS, FEED, HTML, JSONL, kind_of, sniff
from sitrep.ingest.text import headline, read_text
from sitrep.model import Document

__all__ = [
    "ReadError",
    "headline",
    "html_to_text",
    "parse_date",
    "read_document_text",
    "read_documents",
    "read_feed",
    "read_html",
    "read_json_text",
    "read_jsonl",
    "read_text",
    "sniff",
]

STDIN = "-"


def read_document_text(text: str, path: str, kind: str | None = None) -> Iterator[Document | ReadError]:
    """The documents in one input's text, read as `kind` (sniffed when None)."""
    kind = kind or sniff(text)
    try:
        if kind == JSONL:
            yield from read_json_text(text, path=path)
        elif kind == FEED:
            yield from read_feed(text, path=path)
        elif kind == HTML:
            yield read_html(text, path=path)
        elif text.strip():
            yield read_text(text, path=path)
        else:
            yield ReadError(path, "empty input")
    except UnreadableInput as err:
        yield ReadError(path, str(err))


def _read_file(path: Path) -> Iterator[Document | ReadError]:
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        yield ReadError(name, err.strerror or str(err))
        return
    try:
        # A feed declares its own encoding in its XML prolog, so feedparser gets the raw bytes.
        if EXTENSIONS.get(path.suffix.lower()) == FEED:
            yield from read_feed(data, path=name)
            return
        text = decode_text(data)
    except UnreadableInput as err:
        yield ReadError(name, str(err))
        return
    yield from read_document_text(text, name, kind_of(name, text))


def _files_under(directory: Path) -> list[Path]:
    # Hidden files and folders (.git, .DS_Store, editor backups) are never reports.
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


def _with_defaults(
    item: Document | ReadError, published: date | None, source: str | None
) -> Document | ReadError:
    if isinstance(item, Document):
        # The document's own date and outlet win over the caller's defaults.
        item.published = item.published or published
        item.source = item.source or source
    return item


def read_documents(
    paths: Sequence[str],
    published: date | None = None,
    source: str | None = None,
    stdin: TextIO | None = None,
) -> Iterator[Document | ReadError]:
    """Documents from files, directories (recursive, sorted) and "-" (stdin), in order; failures as ReadError.

    `published` and `source` fill in for documents that carry none of their own.
    """
    for raw in paths:
        if raw == STDIN:
            stream = stdin if stdin is not None else sys.stdin
            try:
                text = stream.read()
            except (OSError, UnicodeDecodeError) as err:
                yield ReadError(STDIN, f"cannot read stdin ({err})")
                continue
            items: Iterator[Document | ReadError] = read_document_text(text, STDIN)
        else:
            path = Path(raw)
            if path.is_dir():
                items = (item for file in _files_under(path) for item in _read_file(file))
            elif path.exists():
                items = _read_file(path)
            else:
                yield ReadError(raw, "no such file or directory")
                continue
        for item in items:
            yield _with_defaults(item, published, source)
