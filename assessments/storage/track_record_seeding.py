"""Write the demo organisation's removal requests and incidents (after its assessments)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from assessments.content.in_force import Content
from assessments.demo.records import DemoOrg
from assessments.demo.track_record import DemoTrackRecord, generate_track_record
from assessments.storage.audit import AuditAction
from assessments.storage.tables import IncidentRow, RemovalRequestRow

DEMO_ACTOR = "demo-seed"


def seed_demo_track_record(
    service: Any, demo_org: DemoOrg, *, now: datetime | None = None
) -> DemoTrackRecord:
    """Generate and write the demo's requests and incidents in one transaction (audited)."""
    now = now or datetime.now(UTC)
    content: Content = service.content
    record = generate_track_record(
        demo_org, content.questionnaire, content.catalogue, today=now.date()
    )
    with service.store.unit_of_work(DEMO_ACTOR) as repo:
        team_ids = {team.slug: team.id for team in repo.teams()}
        repo.insert_rows(
            RemovalRequestRow,
            [
                {
                    "team_id": team_ids[r.team_slug],
                    "chain_id": r.chain_id,
                    "reason": r.reason,
                    "planned_on": r.planned_on,
                    "status": r.status,
                    "requested_by": r.requested_by,
                    "requested_at": r.requested_at,
                    "decided_by": r.decided_by,
                    "decided_at": r.decided_at,
                    "decision_note": r.decision_note,
                    "effective_on": r.effective_on,
                }
                for r in record.requests
            ],
        )
        repo.insert_rows(
            IncidentRow,
            [
                {
                    "team_id": team_ids[i.team_slug],
                    "occurred_on": i.occurred_on,
                    "severity": i.severity.value,
                    "pillar": i.pillar,
                    "chain_id": i.chain_id,
                    "summary": i.summary,
                    "link": None,
                    "recorded_by": i.recorded_by,
                    "recorded_at": now,
                }
                for i in record.incidents
            ],
        )
        details = {"requests": len(record.requests), "incidents": len(record.incidents)}
        repo.audit.record(AuditAction.DEMO_SEED, "track_record", "demo", details)
    return record
