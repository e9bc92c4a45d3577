"""Quarterly review: this period against the previous one (and a baseline), and the pack."""

import streamlit as st

from assessments.periods import previous_period
from ui import context, org_data, resources
from ui.evidence_sections import render_contradicted_counts
from ui.exports.review_pack import (
    pack_file_name,
    review_pack_html,
)
from ui.exports.review_sections import pack_summary
from ui.lazy_tabs import lazy_tabs
from ui.org_widgets import unit_filter
from ui.page_access import require_org_view
from ui.review_view import render_section, render_standing, review_sections, tab_groups
from ui.text import inert

service = resources.authorized_service()
period = context.selection().period
earlier = previous_period(period)
st.title("Quarterly review")
require_org_view(service)
left, right = st.columns(2)
with left:
    unit = unit_filter(org_data.units(), key="review_unit")
with right:
    baselines = [p for p in reversed(org_data.periods()) if p < earlier]
    baseline = st.selectbox(
        "Baseline",
        [None, *baselines],
        format_func=lambda p: "No baseline" if p is None else p,
        key="review_baseline",
        help=f"A third period to compare with, earlier than {earlier}.",
    )
review = org_data.quarterly_review(
    period, unit_slug=None if unit is None else unit.slug, baseline=baseline
)
if review.table.empty:
    where = inert(unit.name) if unit is not None else "The organisation"
    st.info(f"{where} has no teams yet.", icon=":material/groups:")
    st.stop()
st.caption(inert(pack_summary(review)))
if review.submitted == 0:
    st.info(
        f"No team has submitted an assessment for {period} yet. Pick an earlier period in the "
        "sidebar, or come back once teams have submitted.",
        icon=":material/hourglass_empty:",
    )
    st.stop()

render_standing(review)
render_contradicted_counts(review.table)
groups = tab_groups(review_sections(review, None if unit is None else unit.slug, baseline))
st.caption(
    "Each tab shows one part of the review. The HTML review pack below is the whole review "
    "in one document, to print or take into the meeting."
)
for tab, (_, sections) in zip(
    lazy_tabs([label for label, _ in groups], key="review_tab"), groups, strict=True
):
    if tab.open:
        with tab:
            for index, section in sections:
                render_section(section, key=f"review_{index}")
st.page_link("app_pages/org_heatmap.py", label="Every team by pillar", icon=":material/grid_on:")
st.page_link("app_pages/chains_matrix.py", label="Every team by chain", icon=":material/link_off:")
st.subheader("Review pack")
st.caption("The same review to take into the meeting: HTML opens offline with its charts.")
scope = {"unit_slug": None if unit is None else unit.slug, "baseline": baseline}
# Each file is written when its button is clicked, not on every run of the page.
cols = st.columns(3)
cols[0].download_button(
    "Download HTML",
    data=lambda: review_pack_html(review),
    file_name=pack_file_name(review, "html"),
    mime="text/html",
    key="pack_html",
    on_click="ignore",
    icon=":material/download:",
)
cols[1].download_button(
    "Download Markdown",
    data=lambda: org_data.review_pack_texts(period, **scope)[0],
    file_name=pack_file_name(review, "md"),
    mime="text/markdown",
    key="pack_md",
    on_click="ignore",
    icon=":material/download:",
)
cols[2].download_button(
    "Download CSV",
    data=lambda: org_data.review_pack_texts(period, **scope)[1],
    file_name=pack_file_name(review, "csv"),
    mime="text/csv",
    key="pack_csv",
    on_click="ignore",
    icon=":material/download:",
)
