"""Each rule an exported removal request, incident or scan must hold, with its exact message."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from assessments.content.yaml_source import YamlDocument
from assessments.files.export_loop import (
    EvidenceScanRecord,
    IncidentRecord,
    RemovalRequestRecord,
    loop_reference_problems,
)

ASKED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DECIDED = "2026-11-03T15:00:00+00:00"
EXPORTED = datetime(2026, 12, 1, tzinfo=UTC)
PENDING: dict[str, Any] = {
    "id": 1,
    "team": "checkout",
    "chain_id": "tool-approval",
    "reason": "Every agent runs in a VM",
    "planned_on": "2026-11-09",
    "status": "pending",
    "requested_by": "ana@example.com",
    "requested_at": ASKED,
}
APPROVED = {
    **PENDING,
    "status": "approved",
    "decided_by": "rita@example.com",
    "decided_at": DECIDED,
    "decision_note": "Seen",
    "effective_on": "2026-11-09",
}
DECLINED = {**APPROVED, "status": "declined", "effective_on": None, "decision_note": "Not yet"}
EXPIRED = {**DECLINED, "status": "expired", "decided_by": "expiry", "decision_note": None}


def _request_problems(fields: dict[str, Any]) -> list[str]:
    request = RemovalRequestRecord.model_validate(fields)
    found = loop_reference_problems(
        YamlDocument("export.json", {}),
        requests=[request],
        incidents=[],
        scans=[],
        teams={"checkout"},
        assessments=set(),
        exported_at=EXPORTED,
    )
    return [f"{p.field}: {p.message}" for p in found]


@pytest.mark.parametrize("fields", [PENDING, APPROVED, DECLINED, EXPIRED])
def test_requests_as_the_service_writes_them_pass(fields: dict[str, Any]) -> None:
    assert _request_problems(fields) == []


@pytest.mark.parametrize(
    ("fields", "problems"),
    [
        (
            {**APPROVED, "decided_by": None},
            ["removal_requests[0].decided_by: this approved request was decided by nobody"],
        ),
        (
            {**DECLINED, "decided_by": "  "},
            ["removal_requests[0].decided_by: this declined request was decided by nobody"],
        ),
        (
            {**APPROVED, "decided_by": "expiry"},
            ["removal_requests[0].decided_by: this approved request was decided by nobody"],
        ),
        (
            {**APPROVED, "decided_by": "ANA@example.com"},
            [
                "removal_requests[0].decided_by: ANA@example.com decided their own request;"
                " someone else decides it (separation of duties)"
            ],
        ),
        (
            {**APPROVED, "decided_at": None},
            [
                "removal_requests[0].decided_at: this approved request says nothing of when it"
                " was decided"
            ],
        ),
        (
            {**APPROVED, "decided_at": "2026-11-01T00:00:00+00:00"},
            ["removal_requests[0].decided_at: decided before it was requested"],
        ),
        (
            {**APPROVED, "effective_on": None},
            [
                "removal_requests[0].effective_on: an approved request says from which day the"
                " chain is removed"
            ],
        ),
        (
            {**DECLINED, "effective_on": "2026-11-09"},
            [
                "removal_requests[0].effective_on: only an approved request takes effect; this"
                " one is declined"
            ],
        ),
        (
            {**DECLINED, "decision_note": " "},
            ["removal_requests[0].decision_note: a declined request says why (the note is empty)"],
        ),
        (
            {**PENDING, "decided_by": "rita@example.com", "decision_note": "x"},
            [
                "removal_requests[0].decided_by: a pending request has no decided_by",
                "removal_requests[0].decision_note: a pending request has no decision_note",
            ],
        ),
        (
            {**PENDING, "requested_by": " ", "reason": " "},
            [
                "removal_requests[0].requested_by: the request names nobody as the one who asked",
                "removal_requests[0].reason: the reason is empty",
            ],
        ),
        (
            {**PENDING, "team": "billing"},
            ["removal_requests[0].team: 'billing' is not in this export"],
        ),
    ],
)
def test_a_request_the_service_would_never_write_is_refused(
    fields: dict[str, Any], problems: list[str]
) -> None:
    assert _request_problems(fields) == problems


def test_incidents_and_scans_are_checked_for_what_they_name_and_hold() -> None:
    incident = IncidentRecord.model_validate(
        {
            "id": 4,
            "team": "checkout",
            "occurred_on": "2026-12-02",
            "severity": "high",
            "pillar": "blast_radius",
            "summary": "   ",
            "link": "ftp://files.example.com/x",
            "recorded_by": "ana@example.com",
            "recorded_at": ASKED,
        }
    )
    scan = EvidenceScanRecord.model_validate(
        {
            "id": 2,
            "assessment": 7,
            "scan": {"facts": [{"name": "claude.project.deny_rules"}], "extra": 1},
            "fact_count": 1,
            "attached_by": "ana@example.com",
            "attached_at": ASKED,
        }
    )

    found = loop_reference_problems(
        YamlDocument("export.json", {}),
        requests=[],
        incidents=[incident, incident],
        scans=[scan],
        teams={"checkout"},
        assessments={7},
        exported_at=EXPORTED,
    )

    assert [f"{p.field}: {p.message}" for p in found] == [
        "incidents[1]: incident id 4 appears twice",
        "incidents[0].summary: summary is empty",
        "incidents[0].link: 'ftp://files.example.com/x' is not a web link",
        "incidents[0].occurred_on: 2026-12-02 is after the export was made (2026-12-01)",
        "incidents[1].summary: summary is empty",
        "incidents[1].link: 'ftp://files.example.com/x' is not a web link",
        "incidents[1].occurred_on: 2026-12-02 is after the export was made (2026-12-01)",
        "evidence_scans[0].scan.facts[0].value: Field required",
        "evidence_scans[0].scan.facts[0].source: Field required",
        "evidence_scans[0].scan.facts[0].field: Field required",
        "evidence_scans[0].scan.facts[0].read_at: Field required",
        "evidence_scans[0].scan.facts[0].how: Field required",
    ]
