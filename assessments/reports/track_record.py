"""The track record in reports: sign-off of removed chains, reinstate alerts, review sections.

Pure functions over plain views and scored tables; the date judged at is always an argument.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

import pandas as pd

from assessments.periods import period_bounds
from assessments.reports.org_table import MARKED_REMOVED
from assessments.storage.incidents import IncidentView
from assessments.storage.removal_requests import RemovalRequestView
from assessments.storage.tables import APPROVED, DECLINED, EXPIRED
from scoring.track_record import (
    IncidentRecord,
    ReinstateAlert,
    ReinstateRule,
    Removal,
    Severity,
    reinstate_alerts,
)
from scoring.track_record_facts import INCIDENT_COLUMNS, REMOVAL_COLUMNS, TrackRecordFrames

DECISIONS = (APPROVED, DECLINED, EXPIRED)
LEVELS = range(5)
WITHOUT_SIGN_OFF = "removed without sign-off"
_Record = TypeVar("_Record", RemovalRequestView, IncidentView)


def judged_on(period: str, today: date) -> date:
    """The day a period's track record is judged at: its last day, or today while it runs."""
    return min(period_bounds(period)[1], today)


def assessment_track_records(
    assessments: Iterable[tuple[Hashable, str, str]],
    requests: Sequence[RemovalRequestView],
    incidents: Sequence[IncidentView],
    today: date,
) -> TrackRecordFrames:
    """The track record of each (assessment id, team slug, period), for `score_org`.

    Each assessment is judged on its period's last day (today while the period runs), with
    its team's removals signed off by then and every incident of its team.
    """
    as_of: dict[Hashable, date] = {}
    removals: list[tuple[Hashable, str, date]] = []
    found: list[tuple[Hashable, date, int, str]] = []
    # Each incident's facts once, not once per assessment of its team.
    facts_of: dict[str, list[tuple[date, int, str]]] = {}
    for i in incidents:
        facts_of.setdefault(i.team_slug, []).append(
            (i.occurred_on, Severity(i.severity).rank, i.pillar)
        )
    requests_of = _by_team(requests)
    for assessment_id, team_slug, period in assessments:
        day = judged_on(period, today)
        as_of[assessment_id] = day
        for (_, chain), since in signed_off(requests_of.get(team_slug, ()), day).items():
            removals.append((assessment_id, chain, since))
        found.extend((assessment_id, *facts) for facts in facts_of.get(team_slug, ()))
    return TrackRecordFrames(
        pd.Series(as_of, dtype=object),
        pd.DataFrame(removals, columns=list(REMOVAL_COLUMNS)),
        pd.DataFrame(found, columns=list(INCIDENT_COLUMNS)),
    )


def _by_team(records: Iterable[_Record]) -> dict[str, list[_Record]]:
    """Records grouped by team slug, in their order: one pass instead of one scan per team."""
    grouped: dict[str, list[_Record]] = {}
    for record in records:
        grouped.setdefault(record.team_slug, []).append(record)
    return grouped


def team_track_record_input(
    team_slug: str,
    period: str,
    requests: Sequence[RemovalRequestView],
    incidents: Sequence[IncidentView],
    today: date,
) -> tuple[date, dict[str, date], tuple[IncidentRecord, ...]]:
    """One team's (assessment date, signed-off removal days, incidents) for `score_assessment`."""
    day = judged_on(period, today)
    team_requests = [r for r in requests if r.team_slug == team_slug]
    since = {chain: d for (_, chain), d in signed_off(team_requests, day).items()}
    return day, since, tuple(i.record() for i in incidents if i.team_slug == team_slug)


def signed_off(requests: Iterable[RemovalRequestView], as_of: date) -> dict[tuple[str, str], date]:
    """(team, chain) → the latest approved removal in effect on `as_of`."""
    found: dict[tuple[str, str], date] = {}
    for request in requests:
        day = request.effective_on
        if request.status == APPROVED and day is not None and day <= as_of:
            key = (request.team_slug, request.chain_id)
            found[key] = max(found.get(key, day), day)
    return found


def team_removals(
    team_slug: str, marked_removed: Iterable[str], approvals: Mapping[tuple[str, str], date]
) -> tuple[Removal, ...]:
    """The chains a team marked removed, each dated by its sign-off (None without one)."""
    return tuple(
        Removal(chain, approvals.get((team_slug, chain))) for chain in sorted(marked_removed)
    )


def removed_in_period(
    team_slug: str,
    marked_removed: Iterable[str],
    requests: Iterable[RemovalRequestView],
    period: str,
    as_of: date,
) -> frozenset[str]:
    """The chains a team has removed in a period on `as_of`.

    Those its assessment marks removed, and those whose removal was approved during the
    period and is in effect: an approval sets the chain removed from its effective date,
    before the next assessment records it. An approval from an earlier period whose chain
    this period's assessment shows in place no longer counts (the chain was put back).
    """
    first = period_bounds(period)[0]
    approved = {
        r.chain_id
        for r in requests
        if r.team_slug == team_slug
        and r.status == APPROVED
        and r.effective_on is not None
        and r.effective_on <= as_of
        and r.decided_at is not None
        and r.decided_at.date() >= first
    }
    return frozenset(marked_removed) | approved


