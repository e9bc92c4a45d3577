"""Removal requests in storage: a team asks to remove a chain; an approver decides.

The only module that knows the SQL of `removal_requests`; the service enforces the rules.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from assessments.storage.tables import PENDING, OrgUnitRow, RemovalRequestRow, TeamRow


@dataclass(frozen=True)
class RemovalRequestView:
    """One request to remove a chain for a team, and its decision if any.

    Attributes:
        status: pending, approved, declined or expired.
        effective_on: from which day the chain counts as removed (approved requests only).
    """

    id: int
    team_slug: str
    team_name: str
    unit_slug: str
    chain_id: str
    reason: str
    planned_on: date
    status: str
    requested_by: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None
    effective_on: date | None


class RemovalRequestRepository:
    """Reads and writes removal requests over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        *,
        team_id: int,
        chain_id: str,
        reason: str,
        planned_on: date,
        requested_by: str,
        requested_at: datetime,
    ) -> int:
        """Insert a pending request; return its id."""
        row = RemovalRequestRow(
            team_id=team_id,
            chain_id=chain_id,
            reason=reason,
            planned_on=planned_on,
            status=PENDING,
            requested_by=requested_by,
            requested_at=requested_at,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def get(self, request_id: int) -> RemovalRequestView | None:
        """One request, if it exists."""
        found = self._views(RemovalRequestRow.id == request_id)
        return found[0] if found else None

    def find(
        self,
        *,
        team_slugs: Collection[str] | None = None,
        unit_slugs: Collection[str] | None = None,
        statuses: Collection[str] | None = None,
    ) -> list[RemovalRequestView]:
        """Requests, newest first, narrowed to teams, units and statuses when given."""
        clauses: list[ColumnElement[bool]] = []
        if team_slugs is not None:
            clauses.append(TeamRow.slug.in_(list(team_slugs)))
        if unit_slugs is not None:
            clauses.append(OrgUnitRow.slug.in_(list(unit_slugs)))
        if statuses is not None:
            clauses.append(RemovalRequestRow.status.in_(list(statuses)))
        return self._views(*clauses)

    def decide(
        self,
        request_id: int,
        *,
        status: str,
        decided_by: str,
        decided_at: datetime,
        note: str | None,
        effective_on: date | None,
    ) -> bool:
        """Record a decision on a pending request; False if it was no longer pending."""
        result = self.session.execute(
            update(RemovalRequestRow)
            .where(RemovalRequestRow.id == request_id, RemovalRequestRow.status == PENDING)
            .values(
                status=status,
                decided_by=decided_by,
                decided_at=decided_at,
                decision_note=note,
                effective_on=effective_on,
            )
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    def _views(self, *clauses: ColumnElement[bool]) -> list[RemovalRequestView]:
        # Columns, not ORM entities: an org's thousands of requests load in a third of the time.
        query = (
            select(
                RemovalRequestRow.id,
                TeamRow.slug.label("team_slug"),
                TeamRow.name.label("team_name"),
                OrgUnitRow.slug.label("unit_slug"),
                *(getattr(RemovalRequestRow, name) for name in _REQUEST_COLUMNS),
            )
            .join(TeamRow, RemovalRequestRow.team_id == TeamRow.id)
            .join(OrgUnitRow, TeamRow.unit_id == OrgUnitRow.id)
            .where(*clauses)
            .order_by(RemovalRequestRow.requested_at.desc(), RemovalRequestRow.id.desc())
        )
        return [RemovalRequestView(**row._asdict()) for row in self.session.execute(query)]


_REQUEST_COLUMNS = (
    "chain_id",
    "reason",
    "planned_on",
    "status",
    "requested_by",
    "requested_at",
    "decided_by",
    "decided_at",
    "decision_note",
    "effective_on",
)
"""The columns of a request's view, besides its id and its team's and unit's names."""
