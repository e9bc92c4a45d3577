"""Evidence scans on assessments: attach a scan to a team's period, read the latest ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assessments.content.draft_rules import check_period
from assessments.errors import NotFoundError
from assessments.evidence.facts import Scan
from assessments.evidence.scan_format import scan_document, scan_from_document
from assessments.service.core import ServiceCore, find_team
from assessments.service.guard import ANYONE, TEAM_EDITOR, TEAM_READER, allowed, org_viewer
from assessments.storage.audit import AuditAction


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

    @allowed(TEAM_EDITOR)
    def attach_evidence(
        self, team_slug: str, period: str, scan: Scan, *, actor: str = ""
    ) -> EvidenceScanView:
        """Store `scan` on the team's latest assessment revision for `period` (its editors).

        Raises:
            NotFoundError: no such team, or it has no assessment for the period yet.
        """
        check_period(period)
        with self.store.unit_of_work(actor) as repo:
            team = find_team(repo, team_slug)
            assessment = repo.latest_revision(team.id, period)
            if assessment is None:
                raise NotFoundError(
                    f"{team_slug} has no assessment for {period} yet; open its draft first"
                )
            scan_id = repo.add_evidence_scan(assessment.id, scan_document(scan), len(scan.facts))
            repo.audit.record(
                AuditAction.EVIDENCE_ATTACH,
                "assessment",
                assessment.id,
                {
                    "team": team_slug,
                    "period": period,
                    "facts": len(scan.facts),
                    "problems": len(scan.problems),
                },
            )
            return EvidenceScanView(
                scan_id, team_slug, period, assessment.id, actor, repo.now, scan
            )

    @allowed(TEAM_READER)
    def latest_evidence(self, team_slug: str, period: str) -> EvidenceScanView | None:
        """The scan attached last to the team's assessment for `period`, if any (its readers)."""
        check_period(period)
        with self.store.unit_of_work() as repo:
            record = repo.latest_evidence_scan(find_team(repo, team_slug).id, period)
        if record is None:
            return None
        scan = scan_from_document(record.scan, f"evidence scan #{record.id}")
        return EvidenceScanView(
            record.id,
            team_slug,
            period,
            record.assessment_id,
            record.attached_by,
            record.attached_at,
            scan,
        )

    @allowed(org_viewer("read the evidence of {period}"))
    def period_evidence(self, period: str) -> dict[str, Scan]:
        """Team slug → its latest scan in `period`, for the teams this person may see."""
        check_period(period)
        with self.store.unit_of_work() as repo:
            found = repo.latest_scans_in_period(period)
        units = self.access.viewed_units
        return {
            team: scan_from_document(record.scan, f"evidence scan #{record.id}")
            for team, unit, record in found
            if units is None or unit in units
        }

    @allowed(ANYONE)
    def now(self) -> datetime:
        """The store's time (UTC): the day evidence expiry is judged on."""
        with self.store.unit_of_work() as repo:
            return repo.now
