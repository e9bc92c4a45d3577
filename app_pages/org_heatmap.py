"""Org heatmap: every team's readiness per pillar, grouped by unit, with coverage and roll-up."""

import streamlit as st

from assessments.periods import previous_period
from assessments.reports.org_table import SUBMITTED, in_unit, pillar_names, submitted
from assessments.reports.versioned import other_version_notes
from assessments.reports.versioned import period_version as pillar_version
from ui import context, org_data, resources
from ui.coverage import chase_rows, editors_by_team
from ui.evidence_sections import contradicted_filter, render_contradicted_counts
from ui.figures.org import HEATMAP_MODES, heatmap_figure, unit_rollup_figure
from ui.org_list import render_team_list, render_unit_list, team_entries, unit_entries
from ui.org_widgets import (
    chart_drill_down,
    follow_team_request,
    page_of,
    render_coverage,
    scope_caption,
    team_opener,
    unit_filter,
)
from ui.page_access import require_org_view
from ui.text import inert
from ui.track_record_org import render_track_record_counts

MODE_LABELS = {"level": "Level", "score": "Score", "change": "Change since previous period"}
LIST = "List"

follow_team_request()
service = resources.authorized_service()
content = resources.content()
pillars = pillar_names(content.rubric)
period = context.selection().period

st.title("Org heatmap")
require_org_view(service)
table = org_data.change_table(period)
if table.empty:
    st.info("No teams yet. An admin can import the org structure.", icon=":material/groups:")
    st.stop()
# The pillars of the version this period was answered on (an old period keeps its own).
library = resources.content_library()
answered_on = pillar_version(table)
if answered_on is not None:
    content = library.content_for(answered_on, None)
    pillars = pillar_names(content.rubric)

left, right = st.columns([1, 2])
with left:
    unit = unit_filter(org_data.units(), key="heatmap_unit")
with right, st.container(horizontal=True):
    layout = st.segmented_control(
        "Layout",
        ["Heatmap", LIST],
        default="Heatmap",
        key="heatmap_layout",
        help="The list reads one team at a time: choose it on a phone.",
    )
    # The list shows level, score and change side by side: no colour to choose.
    mode = (
        "level"
        if layout == LIST
        else st.segmented_control(
            "Colour by",
            HEATMAP_MODES,
            format_func=lambda m: MODE_LABELS[m],
            default="level",
            key="heatmap_mode",
        )
        or "level"
    )
scoped = contradicted_filter(
    in_unit(table, None if unit is None else unit.slug), key="heatmap_contradicted"
)
if scoped.empty and unit is not None:
    st.info(
        f"{inert(unit.name)} has no teams yet. Import the org structure to add them, or pick "
        "another unit.",
        icon=":material/groups:",
    )
    st.stop()
scope_caption(scoped, period)
for note in other_version_notes(scoped, library):
    st.caption(inert(note))

missing = int((scoped["coverage"] != SUBMITTED).sum())
coverage_label = f"Coverage ({missing} not submitted)" if missing else "Coverage"
teams_tab, units_tab, coverage_tab = st.tabs(["Teams", "Units", coverage_label])
with teams_tab:
    if submitted(scoped).empty:
        st.info(
            f"No team has submitted an assessment for {period} yet, so there is nothing to "
            "colour. The Coverage tab shows who has a draft open.",
            icon=":material/hourglass_empty:",
        )
    elif layout == LIST:
        st.caption(
            f"Each team's readiness level (0–{content.questionnaire.top_level}) and score "
            f"(0–100) per pillar; in brackets, the change since {previous_period(period)}. "
            "The overall level is the weakest pillar's."
        )
        rows, _ = page_of(scoped, key="heatmap_page")
        render_team_list(team_entries(rows, pillars, previous_period(period)), period)
        render_contradicted_counts(scoped)
    elif mode == "change" and not scoped["compared"].any():
        st.info(
            f"No team here submitted in both {previous_period(period)} and {period}, so there "
            "is no change to show yet. Level and Score show this period on its own.",
            icon=":material/compare_arrows:",
        )
    else:
        if mode == "change":
            st.caption(
                f"Pillar score change since {previous_period(period)}: blue rose, red fell; "
                "teams that did not submit in both periods stay blank. On a phone, choose the List "
                "layout."
            )
        elif mode == "score":
            st.caption(
                "Pillar scores 0–100; Overall is the mean of the pillar scores. Click a cell to "
                "open that team's report; on a phone, choose the List layout."
            )
        else:
            st.caption(
                f"Readiness level 0–{content.questionnaire.top_level}; Overall is the weakest"
                " pillar's level. Click a cell to open that team's report; on a phone, choose the"
                " List layout."
            )
        rows, page = page_of(scoped, key="heatmap_page")
        top_level = content.questionnaire.top_level
        figure = org_data.figure(
            "heatmap",
            lambda: heatmap_figure(
                rows, mode, pillars, earlier_period=previous_period(period), top_level=top_level
            ),
            period,
            None if unit is None else unit.slug,
            mode,
            page,
            top_level,
        )
        st.altair_chart(
            figure,
            key="heatmap_chart",
            on_select=lambda: chart_drill_down("heatmap_chart"),
            selection_mode="team",
            width="stretch",
        )
        render_contradicted_counts(scoped)
        team_opener(rows, key="heatmap_open_team")
with units_tab:
    rollup = org_data.unit_rollup(period, None if unit is None else unit.slug)
    if layout == LIST:
        st.caption("Coverage of each unit, and the mean and median level of its submitted teams.")
        render_unit_list(unit_entries(rollup, pillars))
    else:
        if submitted(scoped).empty:
            st.info(
                f"No unit has a submission for {period} yet.", icon=":material/hourglass_empty:"
            )
        else:
            st.caption(
                "Mean level of each unit's submitted teams; (submitted/teams) after the name."
            )
            st.altair_chart(
                org_data.figure(
                    "rollup",
                    lambda: unit_rollup_figure(rollup, pillars),
                    period,
                    None if unit is None else unit.slug,
                ),
                key="rollup_chart",
                width="stretch",
            )
        st.dataframe(
            rollup[
                ["unit", "teams", "submitted", "draft_only", "no_submission", "coverage"]
            ].rename(
                columns={
                    "unit": "Unit",
                    "teams": "Teams",
                    "submitted": "Submitted",
                    "draft_only": "Draft only",
                    "no_submission": "No submission",
                    "coverage": "Coverage",
                }
            ),
            hide_index=True,
            key="rollup_table",
            column_config={"Coverage": st.column_config.ProgressColumn(format="percent")},
        )
with coverage_tab:
    earlier = previous_period(period)
    chase = chase_rows(
        scoped, org_data.period_table(earlier), period, earlier, editors_by_team(service)
    )
    render_coverage(scoped, period, chase)
    if unit is not None:
        st.caption(
            f"Only {inert(str(scoped['unit'].iloc[0]))} is shown; pick All units for every team."
        )

st.subheader("Sign-off and reinstatement")
render_track_record_counts(scoped, period, key="heatmap_track")
