"""Answers carried by a prefill and not yet confirmed: `answers.carried_from`.

Revision ID: 0008_carried_answers
Revises: 0006_removal_requests_incidents
Create Date: 2026-12-02

Hand-written and portable: it must run on SQLite (batch operations) and PostgreSQL. Existing
answers were all given (or confirmed) by someone, so the column starts empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_carried_answers"
down_revision = "0006_removal_requests_incidents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add `answers.carried_from` (null: answered or confirmed)."""
    with op.batch_alter_table("answers") as batch:
        batch.add_column(sa.Column("carried_from", sa.String(7), nullable=True))


def downgrade() -> None:
    """Drop `answers.carried_from`: carried answers then read as confirmed."""
    with op.batch_alter_table("answers") as batch:
        batch.drop_column("carried_from")
