"""The shared sidebar: which team and which period every page is about."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NoReturn

import streamlit as st

from assessments.periods import PERIOD_PATTERN
from assessments.service.authorized import AuthorizedService
from assessments.storage.views import TeamView

TEAM_KEY = "team"
TEAM_UNIT_KEY = "team_unit"
ONE_PICKER_LIMIT = 200
"""Above this many teams the sidebar picks a unit, then one of its teams: a single picker
would send every team's name on every run (2,000 teams: about 70 KiB a run)."""
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
    `unknown_period` is a period asked for by a link that is not a quarter at all.
    """

    team: TeamView | None
    period: str
    refused: str | None = None
    unknown_period: str | None = None


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


def render_sidebar(
    teams: Sequence[TeamView], stored_periods: Sequence[str], *, with_team: bool = True
) -> Selection:
    """Draw the period picker and, on pages about one team, the team picker (only teams this
    person may see), mirrored in the URL so a reload keeps them.

    Pages about the organisation get no team picker (it would do nothing there); the last team
    picked is remembered for when a team page is opened again.

    Args:
        teams: the teams this person may see (sorted by unit, then name).
        stored_periods: every period with an assessment; the current quarter is added.
    """
    periods = {*stored_periods, current_period()}
    asked_period = _asked_for(PERIOD_KEY)
    unknown_period = None
    if asked_period is not None and asked_period not in periods:
        # A quarter with no assessments yet is a fair link ("nothing yet"); anything else
        # is not a period, and the page says so rather than showing another one.
        if re.fullmatch(PERIOD_PATTERN, asked_period):
            periods.add(asked_period)
        else:
            unknown_period = asked_period
    options = sorted(periods, reverse=True)
    with st.sidebar:
        _picked(PERIOD_KEY, options)
        period = str(st.selectbox("Period", options, key=PERIOD_KEY))
        st.query_params[PERIOD_KEY] = period
        if not teams:
            st.info("No teams yet. An admin can import the org structure.")
            return Selection(None, period, unknown_period=unknown_period)
        by_slug = {t.slug: t for t in teams}
        remembered = st.session_state.get(_REMEMBERED_TEAM)
        if not with_team:
            kept = remembered if remembered in by_slug else None
            return Selection(
                None if kept is None else by_slug[kept], period, unknown_period=unknown_period
            )
        asked = _asked_for(TEAM_KEY)
        refused = asked if asked is not None and asked not in by_slug else None
        options = list(by_slug)
        if len(teams) > ONE_PICKER_LIMIT:
            options = _unit_picker(by_slug, asked if asked in by_slug else remembered)
        _picked(TEAM_KEY, options, remembered)
        slug = str(
            st.selectbox(
                "Team",
                options,
                format_func=lambda s: f"{by_slug[s].unit_name} · {by_slug[s].name}",
                key=TEAM_KEY,
            )
        )
        st.query_params[TEAM_KEY] = slug
        st.session_state[_REMEMBERED_TEAM] = slug
    return Selection(by_slug[slug], period, refused, unknown_period)


def open_team_page(page: str, team_slug: str, period: str) -> NoReturn:
    """Switch to a team page about this team and period.

    `st.switch_page` clears the URL's query parameters, and a page switch can start the
    sidebar afresh from them; without passing both on, the page opens on the first team.
    """
    st.switch_page(page, query_params={PERIOD_KEY: period, TEAM_KEY: team_slug})


def _unit_picker(by_slug: dict[str, TeamView], asked: str | None) -> list[str]:
    """Pick a unit (the asked-for team's, if any); returns the slugs of its teams."""
    units = {t.unit_slug: t.unit_name for t in by_slug.values()}
    if asked in by_slug:
        # The unit follows the team, whether it came from the URL or a drill-down.
        st.session_state[TEAM_UNIT_KEY] = by_slug[str(asked)].unit_slug
    elif st.session_state.get(TEAM_UNIT_KEY) not in units:
        st.session_state[TEAM_UNIT_KEY] = next(iter(units))

    def first_team_of_unit() -> None:
        unit = st.session_state[TEAM_UNIT_KEY]
        st.session_state[TEAM_KEY] = next(s for s, t in by_slug.items() if t.unit_slug == unit)

    unit = st.selectbox(
        "Unit",
        list(units),
        format_func=units.__getitem__,
        key=TEAM_UNIT_KEY,
        on_change=first_team_of_unit,
    )
    return [slug for slug, team in by_slug.items() if team.unit_slug == unit]


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
