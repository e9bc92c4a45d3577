"""A manager's journey in a real browser: answer every question, submit, read the decision."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assessments.content.in_force import load_content
from tests.e2e.conftest import one_team_database, serving, wait_until_idle

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path: Path, request: pytest.FixtureRequest):
    url, engine, _ = one_team_database(tmp_path)
    engine.dispose()
    with serving(url, tmp_path, request) as running:
        yield running


def test_answer_submit_and_see_the_recommendation(server, browser_page) -> None:
    page = browser_page
    questionnaire = load_content().questionnaire
    page.goto(f"{server.url}/assessment?team=checkout-web&period=2026-Q4")
    wait_until_idle(page)
    page.get_by_role("button", name="Start the assessment").click()
    wait_until_idle(page)

    for pillar in questionnaire.pillars:
        page.get_by_role("tab", name=pillar.name).click()
        for question in questionnaire.questions_of(pillar.id):
            box = page.locator(f".st-key-a1_g0_{question.id}_box")
            box.get_by_text("3 · Enforced", exact=True).click()
            wait_until_idle(page)
    # Each answer reruns its question's fragment and then the progress fragment: wait for it.
    page.get_by_test_id("stProgress").get_by_text("30 of 30 questions answered").wait_for()

    page.get_by_role("button", name="Submit the assessment").click()
    wait_until_idle(page)

    page.get_by_text("Remove next: A human approves each agent tool call").wait_for()
    # The decision shows while the report is still rendering; the metrics follow it.
    wait_until_idle(page)
    assert page.get_by_role("heading", name="Team report").is_visible()
    labels = page.get_by_test_id("stMetricLabel").all_inner_texts()
    assert labels == ["Overall readiness", "Agents may run at", "Confidence"]
    values = page.get_by_test_id("stMetricValue").all_inner_texts()
    assert values[:2] == ["Level 3", "L4 Approver"]
    if shots := os.environ.get("READINESS_SCREENSHOTS"):
        page.screenshot(path=f"{shots}/e2e-report.png", full_page=True)
