"""Two app replicas on one PostgreSQL: a submission through one shows in the other's heatmap.

Each replica is a real `streamlit run app.py` process with its own caches; they share only the
database. Replica B caches the heatmap first, then a manager submits through replica A, and
B's next run shows the new submission (its caches key on the data version in the database).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from assessments.content.answers import AnswerEntry
from assessments.content.in_force import load_content
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head
from tests.e2e.conftest import Server, start_server, wait_until_idle
from tests.integration.conftest import _reachable, postgres_admin  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.postgres]
PERIOD = "2026-Q4"


@pytest.fixture
def shared_database(request: pytest.FixtureRequest) -> Iterator[tuple[str, ReadinessService]]:
    """A fresh PostgreSQL schema with two units and four teams, one of which submitted."""
    admin: Engine = _reachable(request.getfixturevalue("postgres_admin"))
    schema = f"replicas_{uuid.uuid4().hex[:12]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = admin.url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )
    engine = make_engine(url)
    upgrade_to_head(engine)
    service = ReadinessService(engine, load_content())
    service.create_unit("payments", "Payments", actor="admin@example.com")
    service.create_unit("platform", "Platform", actor="admin@example.com")
    for slug, unit in (("checkout", "payments"), ("ledger", "payments"), ("runtime", "platform")):
        service.create_team(slug, slug.title(), unit, actor="admin@example.com")
    _answer_everything(service, "checkout")
    submitted = service.current_assessment("checkout", PERIOD)
    assert submitted is not None
    service.submit(submitted.id, expected_version=submitted.version, actor="em@example.com")
    try:
        yield url, service
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def _answer_everything(service: ReadinessService, team: str) -> None:
    draft = service.open_draft(team, PERIOD, actor="em@example.com")
    for question in service.content.questionnaire.questions:
        draft = service.save_answer(
            draft.id, question.id, AnswerEntry(value=3), expected_version=draft.version, actor="em"
        )


@pytest.fixture
def replicas(shared_database, tmp_path: Path, request: pytest.FixtureRequest):
    url, service = shared_database
    running: list[Server] = []
    try:
        for name in ("a", "b"):
            folder = tmp_path / name
            folder.mkdir()
            running.append(start_server(url, folder))
        yield running[0], running[1], service
    finally:
        for server in running:
            server.process.terminate()
            server.process.wait(timeout=20)
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            for server in running:
                print(server.log_text())


def _coverage_caption(page) -> str:
    captions: list[str] = page.get_by_test_id("stCaptionContainer").all_inner_texts()
    return next(c for c in captions if "teams in" in c and "submitted for" in c)


def test_a_submission_through_one_replica_shows_in_the_others_heatmap(
    replicas, browser_page
) -> None:
    replica_a, replica_b, service = replicas
    page = browser_page
    page.goto(f"{replica_b.url}/heatmap?period={PERIOD}")
    wait_until_idle(page)
    assert _coverage_caption(page) == f"1 of 3 teams in 2 units submitted for {PERIOD}"

    # A manager finishes Ledger's answers and submits through replica A, in another tab.
    _answer_everything(service, "ledger")
    manager = page.context.browser.new_page()
    manager.goto(f"{replica_a.url}/assessment?period={PERIOD}&team=ledger")
    wait_until_idle(manager)
    manager.get_by_role("button", name="Submit the assessment").click()
    wait_until_idle(manager)
    manager.get_by_role("heading", name="Team report").wait_for()

    # Replica B's next run (any interaction) shows it: its cached tables are not reused.
    page.get_by_text("Score", exact=True).click()
    wait_until_idle(page)
    assert _coverage_caption(page) == f"2 of 3 teams in 2 units submitted for {PERIOD}"
    heatmap = page.locator("[data-testid='stVegaLiteChart'] svg").first
    heatmap.locator("text", has_text="Ledger").first.wait_for()  # drawn after the script ends
    assert "Ledger" in (heatmap.text_content() or "")
