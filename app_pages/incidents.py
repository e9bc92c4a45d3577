"""Incidents: agent incidents and near misses, one by one or from a CSV file."""

import streamlit as st

from ui import context, resources
from ui.track_record_pages import render_incident_form, render_incident_import, render_incidents

service = resources.authorized_service()
content = resources.content()
selection = context.selection()

st.title("Incidents and near misses")
st.caption(
    "What went wrong (or nearly) with agent work. An incident in a removed chain's area can"
    " put the chain back: the team report then shows a reinstate alert."
)
if service.principal.can_edit:
    left, right = st.columns(2)
    with left:
        render_incident_form(service, content, selection.team)
    with right:
        render_incident_import(service)
render_incidents(service, content)
