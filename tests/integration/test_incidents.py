"""Incidents on SQLite and PostgreSQL: one from a form, many from CSV (all or none), audited."""

from __future__ import annotations

from datetime import date

import pytest

from assessments.errors import AuthorizationError, ContentError, InvalidInputError
from assessments.service.readiness import ReadinessService
from scoring.track_record import IncidentRecord, Severity

ANA = "ana@example.com"
CSV = (
    "team,date,severity,pillar,chain,summary,link\n"
    "checkout,2026-10-30,critical,blast_radius,tool-approval,Agent wrote outside its sandbox,\n"
    "runtime,2026-10-01,low,production_access,,Near miss: token with admin scope,"
    "https://wiki.example.com/nm-3\n"
)


def form(**changes: str) -> dict[str, str]:
    return {
        "team": "checkout",
        "date": "2026-11-01",
        "severity": "high",
        "pillar": "blast_radius",
        "chain": "",
        "summary": "<script>alert(1)</script> agent dropped a table",
        "link": "",
        **changes,
    }


def test_an_incident_from_the_form_is_stored_as_typed_and_audited(org: ReadinessService):
    recorded = org.record_incident(form(), actor=ANA)

    assert (recorded.team_slug, recorded.occurred_on, recorded.severity, recorded.summary) == (
        "checkout",
        date(2026, 11, 1),
        "high",
        "<script>alert(1)</script> agent dropped a table",
    )
    (entry,) = [e for e in org.audit_entries() if e.action == "incident.record"]
    assert (entry.actor, entry.entity_id, entry.details) == (
        ANA,
        str(recorded.id),
        {"team": "checkout", "severity": "high", "pillar": "blast_radius", "chain": None},
    )


def test_a_bad_form_lists_every_problem_and_stores_nothing(org: ReadinessService):
    with pytest.raises(InvalidInputError) as refused:
        org.record_incident(form(severity="bad", date="2026-11-03", pillar="x"), actor=ANA)
    assert str(refused.value) == (
        "date: 2026-11-03 is in the future; severity: unknown severity 'bad';"
        " pillar: unknown pillar 'x'"
    )
    assert org.incidents() == []


def test_a_csv_import_stores_every_row_and_one_audit_entry(org: ReadinessService):
    assert org.import_incidents(CSV, "incidents.csv", actor=ANA) == 2

    assert [(i.team_slug, i.severity, i.chain_id, i.link) for i in org.incidents()] == [
        ("checkout", "critical", "tool-approval", None),
        ("runtime", "low", None, "https://wiki.example.com/nm-3"),
    ]
    (entry,) = [e for e in org.audit_entries() if e.action == "incident.import"]
    assert entry.details == {"file": "incidents.csv", "count": 2, "teams": ["checkout", "runtime"]}
    assert org.track_record("checkout")[1] == (
        IncidentRecord(
            org.incidents(team_slugs=["checkout"])[0].id,
            date(2026, 10, 30),
            Severity.CRITICAL,
            "blast_radius",
            "tool-approval",
            "Agent wrote outside its sandbox",
        ),
    )


def test_a_csv_with_one_bad_row_is_rejected_whole(org: ReadinessService):
    bad = CSV + "nowhere,2026-10-02,high,blast_radius,,x,\n"
    with pytest.raises(ContentError) as refused:
        org.import_incidents(bad, "incidents.csv", actor=ANA)
    assert [str(p) for p in refused.value.problems] == [
        "incidents.csv:4: team: unknown team 'nowhere' (hint: use a team slug from the org"
        " structure)"
    ]
    assert org.incidents() == []


def test_an_editor_import_may_name_only_their_teams(org: ReadinessService):
    with pytest.raises(AuthorizationError) as refused:
        org.import_incidents(CSV, "incidents.csv", actor=ANA, teams={"checkout"})
    assert str(refused.value) == (
        "ana@example.com may not record incidents for runtime; nothing was imported"
        " (remove those rows, or ask an editor of those teams)"
    )
    assert org.incidents() == []
