"""Autonomy Readiness: the entrypoint. Page config, sign-in, shared sidebar, navigation."""

import streamlit as st

from ui import context, errors, identity, navigation, org_data, page_access, resources, sign_in
from ui.print_style import apply_print_style

st.set_page_config(
    page_title="Autonomy Readiness",
    page_icon=":material/shield_lock:",
    layout="wide",
)
apply_print_style()

with errors.storage_failures_shown():
    try:
        principal = identity.resolve_principal(resources.service_or_stop())
    except identity.SignInRequired as refused:
        sign_in.render_refusal(refused)
        st.stop()

    page = st.navigation(navigation.pages_for(principal))
    service = resources.authorized_service()
    with_team = page.url_path in navigation.TEAM_PAGES
    teams, periods = org_data.teams(), org_data.periods()
    context.remember(context.render_sidebar(teams, periods, with_team=with_team))
    names = context.org_names(service) if identity.auth_configured() else None
    sign_in.render_account(principal, names)
    page_access.require_known_period(context.selection())
    page.run()
