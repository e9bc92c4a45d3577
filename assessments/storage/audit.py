"""The audit log: every write records who did what to which entity, and when."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assessments.storage.tables import AuditRow


class AuditAction(StrEnum):
    """The writes the audit log knows."""

    DRAFT_CREATE = "draft.create"
    ANSWER_SAVE = "answer.save"
    ANSWER_CLEAR = "answer.clear"
    CHAIN_SET = "chain.set"
    DRAFT_PREFILL = "draft.prefill"
    ASSESSMENT_SUBMIT = "assessment.submit"
    CONFLICT_KEPT = "conflict.kept"
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
    ) -> None:
        """Add one entry to the transaction, so it commits (or rolls back) with the change."""
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


def version(session: Session, actions: Sequence[str] | None) -> str:
    """Count and last id of the audit entries (of `actions`, if given): "count-last"."""
    query = select(func.count(AuditRow.id), func.max(AuditRow.id))
    if actions is not None:
        query = query.where(AuditRow.action.in_(actions))
    count, last = session.execute(query).one()
    return f"{count}-{last or 0}"


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
