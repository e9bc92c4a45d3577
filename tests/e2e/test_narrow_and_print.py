"""A phone (390 px) and a printer: the chains list reads on a phone, a print shows only content."""

from __future__ import annotations

import pytest

from assessments.content.in_force import load_content
from assessments.demo.organisation import generate_demo_org
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo
from tests.e2e.conftest import start_server, wait_until_idle
from tests.e2e.test_exports_in_browser import LABELS, OUTSIDE

pytestmark = pytest.mark.browser
PERIOD = "2026-Q4"
# Elements wider than the window, so the page scrolls sideways (plotly's own SVG layers aside).
OVERFLOWING = """
() => [...document.querySelectorAll('[data-testid="stMain"] *')]
  .filter((e) => !e.closest('.js-plotly-plot'))
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
  .map((e) => e.getAttribute('data-testid') || e.tagName)
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("narrow")
    url = f"sqlite:///{folder / 'e2e.db'}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    content = load_content()
    demo = generate_demo_org(content.questionnaire, content.catalogue, teams=8, units=2, quarters=2)
    seed_demo(ReadinessService(engine, content), demo)
    engine.dispose()
    running = start_server(url, folder)
    # The fixture tags the server with a team that has a submitted report (not a server field).
    running.submitted = next(  # type: ignore[attr-defined]
        a.team_slug for a in demo.assessments if a.period == PERIOD and a.status == "submitted"
    )
    yield running
    running.process.terminate()
    running.process.wait(timeout=20)


def test_the_chains_list_fits_a_390_px_phone(server, browser_page) -> None:
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/chains?period={PERIOD}")
    wait_until_idle(page)
    page.locator(".st-key-chains_layout").get_by_text("List", exact=True).click()
    wait_until_idle(page)

    blocks = page.get_by_text("In place:")
    blocks.first.wait_for()
    assert blocks.count() >= 1
    assert page.evaluate(OVERFLOWING) == []


def test_a_printed_page_leaves_out_the_sidebar_banner_and_buttons(server, browser_page) -> None:
    page = browser_page
    page.goto(f"{server.url}/?period={PERIOD}")
    wait_until_idle(page)
    page.get_by_role("heading", name="Autonomy Readiness").wait_for()
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.is_visible()

    page.emulate_media(media="print")

    assert not sidebar.is_visible()
    assert not page.locator(".st-key-local_mode_banner").is_visible()
    assert not page.get_by_test_id("stPageLink").first.is_visible()
    assert page.get_by_role("heading", name="Autonomy Readiness").is_visible()


def test_the_team_reports_chart_labels_fit_a_390_px_phone(server, browser_page) -> None:
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/report?team={server.submitted}&period={PERIOD}")
    wait_until_idle(page)
    page.wait_for_selector(".stPlotlyChart .js-plotly-plot .main-svg")
    page.wait_for_timeout(500)

    assert page.evaluate(OUTSIDE.replace("LABELS", repr(LABELS))) == []
