"""Writers that turn events into the formats users ask for: JSON Lines, JSON, CSV, GeoJSON, a table, Parquet.

To add an output format, write a `_write_<name>` function and list it in `_WRITERS`.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from sitrep.fuse.control import ControlSpan
from sitrep.model import ACLED_COLUMNS, EVENT_FIELDS, Event

# Fields holding objects or lists; flat formats (CSV, Parquet) carry them as JSON text.
NESTED_FIELDS = ("claims", "losses", "evidence")


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _cell(name: str, value: Any) -> Any:
    if value is None:
        return ""
    return _json_text(value) if name in NESTED_FIELDS else value


def csv_row(event: Event, columns: Sequence[str] = EVENT_FIELDS) -> dict[str, Any]:
    """The event as one flat CSV row over `columns`: nested fields as JSON text, unknowns empty."""
    data = event.to_dict()
    return {name: _cell(name, data[name]) for name in columns}


def acled_csv_row(event: Event) -> dict[str, Any]:
    """The event as a row of ACLED's export: ACLED's columns only, in ACLED's order."""
    return csv_row(event, ACLED_COLUMNS)


def geojson_feature(event: Event) -> dict[str, Any] | None:
    """The event as a GeoJSON Point feature (coordinates are [longitude, latitude]), or None unplaced."""
    if event.latitude is None or event.longitude is None:
        return None
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [event.longitude, event.latitude]},
        "properties": event.to_dict(),
    }


def span_dict(span: ControlSpan) -> dict[str, Any]:
    """A control span as plain JSON-ready values, place first."""
    return {
        "place": span.place,
        **asdict(span),
        "since": span.since.isoformat(),
        "until": span.until.isoformat() if span.until else None,
        "confidence": round(span.confidence, 3),
    }


def spans_geojson(spans: Iterable[ControlSpan]) -> dict[str, Any]:
    """Control spans as a GeoJSON FeatureCollection of points; spans without coordinates are left out."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": row,
        }
        for row in map(span_dict, spans)
        if row["latitude"] is not None and row["longitude"] is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def _write_jsonl(events: Iterable[Event], out: TextIO, columns: Sequence[str]) -> int:
    written = 0
    for event in events:
        out.write(_json_text(_select(event.to_dict(), columns)) + "\n")
        written += 1
    return written


def _write_json(events: Iterable[Event], out: TextIO, columns: Sequence[str]) -> int:
    items = [_select(event.to_dict(), columns) for event in events]
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(items)


def _write_csv(events: Iterable[Event], out: TextIO, columns: Sequence[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    written = 0
    for event in events:
        writer.writerow(csv_row(event, columns))
        written += 1
    return written


def _write_geojson(events: Iterable[Event], out: TextIO, columns: Sequence[str]) -> int:
    features = []
    for event in events:
        feature = geojson_feature(event)
        if feature is not None:
            feature["properties"] = _select(feature["properties"], columns)
            features.append(feature)
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


# The table shows what a reader scans for; long cells wrap inside their column instead of the line.
TABLE_COLUMNS = (
    ("date", "event_date", "no_wrap"),
    ("type", "sub_event_type", "fold"),
    ("actor1", "actor1", "fold"),
    ("actor2", "actor2", "fold"),
    ("location", "location", "fold"),
    ("prec", "geo_precision", "no_wrap"),
    ("fatal", "fatalities", "no_wrap"),
    ("status", "status", "no_wrap"),
)


def _write_table(events: Iterable[Event], out: TextIO, columns: Sequence[str]) -> int:
    table = Table(show_lines=False, expand=False)
    for title, _field, overflow in TABLE_COLUMNS:
        table.add_column(title, no_wrap=overflow == "no_wrap", overflow="fold", justify="left")
    written = 0
    for event in events:
        data = event.to_dict()
        table.add_row(*("" if data[name] is None else str(data[name]) for _t, name, _o in TABLE_COLUMNS))
        written += 1
    # Off a terminal (a pipe, a log) rich would fold every cell into 80 columns; a table of events
    # reads better wide. $COLUMNS still wins when set.
    console = Console(file=out, highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = 160
    console.print(table)
    return written


_WRITERS: dict[str, Callable[[Iterable[Event], TextIO, Sequence[str]], int]] = {
    "jsonl": _write_jsonl,
    "json": _write_json,
    "csv": _write_csv,
    "geojson": _write_geojson,
    "table": _write_table,
}
FORMATS = tuple(_WRITERS)
# Formats written to a file path rather than a text stream.
FILE_FORMATS = ("parquet",)


def _select(data: dict[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    return data if tuple(columns) == EVENT_FIELDS else {name: data[name] for name in columns}


def _check_columns(columns: Sequence[str]) -> None:
    unknown = [name for name in columns if name not in EVENT_FIELDS]
    if unknown:
        raise ValueError(f"unknown event field(s): {', '.join(unknown)}")


def write_events(
    events: Iterable[Event],
    fmt: str = "jsonl",
    out: TextIO | None = None,
    columns: Sequence[str] = EVENT_FIELDS,
) -> int:
    """Write events to `out` (stdout by default) in `fmt`, one of FORMATS; return how many were written.

    `columns` picks and orders the fields (ACLED_COLUMNS for ACLED's export); the table ignores it.
    GeoJSON leaves out events without coordinates, so its count can be below the number given.
    """
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    _check_columns(columns)
    return writer(events, sys.stdout if out is None else out, columns)


def _arrow_type(annotation: Any) -> Any:
    """The Arrow type for an Event field's annotation (`int | None` gives int64); anything nested is text."""
    import pyarrow as pa

    inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)] or [annotation]
    types = {int: pa.int64(), float: pa.float64(), date: pa.date32(), str: pa.string()}
    return types.get(inner[0], pa.string())


def write_parquet(events: Iterable[Event], path: str | Path, columns: Sequence[str] = EVENT_FIELDS) -> int:
    """Write events to a Parquet file with typed columns (dates as date32, nested fields as JSON text)."""
    # pyarrow takes a while to import, so only the Parquet export pays for it.
    import pyarrow as pa
    import pyarrow.parquet as pq

    _check_columns(columns)
    hints = typing.get_type_hints(Event)
    schema = pa.schema([(name, _arrow_type(hints[name])) for name in columns])
    values: dict[str, list[Any]] = {name: [] for name in columns}
    written = 0
    for event in events:
        written += 1
        data = event.to_dict()
        for name in columns:
            values[name].append(_json_text(data[name]) if name in NESTED_FIELDS else getattr(event, name))
    arrays = [pa.array(values[field.name], type=field.type) for field in schema]
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), str(path))
    return written
