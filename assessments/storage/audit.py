"""The audit log: every write records who did what to which entity, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from assessments.storage.tables import AuditRow, DataVersionRow


class AuditAction(StrEnum):
    """The writes the audit log knows."""

    DRAFT_CREATE = "draft.create"
    ANSWER_SAVE = "answer.save"
    ANSWER_CLEAR = "answer.clear"
    CHAIN_SET = "chain.set"
    DRAFT_PREFILL = "draft.prefill"
    ANSWERS_CONFIRM = "answers.confirm"
    ASSESSMENT_SUBMIT = "assessment.submit"
    CONFLICT_KEPT = "conflict.kept"
    CONFLICT_REAPPLIED = "conflict.reapplied"
    ORG_IMPORT = "org.import"
    UNIT_CREATE = "unit.create"
    TEAM_CREATE = "team.create"
    DEMO_SEED = "demo.seed"
    ROLE_CHANGE = "role.change"
    DATA_EXPORT = "data.export"
    DATA_IMPORT = "data.import"
    REMOVAL_REQUEST = "removal.request"
    REMOVAL_APPROVE = "removal.approve"
    REMOVAL_DECLINE = "removal.decline"
    REMOVAL_EXPIRE = "removal.expire"
    INCIDENT_RECORD = "incident.record"
    INCIDENT_IMPORT = "incident.import"
    EVIDENCE_ATTACH = "evidence.attach"


DRAFT_ONLY_ACTIONS = frozenset(
    {
        AuditAction.ANSWER_SAVE,
        AuditAction.ANSWER_CLEAR,
        AuditAction.CHAIN_SET,
        AuditAction.DRAFT_PREFILL,
        AuditAction.ANSWERS_CONFIRM,
        AuditAction.CONFLICT_KEPT,
        AuditAction.DATA_EXPORT,
    }
)
"""Audited writes the org views never show: edits inside a draft, and exports."""

EVERY_WRITE = "all"
ORG_WRITES = "org"
STRUCTURE = "structure"
"""Data versions: every write; writes the org views can show; those not tied to one period
(units, teams, imports, roles). Each period also has its own, `period:<period>`, moved by
drafts opened and submissions made in it, so a past period's scored table stays cached."""


@dataclass(frozen=True)
class AuditEntryView:
    """One audited write.

    Attributes:
        entity: the kind of thing written, e.g. "assessment", "team", "org".
        entity_id: its id or slug, as text.
        details: what changed, as JSON-ready data.
    """

    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    details: dict[str, Any]


class AuditRecorder:
    """Adds audit entries to one transaction, with its actor and time already bound.

    Attributes:
        actor: who does the work (an email, or "roles-file", "demo-seed", …).
        at: when the unit of work started; every entry and timestamp of it uses this time.
    """

    def __init__(self, session: Session, actor: str, at: datetime) -> None:
        self._session = session
        self.actor = actor
        self.at = at

    def record(
        self,
        action: AuditAction,
        entity: str,
        entity_id: str | int,
        details: dict[str, Any] | None = None,
        period: str | None = None,
    ) -> None:
        """Add one entry to the transaction, so it commits (or rolls back) with the change.

        The data versions move in the same transaction: a reader sees the new version exactly
        when it can see the write. `period` is the period of the assessment written, if any.
        """
        self._session.add(
            AuditRow(
                at=self.at,
                actor=self.actor,
                action=action.value,
                entity=entity,
                entity_id=str(entity_id),
                details=details or {},
            )
        )
        _bump(self._session, versions_moved_by(action, period))


def versions_moved_by(action: AuditAction, period: str | None) -> list[str]:
    """The data versions a write moves: every write; org-visible writes also move the org's
    and either their period's (`period:<period>`) or, with no period, the structure's."""
    if action in DRAFT_ONLY_ACTIONS:
        return [EVERY_WRITE]
    return [EVERY_WRITE, ORG_WRITES, STRUCTURE if period is None else f"period:{period}"]


def _bump(session: Session, names: list[str]) -> None:
    # INSERT .. ON CONFLICT DO UPDATE (SQLite and PostgreSQL alike): the first write of a new
    # period creates its row, and two replicas doing so at once cannot collide.
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    statement = insert(DataVersionRow).values([{"name": n, "version": 1} for n in names])
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[DataVersionRow.name],
            set_={"version": DataVersionRow.version + 1},
        )
    )


def data_version(session: Session, name: str) -> str:
    """The current value of one data version (one primary-key read), as a cache key."""
    version = session.scalar(select(DataVersionRow.version).where(DataVersionRow.name == name))
    return str(version or 0)


def period_version(session: Session, period: str) -> str:
    """What a cached table of `period` depends on: the structure's and the period's versions."""
    rows = dict(
        session.execute(
            select(DataVersionRow.name, DataVersionRow.version).where(
                DataVersionRow.name.in_([STRUCTURE, f"period:{period}"])
            )
        ).all()
    )
    return f"{rows.get(STRUCTURE, 0)}.{rows.get(f'period:{period}', 0)}"


def entries(
    session: Session,
    *,
    limit: int,
    actor: str | None,
    action: str | None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[AuditEntryView]:
    """The newest audit entries first, optionally for one actor or action, in [since, until)."""
    query = select(AuditRow).order_by(AuditRow.at.desc(), AuditRow.id.desc()).limit(limit)
    if actor is not None:
        query = query.where(AuditRow.actor == actor)
    if action is not None:
        query = query.where(AuditRow.action == action)
    if since is not None:
        query = query.where(AuditRow.at >= since)
    if until is not None:
        query = query.where(AuditRow.at < until)
    return [view(row) for row in session.scalars(query)]


def actors(session: Session) -> list[str]:
    """Everyone who has written anything, alphabetically."""
    return list(session.scalars(select(AuditRow.actor).distinct().order_by(AuditRow.actor)))


def view(row: AuditRow) -> AuditEntryView:
    """The view of one audit row."""
    return AuditEntryView(
        id=row.id,
        at=row.at,
        actor=row.actor,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        details=dict(row.details),
    )
