"""Role assignments: who may see and change what.

Revision ID: 0003
Revises: 0002
Create Date: 2025-11-24

Hand-written and portable: it must run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create `role_assignments`."""
    op.create_table(
        "role_assignments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("scope", sa.String(100), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("created_by", sa.String(320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_role_assignments"),
        sa.UniqueConstraint("email", "role", "scope", name="uq_role_assignments_email_role_scope"),
        sa.CheckConstraint(
            "role IN ('admin', 'org_viewer', 'team_editor')", name="ck_role_assignments_role"
        ),
        sa.CheckConstraint("source IN ('file', 'admin')", name="ck_role_assignments_source"),
    )
    op.create_index("ix_role_assignments_email", "role_assignments", ["email"])


def downgrade() -> None:
    """Drop `role_assignments`."""
    op.drop_index("ix_role_assignments_email", table_name="role_assignments")
    op.drop_table("role_assignments")
