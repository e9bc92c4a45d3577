"""Removal requests, incidents and evidence scans travel with a full export, on SQLite and
PostgreSQL: kept ids and references, hostile records rejected whole, older exports still read.

Org: payments (checkout, billing), platform (runtime); each team submitted 2026-Q3 with
`tool-approval` as its next chain. Checkout's request is approved, billing's declined,
runtime's first one expired and its second is pending; two incidents; two scans.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from assessments.access import Grant, Role
from assessments.errors import ContentError
from assessments.evidence.scan import scan_paths
from assessments.service.readiness import ReadinessService
from assessments.storage.db import upgrade_to_head
from tests.integration.conftest import Clock, Database
from tests.integration.storage_samples import ANA, submitted
from tests.integration.test_removal_requests import READY

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples" / "evidence"
READ_AT = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
RITA = "rita@example.com"
CSV = (
    "team,date,severity,pillar,chain,summary,link\n"
    "checkout,2026-10-30,critical,blast_radius,tool-approval,Agent wrote outside its sandbox,\n"
    "runtime,2026-10-01,low,production_access,,Near miss: <b>admin</b> token,"
    "https://wiki.example.com/nm-3\n"
)


def _ask(service: ReadinessService, team: str) -> int:
    today = service.now().date()
    return service.request_removal(
        team, "tool-approval", reason=f"{team} runs agents in a VM", planned_on=today, actor=ANA
    ).id


@pytest.fixture
def source(org: ReadinessService, clock: Clock) -> ReadinessService:
    """Every status of request, incidents from a form and a file, scans on two assessments."""
    org.grant_role(ANA, Grant(Role.TEAM_EDITOR, "checkout"), actor="admin@example.com")
    org.grant_role(RITA, Grant(Role.APPROVER), actor="admin@example.com")
    for team in ("checkout", "billing", "runtime"):
        submitted(org, team, "2026-Q3", READY)
    _ask(org, "runtime")
    clock.advance(31 * 24 * 60)
    assert [r.status for r in org.removal_requests()] == ["expired"]
    org.decide_removal(_ask(org, "checkout"), approve=True, note="VMs seen", actor=RITA)
    clock.advance(60)
    org.decide_removal(_ask(org, "billing"), approve=False, note="Show a <drill>", actor=RITA)
    _ask(org, "runtime")
    org.import_incidents(CSV, "incidents.csv", actor=ANA)
    org.attach_evidence("checkout", "2026-Q3", scan_paths([SAMPLES / "gappy"], READ_AT), actor=ANA)
    good = scan_paths([SAMPLES / "well-governed"], READ_AT)
    org.attach_evidence("billing", "2026-Q3", good, actor=ANA)
    return org


@pytest.fixture
def target(another_database: Database, content, clock: Clock) -> ReadinessService:
    upgrade_to_head(another_database.engine)
    return ReadinessService(another_database.engine, content, clock=clock)


def _without_audit_ids(document: dict[str, Any]) -> dict[str, Any]:
    kept = {k: v for k, v in document.items() if k not in ("exported_at", "audit_log")}
    kept["audit_log"] = [{k: v for k, v in e.items() if k != "id"} for e in document["audit_log"]]
    return kept


def test_every_request_incident_and_scan_comes_back_with_its_id_and_references(
    source: ReadinessService, target: ReadinessService
):
    document = source.export_data(actor="admin@example.com")
    assert [(r["id"], r["team"], r["status"]) for r in document["removal_requests"]] == [
        (1, "runtime", "expired"),
        (2, "checkout", "approved"),
        (3, "billing", "declined"),
        (4, "runtime", "pending"),
    ]
    assert [(i["id"], i["team"]) for i in document["incidents"]] == [
        (1, "checkout"),
        (2, "runtime"),
    ]
    assert [(s["id"], s["assessment"], s["fact_count"]) for s in document["evidence_scans"]] == [
        (1, 1, 36),
        (2, 2, 51),
    ]

    summary = target.import_data(json.dumps(document), "export.json", actor="admin@example.com")

    assert (
        summary.counts["removal_requests"],
        summary.counts["incidents"],
        summary.counts["evidence_scans"],
    ) == (4, 2, 2)
    again = target.export_data(actor="admin@example.com")
    imported = _without_audit_ids(again)
    assert imported["audit_log"].pop()["action"] == "data.import"
    assert imported == _without_audit_ids(document)
    assert target.removal_requests() == source.removal_requests()
    assert target.incidents() == source.incidents()
    for team in ("checkout", "billing", "runtime"):
        assert target.track_record(team) == source.track_record(team)
        assert target.latest_evidence(team, "2026-Q3") == source.latest_evidence(team, "2026-Q3")


def test_the_imported_database_numbers_new_requests_incidents_and_scans_after_the_kept_ids(
    source: ReadinessService, target: ReadinessService
):
    target.import_data(json.dumps(source.export_data(actor="a")), "export.json", actor="a")
    target.decide_removal(4, approve=False, note="Not yet", actor=RITA)

    asked = _ask(target, "runtime")
    incident = target.record_incident(
        {"team": "billing", "date": "2026-12-01", "severity": "low", "pillar": "blast_radius",
         "summary": "Near miss"},
        actor=ANA,
    )  # fmt: skip
    scan = target.attach_evidence(
        "runtime", "2026-Q3", scan_paths([SAMPLES / "gappy"], READ_AT), actor=ANA
    )

    assert (asked, incident.id, scan.id) == (5, 3, 3)


def _hostile(document: dict[str, Any]) -> dict[str, Any]:
    hostile = copy.deepcopy(document)
    approved = hostile["removal_requests"][1]
    del approved["decided_by"]
    hostile["removal_requests"][2]["decided_by"] = ANA  # declined by the one who asked
    hostile["removal_requests"][3]["effective_on"] = "2026-12-09"  # pending yet in effect
    hostile["removal_requests"][0]["team"] = "nowhere"
    hostile["incidents"][0]["team"] = "nowhere"
    hostile["incidents"][1]["id"] = 1
    hostile["incidents"][1]["link"] = "javascript:alert(1)"
    hostile["evidence_scans"][0]["assessment"] = 99
    hostile["evidence_scans"][1]["scan"]["facts"][0]["name"] = "made_up"
    return hostile


def test_an_export_with_broken_references_is_rejected_whole_naming_record_and_field(
    source: ReadinessService, target: ReadinessService
):
    hostile = _hostile(source.export_data(actor="a"))

    with pytest.raises(ContentError) as rejected:
        target.import_data(json.dumps(hostile), "export.json", actor="a")

    assert [str(p) for p in rejected.value.problems] == [
        "export.json: removal_requests[0].team: 'nowhere' is not in this export",
        "export.json: removal_requests[1].decided_by: this approved request was decided by"
        " nobody (hint: name the approver's email ('expiry' for an expired request))",
        "export.json: removal_requests[2].decided_by: ana@example.com decided their own"
        " request; someone else decides it (separation of duties)",
        "export.json: removal_requests[3].effective_on: a pending request has no effective_on"
        " (hint: leave it out, or set status)",
        "export.json: incidents[1]: incident id 1 appears twice",
        "export.json: incidents[0].team: 'nowhere' is not in this export",
        "export.json: incidents[1].link: 'javascript:alert(1)' is not a web link (hint: start"
        " it with https://)",
        "export.json: evidence_scans[0].assessment: 99 is not in this export",
        "export.json: evidence_scans[1].scan.facts[0].name: unknown fact 'made_up'",
    ]
    assert target.list_teams() == []
    assert target.incidents() == []
    assert target.removal_requests() == []
    assert target.audit_entries() == []


def test_requests_and_incidents_naming_unknown_chains_or_pillars_are_rejected_whole(
    source: ReadinessService, target: ReadinessService
):
    document = source.export_data(actor="a")
    document["removal_requests"][0]["chain_id"] = "no-such-chain"
    document["incidents"][1]["pillar"] = "vibes"
    document["incidents"][1]["chain_id"] = "no-such-chain"
    document["evidence_scans"][1]["fact_count"] = 50

    with pytest.raises(ContentError) as rejected:
        target.import_data(json.dumps(document), "export.json", actor="a")
    assert [str(p) for p in rejected.value.problems] == [
        "export.json: evidence_scans[1].fact_count: says 50 facts but the scan holds 51"
    ]

    document["evidence_scans"][1]["fact_count"] = 51
    with pytest.raises(ContentError) as rejected:
        target.import_data(json.dumps(document), "export.json", actor="a")
    hint = "of the catalogue in force, stored here or carried by this export"
    assert [str(p) for p in rejected.value.problems] == [
        f"export.json: removal_requests[0].chain_id: unknown chain 'no-such-chain' (hint: a"
        f" chain id {hint})",
        "export.json: incidents[1].pillar: unknown pillar 'vibes' (hint: a pillar id of the"
        " questionnaire in force, stored here or carried by this export)",
        f"export.json: incidents[1].chain_id: unknown chain 'no-such-chain' (hint: a chain id"
        f" {hint})",
    ]
    assert target.list_teams() == []
    assert target.audit_entries() == []


def test_an_incident_dated_after_the_export_was_made_is_refused(
    source: ReadinessService, target: ReadinessService
):
    document = source.export_data(actor="a")
    made = date.fromisoformat(document["exported_at"][:10])
    document["incidents"][0]["occurred_on"] = (made + timedelta(days=1)).isoformat()

    with pytest.raises(ContentError) as rejected:
        target.check_import(json.dumps(document), "export.json")

    assert [str(p) for p in rejected.value.problems] == [
        f"export.json: incidents[0].occurred_on: {made + timedelta(days=1)} is after the"
        f" export was made ({made})"
    ]


def test_an_export_written_before_requests_incidents_and_scans_existed_still_imports(
    source: ReadinessService, target: ReadinessService
):
    document = source.export_data(actor="a")
    older = {
        k: v
        for k, v in document.items()
        if k not in ("removal_requests", "incidents", "evidence_scans")
    }

    summary = target.import_data(json.dumps(older), "export.json", actor="a")

    assert summary.counts["assessments"] == 3
    assert (
        summary.counts["removal_requests"],
        summary.counts["incidents"],
        summary.counts["evidence_scans"],
    ) == (0, 0, 0)
    assert target.get_assessment(1) == source.get_assessment(1)
    assert target.removal_requests() == []
    assert target.latest_evidence("checkout", "2026-Q3") is None
