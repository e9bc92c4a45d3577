"""AppTest fixtures: the real app.py against a fresh SQLite database per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments.content.in_force import load_content
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PERIOD = "2026-Q4"


@pytest.fixture
def service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReadinessService:
    """A fresh database with one unit and two teams; the app is pointed at it."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    monkeypatch.setenv("READINESS_SEED_DEMO", "0")
    engine = make_engine(url)
    upgrade_to_head(engine)
    svc = ReadinessService(engine, load_content())
    svc.create_unit("payments", "Payments", actor="test")
    svc.create_team("checkout-web", "Checkout Web", "payments", actor="test")
    svc.create_team("ledger", "<b>Ledger</b> [x](http://evil)", "payments", actor="test")
    return svc


def new_session(page: str | None = None, **picked: str) -> AppTest:
    """A new local-mode session (a reload, or a second person) with sidebar picks, on a page."""
    at = AppTest.from_file(APP, default_timeout=30)
    # Secrets without `[auth]`: local mode (one admin), whatever .streamlit/secrets.toml holds.
    at.secrets = {"tests": "local mode"}
    for key, value in {"period": PERIOD, **picked}.items():
        at.session_state[key] = value
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at
