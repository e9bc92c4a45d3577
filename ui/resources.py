"""Long-lived resources shared by every session: the content and the service."""

from __future__ import annotations

import os

import streamlit as st

from assessments.content.in_force import (
    CATALOGUE_SETTING,
    QUESTIONNAIRE_SETTING,
    Content,
    data_dir,
    load_content,
)
from assessments.content.versions import ContentLibrary
from assessments.errors import ContentError, ReadinessError
from assessments.files.role_file import configured_role_file, load_role_file
from assessments.service.authorized import AuthorizedService
from assessments.service.content_versions import answered_counts, put_in_force, stored_library
from assessments.service.core import utc_now
from assessments.service.readiness import ReadinessService
from assessments.storage.db import database_url, make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo_if_empty
from ui.identity import current_principal
from ui.text import inert


def content_choice() -> tuple[str, str, str]:
    """What picks the content in force: the data folder and the two file settings."""
    return (
        str(data_dir()),
        os.environ.get(QUESTIONNAIRE_SETTING, ""),
        os.environ.get(CATALOGUE_SETTING, ""),
    )


def content() -> Content:
    """The questionnaire and chain catalogue in force (validated at start-up)."""
    return _content_for(content_choice())


@st.cache_resource(show_spinner="Loading the questionnaire and the chain catalogue…")
def _content_for(choice: tuple[str, str, str]) -> Content:
    return load_content()


@st.cache_resource(show_spinner="Opening the database…")
def _service_for(url: str, choice: tuple[str, str, str]) -> ReadinessService:
    engine = make_engine(url)
    upgrade_to_head(engine)
    library = put_in_force(engine, content(), utc_now)
    service = ReadinessService(engine, content(), library=library)
    if os.environ.get("READINESS_SEED_DEMO", "0") == "1" and seed_demo_if_empty(service):
        # The demo's older quarters stored the earlier version they were answered on.
        service = ReadinessService(engine, content(), library=stored_library(engine, content()))
    sync_roles_file(service)
    return service


def content_library() -> ContentLibrary:
    """The content in force and every version stored in the database."""
    return service().library


def assessments_per_version() -> dict[tuple[str, str], int]:
    """How many stored assessments were answered on each questionnaire version."""
    return answered_counts(service().engine)


def sync_roles_file(service: ReadinessService) -> None:
    """Sync `READINESS_ROLES_FILE` into the role assignments, if it is set."""
    path = configured_role_file()
    if path is not None:
        service.sync_role_file(load_role_file(path), str(path))


def service() -> ReadinessService:
    """The service for the configured database, schema brought up to date on first use."""
    return _service_for(database_url(), content_choice())


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
