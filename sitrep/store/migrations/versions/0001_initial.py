"""Initial schema: documents, events, evidence, claims, losses, sources.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The migration spells the tables out rather than importing schema.py, so it stays what it was
# when later migrations change schema.py.
ID = sa.String(64)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", ID, primary_key=True, comment="content hash of the text"),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("source", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("language", sa.String(16)),
        sa.Column("path", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("event_id", ID, primary_key=True),
        sa.Column("document_id", ID, sa.ForeignKey("documents.id")),
        sa.Column("event_date", sa.Date()),
        sa.Column("time_precision", sa.Integer()),
        sa.Column("disorder_type", sa.Text()),
        sa.Column("event_type", sa.Text()),
        sa.Column("sub_event_type", sa.Text()),
        sa.Column("actor1", sa.Text()),
        sa.Column("assoc_actor_1", sa.Text()),
        sa.Column("inter1", sa.Integer()),
        sa.Column("actor2", sa.Text()),
        sa.Column("assoc_actor_2", sa.Text()),
        sa.Column("inter2", sa.Integer()),
        sa.Column("interaction", sa.Text()),
        sa.Column("civilian_targeting", sa.Text()),
        sa.Column("iso", sa.Integer()),
        sa.Column("country", sa.Text()),
        sa.Column("admin1", sa.Text()),
        sa.Column("admin2", sa.Text()),
        sa.Column("admin3", sa.Text()),
        sa.Column("location", sa.Text()),
        sa.Column("latitude", sa.Float()),
        sa.Column("longitude", sa.Float()),
        sa.Column("geo_precision", sa.Integer()),
        sa.Column("source", sa.Text()),
        sa.Column("source_scale", sa.Text()),
        sa.Column("notes", sa.Text()),
        sa.Column("fatalities", sa.Integer()),
        sa.Column("tags", sa.Text()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("claimed_by", sa.Text()),
        sa.Column("certainty", sa.Float()),
        sa.Column("confidence", sa.Float()),
        sa.Column("plover_event", sa.Text()),
        sa.Column("geonameid", sa.Integer()),
    )
    for column in ("event_date", "sub_event_type", "actor1", "actor2", "country", "admin1"):
        op.create_index(f"ix_events_{column}", "events", [column])

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_id", ID, sa.ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
        sa.Column("document_id", ID, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_index("ix_evidence_event_id", "evidence", ["event_id"])

    op.create_table(
        "claims",
        sa.Column("event_id", ID, sa.ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
        sa.Column(
            "kind", sa.String(32), primary_key=True, comment="killed, injured, killed_or_injured, captured…"
        ),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("qualifier", sa.Text()),
        sa.Column("who", sa.Text()),
    )

    op.create_table(
        "losses",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_id", ID, sa.ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
        sa.Column("side", sa.Text()),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("count", sa.Integer()),
        sa.Column("claimed_by", sa.Text()),
    )
    op.create_index("ix_losses_event_id", "losses", ["event_id"])

    op.create_table(
        "sources",
        sa.Column("event_id", ID, sa.ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("document_id", ID, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("source", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("published", sa.Date()),
    )
    op.create_index("ix_sources_document_id", "sources", ["document_id"])


def downgrade() -> None:
    for table in ("sources", "losses", "claims", "evidence", "events", "documents"):
        op.drop_table(table)
