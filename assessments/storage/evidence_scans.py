"""Evidence scans in storage: attach one to an assessment, read a team's latest for a period."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assessments.storage.tables import AssessmentRow, EvidenceScanRow, OrgUnitRow, TeamRow


def add_evidence_scan(
    session: Session,
    assessment_id: int,
    scan: dict[str, Any],
    fact_count: int,
    actor: str,
    at: datetime,
) -> EvidenceScanRow:
    """Store a scan (its JSON document) on the assessment."""
    row = EvidenceScanRow(
        assessment_id=assessment_id,
        scan=scan,
        fact_count=fact_count,
        attached_by=actor,
        attached_at=at,
    )
    session.add(row)
    session.flush()
    return row


def latest_evidence_scan(session: Session, team_id: int, period: str) -> EvidenceScanRow | None:
    """The scan attached last to any revision of the team's assessment for the period."""
    query = (
        select(EvidenceScanRow)
        .join(AssessmentRow, AssessmentRow.id == EvidenceScanRow.assessment_id)
        .where(AssessmentRow.team_id == team_id, AssessmentRow.period == period)
        .order_by(EvidenceScanRow.attached_at.desc(), EvidenceScanRow.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def latest_scans_in_period(session: Session, period: str) -> list[tuple[str, str, EvidenceScanRow]]:
    """(team slug, unit slug, scan) for every team with a scan attached in the period: the
    scan attached last (the highest id) over all revisions of its assessment."""
    latest = (
        select(func.max(EvidenceScanRow.id))
        .join(AssessmentRow, AssessmentRow.id == EvidenceScanRow.assessment_id)
        .where(AssessmentRow.period == period)
        .group_by(AssessmentRow.team_id)
    )
    query = (
        select(TeamRow.slug, OrgUnitRow.slug, EvidenceScanRow)
        .join(AssessmentRow, AssessmentRow.id == EvidenceScanRow.assessment_id)
        .join(TeamRow, TeamRow.id == AssessmentRow.team_id)
        .join(OrgUnitRow, OrgUnitRow.id == TeamRow.unit_id)
        .where(EvidenceScanRow.id.in_(latest))
        .order_by(TeamRow.slug)
    )
    return [(team, unit, row) for team, unit, row in session.execute(query).all()]
