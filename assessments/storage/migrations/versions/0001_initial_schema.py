"""Initial schema: org units, teams, assessments, answers, chain states, audit log.

Revision ID: 0001
Revises:
Create Date: 2025-11-23

Hand-written and portable: it must run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

WHO = sa.String(320)


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    """Create the tables."""
    op.create_table(
        "org_units",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(100), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        _when("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_org_units"),
        sa.UniqueConstraint("slug", name="uq_org_units_slug"),
    )
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(100), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("unit_id", sa.Integer, nullable=False),
        _when("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_teams"),
        sa.UniqueConstraint("slug", name="uq_teams_slug"),
        sa.ForeignKeyConstraint(["unit_id"], ["org_units.id"], name="fk_teams_unit_id_org_units"),
    )
    op.create_index("ix_teams_unit_id", "teams", ["unit_id"])
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("team_id", sa.Integer, nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("questionnaire_id", sa.String(100), nullable=False),
        sa.Column("questionnaire_version", sa.String(50), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_by", WHO, nullable=False),
        _when("created_at"),
        sa.Column("updated_by", WHO, nullable=False),
        _when("updated_at"),
        sa.Column("submitted_by", WHO, nullable=True),
        _when("submitted_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
        sa.UniqueConstraint(
            "team_id", "period", "revision", name="uq_assessments_team_id_period_revision"
        ),
        sa.CheckConstraint("status IN ('draft', 'submitted')", name="ck_assessments_status"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_assessments_team_id_teams"),
    )
    op.create_index("ix_assessments_period_status", "assessments", ["period", "status"])
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("assessment_id", sa.Integer, nullable=False),
        sa.Column("question_id", sa.String(50), nullable=False),
        sa.Column("value", sa.Integer, nullable=True),
        sa.Column("not_applicable", sa.Text, nullable=True),
        sa.Column("dont_know", sa.Boolean, nullable=False),
        sa.Column("evidence", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_answers"),
        sa.UniqueConstraint(
            "assessment_id", "question_id", name="uq_answers_assessment_id_question_id"
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_answers_assessment_id_assessments",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "chain_states",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("assessment_id", sa.Integer, nullable=False),
        sa.Column("chain_id", sa.String(100), nullable=False),
        sa.Column("removed", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_chain_states"),
        sa.UniqueConstraint(
            "assessment_id", "chain_id", name="uq_chain_states_assessment_id_chain_id"
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_chain_states_assessment_id_assessments",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        _when("at"),
        sa.Column("actor", WHO, nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("entity", sa.String(50), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("details", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_actor", "audit_log", ["actor"])
    op.create_index("ix_audit_log_action", "audit_log", ["action"])


def downgrade() -> None:
    """Drop the tables."""
    for table in ("audit_log", "chain_states", "answers", "assessments", "teams", "org_units"):
        op.drop_table(table)
