"""Fusion and control: fused_events, fused_members, control.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(64)
# The events columns as 0001 created them (document_id comes last in fused_events).
EVENT_COLUMNS = (
    ("event_date", sa.Date), ("time_precision", sa.Integer), ("disorder_type", sa.Text),
    ("event_type", sa.Text), ("sub_event_type", sa.Text), ("actor1", sa.Text), ("assoc_actor_1", sa.Text),
    ("inter1", sa.Integer), ("actor2", sa.Text), ("assoc_actor_2", sa.Text), ("inter2", sa.Integer),
    ("interaction", sa.Text), ("civilian_targeting", sa.Text), ("iso", sa.Integer), ("country", sa.Text),
    ("admin1", sa.Text), ("admin2", sa.Text), ("admin3", sa.Text), ("location", sa.Text),
    ("latitude", sa.Float), ("longitude", sa.Float), ("geo_precision", sa.Integer), ("source", sa.Text),
    ("source_scale", sa.Text), ("notes", sa.Text), ("fatalities", sa.Integer), ("tags", sa.Text),
)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "fused_events",
        sa.Column("event_id", ID, primary_key=True),
        *(sa.Column(name, kind()) for name, kind in EVENT_COLUMNS),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("claimed_by", sa.Text()),
        sa.Column("certainty", sa.Float()),
        sa.Column("confidence", sa.Float()),
        sa.Column("plover_event", sa.Text()),
        sa.Column("geonameid", sa.Integer()),
        sa.Column("document_id", ID),
        sa.Column("n_reports", sa.Integer(), nullable=False),
    )
    for column in ("event_date", "geonameid", "admin1"):
        op.create_index(f"ix_fused_events_{column}", "fused_events", [column])

    op.create_table(
        "fused_members",
        sa.Column("event_id", ID, sa.ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("fused_id", ID, nullable=False),
    )
    op.create_index("ix_fused_members_fused_id", "fused_members", ["fused_id"])

    op.create_table(
        "control",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("geonameid", sa.Integer(), nullable=False),
        sa.Column("place", sa.Text()),
        sa.Column("latitude", sa.Float()),
        sa.Column("longitude", sa.Float()),
        sa.Column("admin1", sa.Text()),
        sa.Column("country", sa.Text()),
        sa.Column("holder", sa.Text()),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("until", sa.Date()),
        sa.Column("evidence", sa.Text(), nullable=False, comment="event ids joined by '; '"),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("contested", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_control_geonameid", "control", ["geonameid"])


def downgrade() -> None:
    for table in ("control", "fused_members", "fused_events"):
        op.drop_table(table)
