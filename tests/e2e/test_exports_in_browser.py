"""The HTML exports opened offline in Chromium: every chart label sits inside its figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.content.in_force import load_content
from assessments.demo.organisation import generate_demo_org
from assessments.service.quarterly_review import load_review
from assessments.service.readiness import ReadinessService
from assessments.service.team_scoring import history_points, score_view
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo
from ui.exports.review_pack import review_pack_html
from ui.exports.team_report_download import TeamReport, team_report_html

pytestmark = pytest.mark.browser
PERIOD = "2026-Q4"
# Every text a chart draws must fall inside its own SVG (an inline SVG clips what lies outside),
# and no chart may stick out of the page.
OUTSIDE = """
() => [...document.querySelectorAll('figure > svg')].flatMap((svg) => {
  const box = svg.getBoundingClientRect();
  const page = document.documentElement.clientWidth;
  const wide = box.right > page + 1 ? [`chart ${Math.round(box.right)} wider than ${page}`] : [];
  return wide.concat([...svg.querySelectorAll('text')].filter((t) => t.textContent.trim())
    .flatMap((t) => {
      const r = t.getBoundingClientRect();
      const inside = r.left >= box.left - 1 && r.right <= box.right + 1
        && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
      return inside ? [] : [`${t.textContent} at ${Math.round(r.left)}..${Math.round(r.right)}`
        + ` outside ${Math.round(box.left)}..${Math.round(box.right)}`];
    }));
})
"""


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The team report and the review pack of a seeded demo organisation, as HTML files."""
    folder = tmp_path_factory.mktemp("exports")
    engine = make_engine(f"sqlite:///{folder / 'demo.db'}")
    upgrade_to_head(engine)
    content = load_content()
    service = ReadinessService(engine, content)
    demo = generate_demo_org(
        content.questionnaire, content.catalogue, teams=12, units=3, quarters=3
    )
    seed_demo(service, demo)
    team = next(
        t
        for t in demo.teams
        if any(a.team_slug == t.slug and a.status == "submitted" for a in demo.assessments)
    )
    assessment = service.latest_submitted(team.slug, PERIOD)
    assert assessment is not None
    report = TeamReport(
        content,
        team.name,
        PERIOD,
        "revision 1",
        score_view(content, assessment),
        history_points(content, service.team_history(team.slug)),
    )
    files = {
        "team report": folder / "team.html",
        "review pack": folder / "review.html",
    }
    files["team report"].write_text(team_report_html(report), encoding="utf-8")
    review = load_review(service, content, PERIOD)
    files["review pack"].write_text(review_pack_html(review), encoding="utf-8")
    engine.dispose()
    return files


@pytest.mark.parametrize("width", [390, 1280, 1600])
@pytest.mark.parametrize("export", ["team report", "review pack"])
def test_every_chart_label_of_an_html_export_lies_inside_its_figure(
    exports, browser_page, export, width
) -> None:
    page = browser_page
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(exports[export].as_uri())
    assert page.locator("figure > svg").count() >= 2
    assert page.locator("script").count() == 0
    assert page.evaluate(OUTSIDE) == []
