"""The review pack's track-record sections: sign-off decisions, incidents, reinstate alerts,
and whether readiness predicts safety."""

from __future__ import annotations

from collections.abc import Mapping

from assessments.reports.track_record import TrackRecordReview
from assessments.wording import count
from ui.exports.review_sections import Section, Table
from ui.figures.org import number_text


def track_record_sections(review: TrackRecordReview, chains: Mapping[str, str]) -> list[Section]:
    """Four sections: removals decided, incidents, reinstate alerts, incidents by level."""
    counts = review.decision_counts
    decided = Table(
        ("Team", "Chain", "Decision", "By", "On", "Note"),
        tuple(
            (
                r.team,
                chains.get(str(r.chain_id), str(r.chain_id)),
                r.status,
                r.decided_by or "",
                str(r.decided_on),
                r.note,
            )
            for r in review.decisions.itertuples()
        ),
        empty=f"No removal request was decided in {review.period}.",
    )
    severity = review.by_severity
    by_severity = Table(
        ("Severity", *severity.columns, "All pillars"),
        tuple(
            (str(level), *(str(int(v)) for v in row), str(int(row.sum())))
            for level, row in severity.iterrows()
        ),
        caption="Incidents by severity and pillar",
    )
    listed = Table(
        ("Date", "Team", "Severity", "Pillar", "Chain", "What happened"),
        tuple(
            (str(i.occurred_on), i.team, i.severity, i.pillar, i.chain, i.what)
            for i in review.incidents.itertuples()
        ),
        caption="Every incident",
        empty=f"No incident was recorded in {review.period}.",
    )
    alerts = Table(
        ("Team", "Unit", "Reinstate", "Incident on", "Severity", "What happened"),
        tuple(
            (a.team, a.unit, a.chain, str(a.incident_on), a.severity, a.what)
            for a in review.alerts.itertuples()
        ),
        empty="No removed chain has an incident that calls for its reinstatement.",
    )
    safety = Table(
        ("Overall readiness level", "Team-quarters", "Incidents", "Per 100 team-quarters"),
        tuple(
            (
                str(s.overall_level),
                str(s.team_quarters),
                str(s.incidents),
                number_text(s.per_100, 1) or "—",
            )
            for s in review.safety.itertuples()
        ),
    )
    total = int(severity.to_numpy().sum())
    return [
        Section(
            "Chain removals signed off",
            (
                f"In {review.period}: {counts['approved']} approved, {counts['declined']}"
                f" declined, {counts['expired']} expired undecided.",
            ),
            (decided,),
        ),
        Section(
            "Incidents and near misses",
            (f"{count(total, 'incident')} recorded in {review.period}.",),
            (by_severity, listed),
        ),
        Section(
            "Reinstate alerts",
            (
                f"{count(len(review.alerts), 'removed chain')} with an incident in "
                f"{'its' if len(review.alerts) == 1 else 'their'} area after the removal, as the "
                "catalogue's reinstatement rules define it.",
            ),
            (alerts,),
        ),
        Section(
            "Does readiness predict safety?",
            (
                "Incidents per 100 team-quarters by the team's overall readiness level that"
                " quarter, up to this period. The counts are beside each rate: a rate over a"
                " handful of team-quarters says little.",
            ),
            (safety,),
        ),
    ]
