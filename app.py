"""Autonomy Readiness: the entrypoint. Page config, sign-in, shared sidebar, navigation."""

import streamlit as st

from ui import context, errors, identity, navigation, page_access, resources, sign_in

st.set_page_config(
    page_title="Autonomy Readiness",
    page_icon=":material/shield_lock:",
    layout="wide",
)

with errors.storage_failures_shown():
    try:
        principal = identity.resolve_principal(resources.service_or_stop())
    except identity.SignInRequired as refused:
        sign_in.render_refusal(refused)
        st.stop()

    page = st.navigation(navigation.pages_for(principal))
    context.remember(context.render_sidebar(resources.authorized_service()))
    sign_in.render_account(principal)
    page_access.require_known_period(context.selection())
    page.run()
