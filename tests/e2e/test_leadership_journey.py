"""Leadership in a real browser: the org heatmap renders, and clicking a cell opens that team."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.content.in_force import load_content
from assessments.demo.organisation import generate_demo_org
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo
from tests.e2e.conftest import serving, wait_until_idle

pytestmark = pytest.mark.browser
PERIOD = "2026-Q4"


@pytest.fixture
def server(tmp_path: Path, request: pytest.FixtureRequest):
    url = f"sqlite:///{tmp_path / 'e2e.db'}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    content = load_content()
    demo = generate_demo_org(content.questionnaire, content.catalogue, teams=8, units=2, quarters=2)
    seed_demo(ReadinessService(engine, content), demo)
    engine.dispose()
    submitted = {
        a.team_slug for a in demo.assessments if a.period == PERIOD and a.status == "submitted"
    }
    units = {u.slug: u.name for u in demo.units}
    first = min(
        (t for t in demo.teams if t.slug in submitted), key=lambda t: (units[t.unit_slug], t.name)
    )
    with serving(url, tmp_path, request) as running:
        yield running, first, len(submitted)


def test_clicking_a_heatmap_cell_opens_that_teams_report(server, browser_page) -> None:
    running, first_team, rows = server
    page = browser_page
    page.goto(f"{running.url}/heatmap?period={PERIOD}")
    wait_until_idle(page)
    cells = page.locator(".st-key-heatmap_chart .mark-rect.role-mark path")
    cells.first.wait_for()
    assert page.get_by_role("heading", name="Org heatmap").is_visible()
    # Four columns (three pillars and Overall) per submitted team.
    assert cells.count() == 4 * rows

    # The first row's first cell, clicked where a person would: on its number, in its middle.
    cells.first.scroll_into_view_if_needed()
    box = cells.first.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_until_idle(page)

    page.get_by_role("heading", name="Team report").wait_for()
    caption = page.get_by_test_id("stCaptionContainer").first.inner_text()
    assert caption.startswith(f"{first_team.name} · {PERIOD}")


def test_a_review_tab_opens_on_click_and_stays_open_in_its_link(server, browser_page) -> None:
    running, _, _ = server
    page = browser_page
    page.goto(f"{running.url}/review?period={PERIOD}")
    wait_until_idle(page)
    page.locator("[data-testid='stVegaLiteChart'] svg").first.wait_for()
    assert page.get_by_role("heading", name="Trends per pillar").is_visible()
    # A hidden tab's sections are not on the page until it is chosen.
    assert page.get_by_role("heading", name="Teams that moved most").count() == 0

    page.get_by_role("tab", name="Movers").click()
    wait_until_idle(page)
    page.get_by_role("heading", name="Teams that moved most").wait_for()
    assert page.get_by_role("heading", name="Trends per pillar").count() == 0
    assert "section=Movers" in page.url

    page.reload()  # the link (or a reload) opens the same tab
    wait_until_idle(page)
    page.get_by_role("heading", name="Teams that moved most").wait_for()
    assert page.get_by_role("tab", name="Movers").get_attribute("aria-selected") == "true"


def test_a_team_report_tab_opens_on_click(server, browser_page) -> None:
    running, first_team, _ = server
    page = browser_page
    page.goto(f"{running.url}/report?period={PERIOD}&team={first_team.slug}")
    wait_until_idle(page)
    page.locator("[data-testid='stVegaLiteChart'] svg").first.wait_for()
    assert page.get_by_role("heading", name="History").count() == 0

    page.get_by_role("tab", name="History").click()
    wait_until_idle(page)
    page.get_by_role("heading", name="History").wait_for()
    assert "section=History" in page.url
