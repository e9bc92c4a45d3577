"""Evidence scans on assessments: attach a scan to a team's period, read the latest one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assessments.content.draft_rules import check_period
from assessments.errors import NotFoundError
from assessments.evidence.facts import Scan
from assessments.evidence.scan_format import scan_document, scan_from_document
from assessments.service.core import ServiceCore
from assessments.service.org_structure import find_team
from assessments.storage import audit
from assessments.storage.audit import AuditAction
from assessments.storage.evidence_scans import (
    add_evidence_scan,
    latest_evidence_scan,
    latest_scans_in_period,
)


@dataclass(frozen=True)
class EvidenceScanView:
    """A scan attached to a team's assessment for a period."""

    id: int
    team: str
    period: str
    assessment_id: int
    attached_by: str
    attached_at: datetime
    scan: Scan


class EvidenceCommands(ServiceCore):
    """Attach scans to assessments and read them back."""

    def attach_evidence(
        self, team_slug: str, period: str, scan: Scan, *, actor: str
    ) -> EvidenceScanView:
        """Store `scan` on the team's latest assessment revision for `period`.

        Raises:
            NotFoundError: no such team, or it has no assessment for the period yet.
        """
        check_period(period)
        with self.unit_of_work() as repo:
            team, _ = find_team(repo, team_slug)
            assessment = repo.latest_revision(team.id, period)
            if assessment is None:
                raise NotFoundError(
                    f"{team_slug} has no assessment for {period} yet; open its draft first"
                )
            now = self._now()
            row = add_evidence_scan(
                repo.session, assessment.id, scan_document(scan), len(scan.facts), actor, now
            )
            audit.record(
                repo.session,
                at=now,
                actor=actor,
                action=AuditAction.EVIDENCE_ATTACH,
                entity="assessment",
                entity_id=assessment.id,
                details={
                    "team": team_slug,
                    "period": period,
                    "facts": len(scan.facts),
                    "problems": len(scan.problems),
                },
            )
            return EvidenceScanView(row.id, team_slug, period, assessment.id, actor, now, scan)

    def latest_evidence(self, team_slug: str, period: str) -> EvidenceScanView | None:
        """The scan attached last to the team's assessment for `period`, if any."""
        check_period(period)
        with self.unit_of_work() as repo:
            team, _ = find_team(repo, team_slug)
            row = latest_evidence_scan(repo.session, team.id, period)
            if row is None:
                return None
            scan = scan_from_document(row.scan, f"evidence scan #{row.id}")
            return EvidenceScanView(
                row.id, team_slug, period, row.assessment_id, row.attached_by, row.attached_at, scan
            )

    def period_evidence(self, period: str) -> dict[str, tuple[str, Scan]]:
        """Team slug → (unit slug, the scan attached last) for every team with one in `period`."""
        check_period(period)
        with self.unit_of_work() as repo:
            return {
                team: (unit, scan_from_document(row.scan, f"evidence scan #{row.id}"))
                for team, unit, row in latest_scans_in_period(repo.session, period)
            }
