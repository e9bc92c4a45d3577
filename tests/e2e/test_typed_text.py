"""Typed text survives a reload: a note saved a moment after typing stops, with no Tab or Enter."""

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
    draft = service.open_draft("checkout-web", PERIOD, actor="e2e")
    service.save_answer(
        draft.id, "BR-01", AnswerEntry(value=2), expected_version=draft.version, actor="e2e"
    )
    with serving(url, tmp_path, request) as running:
        yield running, service
    engine.dispose()


def test_a_note_typed_without_tab_or_enter_is_there_after_a_reload(server, browser_page) -> None:
    running, service = server
    page = browser_page
    page.goto(f"{running.url}/assessment?team=checkout-web&period={PERIOD}")
    wait_until_idle(page)
    note = page.locator("[class*='_BR-01_box'] [data-testid='stTextInput']").nth(1).locator("input")
    note.wait_for()
    note.click()
    note.press_sequentially("sandbox image pinned by platform team", delay=20)
    page.wait_for_timeout(2500)
    wait_until_idle(page)

    page.reload()
    wait_until_idle(page)

    note = page.locator("[class*='_BR-01_box'] [data-testid='stTextInput']").nth(1).locator("input")
    note.wait_for()
    assert note.input_value() == "sandbox image pinned by platform team"
    stored = service.current_assessment("checkout-web", PERIOD)
    assert stored is not None
    assert stored.answers["BR-01"].note == "sandbox image pinned by platform team"
