"""The pages before the app: log in, no access yet; and who is signed in, on every page."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from assessments.access import Principal
from ui.identity import SignInRequired, auth_configured, login_providers
from ui.text import inert

LOCAL_MODE_BANNER = (
    "Local mode: no login configured; everyone is admin. Configure OIDC in "
    ".streamlit/secrets.toml — see README."
)
NO_ACCESS_TITLE = "No access yet"


def shown_email(email: str) -> str:
    """An email as inline code (inert, and not turned into a mailto link)."""
    if "`" in email or "\n" in email:
        return inert(email)
    return f"`{email}`"


def render_login_page() -> None:
    """The page a signed-out visitor sees: what the app is, and a button per login provider."""
    st.title("Autonomy Readiness")
    st.markdown(
        "Which human approval chain on your team's AI-agent work can go next? "
        "Sign in with your company account to see your team's readiness."
    )
    providers = login_providers()
    if not providers:
        if st.button("Log in", key="login", type="primary", icon=":material/login:"):
            st.login()
        return
    for name in providers:
        if st.button(f"Log in with {name.title()}", key=f"login_{name}", icon=":material/login:"):
            st.login(name)


def render_no_access(email: str | None) -> None:
    """The page a signed-in person without any role sees, with a way to log out."""
    st.title(NO_ACCESS_TITLE)
    if email is None:
        st.warning(
            "Your sign-in did not include a verified email address, so the app cannot tell "
            "who you are. Sign in with your company account, or ask an admin to check the "
            "login set-up.",
            icon=":material/person_off:",
        )
    else:
        st.warning(
            f"You are signed in as {shown_email(email)}, but no one has given you a role here yet. "
            "Ask an admin to add you as a team editor (to assess your team) or as an org "
            "viewer (to see the org views).",
            icon=":material/person_off:",
        )
    if st.button("Log out", key="logout_no_access", icon=":material/logout:"):
        st.logout()


def render_refusal(refused: SignInRequired) -> None:
    """The login page, or the no-access page, for a refused sign-in."""
    if refused.logged_in:
        render_no_access(refused.email)
    else:
        render_login_page()


def render_account(principal: Principal, names: Mapping[str, str] | None = None) -> None:
    """Local mode: a banner at the top of the page. Signed in: who and a log-out button."""
    if not auth_configured():
        with st.container(key="local_mode_banner"):
            st.warning(LOCAL_MODE_BANNER, icon=":material/lock_open:")
        return
    with st.sidebar:
        st.divider()
        st.markdown(
            f":material/account_circle: {shown_email(principal.email)}  \n"
            f"{inert(principal.describe_roles(names))}"
        )
        if st.button("Log out", key="logout", icon=":material/logout:"):
            st.logout()
