"""Long-lived resources shared by every session: the settings, the content and the service."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from assessments.content.in_force import Content, load_content
from assessments.content.versions import ContentLibrary
from assessments.errors import ContentError, ReadinessError
from assessments.files.role_file import load_role_file
from assessments.service.authorized import AuthorizedService
from assessments.service.content_versions import answered_counts, put_in_force, stored_library
from assessments.service.readiness import ReadinessService
from assessments.settings import Settings
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo_if_empty
from assessments.storage.store import utc_now
from ui.identity import current_principal
from ui.text import inert


def settings() -> Settings:
    """The settings, read from the environment as each run starts (a few lookups); a bad one
    raises SettingsError, which `service_or_stop` shows before anything else runs."""
    return Settings.from_environment()


def content_choice() -> tuple[Path, str | None, str | None]:
    """What picks the content in force: the data folder and the two file settings."""
    given = settings()
    return (given.data_dir, given.questionnaire_file, given.catalogue_file)


def content() -> Content:
    """The questionnaire and chain catalogue in force (validated at start-up)."""
    return _content_in(content_choice())


@st.cache_resource(show_spinner="Loading the questionnaire and the chain catalogue…")
def _content_in(choice: tuple[Path, str | None, str | None]) -> Content:
    return load_content(data_dir=choice[0])


@st.cache_resource(show_spinner="Opening the database…")
def _service_for(
    url: str,
    choice: tuple[Path, str | None, str | None],
    seed_demo: bool,
    roles_file: Path | None,
) -> ReadinessService:
    engine = make_engine(url)
    upgrade_to_head(engine)
    # Every version put in force is stored once; an edited one with its old number is refused.
    in_force = _content_in(choice)
    library = put_in_force(engine, in_force, utc_now)
    service = ReadinessService(engine, in_force, library=library)
    if seed_demo and seed_demo_if_empty(service):
        # The demo's older quarters stored the earlier version they were answered on.
        service = ReadinessService(engine, in_force, library=stored_library(engine, in_force))
    sync_roles_file(service, roles_file)
    return service


def content_library() -> ContentLibrary:
    """The content in force and every version stored in the database."""
    return service().library


def assessments_per_version() -> dict[tuple[str, str], int]:
    """How many stored assessments were answered on each questionnaire version."""
    return answered_counts(service().engine)


def sync_roles_file(service: ReadinessService, path: Path | None) -> None:
    """Sync the roles file (`READINESS_ROLES_FILE`) into the role assignments, if there is one."""
    if path is not None:
        service.sync_role_file(load_role_file(path), str(path))


def service() -> ReadinessService:
    """The service for the configured database, schema brought up to date on first use."""
    given = settings()
    return _service_for(given.database_url, content_choice(), given.seed_demo, given.roles_file)


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
