"""Removal requests with sign-off, incidents, and the approver role.

Revision ID: 0006_removal_requests_incidents
Revises: 0005_content_versions
Create Date: 2026-12-02

Hand-written and portable: it must run on SQLite (batch operations) and PostgreSQL. The role
check constraint is rebuilt from a copy of the table as 0003 made it, so SQLite needs no
reflection of check constraints.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_removal_requests_incidents"
down_revision = "0005_content_versions"
branch_labels = None
depends_on = None

OLD_ROLES = "role IN ('admin', 'org_viewer', 'team_editor')"
NEW_ROLES = "role IN ('admin', 'org_viewer', 'team_editor', 'approver')"


def _role_assignments(roles: str) -> sa.Table:
    """`role_assignments` as it stands, with the given role check."""
    return sa.Table(
        "role_assignments",
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("scope", sa.String(100), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("created_by", sa.String(320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_role_assignments"),
        sa.UniqueConstraint("email", "role", "scope", name="uq_role_assignments_email_role_scope"),
        sa.CheckConstraint(roles, name="ck_role_assignments_role"),
        sa.CheckConstraint("source IN ('file', 'admin')", name="ck_role_assignments_source"),
        sa.Index("ix_role_assignments_email", "email"),
    )


def _swap_role_check(old: str, new: str) -> None:
    with op.batch_alter_table("role_assignments", copy_from=_role_assignments(old)) as batch:
        batch.drop_constraint("ck_role_assignments_role", type_="check")
        batch.create_check_constraint("ck_role_assignments_role", sa.text(new))


def upgrade() -> None:
    """Allow the approver role; create `removal_requests` and `incidents`."""
    _swap_role_check(OLD_ROLES, NEW_ROLES)
    op.create_table(
        "removal_requests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("team_id", sa.Integer, nullable=False),
        sa.Column("chain_id", sa.String(100), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("planned_on", sa.Date, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("requested_by", sa.String(320), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(320), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text, nullable=True),
        sa.Column("effective_on", sa.Date, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_removal_requests"),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name="fk_removal_requests_team_id_teams"
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'declined', 'expired')",
            name="ck_removal_requests_status",
        ),
    )
    op.create_index(
        "ix_removal_requests_team_id_chain_id", "removal_requests", ["team_id", "chain_id"]
    )
    op.create_index("ix_removal_requests_status", "removal_requests", ["status"])
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("team_id", sa.Integer, nullable=False),
        sa.Column("occurred_on", sa.Date, nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("pillar", sa.String(100), nullable=False),
        sa.Column("chain_id", sa.String(100), nullable=True),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("link", sa.Text, nullable=True),
        sa.Column("recorded_by", sa.String(320), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_incidents_team_id_teams"),
        sa.CheckConstraint(
            "severity IN ('low', 'medium', 'high', 'critical')", name="ck_incidents_severity"
        ),
    )
    op.create_index("ix_incidents_team_id_occurred_on", "incidents", ["team_id", "occurred_on"])


def downgrade() -> None:
    """Drop `incidents` and `removal_requests`; approver grants go with the role."""
    op.drop_index("ix_incidents_team_id_occurred_on", table_name="incidents")
    op.drop_table("incidents")
    op.drop_index("ix_removal_requests_status", table_name="removal_requests")
    op.drop_index("ix_removal_requests_team_id_chain_id", table_name="removal_requests")
    op.drop_table("removal_requests")
    op.execute("DELETE FROM role_assignments WHERE role = 'approver'")
    _swap_role_check(NEW_ROLES, OLD_ROLES)
