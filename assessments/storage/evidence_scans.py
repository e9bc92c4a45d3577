"""Evidence scans in storage: attach one to an assessment, read a team's latest for a period."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessments.storage.tables import AssessmentRow, EvidenceScanRow


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
