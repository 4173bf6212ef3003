"""`sitrep serve`: the REST API and the web map over a store, on one address."""

from __future__ import annotations

import socket
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(
    help="Serve the REST API and the web map (events, timeline, control, evidence).",
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)  # an error stays one line, however long

DEFAULT_DB = "sqlite:///sitrep.db"
DbOption = Annotated[str, typer.Option("--db", help="Database URL or SQLite file.", envvar="SITREP_DB")]


@app.callback(invoke_without_command=True)
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the JSON API under /api and the map at / until interrupted (Ctrl-C)."""
    try:
        import uvicorn

        from sitrep.api import create_app
    except ImportError as error:
        err.print(f"sitrep: serve needs {error.name} (pip install -r requirements.txt)", highlight=False)
        raise typer.Exit(2) from None
    try:
        api = create_app(db)
    except FileNotFoundError as error:
        err.print(f"sitrep: {error}", highlight=False, markup=False)
        raise typer.Exit(2) from None
    # Bound here, so a taken port is a one-line exit 2 before anything claims to be serving.
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        api.state.store.close()
        err.print(f"sitrep: cannot listen on {host}:{port}: {error.strerror}", highlight=False, markup=False)
        raise typer.Exit(2) from None
    address = f"[{host}]" if ":" in host else host
    err.print(
        f"sitrep: serving {db} on http://{address}:{port}/ (Ctrl-C stops)", highlight=False, markup=False
    )
    with sock:
        uvicorn.Server(uvicorn.Config(api, log_level="warning")).run(sockets=[sock])
