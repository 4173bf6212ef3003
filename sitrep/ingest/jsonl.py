"""JSON Lines: one report per line with fields id, text, published, source, url, title (and country)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from sitrep.ingest.base import ReadError, UnreadableInput, parse_date
from sitrep.model import Document


def _optional_str(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise UnreadableInput(f"{key} is not a string")
    return value


def read_record(record: object, path: str | None = None) -> Document:
    """A document from one decoded JSON object; raises UnreadableInput when it has no text."""
    if not isinstance(record, dict):
        raise UnreadableInput("line is not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise UnreadableInput("no 'text' field")
    # The id is always the content hash, so one report read from any format is one document.
    return Document(
        text=text,
        title=_optional_str(record, "title"),
        published=parse_date(record.get("published")),
        source=_optional_str(record, "source"),
        country=_optional_str(record, "country"),
        url=_optional_str(record, "url"),
        language=_optional_str(record, "language") or "en",
        path=path,
    )


def _whole_json(text: str, path: str) -> Iterator[Document | ReadError] | None:
    # A pretty-printed .json file (one object, or a list of them) is read whole, not line by line.
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    records = data if isinstance(data, list) else [data]
    return _records(((f"{path}:{i}" if isinstance(data, list) else path), r) for i, r in enumerate(records))


def _records(items: Iterable[tuple[str, object]]) -> Iterator[Document | ReadError]:
    for where, record in items:
        try:
            yield read_record(record, path=where)
        except UnreadableInput as err:
            yield ReadError(where, str(err))


def read_json_text(text: str, path: str = "-") -> Iterator[Document | ReadError]:
    """Documents from JSON Lines text, or from a whole JSON object or list when the first line is not JSON."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    try:
        json.loads(first)
    except json.JSONDecodeError:
        whole = _whole_json(text, path)
        if whole is not None:
            return whole
    return read_jsonl(lines, path)


def read_jsonl(lines: Iterable[str], path: str = "-") -> Iterator[Document | ReadError]:
    """One document per non-blank line; a bad line becomes a ReadError at "path:lineno"."""
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            yield read_record(json.loads(line), path=where)
        except json.JSONDecodeError as err:
            yield ReadError(where, f"invalid JSON ({err.msg})")
        except UnreadableInput as err:
            yield ReadError(where, str(err))
