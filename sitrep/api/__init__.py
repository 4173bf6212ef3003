"""Stage 7, serve: the REST API over a store, and the web map it serves (`sitrep serve`)."""

from sitrep.api.app import create_app

__all__ = ["create_app"]
