"""64-bit place ids and figures on PostgreSQL: geonameid, fatalities, claim values, loss counts.

OpenSyria places without a GeoNames id have ids down to -2**32 (sitrep.geo.opensyria), which a 32-bit
INTEGER cannot hold. SQLite's INTEGER is 64-bit already, so nothing changes there.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column, nullable)
COLUMNS = (
    ("events", "fatalities", True),
    ("events", "geonameid", True),
    ("fused_events", "fatalities", True),
    ("fused_events", "geonameid", True),
    ("claims", "value", False),
    ("losses", "count", True),
    ("control", "geonameid", False),
)


def _alter(old: sa.types.TypeEngine, new: sa.types.TypeEngine) -> None:
    # get_context() rather than get_bind(): `alembic upgrade --sql` has no connection.
    if op.get_context().dialect.name == "sqlite":
        return
    for table, column, nullable in COLUMNS:
        op.alter_column(table, column, type_=new, existing_type=old, existing_nullable=nullable)


def upgrade() -> None:
    _alter(sa.Integer(), sa.BigInteger())


def downgrade() -> None:
    _alter(sa.BigInteger(), sa.Integer())
