"""Widgets the leadership pages share: unit filter, pager, coverage, drill-down to a team."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from assessments.reports.org_table import DRAFT_ONLY, NO_SUBMISSION, SUBMITTED, submitted
from assessments.storage.views import UnitView
from assessments.wording import count
from ui.context import PERIOD_KEY, TEAM_KEY, remember_team
from ui.coverage import render_chase_table
from ui.figures.grid import TEAM_SELECTION
from ui.pagination import DEFAULT_PAGE_SIZE, page_caption, page_count, paginate
from ui.text import inert

TEAM_REPORT_PAGE = "app_pages/team_report.py"
_OPEN_REQUESTED = "_open_team_report"


def unit_filter(units: Sequence[UnitView], key: str) -> UnitView | None:
    """A unit picker ("All units" first); returns the unit, or None for every unit."""
    by_slug = {u.slug: u for u in units}
    choice = st.selectbox(
        "Org unit",
        [None, *by_slug],
        format_func=lambda slug: "All units" if slug is None else by_slug[slug].name,
        key=key,
    )
    return None if choice is None else by_slug[str(choice)]


def scope_caption(table: pd.DataFrame, period: str) -> None:
    """ "34 of 40 teams in 6 units submitted for 2026-Q4"."""
    units = count(table["unit_slug"].nunique(), "unit")
    st.caption(f"{len(submitted(table))} of {len(table)} teams in {units} submitted for {period}")


def pager(rows: int, key: str, size: int = DEFAULT_PAGE_SIZE, what: str = "Teams") -> int:
    """A page picker when `rows` exceed one page; returns the 1-based page (1 otherwise)."""
    pages = page_count(rows, size)
    if pages == 1:
        return 1
    page = st.selectbox(
        "Page",
        list(range(1, pages + 1)),
        format_func=lambda p: page_caption(rows, p, size, what),
        key=key,
    )
    return int(page or 1)


def paged(table: pd.DataFrame, key: str, what: str) -> pd.DataFrame:
    """The rows of `table` on the page its pager shows: a long table is sent a page at a time."""
    return paginate(table, pager(len(table), key, what=what))


def page_of(
    table: pd.DataFrame, key: str, size: int = DEFAULT_PAGE_SIZE
) -> tuple[pd.DataFrame, int]:
    """The submitted rows of `table` on the page the pager shows, and that page's number."""
    rows = submitted(table)
    page = min(pager(len(rows), key, size), page_count(len(rows), size))
    return paginate(rows, page, size), page


def render_coverage(table: pd.DataFrame, period: str, chase: pd.DataFrame | None = None) -> None:
    """Coverage counts, then the teams to chase (a link to each report, how they stood last
    quarter, whom to ask) — or, without `chase`, the teams by unit (names escaped)."""
    counts = table["coverage"].value_counts()
    cols = st.columns(3)
    cols[0].metric("Submitted", int(counts.get(SUBMITTED, 0)), border=True)
    cols[1].metric("Draft only", int(counts.get(DRAFT_ONLY, 0)), border=True)
    cols[2].metric("No submission", int(counts.get(NO_SUBMISSION, 0)), border=True)
    if chase is not None:
        render_chase_table(paged(chase, "chase_page", "Teams"), period)
        return
    for state, heading in (
        (NO_SUBMISSION, f"No submission for {period}"),
        (DRAFT_ONLY, "A draft, not submitted yet"),
    ):
        rows = table[table["coverage"] == state]
        st.markdown(f"**{heading}**")
        if rows.empty:
            st.caption("None.")
            continue
        lines = [
            f"- {inert(str(unit))}: " + ", ".join(inert(t) for t in group["team"])
            for unit, group in rows.groupby("unit", sort=False)
        ]
        st.markdown("\n".join(lines))


def request_team_report(slug: str | None) -> None:
    """From a widget callback: point the sidebar at the team and open its report."""
    if slug:
        st.session_state[TEAM_KEY] = slug
        remember_team(slug)
        st.session_state[_OPEN_REQUESTED] = slug


def follow_team_request() -> None:
    """Open the team report if a callback asked for it during this rerun."""
    slug = st.session_state.pop(_OPEN_REQUESTED, None)
    if slug:
        # switch_page clears the URL's query parameters; the sidebar is bound to them, so
        # pass both on or the report would open on the default period.
        period = str(st.session_state.get(PERIOD_KEY, ""))
        st.switch_page(TEAM_REPORT_PAGE, query_params={PERIOD_KEY: period, TEAM_KEY: slug})


def selected_slug(state: Any) -> str | None:
    """The team slug of a chart's `team` selection (the state `on_select` keeps), if any."""
    selection = state["selection"] if state else {}
    for point in selection.get(TEAM_SELECTION) or []:
        slug = point.get("slug")
        if slug:
            return str(slug)
    return None


def chart_drill_down(key: str) -> None:
    """Callback for `st.altair_chart(on_select=...)`: open the clicked team's report."""
    request_team_report(selected_slug(st.session_state.get(key)))


def team_opener(table: pd.DataFrame, key: str) -> None:
    """The accessible alternative to clicking the chart: pick a team, open its report.

    Pass the rows the chart shows (one page), not the whole org: 1,700 options would be sent
    on every run.
    """
    rows = submitted(table)
    names = {
        slug: f"{unit} · {team}"
        for slug, unit, team in zip(rows.index, rows["unit"], rows["team"], strict=True)
    }
    st.selectbox(
        "Open a team's report",
        list(names),
        index=None,
        placeholder="Choose a team…",
        format_func=lambda slug: names[slug],
        key=key,
        on_change=lambda: request_team_report(st.session_state.get(key)),
    )
