"""The home page's cards: a team's standing this quarter, and the organisation's."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.reports.front_door import DONE, DRAFT, NOT_STARTED, OrgStanding, TeamStanding
from assessments.wording import count
from ui.context import PERIOD_KEY, TEAM_KEY
from ui.navigation import CHAINS_MATRIX, ORG_HEATMAP, QUARTERLY_REVIEW, SELF_ASSESSMENT, TEAM_REPORT
from ui.text import inert

ALERTS_SHOWN = 10
"""Teams listed by name under the home page's early-removal alert; the rest are counted."""


def _state_line(standing: TeamStanding) -> str:
    period = standing.period
    if standing.state == NOT_STARTED:
        return f"No assessment for {period} yet: answering takes about 15 minutes."
    answered = f"{standing.answered} of {standing.questions} questions answered"
    if standing.carried:
        answered += f" and {count(standing.carried, 'carried answer')} to confirm"
    if standing.state == DRAFT and standing.submitted_at is not None:
        when = standing.submitted_at.strftime("%Y-%m-%d")
        return f"Submitted on {when}; a newer revision is open as a draft ({answered})."
    if standing.state == DRAFT:
        return f"Draft for {period}: {answered}, not submitted yet."
    when = "" if standing.submitted_at is None else f" on {standing.submitted_at:%Y-%m-%d}"
    return f"Submitted for {period}{when}."


def render_team_card(standing: TeamStanding, *, may_edit: bool) -> None:
    """One team: this quarter's status, the next chain, alerts, and the way to act on them."""
    team = standing.team
    params = {PERIOD_KEY: standing.period, TEAM_KEY: team.slug}
    with st.container(border=True, key=f"home_team_{team.slug}"):
        st.markdown(f"#### {inert(team.name)}")
        st.caption(inert(team.unit_name))
        st.markdown(inert(_state_line(standing)))
        if standing.next_chain is not None:
            provisional = " (provisional: low confidence)" if standing.provisional else ""
            st.markdown(f"**Remove next:** {inert(standing.next_chain)}{provisional}")
        elif standing.submitted_at is not None:
            st.markdown(f"**No chain to remove now.** {inert(standing.no_chain_reason)}")
        for name in standing.alerts:
            st.error(
                f"**{inert(name)}** was removed too early: reinstate it or close its gaps.",
                icon=":material/warning:",
            )
        links = st.container(horizontal=True, key=f"home_links_{team.slug}")
        if may_edit and standing.state != DONE:
            verb = "Start" if standing.state == NOT_STARTED else "Continue"
            links.page_link(
                SELF_ASSESSMENT.path,
                label=f"{verb} the self-assessment",
                icon=":material/edit_note:",
                query_params=params,
            )
        if standing.submitted_at is not None or standing.state == DRAFT:
            links.page_link(
                TEAM_REPORT.path,
                label="Open the team report",
                icon=":material/assignment:",
                query_params=params,
            )


def alert_text(alert_teams: pd.DataFrame, shown: int = ALERTS_SHOWN) -> str:
    """The early-removal alert: how many teams, the first `shown` by name (most chains first,
    as `org_standing` orders them), the rest counted."""
    named = alert_teams.head(shown)
    rows = [
        f"- {inert(unit)} · {inert(team)}: {count(int(alerts), 'chain')}"
        for unit, team, alerts in zip(named["unit"], named["team"], named["alerts"], strict=True)
    ]
    hidden = len(alert_teams) - len(named)
    if hidden:
        rows.append(
            f"- and {count(hidden, 'more team')}: the chains matrix marks every chain removed "
            "too early"
        )
    order = " (most chains first)" if hidden else ""
    title = f"**{count(len(alert_teams), 'team')} removed a chain too early{order}:**"
    return "\n".join([title, *rows])


def render_org_standing(standing: OrgStanding) -> None:
    """Coverage, the spread of overall levels, alerts and movers, with links to the views."""
    st.subheader(f"The organisation in {standing.period}")
    cols = st.columns(3)
    cols[0].metric(
        "Submitted", f"{standing.submitted} of {standing.teams}", border=True, width="stretch"
    )
    cols[1].metric("Draft only", standing.draft_only, border=True)
    cols[2].metric("No submission", standing.no_submission, border=True)
    levels = pd.DataFrame(
        {
            "Overall level": [f"Level {i}" for i in range(len(standing.levels))],
            "Teams": list(standing.levels),
        }
    )
    st.markdown("**Teams per overall readiness level** (set by each team's weakest pillar)")
    st.bar_chart(levels, x="Overall level", y="Teams", horizontal=True, height=220)
    if standing.alert_teams.empty:
        st.success("No team has a chain removed too early.", icon=":material/verified:")
    else:
        st.error(alert_text(standing.alert_teams), icon=":material/warning:")
    up, down = st.columns(2)
    for col, frame, title in (
        (up, standing.up, "Moved up most"),
        (down, standing.down, "Moved down most"),
    ):
        col.markdown(f"**{title}**")
        if frame.empty:
            col.caption("No team moved.")
            continue
        col.markdown(
            "\n".join(
                f"- {inert(unit)} · {inert(team)}: {inert(moved)}"
                for unit, team, moved in zip(
                    frame["unit"], frame["team"], frame["moved"], strict=True
                )
            )
        )
    links = st.container(horizontal=True, key="home_org_links")
    links.page_link(ORG_HEATMAP.path, label="Org heatmap", icon=ORG_HEATMAP.icon)
    links.page_link(CHAINS_MATRIX.path, label="Chains matrix", icon=CHAINS_MATRIX.icon)
    links.page_link(QUARTERLY_REVIEW.path, label="Quarterly review", icon=QUARTERLY_REVIEW.icon)
