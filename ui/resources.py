"""Long-lived resources shared by every session: the content and the service."""

from __future__ import annotations

import os

import streamlit as st

from assessments.content.in_force import Content, load_content
from assessments.errors import ContentError, ReadinessError
from assessments.files.role_file import configured_role_file, load_role_file
from assessments.service.authorized import AuthorizedService
from assessments.service.readiness import ReadinessService
from assessments.service.track_record import request_expiry_days
from assessments.storage.db import database_url, make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo_if_empty
from ui.identity import current_principal
from ui.text import inert


@st.cache_resource(show_spinner="Loading the questionnaire and the chain catalogue…")
def content() -> Content:
    """The questionnaire and chain catalogue in force (validated at start-up)."""
    return load_content()


@st.cache_resource(show_spinner="Opening the database…")
def _service_for(url: str) -> ReadinessService:
    engine = make_engine(url)
    upgrade_to_head(engine)
    service = ReadinessService(engine, content())
    service.request_expiry_days = request_expiry_days()
    if os.environ.get("READINESS_SEED_DEMO", "0") == "1":
        seed_demo_if_empty(service)
    sync_roles_file(service)
    return service


def sync_roles_file(service: ReadinessService) -> None:
    """Sync `READINESS_ROLES_FILE` into the role assignments, if it is set."""
    path = configured_role_file()
    if path is not None:
        service.sync_role_file(load_role_file(path), str(path))


def service() -> ReadinessService:
    """The service for the configured database, schema brought up to date on first use."""
    return _service_for(database_url())


def service_or_stop() -> ReadinessService:
    """The service; if start-up fails (a broken roles file, say), the reason, and stop."""
    try:
        return service()
    except ContentError as error:
        lines = "\n".join(f"- {inert(str(p))}" for p in error.problems)
        st.error(f"The app cannot start; fix these and reload:\n\n{lines}", icon=":material/error:")
    except ReadinessError as error:
        st.error(f"The app cannot start: {inert(str(error))}", icon=":material/error:")
    st.stop()
    raise AssertionError("st.stop() returned")  # pragma: no cover


def authorized_service() -> AuthorizedService:
    """The service as the person signed in during this run may use it."""
    return AuthorizedService(service(), current_principal())
