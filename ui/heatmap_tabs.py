"""The org heatmap's three tabs: the teams (a heatmap or a list), the units, the coverage.

Only the open tab is drawn (the page's tabs rerun when one is chosen): at 2,000 teams the
roll-up chart and the coverage table cost as much to draw unseen as the heatmap itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from assessments.periods import previous_period
from assessments.reports.org_table import submitted
from assessments.service.authorized import AuthorizedService
from assessments.storage.views import UnitView
from ui import org_data
from ui.coverage import chase_rows, editors_by_team
from ui.evidence_sections import render_contradicted_counts
from ui.figures.org import HeatmapMode, heatmap_figure, unit_rollup_figure
from ui.figures.vega import show_spec
from ui.org_list import render_team_list, render_unit_list, team_entries, unit_entries
from ui.org_widgets import chart_drill_down, page_of, render_coverage, team_opener
from ui.text import inert

TEAMS, UNITS, COVERAGE = "Teams", "Units", "Coverage"
TABS = [TEAMS, UNITS, COVERAGE]
"""Fixed labels: the open one is kept in the URL (`tab=Units`), so none may change with a count."""
TAB_KEY = "tab"

ROLLUP_COLUMNS = {
    "unit": "Unit",
    "teams": "Teams",
    "submitted": "Submitted",
    "draft_only": "Draft only",
    "no_submission": "No submission",
    "coverage": "Coverage",
}


@dataclass(frozen=True)
class HeatmapView:
    """What the tabs show: the teams in scope, the period, and the choices above the tabs."""

    scoped: pd.DataFrame
    period: str
    unit: UnitView | None
    pillars: Mapping[str, str]
    top_level: int
    as_list: bool
    mode: HeatmapMode

    @property
    def unit_slug(self) -> str | None:
        return None if self.unit is None else self.unit.slug

    @property
    def earlier(self) -> str:
        return previous_period(self.period)


def render_teams(view: HeatmapView) -> None:
    """Every submitted team, a page at a time: coloured cells to click, or a list in words."""
    scoped, period, earlier = view.scoped, view.period, view.earlier
    if submitted(scoped).empty:
        st.info(
            f"No team has submitted an assessment for {period} yet, so there is nothing to "
            "colour. The Coverage tab shows who has a draft open.",
            icon=":material/hourglass_empty:",
        )
        return
    if view.as_list:
        st.caption(
            f"Each team's readiness level (0–{view.top_level}) and score (0–100) per pillar; "
            f"in brackets, the change since {earlier}. The overall level is the weakest "
            "pillar's."
        )
        rows, _ = page_of(scoped, key="heatmap_page")
        render_team_list(team_entries(rows, view.pillars, earlier), period)
        render_contradicted_counts(scoped)
        return
    if view.mode == "change" and not scoped["compared"].any():
        st.info(
            f"No team here submitted in both {earlier} and {period}, so there is no change to "
            "show yet. Level and Score show this period on its own.",
            icon=":material/compare_arrows:",
        )
        return
    st.caption(_caption(view))
    rows, _ = page_of(scoped, key="heatmap_page")
    # Kept per the teams it draws (the unit, the contradicted-claims filter and the page).
    spec = org_data.chart_spec(
        "heatmap",
        lambda: heatmap_figure(
            rows, view.mode, view.pillars, earlier_period=earlier, top_level=view.top_level
        ),
        period,
        view.mode,
        view.top_level,
        tuple(rows.index),
    )
    show_spec(
        spec,
        key="heatmap_chart",
        on_select=lambda: chart_drill_down("heatmap_chart"),
        selection_mode="team",
    )
    render_contradicted_counts(scoped)
    team_opener(rows, key="heatmap_open_team")


def _caption(view: HeatmapView) -> str:
    if view.mode == "change":
        return (
            f"Pillar score change since {view.earlier}: blue rose, red fell; teams that did "
            "not submit in both periods stay blank. On a phone, choose the List layout."
        )
    if view.mode == "score":
        return (
            "Pillar scores 0–100; Overall is the mean of the pillar scores. Click a cell to "
            "open that team's report; on a phone, choose the List layout."
        )
    return (
        f"Readiness level 0–{view.top_level}; Overall is the weakest pillar's level. Click a "
        "cell to open that team's report; on a phone, choose the List layout."
    )


def render_units(view: HeatmapView) -> None:
    """Each unit's coverage and mean level: a chart and a table, or a list in words."""
    rollup = org_data.unit_rollup(view.period, view.unit_slug)
    if view.as_list:
        st.caption("Coverage of each unit, and the mean and median level of its submitted teams.")
        render_unit_list(unit_entries(rollup, view.pillars))
        return
    if submitted(view.scoped).empty:
        st.info(
            f"No unit has a submission for {view.period} yet.", icon=":material/hourglass_empty:"
        )
    else:
        st.caption("Mean level of each unit's submitted teams; (submitted/teams) after the name.")
        spec = org_data.chart_spec(
            "rollup",
            lambda: unit_rollup_figure(rollup, view.pillars),
            view.period,
            view.unit_slug,
        )
        show_spec(spec, key="rollup_chart")
    st.dataframe(
        rollup[list(ROLLUP_COLUMNS)].rename(columns=ROLLUP_COLUMNS),
        hide_index=True,
        key="rollup_table",
        column_config={"Coverage": st.column_config.ProgressColumn(format="percent")},
    )


def render_coverage_tab(view: HeatmapView, service: AuthorizedService) -> None:
    """Who submitted, who has a draft, who to chase (and whom to ask)."""
    scoped, period, earlier = view.scoped, view.period, view.earlier
    chase = chase_rows(
        scoped, org_data.period_table(earlier), period, earlier, editors_by_team(service)
    )
    render_coverage(scoped, period, chase)
    if view.unit is not None:
        st.caption(
            f"Only {inert(str(scoped['unit'].iloc[0]))} is shown; pick All units for every team."
        )
