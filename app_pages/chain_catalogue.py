"""Chain catalogue: every approval chain, its gate, unlock conditions, controls and uptake."""

import streamlit as st

from assessments.reports.catalogue_view import removal_counts
from ui import context, org_data, resources
from ui.catalogue_view import render_catalogue
from ui.text import inert

service = resources.authorized_service()
content = resources.content()
period = context.selection().period
catalogue = content.catalogue

st.title("Chain catalogue")
st.caption(
    f"{inert(catalogue.title)} · version {catalogue.version} · {len(catalogue.chains)} approval"
    " chains, in the order they are usually removed. The rule: solve one problem, remove one"
    " chain."
)
counts = None
if service.principal.can_view_org:
    counts = removal_counts(org_data.period_table(period), catalogue)
    st.caption(f"Uptake counts are for {period}.")
render_catalogue(content, counts)
