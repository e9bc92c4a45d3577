"""Evidence scans attached to assessments.

Revision ID: 0007_evidence_scans
Revises: 0003
Create Date: 2026-12-02

Hand-written and portable: it must run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_evidence_scans"
down_revision = "0004_data_version"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create `evidence_scans`."""
    op.create_table(
        "evidence_scans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("assessment_id", sa.Integer, nullable=False),
        sa.Column("scan", sa.JSON, nullable=False),
        sa.Column("fact_count", sa.Integer, nullable=False),
        sa.Column("attached_by", sa.String(320), nullable=False),
        sa.Column("attached_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_evidence_scans"),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_evidence_scans_assessment_id_assessments",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_evidence_scans_assessment_id", "evidence_scans", ["assessment_id"])


def downgrade() -> None:
    """Drop `evidence_scans`."""
    op.drop_index("ix_evidence_scans_assessment_id", table_name="evidence_scans")
    op.drop_table("evidence_scans")
