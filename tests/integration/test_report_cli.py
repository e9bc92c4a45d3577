"""`readiness report` on a seeded database: three files, clear errors, HTML that works offline."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from assessments.content.in_force import load_content
from assessments.demo.organisation import generate_demo_org
from assessments.demo.records import DemoOrg
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo
from cli.main import main
from tests.integration.conftest import Database

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _seed(engine: Engine) -> DemoOrg:
    """A small demo org: 8 teams in 2 units over 2026-Q3 and 2026-Q4."""
    upgrade_to_head(engine)
    content = load_content()
    org = generate_demo_org(
        content.questionnaire, content.catalogue, teams=8, units=2, quarters=2, seed=3
    )
    seed_demo(ReadinessService(engine, content), org)
    return org


@pytest.fixture
def demo(database: Database, monkeypatch: pytest.MonkeyPatch) -> DemoOrg:
    """The demo org in the database the CLI is configured with (SQLite and PostgreSQL)."""
    org = _seed(database.engine)
    monkeypatch.setenv("READINESS_DATABASE_URL", database.url)
    return org


@pytest.fixture
def sqlite_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoOrg]:
    """The demo org in a SQLite file the CLI is configured with."""
    url = f"sqlite:///{tmp_path / 'readiness.db'}"
    engine = make_engine(url)
    org = _seed(engine)
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    yield org
    engine.dispose()


def _report(tmp_path: Path, *extra: str) -> int:
    return main(["report", "--period", "2026-Q4", "--out", str(tmp_path), *extra])


def test_report_writes_html_markdown_and_csv_and_prints_their_paths(
    demo: DemoOrg, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _report(tmp_path) == 0
    names = ["review-pack-2026-Q4.html", "review-pack-2026-Q4.md", "review-pack-2026-Q4.csv"]
    assert capsys.readouterr().out.splitlines() == [str(tmp_path / n) for n in names]
    rows = list(csv.DictReader(io.StringIO((tmp_path / names[2]).read_text(encoding="utf-8"))))
    assert sorted(r["Team"] for r in rows) == sorted(t.name for t in demo.teams)
    markdown = (tmp_path / names[1]).read_text(encoding="utf-8")
    assert markdown.startswith("# Quarterly review 2026-Q4\n")
    for unit in demo.units:
        assert f"\n| {unit.name} |" in markdown
    html = (tmp_path / names[0]).read_text(encoding="utf-8")
    submitted = {a.team_slug for a in demo.assessments if a.period == "2026-Q4"}
    for team in demo.teams:
        if team.slug in submitted:
            assert team.name in html


def test_report_for_one_unit_holds_only_its_teams(
    demo: DemoOrg, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unit = demo.units[0]
    assert _report(tmp_path, "--unit", unit.slug, "--baseline", "2026-Q2") == 1
    assert "no assessments for baseline period 2026-Q2" in capsys.readouterr().err
    assert _report(tmp_path, "--unit", unit.slug) == 0
    text = (tmp_path / f"review-pack-2026-Q4-{unit.slug}.csv").read_text(encoding="utf-8")
    teams = [r["Team"] for r in csv.DictReader(io.StringIO(text))]
    assert sorted(teams) == sorted(t.name for t in demo.teams if t.unit_slug == unit.slug)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--period", "2027-Q1"],
            "error: no assessments for period 2027-Q1; periods with data: 2026-Q3, 2026-Q4",
        ),
        (["--period", "2026-Q4", "--unit", "nowhere"], "error: no unit 'nowhere'; units: "),
        (["--period", "Q4-2026"], "error: period 'Q4-2026' is not a quarter"),
        (
            ["--period", "2026-Q4", "--baseline", "2026-Q3"],
            "error: baseline 2026-Q3 must be before 2026-Q3",
        ),
    ],
)
def test_report_refuses_unknown_input_with_a_message_and_no_traceback(
    demo: DemoOrg,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    assert main(["report", *args, "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def _require_browser() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"{CHROMIUM} is missing but REQUIRE_BROWSER is set")
    pytest.skip(f"{CHROMIUM} is missing; set REQUIRE_BROWSER=1 to make this a failure")


@pytest.mark.browser
def test_html_pack_shows_its_charts_in_a_browser_with_no_network_and_no_javascript(
    sqlite_demo: DemoOrg, tmp_path: Path
) -> None:
    _require_browser()
    from playwright.sync_api import Route, sync_playwright

    out = tmp_path / "pack"
    assert _report(out) == 0
    blocked: list[str] = []

    def offline(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            # The charts are static SVG: they must show with JavaScript switched off.
            page = browser.new_page(java_script_enabled=False)
            page.route("**/*", offline)
            page.goto((out / "review-pack-2026-Q4.html").as_uri())
            charts = page.locator("figure > svg")
            sizes = [charts.nth(i).bounding_box() for i in range(charts.count())]
            sections = page.locator("h2").all_inner_texts()
            # Readiness by team: one coloured cell per submitted team and pillar + Overall.
            heatmap = page.locator("h2:text-is('Readiness by team') ~ figure").first
            cells = heatmap.locator("g.mark-rect.role-mark path").count()
            title = page.locator("h1").inner_text()
        finally:
            browser.close()
    submitted = {
        a.team_slug
        for a in sqlite_demo.assessments
        if a.period == "2026-Q4" and a.status == "submitted"
    }
    pillars = len(load_content().questionnaire.pillars)
    assert len(sizes) == 5
    assert all(box is not None and box["width"] > 200 and box["height"] > 50 for box in sizes)
    assert {"Readiness by team", "Approval chains by team"} <= set(sections)
    assert cells == len(submitted) * (pillars + 1)
    assert title == "Quarterly review 2026-Q4"
    assert blocked == []
