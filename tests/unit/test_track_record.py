"""Reinstate alerts: an incident in a removed chain's area, after its removal, within the window."""

from __future__ import annotations

from datetime import date

import pytest

from scoring.track_record import (
    IncidentRecord,
    ReinstateAlert,
    ReinstateRule,
    Removal,
    Severity,
    reinstate_alerts,
)

RULES = {
    "merge-review": ReinstateRule(
        Severity.HIGH, 90, pillars=frozenset({"blast_radius"}), chains=frozenset()
    ),
    "prod-deploy": ReinstateRule(
        Severity.MEDIUM, 30, pillars=frozenset(), chains=frozenset({"prod-deploy"})
    ),
}
AS_OF = date(2026, 12, 1)


def incident(day: str, severity: str, pillar: str = "blast_radius", chain=None, id=1):
    return IncidentRecord(id, date.fromisoformat(day), Severity(severity), pillar, chain, "x")


@pytest.mark.parametrize(
    ("removal", "incidents", "alerted"),
    [
        (Removal("merge-review", date(2026, 10, 1)), [incident("2026-11-03", "high")], True),
        (Removal("merge-review", date(2026, 10, 1)), [incident("2026-11-03", "critical")], True),
        (Removal("merge-review", date(2026, 10, 1)), [incident("2026-11-03", "medium")], False),
        (Removal("merge-review", date(2026, 10, 1)), [incident("2026-09-30", "high")], False),
        (Removal("merge-review", date(2026, 10, 1)), [incident("2026-10-01", "high")], True),
        (Removal("merge-review", date(2026, 1, 1)), [incident("2026-09-01", "high")], False),
        (Removal("merge-review", date(2026, 1, 1)), [incident("2026-09-02", "high")], True),
        (Removal("merge-review", date(2026, 10, 1)), [incident("2026-12-02", "high")], False),
        (
            Removal("merge-review", date(2026, 10, 1)),
            [incident("2026-11-03", "high", "production_access")],
            False,
        ),
        (Removal("merge-review", None), [incident("2026-11-03", "high")], True),
        (
            Removal("prod-deploy", date(2026, 11, 1)),
            [incident("2026-11-20", "medium", "skill", chain="prod-deploy")],
            True,
        ),
        (
            Removal("prod-deploy", date(2026, 11, 1)),
            [incident("2026-11-20", "medium", "skill", chain="merge-review")],
            False,
        ),
        (Removal("plan-signoff", date(2026, 10, 1)), [incident("2026-11-03", "critical")], False),
    ],
    ids=[
        "at the severity",
        "above the severity",
        "below the severity",
        "before the removal",
        "on the day of removal",
        "just outside the window",
        "on the window's first day",
        "after the date judged",
        "another pillar",
        "removed without sign-off counts every incident in the window",
        "the chain named",
        "another chain",
        "a chain without a rule",
    ],
)
def test_an_incident_raises_a_reinstate_alert_only_in_area_severity_and_time(
    removal, incidents, alerted
):
    alerts = reinstate_alerts(RULES, [removal], incidents, AS_OF)
    assert alerts == ((ReinstateAlert(removal.chain, incidents[0]),) if alerted else ())


def test_the_alert_names_the_worst_then_latest_incident():
    found = [
        incident("2026-10-05", "critical", id=1),
        incident("2026-11-20", "high", id=2),
        incident("2026-11-03", "critical", id=3),
    ]
    (alert,) = reinstate_alerts(RULES, [Removal("merge-review", date(2026, 10, 1))], found, AS_OF)
    assert alert.incident.id == 3
    assert alert.text("Review before merge") == (
        "Reinstate 'Review before merge': critical incident on 2026-11-03 (blast_radius): x"
    )


def test_severities_are_ordered_low_to_critical():
    assert [s.rank for s in Severity] == [0, 1, 2, 3]
    assert Severity.HIGH.at_least(Severity.MEDIUM)
    assert not Severity.LOW.at_least(Severity.MEDIUM)
