"""Stage 6, store: documents and events in SQLite or PostgreSQL, migrated by Alembic."""

from sitrep.store.database import EventFilters, Store
from sitrep.store.ids import assign_event_ids, event_id_for

__all__ = ["EventFilters", "Store", "assign_event_ids", "event_id_for"]
