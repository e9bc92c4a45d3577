"""Data versions: counters bumped with every audited write, so cache keys cost one row read.

Revision ID: 0004_data_version
Revises: 0003
Create Date: 2026-12-02

Hand-written and portable: it must run on SQLite and PostgreSQL. The counters start at the
number of audit entries of their kind, so they keep counting the writes made so far.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_data_version"
down_revision = "0003"
branch_labels = None
depends_on = None

# Audited actions inside a draft, which the org views never show (as in assessments/audit.py
# at this revision; a migration keeps its own copy so later changes cannot alter it).
_DRAFT_ONLY = (
    "answer.save",
    "answer.clear",
    "chain.set",
    "draft.prefill",
    "conflict.kept",
    "data.export",
)


def upgrade() -> None:
    """Create `data_versions` with its counters (rows `period:<p>` come with the first write)."""
    versions = op.create_table(
        "data_versions",
        sa.Column("name", sa.String(20), nullable=False),
        sa.Column("version", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_data_versions"),
    )
    connection = op.get_bind()
    audit = sa.table("audit_log", sa.column("id", sa.Integer), sa.column("action", sa.String))
    every = connection.execute(sa.select(sa.func.count(audit.c.id))).scalar_one()
    org = connection.execute(
        sa.select(sa.func.count(audit.c.id)).where(audit.c.action.not_in(_DRAFT_ONLY))
    ).scalar_one()
    op.bulk_insert(
        versions,
        [
            {"name": "all", "version": every},
            {"name": "org", "version": org},
            {"name": "structure", "version": org},
        ],
    )


def downgrade() -> None:
    """Drop `data_versions`."""
    op.drop_table("data_versions")
