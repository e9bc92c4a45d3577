"""Content versions: every questionnaire, catalogue and migration map ever put in force.

Revision ID: 0005_content_versions
Revises: 0003
Create Date: 2026-12-02

Also records on each assessment the catalogue it was answered with. Existing assessments get
NULL there; the first start after the upgrade stores the content in force and fills those
assessments with the catalogue in force, which is what scored them until now.
Hand-written and portable: it must run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_content_versions"
down_revision = "0007_evidence_scans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create `content_versions`; add the catalogue columns to `assessments`."""
    op.create_table(
        "content_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("content_id", sa.String(100), nullable=False),
        sa.Column("version", sa.String(50), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("source_file", sa.String(500), nullable=False),
        sa.Column("first_used_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_content_versions"),
        sa.UniqueConstraint(
            "kind", "content_id", "version", name="uq_content_versions_kind_content_id_version"
        ),
        sa.CheckConstraint(
            "kind IN ('questionnaire', 'catalogue', 'migration_map')",
            name="ck_content_versions_kind",
        ),
    )
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("catalogue_id", sa.String(100), nullable=True))
        batch.add_column(sa.Column("catalogue_version", sa.String(50), nullable=True))


def downgrade() -> None:
    """Drop the catalogue columns and `content_versions`."""
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("catalogue_version")
        batch.drop_column("catalogue_id")
    op.drop_table("content_versions")
