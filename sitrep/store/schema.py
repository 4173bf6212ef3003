"""The database tables, in SQLAlchemy Core: documents, events and what hangs off an event.

Events and documents are many-to-many through `sources`, because fusion merges reports of one event
from several documents. Migration files under `migrations/versions/` must create exactly this.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from sitrep.store.portable import WIDE_INTEGER

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True, comment="content hash of the text"),
    Column("title", Text),
    Column("published", Date),
    Column("source", Text),
    Column("url", Text),
    Column("language", String(16)),
    Column("path", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id")),
    Column("event_date", Date),
    Column("time_precision", Integer),
    Column("disorder_type", Text),
    Column("event_type", Text),
    Column("sub_event_type", Text),
    Column("actor1", Text),
    Column("assoc_actor_1", Text),
    Column("inter1", Integer),
    Column("actor2", Text),
    Column("assoc_actor_2", Text),
    Column("inter2", Integer),
    Column("interaction", Text),
    Column("civilian_targeting", Text),
    Column("iso", Integer),
    Column("country", Text),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("admin3", Text),
    Column("location", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("source", Text),
    Column("source_scale", Text),
    Column("notes", Text),
    Column("fatalities", WIDE_INTEGER),
    Column("tags", Text),
    Column("status", String(16), nullable=False),
    Column("claimed_by", Text),
    Column("certainty", Float),
    Column("confidence", Float),
    Column("plover_event", Text),
    Column("geonameid", WIDE_INTEGER),
    Column("type_rule", Text),  # the sub-event rule that decided (sitrep.extract.subevent)
    Index("ix_events_event_date", "event_date"),
    Index("ix_events_sub_event_type", "sub_event_type"),
    Index("ix_events_actor1", "actor1"),
    Index("ix_events_actor2", "actor2"),
    Index("ix_events_country", "country"),
    Index("ix_events_admin1", "admin1"),
)

# Child rows carry an autoincrement id only to keep the order the extractor gave them.
evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_evidence_event_id", "event_id"),
)

claims = Table(
    "claims",
    metadata,
    Column("event_id", String(64), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(32), primary_key=True, comment="killed, injured, killed_or_injured, captured…"),
    Column("value", WIDE_INTEGER, nullable=False),
    Column("qualifier", Text),
    Column("who", Text),
)

losses = Table(
    "losses",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
    Column("side", Text),
    Column("item", Text, nullable=False),
    Column("count", WIDE_INTEGER),
    Column("claimed_by", Text),
    Index("ix_losses_event_id", "event_id"),
)

sources = Table(
    "sources",
    metadata,
    Column("event_id", String(64), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("source", Text),
    Column("url", Text),
    Column("published", Date),
    Index("ix_sources_document_id", "document_id"),
)

# Fusion (migration 0002): one row per real-world event, built from the per-document `events` it fuses.
# fused_events has the events columns (event_id is the smallest member's id) plus how many reports it has;
# its claims, losses and evidence are read from its members through fused_members.
fused_events = Table(
    "fused_events",
    metadata,
    *(
        Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
        for c in events.columns
        if c.name != "document_id"
    ),  # fmt: skip
    Column("document_id", String(64)),
    Column("n_reports", Integer, nullable=False),
    Index("ix_fused_events_event_date", "event_date"),
    Index("ix_fused_events_geonameid", "geonameid"),
    Index("ix_fused_events_admin1", "admin1"),
)

fused_members = Table(
    "fused_members",
    metadata,
    Column("event_id", String(64), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("fused_id", String(64), nullable=False),
    Index("ix_fused_members_fused_id", "fused_id"),
)

# The control timeline: per settlement, holder from `since` until `until` (exclusive; NULL = still).
# No index on since: an as-of question reads most rows, and a plain scan beats index lookups there.
control = Table(
    "control",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("geonameid", WIDE_INTEGER, nullable=False),
    Column("place", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("admin1", Text),
    Column("country", Text),
    Column("holder", Text),
    Column("since", Date, nullable=False),
    Column("until", Date),
    Column("evidence", Text, nullable=False, comment="event ids joined by '; '"),
    Column("confidence", Float, nullable=False),
    Column("contested", Boolean, nullable=False),
    Index("ix_control_geonameid", "geonameid"),
)
