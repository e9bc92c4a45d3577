"""Who is using the app: the person signed in through OIDC, or — with no login configured —
one local admin.

Login is Streamlit's built-in OIDC (`st.login`, `st.user`), switched on by an `[auth]`
section in `.streamlit/secrets.toml` (see README). The signed-in email is mapped to its
grants through the role assignments in the database.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

import streamlit as st

from assessments.access import ADMIN, Principal, principal
from assessments.service.readiness import ReadinessService

LOCAL_ADMIN = "local-admin"
_PRINCIPAL_KEY = "_principal"
_ACTING: ContextVar[Principal | None] = ContextVar("acting_principal", default=None)


class SignInRequired(Exception):
    """Nobody with access is signed in; `email` is set when someone is, but has no role."""

    def __init__(self, email: str | None, *, logged_in: bool) -> None:
        super().__init__(email or "")
        self.email = email
        self.logged_in = logged_in


def auth_configured() -> bool:
    """Whether `.streamlit/secrets.toml` has an `[auth]` section (else: local mode)."""
    secrets = st.secrets
    return secrets.load_if_toml_exists() and "auth" in secrets


def login_providers() -> list[str]:
    """Named providers (`[auth.google]`, `[auth.microsoft]`); [] for the single default one."""
    section = st.secrets["auth"]
    return sorted(
        name
        for name, value in section.items()
        if isinstance(value, Mapping) and "client_id" in value
    )


def local_principal() -> Principal:
    """The one person of local mode: an admin."""
    return principal(LOCAL_ADMIN, ADMIN)


def signed_in_principal(service: ReadinessService) -> Principal:
    """The principal of the signed-in user; SignInRequired if nobody with a role is."""
    user = st.user
    if not user.get("is_logged_in"):
        raise SignInRequired(None, logged_in=False)
    email = user.get("email")
    # An identity provider may vouch for an email it has not verified; that is no identity.
    if not isinstance(email, str) or not email.strip() or user.get("email_verified") is False:
        raise SignInRequired(None, logged_in=True)
    who = service.principal_for(email)
    if not who.has_access:
        raise SignInRequired(who.email, logged_in=True)
    return who


def resolve_principal(service: ReadinessService) -> Principal:
    """This run's principal (local admin without login); remembered for `current_principal`."""
    st.session_state.pop(_PRINCIPAL_KEY, None)
    who = signed_in_principal(service) if auth_configured() else local_principal()
    st.session_state[_PRINCIPAL_KEY] = who
    return who


@contextmanager
def acting_as(who: Principal) -> Iterator[None]:
    """Run code outside any session (the server's warm-up) as `who`: `current_principal()`
    answers `who` in this thread until the block ends."""
    token = _ACTING.set(who)
    try:
        yield
    finally:
        _ACTING.reset(token)


def current_principal() -> Principal:
    """The principal app.py resolved for this run (or the one `acting_as` set)."""
    acting = _ACTING.get()
    if acting is not None:
        return acting
    who = st.session_state.get(_PRINCIPAL_KEY)
    if not isinstance(who, Principal):
        raise RuntimeError("app.py must resolve the principal before a page runs")
    return who
