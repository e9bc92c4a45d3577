"""In a real browser: start from last quarter's answers, see nothing counted until confirmed,
change one answer, confirm a pillar, and the counts follow."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.content.answers import AnswerEntry
from tests.e2e.conftest import one_team_database, serving, wait_until_idle

pytestmark = pytest.mark.browser
PERIOD = "2026-Q4"


@pytest.fixture
def server(tmp_path: Path, request: pytest.FixtureRequest):
    url, engine, service = one_team_database(tmp_path)
    earlier = service.open_draft("checkout-web", "2026-Q3", actor="e2e")
    for question in service.content.questionnaire.questions:
        earlier = service.save_answer(
            earlier.id,
            question.id,
            AnswerEntry(value=2),
            expected_version=earlier.version,
            actor="e2e",
        )
    service.submit(earlier.id, expected_version=earlier.version, actor="e2e")
    with serving(url, tmp_path, request) as running:
        yield running, service
    engine.dispose()


def test_carried_answers_count_once_changed_or_confirmed(server, browser_page) -> None:
    running, service = server
    page = browser_page
    page.goto(f"{running.url}/assessment?team=checkout-web&period={PERIOD}")
    wait_until_idle(page)
    page.get_by_role("button", name="Start from 2026-Q3's answers").click()
    wait_until_idle(page)
    progress = page.get_by_test_id("stProgress")
    progress.get_by_text("0 of 30 questions answered · 30 carried answers to confirm").wait_for()

    box = page.locator("[class*='_BR-01_box']")
    box.get_by_text("Carried from 2026-Q3 — confirm or change it").wait_for()
    box.get_by_text("3 · Enforced", exact=True).click()
    wait_until_idle(page)
    progress.get_by_text("1 of 30 questions answered · 29 carried answers to confirm").wait_for()
    assert box.get_by_text("Carried from 2026-Q3").count() == 0

    page.get_by_role("button", name="Confirm the 9 answers carried from 2026-Q3").click()
    wait_until_idle(page)
    progress.get_by_text("10 of 30 questions answered · 20 carried answers to confirm").wait_for()
    draft = service.current_assessment("checkout-web", PERIOD)
    assert draft is not None
    assert len(draft.carried) == 20
    assert draft.answers["BR-01"] == AnswerEntry(value=3)
