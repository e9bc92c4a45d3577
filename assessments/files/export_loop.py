"""Removal requests, incidents and evidence scans in the full data export, and their checks.

Requests and incidents name their team by slug, scans their assessment by id; ids are kept.
The three sections are optional, so an export written before they existed still imports.
Each record passes the rules the service holds when it writes one: a decided request names
who decided it (not the one who asked), only an approved request takes effect, a declined
one says why; an incident has a summary and a web link if any; a scan is a valid scan
document with as many facts as it says. Chain and pillar ids are checked against the content
(`loop_content_problems`); any problem rejects the whole import.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from assessments.content.yaml_source import FieldPath, YamlDocument
from assessments.errors import ContentError, Problem
from assessments.evidence.scan_format import MAX_FACTS, scan_from_document
from assessments.files.export_base import (
    Id,
    Record,
    When,
    Who,
    duplicate_problems,
    unknown_problems,
)
from assessments.files.incident_file import MAX_LINK, MAX_SUMMARY
from assessments.wording import count

MAX_TEXT = 2000
EXPIRY_ACTOR = "expiry"
"""Who the audit trail and a request name as deciding a request nobody decided in time."""
"""The longest reason or decision note the service accepts."""
CHAIN_HINT = "a chain id of the catalogue in force, stored here or carried by this export"
PILLAR_HINT = "a pillar id of the questionnaire in force, stored here or carried by this export"


class RemovalRequestRecord(Record):
    """A request to remove one chain for a team, and its decision if any."""

    id: Id
    team: str
    chain_id: str = Field(min_length=1, max_length=100)
    reason: str = Field(min_length=1, max_length=MAX_TEXT)
    planned_on: date
    status: Literal["pending", "approved", "declined", "expired"]
    requested_by: Who
    requested_at: When
    decided_by: Who | None = None
    decided_at: When | None = None
    decision_note: str | None = Field(default=None, max_length=MAX_TEXT)
    effective_on: date | None = None


class IncidentRecord(Record):
    """An agent incident or near miss a team recorded."""

    id: Id
    team: str
    occurred_on: date
    severity: Literal["low", "medium", "high", "critical"]
    pillar: str = Field(min_length=1, max_length=100)
    chain_id: str | None = Field(default=None, min_length=1, max_length=100)
    summary: str = Field(min_length=1, max_length=MAX_SUMMARY)
    link: str | None = Field(default=None, max_length=MAX_LINK)
    recorded_by: Who
    recorded_at: When


class EvidenceScanRecord(Record):
    """A configuration scan attached to one assessment (the scan as its JSON document)."""

    id: Id
    assessment: Id
    scan: dict[str, Any]
    fact_count: int = Field(ge=0, le=MAX_FACTS)
    attached_by: Who
    attached_at: When


def loop_reference_problems(
    document: YamlDocument,
    *,
    requests: Sequence[RemovalRequestRecord],
    incidents: Sequence[IncidentRecord],
    scans: Sequence[EvidenceScanRecord],
    teams: set[str],
    assessments: set[int],
    exported_at: datetime,
) -> list[Problem]:
    """Duplicate ids, references to teams or assessments the export does not hold, and
    records the service would never have written."""
    problems = duplicate_problems(
        document, "removal_requests", (r.id for r in requests), "removal request id"
    )
    problems += unknown_problems(
        document, "removal_requests", "team", (r.team for r in requests), teams
    )
    for index, request in enumerate(requests):
        problems += _request_problems(document, ("removal_requests", index), request)
    problems += duplicate_problems(document, "incidents", (i.id for i in incidents), "incident id")
    problems += unknown_problems(document, "incidents", "team", (i.team for i in incidents), teams)
    for index, incident in enumerate(incidents):
        problems += _incident_problems(document, ("incidents", index), incident, exported_at)
    problems += duplicate_problems(
        document, "evidence_scans", (s.id for s in scans), "evidence scan id"
    )
    problems += unknown_problems(
        document, "evidence_scans", "assessment", (s.assessment for s in scans), assessments
    )
    for index, scan in enumerate(scans):
        problems += _scan_problems(document, ("evidence_scans", index), scan)
    return problems


def loop_content_problems(
    document: YamlDocument,
    requests: Sequence[RemovalRequestRecord],
    incidents: Sequence[IncidentRecord],
    *,
    pillars: Collection[str],
    chains: Collection[str],
) -> list[Problem]:
    """Requests and incidents naming a chain or pillar no known content has."""
    problems = [
        document.problem(
            ("removal_requests", index, "chain_id"), f"unknown chain {r.chain_id!r}", CHAIN_HINT
        )
        for index, r in enumerate(requests)
        if r.chain_id not in chains
    ]
    for index, incident in enumerate(incidents):
        if incident.pillar not in pillars:
            path = ("incidents", index, "pillar")
            message = f"unknown pillar {incident.pillar!r}"
            problems.append(document.problem(path, message, PILLAR_HINT))
        if incident.chain_id is not None and incident.chain_id not in chains:
            path = ("incidents", index, "chain_id")
            message = f"unknown chain {incident.chain_id!r}"
            problems.append(document.problem(path, message, CHAIN_HINT))
    return problems


def _request_problems(
    document: YamlDocument, at: FieldPath, request: RemovalRequestRecord
) -> list[Problem]:
    problems: list[Problem] = []

    def refuse(field: str, message: str, hint: str = "") -> None:
        problems.append(document.problem((*at, field), message, hint))

    status = request.status
    if not request.requested_by.strip():
        refuse("requested_by", "the request names nobody as the one who asked")
    if not request.reason.strip():
        refuse("reason", "the reason is empty")
    if status == "pending":
        for field in ("decided_by", "decided_at", "decision_note", "effective_on"):
            if getattr(request, field) is not None:
                refuse(field, f"a pending request has no {field}", "leave it out, or set status")
        return problems
    decider = (request.decided_by or "").strip()
    if not decider or (status != "expired" and decider == EXPIRY_ACTOR):
        refuse(
            "decided_by",
            f"this {status} request was decided by nobody",
            "name the approver's email ('expiry' for an expired request)",
        )
    elif status != "expired" and decider.lower() == request.requested_by.strip().lower():
        refuse(
            "decided_by",
            f"{decider} decided their own request; someone else decides it (separation of duties)",
        )
    if request.decided_at is None:
        refuse("decided_at", f"this {status} request says nothing of when it was decided")
    elif request.decided_at < request.requested_at:
        refuse("decided_at", "decided before it was requested")
    if status == "approved" and request.effective_on is None:
        refuse("effective_on", "an approved request says from which day the chain is removed")
    if status != "approved" and request.effective_on is not None:
        refuse("effective_on", f"only an approved request takes effect; this one is {status}")
    if status == "declined" and not (request.decision_note or "").strip():
        refuse("decision_note", "a declined request says why (the note is empty)")
    return problems


def _incident_problems(
    document: YamlDocument, at: FieldPath, incident: IncidentRecord, exported_at: datetime
) -> list[Problem]:
    problems: list[Problem] = []
    if not incident.summary.strip():
        problems.append(document.problem((*at, "summary"), "summary is empty"))
    link = incident.link
    if link is not None and not link.startswith(("https://", "http://")):
        message = f"{link[:60]!r} is not a web link"
        problems.append(document.problem((*at, "link"), message, "start it with https://"))
    exported_on = exported_at.date()
    if incident.occurred_on > exported_on:
        message = (
            f"{incident.occurred_on.isoformat()} is after the export was made"
            f" ({exported_on.isoformat()})"
        )
        problems.append(document.problem((*at, "occurred_on"), message))
    return problems


def _scan_problems(
    document: YamlDocument, at: FieldPath, record: EvidenceScanRecord
) -> list[Problem]:
    try:
        scan = scan_from_document(record.scan, document.file)
    except ContentError as error:
        return [
            document.problem((*at, "scan", *_path(problem.field)), problem.message)
            for problem in error.problems
        ]
    if record.fact_count != len(scan.facts):
        message = f"says {count(record.fact_count, 'fact')} but the scan holds {len(scan.facts)}"
        return [document.problem((*at, "fact_count"), message)]
    return []


def _path(dotted: str) -> FieldPath:
    return tuple(int(part) if part.isdigit() else part for part in dotted.split(".") if part)
