"""The storage schema as SQLAlchemy 2 declarative models; only storage/ uses them.

Migrations in `assessments/storage/migrations/versions/` are written by hand and must produce
exactly this schema; `tests/integration/test_migrations.py` compares the two.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp, also on SQLite (which stores no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with constraint names that migrations can refer to."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        dict[str, Any]: JSON(),
    }


class OrgUnitRow(Base):
    """An org unit (a department or tribe) that groups teams."""

    __tablename__ = "org_units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class TeamRow(Base):
    """A team that assesses itself once a period."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    created_at: Mapped[datetime]


class AssessmentRow(Base):
    """One revision of one team's assessment for one period."""

    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("team_id", "period", "revision"),
        CheckConstraint("status IN ('draft', 'submitted')", name="status"),
        Index(None, "period", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    period: Mapped[str] = mapped_column(String(7))
    questionnaire_id: Mapped[str] = mapped_column(String(100))
    questionnaire_version: Mapped[str] = mapped_column(String(50))
    catalogue_id: Mapped[str | None] = mapped_column(String(100))
    catalogue_version: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(16))
    revision: Mapped[int]
    version: Mapped[int]
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(320))
    updated_at: Mapped[datetime]
    submitted_by: Mapped[str | None] = mapped_column(String(320))
    submitted_at: Mapped[datetime | None]


class AnswerRow(Base):
    """One answer of one assessment: a value, not applicable with a reason, or don't know."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("assessment_id", "question_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(50))
    value: Mapped[int | None]
    not_applicable: Mapped[str | None] = mapped_column(Text)
    dont_know: Mapped[bool] = mapped_column(Boolean)
    evidence: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    carried_from: Mapped[str | None] = mapped_column(String(7))
    """The period a prefill copied this answer from, until someone confirms or changes it."""


class ChainStateRow(Base):
    """Whether a team has an approval chain removed, as of one assessment."""

    __tablename__ = "chain_states"
    __table_args__ = (UniqueConstraint("assessment_id", "chain_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    chain_id: Mapped[str] = mapped_column(String(100))
    removed: Mapped[bool] = mapped_column(Boolean)


class ConflictingEditRow(Base):
    """A write rejected by optimistic locking, kept so nothing the user typed is lost."""

    __tablename__ = "conflicting_edits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(50))
    target: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]]
    actor: Mapped[str] = mapped_column(String(320))
    expected_version: Mapped[int]
    found_version: Mapped[int]
    found_updated_by: Mapped[str] = mapped_column(String(320))
    found_updated_at: Mapped[datetime]
    created_at: Mapped[datetime]


class AuditRow(Base):
    """One write, who made it and when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(320), index=True)
    action: Mapped[str] = mapped_column(String(50), index=True)
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str] = mapped_column(String(200))
    details: Mapped[dict[str, Any]]


class DataVersionRow(Base):
    """A counter bumped in the same transaction as every audited write (see `audit.record`).

    Cached reads are keyed by it: one primary-key read, however long the audit trail grows.
    `name` is "all" (every write) or "org" (writes the org views can show).
    """

    __tablename__ = "data_versions"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)


class ContentVersionRow(Base):
    """A questionnaire, catalogue or migration map version as it was when first put in force.

    Never updated: history is scored with the content stored here, whatever the files say now.
    """

    __tablename__ = "content_versions"
    __table_args__ = (
        UniqueConstraint("kind", "content_id", "version"),
        CheckConstraint("kind IN ('questionnaire', 'catalogue', 'migration_map')", name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    content_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(50))
    sha256: Mapped[str] = mapped_column(String(64))
    body: Mapped[dict[str, Any]]
    source_file: Mapped[str] = mapped_column(String(500))
    first_used_at: Mapped[datetime]


class RoleAssignmentRow(Base):
    """One role granted to one email: admin, org viewer or approver (of the org or a unit),
    team editor."""

    __tablename__ = "role_assignments"
    __table_args__ = (
        UniqueConstraint("email", "role", "scope"),
        CheckConstraint("role IN ('admin', 'org_viewer', 'team_editor', 'approver')", name="role"),
        CheckConstraint("source IN ('file', 'admin')", name="source"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    role: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(10))
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime]


PENDING = "pending"
APPROVED = "approved"
DECLINED = "declined"
EXPIRED = "expired"
REQUEST_STATUSES = (PENDING, APPROVED, DECLINED, EXPIRED)
SEVERITIES = ("low", "medium", "high", "critical")


class RemovalRequestRow(Base):
    """A team's request to remove one approval chain, and the approver's decision on it."""

    __tablename__ = "removal_requests"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'approved', 'declined', 'expired')", name="status"),
        Index(None, "team_id", "chain_id"),
        Index(None, "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    chain_id: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    planned_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    requested_by: Mapped[str] = mapped_column(String(320))
    requested_at: Mapped[datetime]
    decided_by: Mapped[str | None] = mapped_column(String(320))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text)
    effective_on: Mapped[date | None] = mapped_column(Date)


class IncidentRow(Base):
    """An agent incident or near miss a team recorded."""

    __tablename__ = "incidents"
    __table_args__ = (
        CheckConstraint("severity IN ('low', 'medium', 'high', 'critical')", name="severity"),
        Index(None, "team_id", "occurred_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    occurred_on: Mapped[date] = mapped_column(Date)
    severity: Mapped[str] = mapped_column(String(10))
    pillar: Mapped[str] = mapped_column(String(100))
    chain_id: Mapped[str | None] = mapped_column(String(100))
    summary: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(320))
    recorded_at: Mapped[datetime]


class EvidenceScanRow(Base):
    """A configuration scan attached to one assessment: its facts, problems and files."""

    __tablename__ = "evidence_scans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    scan: Mapped[dict[str, Any]]
    fact_count: Mapped[int]
    attached_by: Mapped[str] = mapped_column(String(320))
    attached_at: Mapped[datetime]
