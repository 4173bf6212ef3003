"""sitrep's command line: argument parsing only; the work is done by the library (sitrep.core)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sitrep.model import ACLED_COLUMNS, Document

app = typer.Typer(
    help="Conflict news reports in; structured, geocoded, source-attributed events out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)  # an error stays one line, however long

DEFAULT_DB = "sqlite:///sitrep.db"
BATCH = 64  # documents per model pass
DbOption = Annotated[str, typer.Option("--db", help="Database URL or SQLite file.", envvar="SITREP_DB")]
GazetteerOption = Annotated[
    Path | None, typer.Option("--gazetteer", help="Gazetteer file (default: the user data folder).")
]


def fail(message: str) -> None:
    """Exit 2 with a one-line reason on stderr (the contract for bad usage or unreadable input)."""
    err.print(f"sitrep: {message}", highlight=False, markup=False)
    raise typer.Exit(2)


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} wants a date as YYYY-MM-DD, not {value!r}")
    return None


def read_inputs(paths: list[str], published: date | None, source: str | None) -> list:
    from sitrep.ingest import read_documents

    return list(read_documents(paths, published=published, source=source, stdin=sys.stdin))


def readable_documents(paths: list[str], published: date | None, source: str | None) -> list[Document]:
    """The documents that could be read; each one that could not is reported on stderr, and none
    at all is exit 2."""
    from sitrep.ingest import ReadError

    items = read_inputs(paths, published, source)
    for item in items:
        if isinstance(item, ReadError):
            err.print(f"sitrep: {item.path}: {item.reason}", highlight=False, markup=False)
    documents = [i for i in items if isinstance(i, Document)]
    if not documents:
        fail("no input could be read")
    return documents


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for undated reports.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Outlet name for reports that carry none.")] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="jsonl, json, csv, geojson or table.")
    ] = "jsonl",
    all_statuses: Annotated[
        bool, typer.Option("--all-statuses", help="Also planned, expected, hypothetical and denied.")
    ] = False,
    gazetteer: GazetteerOption = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Extract on a Dask cluster: tcp://host:8786, or local (this machine).")
    ] = None,
) -> None:
    """Read reports and print their events; writes no database."""
    from sitrep.core import make_extractor
    from sitrep.formats import FORMATS, write_events

    if format not in FORMATS:
        fail(f"unknown format {format!r} (choose from {', '.join(FORMATS)})")
    documents = readable_documents(paths, parse_day(published, "--published"), source)
    if scheduler:
        from sitrep.scale import SchedulerUnreachable, extract_distributed

        def report(document: Document, reason: str) -> None:
            err.print(f"sitrep: {document.path or document.id}: {reason}", highlight=False, markup=False)

        try:
            pairs = extract_distributed(documents, scheduler, all_statuses, BATCH, gazetteer, on_error=report)
            found_events = [e for _, document_events in pairs for e in document_events]
        except SchedulerUnreachable as error:
            # soft_wrap: the one-line contract holds for long addresses on an 80-column stderr too.
            err.print(f"sitrep: {error}", highlight=False, markup=False, soft_wrap=True)
            raise typer.Exit(2) from None
        write_events(found_events, format, sys.stdout)
        return
    extractor = make_extractor(gazetteer)
    events = []
    for start in range(0, len(documents), BATCH):
        batch = documents[start : start + BATCH]
        try:
            found = extractor.extract_many(batch, all_statuses=all_statuses)
        except Exception:  # find the document that fails; the others go on
            found = []
            for document in batch:
                try:
                    found.append(extractor.extract(document, all_statuses=all_statuses))
                except Exception as error:
                    err.print(
                        f"sitrep: {document.path or document.id}: {error}", highlight=False, markup=False
                    )
        events.extend(e for batch_events in found for e in batch_events)
    write_events(events, format, sys.stdout)


@app.command()
def explain(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for undated reports.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Outlet name for reports that carry none.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    gazetteer: GazetteerOption = None,
) -> None:
    """For each sentence: whether it became an event and why (trigger, status and its cue, roles and
    their words, the date chosen, the place, the sub-event rule)."""
    from sitrep.core import make_extractor
    from sitrep.extract.explain import explain as run_explain
    from sitrep.extract.explain_format import print_explanations

    if format not in ("table", "json"):
        fail(f"unknown format {format!r} (choose from table, json)")
    documents = readable_documents(paths, parse_day(published, "--published"), source)
    extractor = make_extractor(gazetteer)
    for document in documents:
        try:
            sentences = run_explain(extractor, document)
        except Exception as error:  # one unreadable document is reported; the others go on
            err.print(f"sitrep: {document.path or document.id}: {error}", highlight=False, markup=False)
            continue
        if format == "json":
            payload = {
                "document_id": document.id,
                "path": document.path,
                "published": document.published.isoformat() if document.published else None,
                "sentences": [s.to_json() for s in sentences],
            }
            print(json.dumps(payload, ensure_ascii=False))
        else:
            print_explanations(document, sentences, Console(soft_wrap=True))


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for undated reports.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Outlet name for reports that carry none.")] = None,
    gazetteer: GazetteerOption = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Extract on a Dask cluster: tcp://host:8786, or local (this machine).")
    ] = None,
) -> None:
    """Extract events from reports and store them; a report already stored is skipped."""
    from sitrep.core import ingest as run_ingest
    from sitrep.core import make_extractor
    from sitrep.store import Store

    day = parse_day(published, "--published")
    items = read_inputs(paths, day, source)
    if not items:
        fail("no input could be read")
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    if scheduler:
        from sitrep.scale import SchedulerUnreachable, connect, ingest_distributed

        # Extraction runs on the cluster; storing and fusing stay here (SQLite has one writer). The
        # cluster is reached first, so a bad address leaves no database behind.
        try:
            with (
                connect(scheduler) as client,
                Store(db) as store,
                Progress(*columns, console=err, transient=True) as progress,
            ):
                task = progress.add_task("ingesting", total=len(items))
                report = ingest_distributed(
                    items, store, client, BATCH, gazetteer, progress=lambda _: progress.advance(task)
                )
                counts = store.counts()
        except SchedulerUnreachable as error:
            # soft_wrap: the one-line contract holds for long addresses on an 80-column stderr too.
            err.print(f"sitrep: {error}", highlight=False, markup=False, soft_wrap=True)
            raise typer.Exit(2) from None
    else:
        extractor = make_extractor(gazetteer)
        with Store(db) as store, Progress(*columns, console=err, transient=True) as progress:
            task = progress.add_task("ingesting", total=len(items))
            report = run_ingest(items, store, extractor, progress=lambda _: progress.advance(task))
            counts = store.counts()
    for error in report.errors:
        err.print(f"sitrep: {error.path}: {error.reason}", highlight=False, markup=False)
    print(
        f"stored {report.stored} documents ({report.events} events), {report.already} already stored, "
        f"{len(report.errors)} failed; the database holds {counts['documents']} documents, {counts['events']} events"
    )
    if report.stored == 0 and report.already == 0:
        raise typer.Exit(2)


def _query(db: str, since: str | None, until: str | None, type_: str | None, actor: str | None,
           country: str | None, admin1: str | None, all_statuses: bool) -> list:  # fmt: skip
    from sitrep.store import Store

    with Store(db) as store:
        # One row per real-world event: reports of the same event are fused, with all their sources.
        return store.fused_events(
            since=parse_day(since, "--since"),
            until=parse_day(until, "--until"),
            event_type=type_,
            actor=actor,
            country=country,
            admin1=admin1,
            statuses=None if all_statuses else ("occurred", "claimed"),
        )


Since = Annotated[str | None, typer.Option(help="Events on or after YYYY-MM-DD.")]
Until = Annotated[str | None, typer.Option(help="Events on or before YYYY-MM-DD.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="Event type or sub-event type.")]
ActorOpt = Annotated[str | None, typer.Option(help="Part of an actor's name.")]
CountryOpt = Annotated[str | None, typer.Option(help="Country name.")]
Admin1Opt = Annotated[str | None, typer.Option(help="Admin1 (province) name.")]
AllOpt = Annotated[bool, typer.Option("--all-statuses", help="Also planned, expected, hypothetical, denied.")]


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    since: Since = None,
    until: Until = None,
    type_: TypeOpt = None,
    actor: ActorOpt = None,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, jsonl, csv or geojson.")] = "table",
    all_statuses: AllOpt = False,
) -> None:
    """List stored events, filtered."""
    from sitrep.formats import FORMATS, write_events

    if format not in FORMATS:
        fail(f"unknown format {format!r} (choose from {', '.join(FORMATS)})")
    found = _query(db, since, until, type_, actor, country, admin1, all_statuses)
    write_events(found, format, sys.stdout)


@app.command()
def export(
    output: Annotated[Path, typer.Argument(help="File to write; - for stdout (not for parquet).")],
    format: Annotated[
        str, typer.Option("--format", "-f", help="csv (ACLED columns), geojson, jsonl, parquet.")
    ] = "csv",
    db: DbOption = DEFAULT_DB,
    since: Since = None,
    until: Until = None,
    type_: TypeOpt = None,
    actor: ActorOpt = None,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
) -> None:
    """Export stored events: CSV in ACLED's column order, GeoJSON, JSON Lines or Parquet."""
    from sitrep.formats import write_events, write_parquet

    found = _query(db, since, until, type_, actor, country, admin1, False)
    if format == "parquet":
        if str(output) == "-":
            fail("parquet needs a file name")
        written = write_parquet(found, output)
    elif format in ("csv", "geojson", "jsonl"):
        columns = ACLED_COLUMNS if format == "csv" else None
        kwargs = {"columns": columns} if columns else {}
        if str(output) == "-":
            written = write_events(found, format, sys.stdout, **kwargs)
        else:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                written = write_events(found, format, handle, **kwargs)
    else:
        fail(f"unknown export format {format!r} (choose from csv, geojson, jsonl, parquet)")
        return
    err.print(f"wrote {written} events to {output}", highlight=False)


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", help="Gold file or folder.")],
    format: Annotated[
        str, typer.Option("--format", help="Gold format (see the list in the error).")
    ] = "project",
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    plot: Annotated[Path | None, typer.Option("--plot", help="Write a confusion-matrix PNG here.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N documents.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Only rows of this year (ucdp).")] = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Score sitrep's output against labelled data; the last line is the summary."""
    from sitrep.core import make_extractor
    from sitrep.evaluate import READERS, print_report
    from sitrep.evaluate import evaluate as run

    if format not in READERS:
        fail(f"unknown gold format {format!r} (known: {', '.join(sorted(READERS))})")
    if not gold.exists():
        fail(f"{gold}: no such file")
    extractor = make_extractor(gazetteer)
    options = {k: v for k, v in (("limit", limit), ("plot", plot), ("year", year)) if v is not None}
    try:
        card = run(format, gold, lambda d: extractor.extract(d, all_statuses=True), **options)
    except ValueError as error:
        fail(str(error))
        return
    if as_json:
        print(json.dumps(card.to_json(), indent=2, default=str))
    else:
        print_report(card, Console())


