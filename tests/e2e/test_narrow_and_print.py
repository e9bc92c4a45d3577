"""A phone (390 px) and a printer: the chains and heatmap lists read on a phone, a print shows
only content."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from assessments.content.in_force import load_content
from assessments.demo.organisation import generate_demo_org
from assessments.demo.records import DemoOrg
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo
from tests.e2e.conftest import serving, wait_until_idle

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser
PERIOD = "2026-Q4"
# Elements wider than the window, so the page scrolls sideways (charts included).
OVERFLOWING = """
() => [...document.querySelectorAll('[data-testid="stMain"] *')]
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
  .map((e) => e.getAttribute('data-testid') || e.tagName)
"""
CHART = "[data-testid='stVegaLiteChart']"
# Every text a Vega-Lite chart draws (axis labels, titles, legends, bar ends, rule labels)
# must fall inside the chart's own box and the window, give or take 3 px: Chromium draws a
# rotated axis title's glyphs a pixel or two past the box Vega measured for it.
OUTSIDE = """
(chart) => {
  const box = chart.getBoundingClientRect();
  const right = Math.min(box.right, window.innerWidth);
  const texts = [...chart.querySelectorAll('svg text')].filter((t) => t.textContent.trim());
  return texts.flatMap((t) => {
    const r = t.getBoundingClientRect();
    const inside = r.left >= Math.max(box.left, 0) - 3 && r.right <= right + 3
      && r.top >= box.top - 3 && r.bottom <= box.bottom + 3;
    return inside ? [] : [`${t.textContent} at ${Math.round(r.left)}..${Math.round(r.right)}`
      + ` outside ${Math.round(box.left)}..${Math.round(right)}`];
  });
}
"""


def _drawn_charts(page: Page, count: int) -> list[str]:
    """Wait for `count` Vega-Lite charts to draw; each one's text, in page order."""
    charts = page.locator(CHART)
    for index in range(count):
        charts.nth(index).locator("svg").first.wait_for()
    page.wait_for_timeout(300)
    assert charts.count() == count
    return [charts.nth(i).locator("svg").first.text_content() or "" for i in range(count)]


def _labels_outside(page: Page) -> list[str]:
    charts = page.locator(CHART)
    return [label for i in range(charts.count()) for label in charts.nth(i).evaluate(OUTSIDE)]


@pytest.fixture(scope="module")
def demo() -> DemoOrg:
    content = load_content()
    return generate_demo_org(content.questionnaire, content.catalogue, teams=8, units=2, quarters=2)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, demo: DemoOrg):
    folder = tmp_path_factory.mktemp("narrow")
    url = f"sqlite:///{folder / 'e2e.db'}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    seed_demo(ReadinessService(engine, load_content()), demo)
    engine.dispose()
    with serving(url, folder) as running:
        # The fixture tags the server with a team that has a submitted report (not a server field).
        running.submitted = next(  # type: ignore[attr-defined]
            a.team_slug for a in demo.assessments if a.period == PERIOD and a.status == "submitted"
        )
        yield running


def _submitted_names(demo: DemoOrg) -> list[str]:
    slugs = {
        a.team_slug for a in demo.assessments if a.period == PERIOD and a.status == "submitted"
    }
    return sorted(t.name for t in demo.teams if t.slug in slugs)


def _within_the_window(page: Page, blocks: str, names: list[str]) -> dict[str, object]:
    """Each name that is not shown whole inside the 390 px window, with where it was drawn."""
    wrong: dict[str, object] = {}
    for name in names:
        text = page.locator(blocks).get_by_text(name, exact=True)
        box = text.bounding_box() if text.count() == 1 and text.is_visible() else None
        if box is None or box["x"] < 0 or box["x"] + box["width"] > 390 or box["width"] == 0:
            wrong[name] = box
        elif text.evaluate("(e) => e.scrollWidth > e.clientWidth + 1"):
            wrong[name] = "cut off inside its box"
    return wrong


def _open_heatmap_list(page: Page, server) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/heatmap?period={PERIOD}")
    wait_until_idle(page)
    page.locator(".st-key-heatmap_layout").get_by_text("List", exact=True).click()
    wait_until_idle(page)


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
    # The "could remove now" chart above the list keeps every chain name inside the figure.
    (removable,) = _drawn_charts(page, 1)
    assert "Next to remove" in removable
    assert _labels_outside(page) == []


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
    (pillars,) = _drawn_charts(page, 1)  # the first tab's chart

    assert "the weakest pillar sets it" in pillars
    assert "Readiness level" in pillars
    assert _labels_outside(page) == []
    assert page.evaluate(OVERFLOWING) == []

    page.get_by_role("tab", name="History").click()
    wait_until_idle(page)
    (history,) = _drawn_charts(page, 1)
    assert "Pillar score" in history and PERIOD in history
    assert _labels_outside(page) == []
    assert page.evaluate(OVERFLOWING) == []


def test_the_heatmap_list_shows_every_team_name_whole_on_a_390_px_phone(
    server, demo: DemoOrg, browser_page
) -> None:
    page = browser_page
    _open_heatmap_list(page, server)
    names = _submitted_names(demo)

    assert page.locator("[class*='st-key-heatmap_team_']").count() == len(names)
    assert _within_the_window(page, "[class*='st-key-heatmap_team_']", names) == {}
    assert page.get_by_role("link", name="Open the team report").count() == len(names)
    assert page.evaluate(OVERFLOWING) == []


def test_the_units_list_shows_every_unit_name_whole_on_a_390_px_phone(
    server, demo: DemoOrg, browser_page
) -> None:
    page = browser_page
    _open_heatmap_list(page, server)
    page.get_by_role("tab", name="Units").click()
    wait_until_idle(page)
    names = sorted(u.name for u in demo.units)

    assert _within_the_window(page, "[class*='st-key-heatmap_unit_']", names) == {}
    assert page.get_by_text("Overall: mean level", exact=False).first.is_visible()
    assert page.evaluate(OVERFLOWING) == []


@pytest.mark.parametrize("path", ["/", "/catalogue"])
def test_the_home_page_and_the_catalogue_fit_a_390_px_phone(server, browser_page, path) -> None:
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}{path}?period={PERIOD}")
    wait_until_idle(page)
    page.get_by_test_id("stHeading").first.wait_for()

    assert page.evaluate(OVERFLOWING) == []
    assert _labels_outside(page) == []
