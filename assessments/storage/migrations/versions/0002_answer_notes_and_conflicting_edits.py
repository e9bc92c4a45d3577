"""Notes on answers, and a place to keep edits that lost an optimistic-lock race.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-23

Hand-written and portable: it must run on SQLite (batch operations) and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add `answers.note` and the `conflicting_edits` table."""
    with op.batch_alter_table("answers") as batch:
        batch.add_column(sa.Column("note", sa.Text, nullable=True))
    op.create_table(
        "conflicting_edits",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("assessment_id", sa.Integer, nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("target", sa.String(100), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("actor", sa.String(320), nullable=False),
        sa.Column("expected_version", sa.Integer, nullable=False),
        sa.Column("found_version", sa.Integer, nullable=False),
        sa.Column("found_updated_by", sa.String(320), nullable=False),
        sa.Column("found_updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_conflicting_edits"),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_conflicting_edits_assessment_id_assessments",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_conflicting_edits_assessment_id", "conflicting_edits", ["assessment_id"])


def downgrade() -> None:
    """Drop `conflicting_edits` and `answers.note`."""
    op.drop_index("ix_conflicting_edits_assessment_id", table_name="conflicting_edits")
    op.drop_table("conflicting_edits")
    with op.batch_alter_table("answers") as batch:
        batch.drop_column("note")
