"""Evidence scans in storage: attach one to an assessment, read a team's latest for a period.

`EvidenceScanRows` is mixed into `SqlRepository`; the service reaches it through the
repository of a unit of work, like every other read and write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assessments.storage.audit import AuditRecorder
from assessments.storage.tables import AssessmentRow, EvidenceScanRow, OrgUnitRow, TeamRow


@dataclass(frozen=True)
class EvidenceScanRecord:
    """A stored scan: its document (the scan as JSON) and who attached it when."""

    id: int
    assessment_id: int
    scan: dict[str, Any]
    attached_by: str
    attached_at: datetime


class EvidenceScanRows:
    """The evidence-scan reads and writes of a SQL unit of work."""

    _session: Session
    audit: AuditRecorder

    def add_evidence_scan(self, assessment_id: int, scan: dict[str, Any], fact_count: int) -> int:
        """Store a scan (its JSON document) on the assessment; its id."""
        row = EvidenceScanRow(
            assessment_id=assessment_id,
            scan=scan,
            fact_count=fact_count,
            attached_by=self.audit.actor,
            attached_at=self.audit.at,
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def latest_evidence_scan(self, team_id: int, period: str) -> EvidenceScanRecord | None:
        """The scan attached last to any revision of the team's assessment for the period."""
        query = (
            select(EvidenceScanRow)
            .join(AssessmentRow, AssessmentRow.id == EvidenceScanRow.assessment_id)
            .where(AssessmentRow.team_id == team_id, AssessmentRow.period == period)
            .order_by(EvidenceScanRow.id.desc())
            .limit(1)
        )
        row = self._session.scalars(query).first()
        return None if row is None else _record(row)

    def latest_scans_in_period(self, period: str) -> list[tuple[str, str, EvidenceScanRecord]]:
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
        return [(team, unit, _record(row)) for team, unit, row in self._session.execute(query)]


def _record(row: EvidenceScanRow) -> EvidenceScanRecord:
    return EvidenceScanRecord(row.id, row.assessment_id, row.scan, row.attached_by, row.attached_at)