@app.command()
def entities(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl or table.")] = "jsonl",
) -> None:
    """Print typed spans: organisations, places, persons, weapons, vehicles, platforms, quantities, dates."""
    from sitrep.extract.entities import find_entities

    if format not in ("jsonl", "table"):
        fail(f"unknown format {format!r} (choose from jsonl, table)")
    documents = readable_documents(paths, None, None)
    console = Console()
    for document in documents:
        for span in find_entities(document):
            row = {
                "document_id": document.id,
                "start": span.start,
                "end": span.end,
                "text": span.text,
                "type": span.type,
            }
            if format == "jsonl":
                print(json.dumps(row, ensure_ascii=False))
            else:
                console.print(
                    f"{span.type:<17} {span.start:>6}-{span.end:<6} {span.text}",
                    highlight=False,
                    markup=False,
                )


@app.command()
def bench(
    corpus: Annotated[
        Path | None, typer.Argument(help="A .txt, a folder of .txt, or a TSV (text first).")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N documents.")] = None,
    geocode: Annotated[bool, typer.Option(help="Include geocoding in sitrep's runs.")] = False,
    repeat: Annotated[int, typer.Option(min=1, help="Runs of each configuration; the fastest counts.")] = 3,
    gazetteer: GazetteerOption = None,
) -> None:
    """Words per second: plain spaCy beside sitrep on the same corpus, in the same run."""
    from sitrep.bench import corpus_documents, run_bench
    from sitrep.core import make_extractor

    if corpus is not None and not corpus.exists():
        fail(f"{corpus}: no such file")
    documents = corpus_documents(corpus, limit)
    if not documents:
        fail("the corpus holds no documents")
    results, same = run_bench(documents, make_extractor(gazetteer, geocode=geocode), repeat)
    base = results[0].words_per_second
    print(f"{len(documents)} documents, {results[0].words} words")
    for r in results:
        print(
            f"{r.name:<46} {r.seconds:8.2f} s  {r.words_per_second:10,.0f} words/s  {r.words_per_second / base:5.2f}x  {r.events} events"
        )
    print(f"same events with and without the rule stage: {'yes' if same else 'NO'}")


def _mount_subcommands() -> None:
    try:
        from sitrep.cli.gazetteer import app as gazetteer_app
    except ImportError:
        pass
    else:
        app.add_typer(gazetteer_app, name="gazetteer", help="Build and query the offline gazetteer.")
    try:
        from sitrep.cli.control import app as control_app
    except ImportError:
        pass
    else:
        app.add_typer(control_app, name="control", help="Who holds which place as of a day, with evidence.")
    try:
        from sitrep.cli.serve import app as serve_app
    except ImportError:
        pass
    else:
        app.add_typer(serve_app, name="serve", help="Serve the REST API and the web map.")


_mount_subcommands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
