"""Chains matrix: where every approval chain stands for every team, and what could go now."""

import streamlit as st

from assessments.reports.org_review import removable_now
from assessments.reports.org_table import in_unit, submitted
from ui import context, org_data, resources
from ui.chain_list import render_chain_list
from ui.figures.chains import chains_matrix_figure
from ui.figures.review import removable_now_figure
from ui.figures.vega import show_spec
from ui.org_widgets import (
    chart_drill_down,
    follow_team_request,
    page_of,
    scope_caption,
    team_opener,
    unit_filter,
)
from ui.page_access import require_org_view
from ui.text import inert
from ui.track_record_org import render_track_record_counts

follow_team_request()
service = resources.authorized_service()
catalogue = resources.content().scoring_catalogue
period = context.selection().period

st.title("Approval chains across teams")
require_org_view(service)
table = org_data.period_table(period)
if table.empty:
    st.info("No teams yet. An admin can import the org structure.", icon=":material/groups:")
    st.stop()
with st.columns([1, 2])[0]:
    unit = unit_filter(org_data.units(), key="chains_unit")
scoped = in_unit(table, None if unit is None else unit.slug)
if scoped.empty and unit is not None:
    st.info(f"{inert(unit.name)} has no teams yet.", icon=":material/groups:")
    st.stop()
scope_caption(scoped, period)
if submitted(scoped).empty:
    st.info(
        f"No team has submitted an assessment for {period} yet. The matrix fills in as "
        "teams submit; the org heatmap's Coverage tab shows who has a draft open.",
        icon=":material/hourglass_empty:",
    )
    st.stop()

st.subheader("Chains teams could remove now")
st.caption(
    "Per chain, the teams whose unlock conditions hold today: the one chain recommended "
    "next, or an eligible alternative. Permanent chains are never removed and are left out."
)
unit_slug = None if unit is None else unit.slug
spec = org_data.chart_spec(
    "removable", lambda: removable_now_figure(removable_now(scoped, catalogue)), period, unit_slug
)
show_spec(spec, key="removable_chart")

st.subheader("Every team, every chain")
layout = st.segmented_control(
    "Layout",
    ["Matrix", "List"],
    default="Matrix",
    key="chains_layout",
    help="The list reads one team at a time: choose it on a phone.",
)
rows, _ = page_of(scoped, key="chains_page")
if layout == "List":
    render_chain_list(rows, catalogue)
    team_opener(rows, key="chains_open_team")
    st.stop()
st.caption("Click a square to open that team's report. On a phone, choose the List layout.")
spec = org_data.chart_spec(
    "chains", lambda: chains_matrix_figure(rows, catalogue), period, tuple(rows.index)
)
show_spec(
    spec,
    key="chains_chart",
    on_select=lambda: chart_drill_down("chains_chart"),
    selection_mode="team",
)
team_opener(rows, key="chains_open_team")

st.subheader("Sign-off and reinstatement")
render_track_record_counts(scoped, period, key="chains_track")
