"""The earn-the-right loop in a real browser: request, sign-off, incident, reinstate alert.

Local mode has one person (the local admin), so the browser plays the team's manager: it asks
for the removal and records the incident. The sign-off comes from Rita, an approver, through
the service (a second person cannot sign in without an identity provider); the browser then
shows that the manager's own request is never offered to them for approval.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assessments.access import Grant, Role
from tests.e2e.conftest import one_team_database, serving, wait_until_idle
from tests.example_sheets import example_answers_in_force

pytestmark = pytest.mark.browser
EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "examples" / "checkout-web.yaml"
PERIOD = "2026-Q4"


@pytest.fixture
def world(tmp_path: Path, request: pytest.FixtureRequest):
    url, engine, service = one_team_database(tmp_path)
    content = service.content
    answers, _ = example_answers_in_force(EXAMPLE, content)
    draft = service.open_draft("checkout-web", PERIOD, actor="ana@example.com")
    for question_id, entry in answers.items():
        draft = service.save_answer(
            draft.id, question_id, entry, expected_version=draft.version, actor="ana@example.com"
        )
    service.submit(draft.id, expected_version=draft.version, actor="ana@example.com")
    service.grant_role("rita@example.com", Grant(Role.APPROVER), actor="e2e")
    with serving(url, tmp_path, request) as running:
        yield running, service
    engine.dispose()


def test_request_sign_off_incident_and_reinstate_alert(world, browser_page) -> None:
    server, service = world
    page = browser_page
    today = datetime.now(UTC).date()
    report_url = f"{server.url}/report?team=checkout-web&period={PERIOD}"

    page.goto(report_url)
    wait_until_idle(page)
    page.get_by_text("Ask to remove A human approves each agent tool call").click()
    page.locator(".st-key-removal_reason textarea").fill("Sandbox and deny rules enforced")
    page.get_by_role("button", name="Request sign-off").click()
    wait_until_idle(page)
    page.get_by_text("waiting for an approver").wait_for()

    page.goto(f"{server.url}/approvals")
    wait_until_idle(page)
    page.get_by_text("No request waits for you.").wait_for()

    (asked,) = service.removal_requests()
    assert (asked.requested_by, asked.planned_on) == ("local-admin", today + timedelta(days=14))
    # Rita signs it off to take effect at once (the controls already run).
    service.decide_removal(
        asked.id, approve=True, note="Evidence checked", actor="rita@example.com",
        effective_on=today,
    )  # fmt: skip

    page.goto(f"{server.url}/incidents?team=checkout-web")
    wait_until_idle(page)
    page.locator(".st-key-incident_severity").click()
    page.get_by_role("option", name="critical").click()
    page.locator(".st-key-incident_chain").click()
    page.get_by_role("option", name="A human approves each agent tool call").click()
    page.locator(".st-key-incident_summary textarea").fill("Agent wrote outside its sandbox")
    page.get_by_role("button", name="Record incident").click()
    wait_until_idle(page)
    page.get_by_text("Recorded: critical incident for Checkout Web").wait_for()

    page.goto(report_url)
    wait_until_idle(page)
    alert = page.get_by_text("Reinstate A human approves each agent tool call.")
    alert.wait_for()
    assert (
        "critical incident on " + today.isoformat()
        in page.get_by_test_id("stAlertContentError").first.inner_text()
    )
    page.get_by_text(
        "A human approves each agent tool call: signed off by rita@example.com"
    ).wait_for()
    if shots := os.environ.get("READINESS_SCREENSHOTS"):
        page.screenshot(path=f"{shots}/e2e-reinstate.png", full_page=True)


def test_importing_an_incidents_csv_says_how_many_in_plain_words(
    world, browser_page, tmp_path: Path
) -> None:
    server, service = world
    page = browser_page
    csv = tmp_path / "incidents.csv"
    csv.write_text(
        "team,date,severity,pillar,chain,summary,link\n"
        f"checkout-web,{datetime.now(UTC).date().isoformat()},low,blast_radius,,Near miss,\n"
    )

    page.goto(f"{server.url}/incidents?team=checkout-web")
    wait_until_idle(page)
    page.locator(".st-key-incident_upload input[type=file]").set_input_files(str(csv))
    wait_until_idle(page)
    page.get_by_role("button", name="Import incidents").click()
    wait_until_idle(page)

    page.get_by_text("Imported 1 incident from incidents.csv.").wait_for()
    assert [i.summary for i in service.incidents()] == ["Near miss"]
