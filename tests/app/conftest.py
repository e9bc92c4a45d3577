"""AppTest fixtures: the real app.py against a fresh SQLite database per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments.content.in_force import load_content
from assessments.demo.organisation import generate_demo_org
from assessments.demo.records import DemoOrg
from assessments.service.readiness import ReadinessService
from assessments.service.team_scoring import score_view
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PERIOD = "2026-Q4"
DEMO_PERIOD = "2026-Q3"
CONTENT = load_content()
DEMO_WITH_NEXT: list[str] = []
"""Teams of the seeded demo whose decision names a chain to remove next."""


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


@pytest.fixture
def demo_org(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoOrg]:
    """A small demo org (6 teams, 2 units, 2026-Q2..Q3) in a SQLite file."""
    url = f"sqlite:///{tmp_path / 'readiness.db'}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    demo = generate_demo_org(
        CONTENT.questionnaire,
        CONTENT.catalogue,
        teams=6,
        units=2,
        quarters=2,
        last_period=DEMO_PERIOD,
        seed=3,  # a seed whose 2027.1 demo has teams with a chain to remove next
    )
    service = ReadinessService(engine, CONTENT)
    seed_demo(service, demo)
    with_next = []
    for slug in sorted({a.team_slug for a in demo.assessments if a.status == "submitted"}):
        latest = service.latest_submitted(slug, DEMO_PERIOD)
        result = None if latest is None else score_view(CONTENT, latest)
        if result is not None and result.recommendation.next_chain is not None:
            with_next.append(slug)
    DEMO_WITH_NEXT[:] = with_next
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    monkeypatch.setenv("READINESS_SEED_DEMO", "0")
    yield demo
    engine.dispose()
