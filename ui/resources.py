"""Long-lived resources shared by every session: the content and the service."""

from __future__ import annotations

import os

import streamlit as st

from assessments.content import Content, load_content
from assessments.db import database_url, make_engine, upgrade_to_head
from assessments.seeding import seed_demo_if_empty
from assessments.service import ReadinessService


@st.cache_resource(show_spinner="Loading the questionnaire and the chain catalogue…")
def content() -> Content:
    """The questionnaire and chain catalogue in force (validated at start-up)."""
    return load_content()


@st.cache_resource(show_spinner="Opening the database…")
def _service_for(url: str) -> ReadinessService:
    engine = make_engine(url)
    upgrade_to_head(engine)
    service = ReadinessService(engine, content())
    if os.environ.get("READINESS_SEED_DEMO", "0") == "1":
        seed_demo_if_empty(service)
    return service


def service() -> ReadinessService:
    """The service for the configured database, schema brought up to date on first use."""
    return _service_for(database_url())