def team_alerts(
    team_slug: str,
    marked_removed: Iterable[str],
    requests: Sequence[RemovalRequestView],
    incidents: Iterable[IncidentView],
    rules: Mapping[str, ReinstateRule],
    as_of: date,
    period: str | None = None,
) -> tuple[ReinstateAlert, ...]:
    """The reinstate alerts of one team on `as_of` (with `period`: approvals in it count)."""
    if period is not None:
        marked_removed = removed_in_period(team_slug, marked_removed, requests, period, as_of)
    removals = team_removals(team_slug, marked_removed, signed_off(requests, as_of))
    records = [i.record() for i in incidents if i.team_slug == team_slug]
    return reinstate_alerts(rules, removals, records, as_of)


def marked_removed_by_team(table: pd.DataFrame, chains: Sequence[str]) -> dict[str, list[str]]:
    """Team slug → the chains it marked removed, from an org table's status columns."""
    marked = {
        c: table[f"status:{c}"].isin(MARKED_REMOVED).to_numpy()
        for c in chains
        if f"status:{c}" in table
    }
    return {
        str(team_slug): [c for c, flags in marked.items() if flags[i]]
        for i, team_slug in enumerate(table.index)
    }


def org_alerts(
    table: pd.DataFrame,
    requests: Sequence[RemovalRequestView],
    incidents: Sequence[IncidentView],
    rules: Mapping[str, ReinstateRule],
    chain_names: Mapping[str, str],
    as_of: date,
    period: str | None = None,
) -> pd.DataFrame:
    """One row per reinstate alert in an org table: team, unit, chain and the incident."""
    removed = marked_removed_by_team(table, list(chain_names))
    requests_of, incidents_of = _by_team(requests), _by_team(incidents)
    rows = []
    for team_slug, chains in removed.items():
        found = team_alerts(
            team_slug,
            chains,
            requests_of.get(team_slug, []),
            incidents_of.get(team_slug, []),
            rules,
            as_of,
            period,
        )
        for alert in found:
            rows.append(_alert_row(table, team_slug, alert, chain_names))
    return pd.DataFrame(rows, columns=ALERT_COLUMNS)


ALERT_COLUMNS = ["team_slug", "team", "unit", "chain", "incident_on", "severity", "pillar", "what"]


def _alert_row(
    table: pd.DataFrame, team_slug: str, alert: ReinstateAlert, chain_names: Mapping[str, str]
) -> dict[str, object]:
    incident = alert.incident
    return {
        "team_slug": team_slug,
        "team": table.at[team_slug, "team"],
        "unit": table.at[team_slug, "unit"],
        "chain": chain_names.get(alert.chain, alert.chain),
        "incident_on": incident.occurred_on,
        "severity": incident.severity.value,
        "pillar": incident.pillar,
        "what": incident.summary,
    }


def unsigned_removals(
    table: pd.DataFrame,
    requests: Iterable[RemovalRequestView],
    chains: Sequence[str],
    as_of: date,
) -> pd.DataFrame:
    """Per team and chain: True where the chain is marked removed without an approved request."""
    approvals = signed_off(requests, as_of)
    removed = marked_removed_by_team(table, chains)
    return pd.DataFrame(
        {
            chain: [
                chain in removed.get(str(t), []) and (str(t), chain) not in approvals
                for t in table.index
            ]
            for chain in chains
        },
        index=table.index,
        dtype=bool,
    )


@dataclass(frozen=True, eq=False)
class TrackRecordReview:
    """The review's track-record sections for one period and scope.

    Attributes:
        decisions: each request decided in the period (team, chain, status, by, on, note).
        decision_counts: approved, declined and expired in the period (all three keys).
        incidents: the incidents that happened in the period.
        by_severity: incident counts, severity (rows, low first) × pillar name (columns).
        alerts: reinstate alerts at the period's end (see `org_alerts`).
        safety: per overall readiness level 0-4, team-quarters with a submission, incidents
            in those team-quarters, and incidents per 100 team-quarters (NaN without any).
    """

    period: str
    decisions: pd.DataFrame
    decision_counts: dict[str, int]
    incidents: pd.DataFrame
    by_severity: pd.DataFrame
    alerts: pd.DataFrame
    safety: pd.DataFrame


