"""The FastAPI app: the JSON API under /api, the web map at /, Leaflet from the repo's node_modules."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from sitrep.api.routes import router
from sitrep.store import Store
from sitrep.store.database import database_url

WEB = Path(__file__).resolve().parents[1] / "web"
# `npm ci` at the repository root puts Leaflet here; the page says so when it is missing.
LEAFLET = Path(__file__).resolve().parents[2] / "node_modules" / "leaflet" / "dist"


def sqlite_file(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for another database (or an in-memory one)."""
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return None
    return Path(url.removeprefix("sqlite:///").split("?", 1)[0])


def create_app(db_url: str, leaflet_dir: Path | None = LEAFLET) -> FastAPI:
    """The API and web map over the store at `db_url` (a URL or an SQLite file), which must exist.

    The store is opened here and closed when the app shuts down; the app only reads from it.
    `leaflet_dir` is where Leaflet's dist/ files are (None or absent: the page asks for `npm ci`).
    """
    url = database_url(db_url)
    path = sqlite_file(url)
    if path is not None and not path.is_file():
        # Opening would create an empty database; a viewer should not write one.
        raise FileNotFoundError(f"{path}: no such database (store reports first with `sitrep ingest`)")
    store = Store(url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    # No /docs or /redoc: their pages load scripts from a CDN, and sitrep never reaches the network.
    app = FastAPI(
        title="sitrep",
        summary="Conflict events, their sources and who holds what.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.add_exception_handler(RequestValidationError, one_line_validation_error)  # type: ignore[arg-type]

    @app.middleware("http")
    async def revalidate(request: Request, call_next: Any) -> Any:
        # The browser checks its copy (ETag) every time, so a new sitrep's page is never served stale.
        response = await call_next(request)
        response.headers.setdefault("Cache-Control", "no-cache")
        return response

    app.include_router(router)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html")

    # The more specific mount first: Starlette takes the first route that matches.
    if leaflet_dir is not None and (leaflet_dir / "leaflet.js").is_file():
        app.mount("/static/vendor/leaflet", StaticFiles(directory=leaflet_dir), name="leaflet")
    app.mount("/static", StaticFiles(directory=WEB), name="static")
    return app


async def one_line_validation_error(_: Request, error: RequestValidationError) -> JSONResponse:
    """422 with one line naming the parameter, what it wants and what it got (not pydantic's error list)."""
    first = error.errors()[0]
    name = str(first["loc"][-1]) if first.get("loc") else "request"
    got = first.get("input")
    detail = f"{name}: {first['msg']}" + (f", not {got!r}" if isinstance(got, str) else "")
    return JSONResponse({"detail": detail}, status_code=422)
