"""In a real browser, with several teams: submitting opens the report of the team just
submitted, and `/report?team=…` opens that team's report."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.content.answers import AnswerEntry
from assessments.content.in_force import load_content
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head
from tests.e2e.conftest import serving, wait_until_idle

pytestmark = pytest.mark.browser
PERIOD = "2026-Q4"


@pytest.fixture
def server(tmp_path: Path, request: pytest.FixtureRequest):
    """Three teams; Ledger (the second in the picker) has a fully answered draft."""
    url = f"sqlite:///{tmp_path / 'e2e.db'}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    service = ReadinessService(engine, load_content())
    service.create_unit("payments", "Payments", actor="e2e")
    for slug, name in (("checkout-web", "Checkout Web"), ("ledger", "Ledger"), ("zeta", "Zeta")):
        service.create_team(slug, name, "payments", actor="e2e")
    draft = service.open_draft("ledger", PERIOD, actor="local-admin")
    for question in service.content.questionnaire.questions:
        draft = service.save_answer(
            draft.id,
            question.id,
            AnswerEntry(value=3),
            expected_version=draft.version,
            actor="local-admin",
        )
    engine.dispose()
    with serving(url, tmp_path, request) as running:
        yield running


def caption(page) -> str:
    return str(page.get_by_test_id("stCaptionContainer").first.inner_text())


def test_submitting_opens_the_report_of_the_team_just_submitted(server, browser_page) -> None:
    page = browser_page
    page.goto(f"{server.url}/assessment?team=ledger&period={PERIOD}")
    wait_until_idle(page)
    assert caption(page).startswith("Ledger · 2026-Q4")

    page.get_by_role("button", name="Submit the assessment").click()
    wait_until_idle(page)
    page.get_by_role("heading", name="Team report").wait_for()
    wait_until_idle(page)

    assert caption(page).startswith("Ledger · 2026-Q4 · Revision 1, submitted by local-admin")
    assert "team=ledger" in page.url


def test_the_report_page_has_a_url_of_its_own(server, browser_page) -> None:
    page = browser_page
    page.goto(f"{server.url}/report?team=zeta&period={PERIOD}")
    wait_until_idle(page)

    page.get_by_role("heading", name="Team report").wait_for()
    assert page.get_by_text("Page not found").count() == 0
    assert caption(page) == "Zeta · 2026-Q4"
