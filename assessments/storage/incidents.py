"""Incidents in storage: agent incidents and near misses a team recorded.

The only module that knows the SQL of `incidents`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from assessments.storage.tables import IncidentRow, OrgUnitRow, TeamRow
from scoring.track_record import IncidentRecord, Severity


@dataclass(frozen=True)
class IncidentView:
    """One recorded incident, with its team.

    Attributes:
        summary: what happened, as typed (render it inert).
        link: an optional URL to the write-up.
    """

    id: int
    team_slug: str
    team_name: str
    unit_slug: str
    occurred_on: date
    severity: str
    pillar: str
    chain_id: str | None
    summary: str
    link: str | None
    recorded_by: str
    recorded_at: datetime

    def record(self) -> IncidentRecord:
        """The incident as the track record sees it."""
        return IncidentRecord(
            id=self.id,
            occurred_on=self.occurred_on,
            severity=Severity(self.severity),
            pillar=self.pillar,
            chain=self.chain_id,
            summary=self.summary,
        )


@dataclass(frozen=True)
class NewIncident:
    """An incident to store, for a team given by id."""

    team_id: int
    occurred_on: date
    severity: str
    pillar: str
    chain_id: str | None
    summary: str
    link: str | None


INCIDENT_COLUMNS = (
    "id",
    "occurred_on",
    "severity",
    "pillar",
    "chain_id",
    "summary",
    "link",
    "recorded_by",
    "recorded_at",
)
"""An incident's own columns: what a read selects and what an export writes."""


class IncidentRepository:
    """Reads and writes incidents over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_many(
        self, incidents: Iterable[NewIncident], *, recorded_by: str, recorded_at: datetime
    ) -> list[int]:
        """Insert incidents in one statement per row batch; return their ids in order."""
        rows = [
            {
                "team_id": i.team_id,
                "occurred_on": i.occurred_on,
                "severity": i.severity,
                "pillar": i.pillar,
                "chain_id": i.chain_id,
                "summary": i.summary,
                "link": i.link,
                "recorded_by": recorded_by,
                "recorded_at": recorded_at,
            }
            for i in incidents
        ]
        if not rows:
            return []
        statement = insert(IncidentRow).returning(IncidentRow.id, sort_by_parameter_order=True)
        return list(self.session.scalars(statement, rows))

    def find(
        self,
        *,
        team_slugs: Collection[str] | None = None,
        unit_slugs: Collection[str] | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[IncidentView]:
        """Incidents, newest first, narrowed to teams, units and a date range when given."""
        clauses: list[ColumnElement[bool]] = []
        if team_slugs is not None:
            clauses.append(TeamRow.slug.in_(list(team_slugs)))
        if unit_slugs is not None:
            clauses.append(OrgUnitRow.slug.in_(list(unit_slugs)))
        if since is not None:
            clauses.append(IncidentRow.occurred_on >= since)
        if until is not None:
            clauses.append(IncidentRow.occurred_on <= until)
        # Columns, not ORM entities: thousands of incidents load in a fraction of the time.
        query = (
            select(
                *(getattr(IncidentRow, name) for name in INCIDENT_COLUMNS),
                TeamRow.slug.label("team_slug"),
                TeamRow.name.label("team_name"),
                OrgUnitRow.slug.label("unit_slug"),
            )
            .join(TeamRow, IncidentRow.team_id == TeamRow.id)
            .join(OrgUnitRow, TeamRow.unit_id == OrgUnitRow.id)
            .where(*clauses)
            .order_by(IncidentRow.occurred_on.desc(), IncidentRow.id.desc())
        )
        return [IncidentView(**row._asdict()) for row in self.session.execute(query)]
