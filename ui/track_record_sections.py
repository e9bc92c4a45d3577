"""Team report sections of the track record: reinstate alerts, sign-off, and asking to remove.

Every text a person typed (reasons, notes, incident summaries) is rendered inert.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import streamlit as st

from assessments.content.in_force import Content
from assessments.reports.track_record import (
    WITHOUT_SIGN_OFF,
    judged_on,
    removed_in_period,
    signed_off,
    team_alerts,
    team_track_record_input,
)
from assessments.service.authorized import AuthorizedService
from assessments.service.team_scoring import TrackRecordInput
from assessments.storage.removal_requests import RemovalRequestView
from assessments.storage.views import TeamView
from scoring.results import AssessmentResult, ChainStatus
from scoring.track_record import ReinstateAlert
from ui.errors import shown_as_error
from ui.text import inert

_NOTICE = "_removal_notice"
ELIGIBLE_NOW = (ChainStatus.NEXT, ChainStatus.ELIGIBLE)


@dataclass(frozen=True)
class TeamTrackRecord:
    """What the team report shows of a team's track record on the day it is judged."""

    as_of: date
    requests: list[RemovalRequestView]
    alerts: tuple[ReinstateAlert, ...]
    removed: frozenset[str]
    scoring_input: TrackRecordInput


def team_track_record(
    service: AuthorizedService, content: Content, team_slug: str, removed: frozenset[str],
    period: str, today: date,
) -> TeamTrackRecord:  # fmt: skip
    """The team's requests and reinstate alerts for the report of `period`."""
    as_of = judged_on(period, today)
    requests = service.removal_requests(team_slugs=[team_slug])
    incidents = service.incidents(team_slugs=[team_slug])
    rules = content.catalogue.reinstate_rules()
    removed = removed_in_period(team_slug, removed, requests, period, as_of)
    alerts = team_alerts(team_slug, removed, requests, incidents, rules, as_of)
    scoring_input = team_track_record_input(team_slug, period, requests, incidents, today)
    return TeamTrackRecord(as_of, requests, alerts, removed, scoring_input)


def render_reinstate_alerts(content: Content, alerts: Sequence[ReinstateAlert]) -> None:
    """One error box per removed chain an incident says to put back."""
    for alert in alerts:
        name = content.catalogue.chain(alert.chain).name
        st.error(
            f"**Reinstate {inert(name)}.** {inert(alert.incident.describe())}. "
            f"The catalogue says: {inert(content.catalogue.chain(alert.chain).reinstate_text)}",
            icon=":material/replay:",
        )


def sign_off_lines(
    content: Content,
    removed: frozenset[str],
    requests: Sequence[RemovalRequestView],
    as_of: date,
) -> list[str]:
    """One line per chain marked removed: who signed it off and from when, or that nobody did."""
    approvals = signed_off(requests, as_of)
    by_chain = {r.chain_id: r for r in requests if r.status == "approved"}
    lines = []
    for chain in content.catalogue.chains:
        if chain.id not in removed:
            continue
        request = by_chain.get(chain.id)
        team_day = next((d for (_, c), d in approvals.items() if c == chain.id), None)
        if request is not None and team_day is not None:
            lines.append(
                f"{inert(chain.name)}: signed off by {inert(request.decided_by)},"
                f" removed from {team_day.isoformat()}"
            )
        else:
            lines.append(f"{inert(chain.name)}: **{WITHOUT_SIGN_OFF}**")
    return lines


def render_sign_off(
    content: Content, removed: frozenset[str], requests: Sequence[RemovalRequestView], as_of: date
) -> None:
    """The sign-off of each chain the team marked removed."""
    lines = sign_off_lines(content, removed, requests, as_of)
    if lines:
        st.markdown("**Removed chains and their sign-off**")
        st.markdown("\n".join(f"- {line}" for line in lines))


def render_removal_request(
    service: AuthorizedService,
    content: Content,
    team: TeamView,
    result: AssessmentResult,
    requests: Sequence[RemovalRequestView],
    today: date,
) -> None:
    """The state of a request for the next chain, or a form to ask for its removal."""
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        st.success(inert(notice), icon=":material/task_alt:")
    chain_id = result.recommendation.next_chain
    if chain_id is None or result.chain(chain_id).status not in ELIGIBLE_NOW:
        return
    name = content.catalogue.chain(chain_id).name
    approved = next(
        (r for r in requests if r.chain_id == chain_id and r.status == "approved"), None
    )
    if approved is not None and approved.effective_on is not None:
        st.info(
            f"Removal of {inert(name)} was signed off by {inert(approved.decided_by)}, in"
            f" effect from {approved.effective_on.isoformat()}. Mark it removed in the next"
            " self-assessment.",
            icon=":material/verified:",
        )
        return
    open_request = next(
        (r for r in requests if r.chain_id == chain_id and r.status == "pending"), None
    )
    if open_request is not None:
        st.info(
            f"Removal of {inert(name)} requested by {inert(open_request.requested_by)} on"
            f" {open_request.requested_at.date().isoformat()}, planned for"
            f" {open_request.planned_on.isoformat()}: waiting for an approver.",
            icon=":material/hourglass_top:",
        )
        return
    if not service.principal.may_edit(team.slug):
        return
    with st.expander(f"Ask to remove {name}", icon=":material/approval:"):
        st.caption(
            "An approver who does not edit this team signs it off or declines it; an undecided"
            " request expires."
        )
        reason = st.text_area(
            "Why it can go now", key="removal_reason", max_chars=2000,
            placeholder="The compensating controls that run in its place, and the evidence",
        )  # fmt: skip
        planned = st.date_input(
            "Planned removal date", value=today + timedelta(days=14), min_value=today,
            key="removal_planned",
        )  # fmt: skip
        with shown_as_error():
            if st.button("Request sign-off", key="request_removal", type="primary"):
                made = service.request_removal(
                    team.slug, chain_id, reason=reason, planned_on=_day(planned, today)
                )
                st.session_state[_NOTICE] = (
                    f"Removal of {name} requested (request {made.id}); an approver will decide."
                )
                st.rerun()


def _day(picked: object, fallback: date) -> date:
    return picked if isinstance(picked, date) else fallback
