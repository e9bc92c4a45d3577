"""The shared sidebar: which team and which period every page is about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import streamlit as st

from assessments.service.authorized import AuthorizedService
from assessments.storage.views import TeamView

TEAM_KEY = "team"
PERIOD_KEY = "period"


def current_period(now: datetime | None = None) -> str:
    """The calendar quarter of `now` (UTC), e.g. "2026-Q4"."""
    now = now or datetime.now(UTC)
    return f"{now.year}-Q{(now.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class Selection:
    """What the sidebar points at; `team` is None when the org has no teams yet.

    `refused` is a team asked for (by a link, or a pick from before a role change) that is
    not among the teams this person may pick; pages say why instead of showing another team.
    """

    team: TeamView | None
    period: str
    refused: str | None = None


_REMEMBERED_TEAM = "_team_remembered"
"""The last team picked, kept while pages without a team picker are open."""


def _picked(key: str, options: list[str], remembered: str | None = None) -> None:
    # A new session (a reload, a shared link) starts from the URL; later runs from the widget.
    # (Not `bind="query-params"`: st.switch_page refuses to run while a parameter is bound.)
    if st.session_state.get(key) not in options:
        wanted = st.query_params.get(key)
        if wanted not in options:
            wanted = remembered if remembered in options else options[0]
        st.session_state[key] = wanted


def remember_team(slug: str) -> None:
    """Make `slug` the team the next team page opens on."""
    st.session_state[_REMEMBERED_TEAM] = slug


def _asked_for(key: str) -> str | None:
    asked = st.session_state.get(key) or st.query_params.get(key)
    return str(asked) if asked else None


def render_sidebar(service: AuthorizedService, *, with_team: bool = True) -> Selection:
    """Draw the period picker and, on pages about one team, the team picker (only teams this
    person may see), mirrored in the URL so a reload keeps them.

    Pages about the organisation get no team picker (it would do nothing there); the last team
    picked is remembered for when a team page is opened again.
    """
    teams = service.list_teams()
    periods = sorted({*service.periods(), current_period()}, reverse=True)
    with st.sidebar:
        _picked(PERIOD_KEY, periods)
        period = str(st.selectbox("Period", periods, key=PERIOD_KEY))
        st.query_params[PERIOD_KEY] = period
        if not teams:
            st.info("No teams yet. An admin can import the org structure.")
            return Selection(None, period)
        by_slug = {t.slug: t for t in teams}
        remembered = st.session_state.get(_REMEMBERED_TEAM)
        if not with_team:
            kept = remembered if remembered in by_slug else None
            return Selection(None if kept is None else by_slug[kept], period)
        asked = _asked_for(TEAM_KEY)
        refused = asked if asked is not None and asked not in by_slug else None
        _picked(TEAM_KEY, list(by_slug), remembered)
        slug = str(
            st.selectbox(
                "Team",
                list(by_slug),
                format_func=lambda s: f"{by_slug[s].unit_name} · {by_slug[s].name}",
                key=TEAM_KEY,
            )
        )
        st.query_params[TEAM_KEY] = slug
        st.session_state[_REMEMBERED_TEAM] = slug
    return Selection(by_slug[slug], period, refused)


def org_names(service: AuthorizedService) -> dict[str, str]:
    """Unit and team names by slug, for words such as "team editor of Checkout Web"."""
    return {
        **{u.slug: u.name for u in service.list_units()},
        **{t.slug: t.name for t in service.list_teams()},
    }


def selection() -> Selection:
    """The selection made in the sidebar during this run (set by app.py)."""
    value = st.session_state.get("_selection")
    if not isinstance(value, Selection):
        raise RuntimeError("render_sidebar() must run before a page reads the selection")
    return value


def remember(value: Selection) -> None:
    st.session_state["_selection"] = value
