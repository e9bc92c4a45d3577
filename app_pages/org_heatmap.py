"""Org heatmap: every team's readiness per pillar, grouped by unit, with coverage and roll-up."""

import streamlit as st

from assessments.reports.org_table import in_unit, pillar_names
from assessments.reports.versioned import other_version_notes
from assessments.reports.versioned import period_version as pillar_version
from ui import context, org_data, resources
from ui.evidence_sections import contradicted_filter
from ui.figures.org import HEATMAP_MODES
from ui.heatmap_tabs import (
    TAB_KEY,
    TABS,
    HeatmapView,
    render_coverage_tab,
    render_teams,
    render_units,
)
from ui.lazy_tabs import lazy_tabs
from ui.org_widgets import follow_team_request, scope_caption, unit_filter
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

view = HeatmapView(
    scoped,
    period,
    unit,
    pillars,
    content.questionnaire.top_level,
    as_list=layout == LIST,
    mode=mode,
)
# Only the open tab runs and is sent; it is kept in the URL, so a link opens it (`tab=Units`).
teams_tab, units_tab, coverage_tab = lazy_tabs(TABS, key=TAB_KEY, param=TAB_KEY)
if teams_tab.open:
    with teams_tab:
        render_teams(view)
if units_tab.open:
    with units_tab:
        render_units(view)
if coverage_tab.open:
    with coverage_tab:
        render_coverage_tab(view, service)

st.subheader("Sign-off and reinstatement")
render_track_record_counts(scoped, period, key="heatmap_track")
