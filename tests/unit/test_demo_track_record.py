"""The demo org's track record: deterministic, every kind of request, incidents, one alert."""

from __future__ import annotations

from collections import Counter
from datetime import date

from assessments.content.in_force import load_content
from assessments.demo.organisation import generate_demo_org
from assessments.demo.track_record import generate_track_record
from scoring.track_record import IncidentRecord, Removal, Severity, reinstate_alerts

TODAY = date(2026, 12, 2)


def _record():
    content = load_content()
    org = generate_demo_org(content.questionnaire, content.catalogue)
    return org, generate_track_record(org, content.questionnaire, content.catalogue, today=TODAY)


def test_the_demo_track_record_is_deterministic_and_every_view_has_data():
    _, record = _record()
    assert record == _record()[1]
    statuses = Counter(r.status for r in record.requests)
    assert set(statuses) == {"approved", "pending", "declined", "expired"}
    assert all(r.requested_at.date() <= TODAY for r in record.requests)
    assert all(i.occurred_on <= TODAY for i in record.incidents)
    assert {i.severity for i in record.incidents} == set(Severity)
    assert all(r.decided_by != r.requested_by for r in record.requests)


def test_exactly_one_demo_team_has_a_reinstate_alert_today():
    org, record = _record()
    rules = load_content().catalogue.reinstate_rules()
    latest = {a.team_slug: a for a in org.assessments if a.status == "submitted"}
    alerted = []
    for team, assessment in sorted(latest.items()):
        since = {
            r.chain_id: r.effective_on
            for r in record.requests
            if r.team_slug == team and r.status == "approved"
        }
        removals = [Removal(c, since.get(c)) for c in assessment.removed_chains]
        incidents = [
            IncidentRecord(n, i.occurred_on, i.severity, i.pillar, i.chain_id, i.summary)
            for n, i in enumerate(record.incidents)
            if i.team_slug == team
        ]
        if reinstate_alerts(rules, removals, incidents, TODAY):
            alerted.append(team)
    assert len(alerted) == 1
