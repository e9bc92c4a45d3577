"""Long-lived resources shared by every session: the settings, the content and the service."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from assessments.content.in_force import Content, load_content
from assessments.errors import ContentError, ReadinessError
from assessments.files.role_file import load_role_file
from assessments.service.authorized import AuthorizedService
from assessments.service.readiness import ReadinessService
from assessments.settings import Settings
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo_if_empty
from ui.identity import current_principal
from ui.text import inert


def settings() -> Settings:
    """The settings, read from the environment as each run starts (a few lookups); a bad one
    raises SettingsError, which `service_or_stop` shows before anything else runs."""
    return Settings.from_environment()


def content() -> Content:
    """The questionnaire and chain catalogue in force (validated at start-up)."""
    return _content_in(settings().data_dir)


@st.cache_resource(show_spinner="Loading the questionnaire and the chain catalogue…")
def _content_in(data_dir: Path) -> Content:
    return load_content(data_dir=data_dir)


@st.cache_resource(show_spinner="Opening the database…")
def _service_for(
    url: str, data_dir: Path, seed_demo: bool, roles_file: Path | None, expiry_days: int = 30
) -> ReadinessService:
    engine = make_engine(url)
    upgrade_to_head(engine)
    service = ReadinessService(engine, _content_in(data_dir))
    service.request_expiry_days = expiry_days
    if seed_demo:
        seed_demo_if_empty(service)
    sync_roles_file(service, roles_file)
    return service


def sync_roles_file(service: ReadinessService, path: Path | None) -> None:
    """Sync the roles file (`READINESS_ROLES_FILE`) into the role assignments, if there is one."""
    if path is not None:
        service.sync_role_file(load_role_file(path), str(path))


def service() -> ReadinessService:
    """The service for the configured database, schema brought up to date on first use."""
    given = settings()
    return _service_for(
        given.database_url,
        given.data_dir,
        given.seed_demo,
        given.roles_file,
        given.request_expiry_days,
    )


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
