"""`sitrep control`: who holds which settlement as of a day, and one settlement's control history."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.table import Table

from sitrep.formats import span_dict, spans_geojson
from sitrep.fuse.control import ControlSpan

app = typer.Typer(
    help="Who holds which settlement on which day, with the evidence.",
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)

DEFAULT_DB = "sqlite:///sitrep.db"
DbOption = Annotated[str, typer.Option("--db", help="Database URL or SQLite file.", envvar="SITREP_DB")]
FORMATS = ("table", "csv", "geojson", "jsonl")
COLUMNS = (
    "place", "geonameid", "latitude", "longitude", "admin1", "country", "holder", "since", "until",
    "confidence", "contested", "evidence",
)  # fmt: skip


def fail(message: str) -> None:
    """Exit 2 with a one-line reason on stderr."""
    err.print(f"sitrep: {message}", highlight=False, markup=False)
    raise typer.Exit(2)


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """min_lon,min_lat,max_lon,max_lat as four floats, or a failure."""
    if value is None:
        return None
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or parts[0] > parts[2] or parts[1] > parts[3]:
        fail(f"--bbox wants min_lon,min_lat,max_lon,max_lat, not {value!r}")
    return parts  # type: ignore[return-value]


def write_spans(spans: list[ControlSpan], format: str, out: TextIO, title: str) -> None:
    """Print spans as a table, CSV, GeoJSON points or JSON Lines."""
    rows = [span_dict(s) for s in spans]
    if format == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "evidence": "; ".join(row["evidence"])})
    elif format == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif format == "geojson":
        json.dump(spans_geojson(spans), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        table = Table(title=title)
        for name in ("place", "admin1", "holder", "since", "until", "confidence", "contested", "evidence"):
            table.add_column(name)
        for row in rows:
            table.add_row(
                row["place"] or str(row["geonameid"]),
                row["admin1"] or "",
                row["holder"] or "(unknown)",
                row["since"],
                row["until"] or "",
                f"{row['confidence']:.2f}",
                "yes" if row["contested"] else "",
                ", ".join(row["evidence"]),
            )
        Console(file=out, width=160).print(table)


@app.callback(invoke_without_command=True)
def holders(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Day YYYY-MM-DD (default: today).")] = None,
    admin1: Annotated[str | None, typer.Option("--admin1", help="Only this admin1 (province).")] = None,
    bbox: Annotated[
        str | None, typer.Option("--bbox", help="Only inside min_lon,min_lat,max_lon,max_lat.")
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv, geojson or jsonl.")] = "table",
    db: DbOption = DEFAULT_DB,
) -> None:
    """List who holds each settlement on a day, with the evidence events."""
    if ctx.invoked_subcommand is not None:
        return
    from sitrep.store import Store

    if format not in FORMATS:
        fail(f"unknown format {format!r} (choose from {', '.join(FORMATS)})")
    day = date.today()
    if as_of is not None:
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            fail(f"--as-of wants a date as YYYY-MM-DD, not {as_of!r}")
    box = parse_bbox(bbox)
    with Store(db) as store:
        spans = store.control_as_of(day, admin1=admin1, bbox=box)
    write_spans(spans, format, sys.stdout, f"Control as of {day.isoformat()}")


@app.command()
def history(
    place: Annotated[str, typer.Argument(help="Settlement name or geonameid.")],
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv, geojson or jsonl.")] = "table",
    db: DbOption = DEFAULT_DB,
) -> None:
    """Print a settlement's control timeline with the evidence for each span."""
    from sitrep.store import Store

    if format not in FORMATS:
        fail(f"unknown format {format!r} (choose from {', '.join(FORMATS)})")
    with Store(db) as store:
        spans = store.control_history(place)
        if not spans:
            fail(f"no control timeline for {place!r}")
        write_spans(spans, format, sys.stdout, f"Control of {spans[0].place or place}")
        if format == "table":
            # The supporting sentences, so an analyst can check each span without opening the reports.
            for span in spans:
                for event_id in span.evidence:
                    event = store.fused_event(event_id)
                    if event is None:
                        continue
                    print(f"{event_id} {event.event_date} {event.sub_event_type} ({event.source}):")
                    for evidence in event.evidence:
                        print(f"    {evidence.text!r}")
