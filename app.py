"""Autonomy Readiness: the entrypoint. Page config, shared sidebar, navigation."""

import streamlit as st

from ui import context, resources

st.set_page_config(
    page_title="Autonomy Readiness",
    page_icon=":material/shield_lock:",
    layout="wide",
)

service = resources.service()
pages = {
    "Your team": [
        st.Page(
            "app_pages/team_report.py",
            title="Team report",
            icon=":material/assignment:",
            url_path="report",
            default=True,
        ),
        st.Page(
            "app_pages/self_assessment.py",
            title="Self-assessment",
            icon=":material/edit_note:",
            url_path="assessment",
        ),
    ],
}
page = st.navigation(pages)
context.remember(context.render_sidebar(service))
page.run()