def decisions_in(requests: Iterable[RemovalRequestView], period: str) -> pd.DataFrame:
    """The requests decided (approved, declined, expired) within the period, oldest first."""
    first, last = period_bounds(period)
    rows = [
        {
            "team_slug": r.team_slug,
            "team": r.team_name,
            "chain_id": r.chain_id,
            "status": r.status,
            "decided_by": r.decided_by,
            "decided_on": r.decided_at.date(),
            "note": r.decision_note or "",
        }
        for r in requests
        if r.status in DECISIONS
        and r.decided_at is not None
        and first <= r.decided_at.date() <= last
    ]
    columns = ["team_slug", "team", "chain_id", "status", "decided_by", "decided_on", "note"]
    return pd.DataFrame(rows, columns=columns).sort_values("decided_on", kind="stable")


def incidents_in(incidents: Iterable[IncidentView], period: str) -> list[IncidentView]:
    """The incidents that happened within the period."""
    first, last = period_bounds(period)
    return [i for i in incidents if first <= i.occurred_on <= last]


def by_severity(incidents: Iterable[IncidentView], pillars: Mapping[str, str]) -> pd.DataFrame:
    """Counts by severity (low → critical) × pillar name; zeros included."""
    columns = list(pillars.values())
    counts: dict[tuple[str, str], int] = {}
    for incident in incidents:
        column = pillars.get(incident.pillar, incident.pillar)
        if column not in columns:
            columns.append(column)
        key = (incident.severity, column)
        counts[key] = counts.get(key, 0) + 1
    severities = [s.value for s in Severity]
    table = pd.DataFrame(
        [[counts.get((s, c), 0) for c in columns] for s in severities],
        index=pd.Index(severities, name="severity"),
        columns=columns,
        dtype=int,
    )
    return table


def incidents_by_level(history: pd.DataFrame, incidents: Iterable[IncidentView]) -> pd.DataFrame:
    """Does readiness predict safety: incidents per 100 team-quarters by overall level.

    `history` holds one row per team and period with a submission (`team_slug`, `period`,
    `overall_level`); an incident counts against the team-quarter it happened in, and only
    when that team-quarter has a submission. Counts are shown so small numbers are not
    over-read.
    """
    quarter_of: dict[tuple[str, str], int] = {}
    for incident in incidents:
        year, month = incident.occurred_on.year, incident.occurred_on.month
        key = (incident.team_slug, f"{year:04d}-Q{(month - 1) // 3 + 1}")
        quarter_of[key] = quarter_of.get(key, 0) + 1
    counts = {level: [0, 0] for level in LEVELS}
    for team_slug, period, level in history[["team_slug", "period", "overall_level"]].itertuples(
        index=False
    ):
        if pd.isna(level):
            continue
        counts[int(level)][0] += 1
        counts[int(level)][1] += quarter_of.get((team_slug, period), 0)
    rows = [
        {
            "overall_level": level,
            "team_quarters": quarters,
            "incidents": found,
            "per_100": 100 * found / quarters if quarters else float("nan"),
        }
        for level, (quarters, found) in counts.items()
    ]
    return pd.DataFrame(rows, columns=["overall_level", "team_quarters", "incidents", "per_100"])


def build_track_record_review(
    period: str,
    table: pd.DataFrame,
    history: pd.DataFrame,
    requests: Sequence[RemovalRequestView],
    incidents: Sequence[IncidentView],
    *,
    rules: Mapping[str, ReinstateRule],
    pillars: Mapping[str, str],
    chain_names: Mapping[str, str],
    today: date,
    unit_slug: str | None = None,
) -> TrackRecordReview:
    """Every track-record section of the review of `period`, for one unit or the org."""
    if unit_slug is not None:
        requests = [r for r in requests if r.unit_slug == unit_slug]
        incidents = [i for i in incidents if i.unit_slug == unit_slug]
        history = history[history["unit_slug"] == unit_slug]
        table = table[table["unit_slug"] == unit_slug]
    decided = decisions_in(requests, period)
    happened = incidents_in(incidents, period)
    as_of = judged_on(period, today)
    until = history[history["period"] <= period]
    return TrackRecordReview(
        period=period,
        decisions=decided,
        decision_counts={s: int((decided["status"] == s).sum()) for s in DECISIONS},
        incidents=_incident_frame(happened, pillars, chain_names),
        by_severity=by_severity(happened, pillars),
        alerts=org_alerts(table, requests, incidents, rules, chain_names, as_of, period),
        safety=incidents_by_level(until, incidents),
    )


def _incident_frame(
    incidents: Iterable[IncidentView], pillars: Mapping[str, str], chains: Mapping[str, str]
) -> pd.DataFrame:
    columns = ["occurred_on", "team", "severity", "pillar", "chain", "what", "link"]
    return pd.DataFrame(
        [
            {
                "occurred_on": i.occurred_on,
                "team": i.team_name,
                "severity": i.severity,
                "pillar": pillars.get(i.pillar, i.pillar),
                "chain": chains.get(i.chain_id, i.chain_id) if i.chain_id else "",
                "what": i.summary,
                "link": i.link or "",
            }
            for i in incidents
        ],
        columns=columns,
    )
