"""The review's track-record sections: decisions, incidents by severity, alerts, safety by level."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from assessments.periods import period_bounds
from assessments.reports.track_record import (
    build_track_record_review,
    by_severity,
    incidents_by_level,
    judged_on,
    unsigned_removals,
)
from assessments.storage.incidents import IncidentView
from assessments.storage.removal_requests import RemovalRequestView
from scoring.track_record import ReinstateRule, Severity

PILLARS = {"blast_radius": "Blast radius", "production_access": "Production access"}
CHAINS = {"tool-approval": "Approve each tool call", "merge-review": "Review before merge"}
RULES = {"merge-review": ReinstateRule(Severity.HIGH, 90, chains=frozenset({"merge-review"}))}
AT = datetime(2026, 11, 2, 9, tzinfo=UTC)


def request(id, team, chain, status, decided_on=None, effective=None, unit="payments"):
    decided = None if decided_on is None else datetime.fromisoformat(decided_on).replace(tzinfo=UTC)
    return RemovalRequestView(
        id, team, team.title(), unit, chain, "why", date(2026, 10, 1), status, "ana@example.com",
        AT, "rita@example.com" if decided else None, decided, "ok" if decided else None,
        None if effective is None else date.fromisoformat(effective),
    )  # fmt: skip


def incident(id, team, day, severity, pillar="blast_radius", chain=None, unit="payments"):
    return IncidentView(
        id, team, team.title(), unit, date.fromisoformat(day), severity, pillar, chain,
        f"incident {id}", None, "ana@example.com", AT,
    )  # fmt: skip


TABLE = pd.DataFrame(
    {
        "team": ["Checkout", "Billing", "Runtime"],
        "unit_slug": ["payments", "payments", "platform"],
        "unit": ["Payments", "Payments", "Platform"],
        "status:tool-approval": ["removed", "removed_too_early", "next"],
        "status:merge-review": ["removed", "blocked", "blocked"],
    },
    index=pd.Index(["checkout", "billing", "runtime"], name="team_slug"),
)
REQUESTS = [
    request(1, "checkout", "tool-approval", "approved", "2026-07-10", "2026-07-15"),
    request(2, "checkout", "merge-review", "approved", "2026-10-05", "2026-10-10"),
    request(3, "billing", "merge-review", "declined", "2026-11-01"),
    request(4, "runtime", "tool-approval", "expired", "2026-11-20", unit="platform"),
    request(5, "runtime", "merge-review", "pending", unit="platform"),
]
INCIDENTS = [
    incident(1, "checkout", "2026-11-03", "high", chain="merge-review"),
    incident(2, "checkout", "2026-10-02", "critical", chain="merge-review"),
    incident(3, "billing", "2026-11-15", "low", "production_access"),
    incident(4, "runtime", "2026-08-01", "medium", unit="platform"),
]
HISTORY = pd.DataFrame(
    {
        "team_slug": ["checkout", "billing", "runtime", "checkout", "billing", "runtime"],
        "unit_slug": ["payments", "payments", "platform"] * 2,
        "period": ["2026-Q3"] * 3 + ["2026-Q4"] * 3,
        "overall_level": [2, 1, 1, 3, 1, pd.NA],
    }
)


@pytest.mark.parametrize(
    ("period", "bounds"),
    [
        ("2026-Q1", (date(2026, 1, 1), date(2026, 3, 31))),
        ("2026-Q4", (date(2026, 10, 1), date(2026, 12, 31))),
    ],
)
def test_a_period_runs_from_its_first_to_its_last_day(period, bounds):
    assert period_bounds(period) == bounds


def test_a_running_period_is_judged_today_a_past_one_on_its_last_day():
    assert judged_on("2026-Q4", date(2026, 11, 20)) == date(2026, 11, 20)
    assert judged_on("2026-Q3", date(2026, 11, 20)) == date(2026, 9, 30)


def test_the_review_counts_decisions_incidents_alerts_and_safety_by_level():
    review = build_track_record_review(
        "2026-Q4", TABLE, HISTORY, REQUESTS, INCIDENTS,
        rules=RULES, pillars=PILLARS, chain_names=CHAINS, today=date(2026, 11, 25),
    )  # fmt: skip

    assert review.decision_counts == {"approved": 1, "declined": 1, "expired": 1}
    assert review.decisions[["team_slug", "status"]].values.tolist() == [
        ["checkout", "approved"],
        ["billing", "declined"],
        ["runtime", "expired"],
    ]
    assert review.by_severity.to_dict() == {
        "Blast radius": {"low": 0, "medium": 0, "high": 1, "critical": 1},
        "Production access": {"low": 1, "medium": 0, "high": 0, "critical": 0},
    }
    # The critical incident of 2 Oct came before merge review's removal on 10 Oct.
    assert review.alerts[["team_slug", "chain", "incident_on", "severity"]].values.tolist() == [
        ["checkout", "Review before merge", date(2026, 11, 3), "high"]
    ]
    assert review.safety.to_dict("list") == {
        "overall_level": [0, 1, 2, 3, 4],
        "team_quarters": [0, 3, 1, 1, 0],
        "incidents": [0, 2, 0, 2, 0],
        "per_100": pytest.approx([float("nan"), 200 / 3, 0.0, 200.0, float("nan")], nan_ok=True),
    }


def test_a_unit_review_sees_only_its_teams():
    review = build_track_record_review(
        "2026-Q4", TABLE, HISTORY, REQUESTS, INCIDENTS, rules=RULES, pillars=PILLARS,
        chain_names=CHAINS, today=date(2026, 11, 25), unit_slug="platform",
    )  # fmt: skip
    assert review.decision_counts == {"approved": 0, "declined": 0, "expired": 1}
    assert int(review.by_severity.to_numpy().sum()) == 0
    assert review.alerts.empty
    assert review.safety["team_quarters"].tolist() == [0, 1, 0, 0, 0]


def test_removed_chains_without_an_approved_request_are_flagged():
    flags = unsigned_removals(TABLE, REQUESTS, list(CHAINS), date(2026, 11, 25))
    assert flags.to_dict("index") == {
        "checkout": {"tool-approval": False, "merge-review": False},
        "billing": {"tool-approval": True, "merge-review": False},
        "runtime": {"tool-approval": False, "merge-review": False},
    }
    before_approval = unsigned_removals(TABLE, REQUESTS, list(CHAINS), date(2026, 10, 9))
    assert before_approval.loc["checkout", "merge-review"]


def test_incidents_count_only_in_submitted_team_quarters():
    frame = incidents_by_level(HISTORY, [incident(9, "runtime", "2026-12-01", "low")])
    assert frame["incidents"].sum() == 0
    assert by_severity([], PILLARS).to_numpy().sum() == 0


def test_an_approval_in_the_period_counts_as_removed_before_the_assessment_records_it():
    from assessments.reports.track_record import removed_in_period

    approved_now = request(6, "runtime", "merge-review", "approved", "2026-11-05", "2026-11-10")
    approved_before = request(7, "runtime", "tool-approval", "approved", "2026-08-01", "2026-08-05")
    requests = [approved_now, approved_before]
    assert removed_in_period("runtime", [], requests, "2026-Q4", date(2026, 11, 9)) == frozenset()
    assert removed_in_period("runtime", [], requests, "2026-Q4", date(2026, 11, 10)) == {
        "merge-review"
    }
    # Approved last quarter but this quarter's assessment shows it in place: put back.
    assert removed_in_period("runtime", ["x"], requests, "2026-Q4", date(2026, 12, 1)) == {
        "x",
        "merge-review",
    }


def test_the_pack_counts_incidents_and_alerts_in_plain_words():
    from ui.exports.track_record_pack import track_record_sections

    review = build_track_record_review(
        "2026-Q4", TABLE, HISTORY, REQUESTS, INCIDENTS,
        rules=RULES, pillars=PILLARS, chain_names=CHAINS, today=date(2026, 11, 25),
    )  # fmt: skip

    paragraphs = {s.title: s.paragraphs for s in track_record_sections(review, CHAINS)}

    assert paragraphs["Incidents and near misses"] == ("3 incidents recorded in 2026-Q4.",)
    assert paragraphs["Reinstate alerts"] == (
        "1 removed chain with an incident in its area after the removal, as the catalogue's"
        " reinstatement rules define it.",
    )
