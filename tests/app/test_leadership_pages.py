"""AppTest flows on the leadership pages: filter by unit, change period, drill down, download."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from assessments.content.in_force import load_content
from assessments.demo.organisation import generate_demo_org
from assessments.demo.records import DemoOrg
from assessments.reports.org_table import pillar_names
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo
from tests.app.vega_charts import chart, charts, rows, spec
from ui.context import current_period
from ui.text import inert

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PERIOD, PREVIOUS = "2026-Q3", "2026-Q2"


@pytest.fixture
def org(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoOrg]:
    """A small demo org (10 teams, 2 units, 2026-Q1..Q3) plus an empty unit, in a SQLite file."""
    url = f"sqlite:///{tmp_path / 'readiness.db'}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    content = load_content()
    demo = generate_demo_org(
        content.questionnaire,
        content.catalogue,
        teams=10,
        units=2,
        quarters=3,
        last_period=PERIOD,
        seed=11,
    )
    service = ReadinessService(engine, content)
    seed_demo(service, demo)
    service.create_unit("empty-unit", "Empty unit", actor="admin@example.com")
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    monkeypatch.setenv("READINESS_SEED_DEMO", "1")
    yield demo
    engine.dispose()


def _open(page: str, period: str = PERIOD) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.selectbox(key="period").set_value(period)
    at.switch_page(page).run()
    assert not at.exception
    return at


def _choose_tab(at: AppTest, label: str) -> None:
    """Click one of the heatmap's tabs: only the open tab is drawn."""
    at.session_state["tab"] = label
    at.run()
    assert not at.exception


def _cells(at: AppTest, key: str) -> pd.DataFrame:
    """The one dataset a grid chart draws: a row per cell."""
    (cells,) = rows(chart(at, key))
    return cells


def _blocks(at: AppTest, key: str) -> list[tuple[str, list[str]]]:
    """Per unit block of a grid: its title and its rows."""
    return [
        (block["title"]["text"], block["layer"][0]["encoding"]["y"]["sort"])
        for block in spec(chart(at, key))["vconcat"]
    ]


def _submitted(demo: DemoOrg, period: str, unit: str | None = None) -> list[str]:
    slugs = {
        a.team_slug for a in demo.assessments if a.period == period and a.status == "submitted"
    }
    return sorted(t.name for t in demo.teams if t.slug in slugs and unit in (None, t.unit_slug))


def _unsubmitted(demo: DemoOrg, period: str) -> list[str]:
    return sorted(set(t.name for t in demo.teams) - set(_submitted(demo, period)))


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_heatmap_shows_every_submitted_team_grouped_by_unit(org: DemoOrg) -> None:
    at = _open("app_pages/org_heatmap.py")
    assert at.title[0].value == "Org heatmap"
    teams = _submitted(org, PERIOD)
    assert f"{len(teams)} of {len(org.teams)} teams in 2 units submitted for {PERIOD}" in (
        _captions(at)
    )
    cells = _cells(at, "heatmap_chart")
    assert sorted(set(cells["team"])) == teams
    assert {title for title, _ in _blocks(at, "heatmap_chart")} == {u.name for u in org.units}
    assert sorted(row for _, rows in _blocks(at, "heatmap_chart") for row in rows) == teams
    assert set(cells["pillar"]) == {"Overall", *pillar_names(load_content().rubric).values()}
    assert spec(chart(at, "heatmap_chart"))["params"][0]["name"] == "team"


def test_filtering_by_unit_keeps_only_that_units_teams(org: DemoOrg) -> None:
    at = _open("app_pages/org_heatmap.py")
    unit = org.units[1]
    at.selectbox(key="heatmap_unit").set_value(unit.slug).run()
    assert not at.exception
    teams = _submitted(org, PERIOD, unit.slug)
    cells = _cells(at, "heatmap_chart")
    assert sorted(set(cells["team"])) == teams
    assert set(cells["unit"]) == {unit.name}
    assert [title for title, _ in _blocks(at, "heatmap_chart")] == [unit.name]
    opener = at.selectbox(key="heatmap_open_team")
    assert len(opener.options) == len(teams)
    assert all(option.startswith(f"{unit.name} · ") for option in opener.options)


def test_the_list_layout_shows_each_team_in_words_with_a_link_to_its_report(org: DemoOrg) -> None:
    at = _open("app_pages/org_heatmap.py")
    at.segmented_control(key="heatmap_layout").set_value("List").run()
    assert not at.exception
    assert not charts(at)
    assert "heatmap_mode" not in [w.key for w in at.get("segmented_control")]
    teams = _submitted(org, PERIOD)
    markdown = [m.value for m in at.markdown]
    assert sorted(name for name in teams if f"**{inert(name)}**" in markdown) == teams
    assert sum(v.startswith("- Blast radius: level ") for v in markdown) == len(teams)
    links = at.get("page_link")
    assert len(links) == len(teams)
    assert {link.proto.label for link in links} == {"Open the team report"}
    queries = [parse_qs(link.proto.query_string) for link in links]
    assert {q["period"][0] for q in queries} == {PERIOD}
    assert sorted(q["team"][0] for q in queries) == sorted(
        a.team_slug for a in org.assessments if a.period == PERIOD and a.status == "submitted"
    )


def test_the_list_layout_shows_each_unit_with_its_coverage(org: DemoOrg) -> None:
    at = _open("app_pages/org_heatmap.py")
    at.segmented_control(key="heatmap_layout").set_value("List").run()
    assert not at.exception
    _choose_tab(at, "Units")
    markdown = [m.value for m in at.markdown]
    assert [u.name for u in org.units if f"**{inert(u.name)}**" in markdown] == [
        u.name for u in org.units
    ]
    assert "Empty unit" not in " ".join(markdown)
    assert not [d for d in at.dataframe if d.proto.id.endswith("rollup_table")]


def test_a_unit_without_teams_says_so_instead_of_an_empty_chart(org: DemoOrg) -> None:
    at = _open("app_pages/org_heatmap.py")
    at.selectbox(key="heatmap_unit").set_value("empty-unit").run()
    assert not at.exception
    assert at.info[0].value.startswith("Empty unit has no teams yet.")
    assert not charts(at)


def test_changing_the_period_redraws_the_heatmap_for_that_period(org: DemoOrg) -> None:
    at = _open("app_pages/org_heatmap.py")
    at.selectbox(key="period").set_value(PREVIOUS).run()
    assert not at.exception
    teams = _submitted(org, PREVIOUS)
    assert f"{len(teams)} of {len(org.teams)} teams in 2 units submitted for {PREVIOUS}" in (
        _captions(at)
    )
    assert sorted(set(_cells(at, "heatmap_chart")["team"])) == teams


def test_change_mode_colours_by_score_change_since_the_previous_period(org: DemoOrg) -> None:
    at = _open("app_pages/org_heatmap.py")
    at.segmented_control(key="heatmap_mode").set_value("change").run()
    assert not at.exception
    assert f"Pillar score change since {PREVIOUS}" in " ".join(_captions(at))
    colour = spec(chart(at, "heatmap_chart"))["vconcat"][0]["layer"][0]["encoding"]["color"]
    assert colour["condition"]["scale"]["domainMid"] == 0
    assert colour["condition"]["legend"]["title"] == "Score change"
    cells = _cells(at, "heatmap_chart")
    compared = cells[cells["change"].str.startswith("score ")]
    assert len(compared) > 0
    assert all(text.startswith(("+", "−", "0")) for text in compared["text"])


def test_change_mode_without_an_earlier_submission_says_there_is_nothing_to_compare(
    org: DemoOrg,
) -> None:
    at = _open("app_pages/org_heatmap.py", period="2026-Q1")
    at.segmented_control(key="heatmap_mode").set_value("change").run()
    assert not at.exception
    assert at.info[0].value.startswith("No team here submitted in both 2025-Q4 and 2026-Q1")
    assert not charts(at)
    _choose_tab(at, "Units")
    (rollup,) = charts(at)
    assert spec(rollup)["layer"][0]["encoding"]["color"]["legend"]["title"] == "Mean level"


def test_a_period_without_submissions_shows_coverage_not_an_empty_chart(org: DemoOrg) -> None:
    at = _open("app_pages/org_heatmap.py", period=current_period())
    assert not charts(at)
    assert at.info[0].value.startswith(
        f"No team has submitted an assessment for {current_period()}"
    )
    _choose_tab(at, "Coverage")
    assert at.metric[2].label == "No submission"
    assert at.metric[2].value == str(len(org.teams))


def test_coverage_lists_teams_without_a_submission_and_with_only_a_draft(org: DemoOrg) -> None:
    at = _open("app_pages/org_heatmap.py")
    done = {a.team_slug for a in org.assessments if a.period == PERIOD}
    drafts = {a.team_slug for a in org.assessments if a.period == PERIOD and a.status == "draft"}
    missing = [t for t in org.teams if t.slug not in done]
    _choose_tab(at, "Coverage")
    labels = {m.label: m.value for m in at.metric}
    assert labels["No submission"] == str(len(missing))
    assert labels["Draft only"] == str(len(drafts))
    chase = next(d.value for d in at.dataframe if "Report" in d.value.columns)
    assert sorted(chase["Team"]) == sorted(_unsubmitted(org, PERIOD))
    slugs = {t.name: t.slug for t in org.teams}
    columns = (chase["Team"], chase["Report"], chase[f"In {PREVIOUS}"])
    for name, link, before in zip(*columns, strict=True):
        assert link == f"/report?team={slugs[name]}&period={PERIOD}"
        assert before in ("submitted", "draft only", "no submission")
    assert set(chase["Editors to ask"]) == {"none yet"}


def test_only_the_open_tab_is_drawn_and_each_shows_when_chosen(org: DemoOrg) -> None:
    at = _open("app_pages/org_heatmap.py")
    assert [t.label for t in at.tabs] == ["Teams", "Units", "Coverage"]
    assert [c.proto.id.rsplit("-", 1)[-1] for c in charts(at)] == ["heatmap_chart"]
    assert not [d for d in at.dataframe if d.proto.id.endswith("rollup_table")]
    assert "No submission" not in [m.label for m in at.metric]

    _choose_tab(at, "Units")
    assert not [c for c in charts(at) if c.proto.id.endswith("-heatmap_chart")]
    (rollup,) = charts(at)
    assert spec(rollup)["layer"][0]["encoding"]["color"]["legend"]["title"] == "Mean level"

    _choose_tab(at, "Coverage")
    assert not charts(at)
    assert [m.label for m in at.metric][:3] == ["Submitted", "Draft only", "No submission"]

    _choose_tab(at, "Teams")
    assert sorted(set(_cells(at, "heatmap_chart")["team"])) == _submitted(org, PERIOD)


def test_a_link_with_a_tab_opens_that_tab(org: DemoOrg) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["period"] = PERIOD
    at.query_params["tab"] = "Coverage"
    at.run()  # the home page, as a link's first run would show before the page it names
    at.switch_page("app_pages/org_heatmap.py").run()
    assert not at.exception
    assert not charts(at)
    done = {a.team_slug for a in org.assessments if a.period == PERIOD}
    labels = {m.label: m.value for m in at.metric}
    assert labels["No submission"] == str(sum(t.slug not in done for t in org.teams))


def test_picking_a_team_opens_its_report(org: DemoOrg) -> None:
    at = _open("app_pages/org_heatmap.py")
    team = next(t for t in org.teams if t.name == _submitted(org, PERIOD)[0])
    at.selectbox(key="heatmap_open_team").set_value(team.slug).run()
    assert not at.exception
    assert at.title[0].value == "Team report"
    assert at.caption[0].value.startswith(f"{inert(team.name)} · {PERIOD}")
    assert at.selectbox(key="team").value == team.slug


def test_chains_matrix_shows_a_legend_and_what_teams_could_remove_now(org: DemoOrg) -> None:
    at = _open("app_pages/chains_matrix.py")
    assert at.title[0].value == "Approval chains across teams"
    colour = spec(chart(at, "chains_chart"))["vconcat"][0]["layer"][0]["encoding"]["color"]
    assert colour["scale"]["domain"] == [
        "Next to remove",
        "Eligible now",
        "In place (blocked)",
        "Removed",
        "Removed too early",
        "Permanent (stays)",
    ]
    cells = _cells(at, "chains_chart")
    assert sorted(set(cells["team"])) == _submitted(org, PERIOD)
    assert set(cells["status"]) <= set(colour["scale"]["domain"])
    removable, _ = charts(at)
    bars = next(frame for frame in rows(removable) if "status" in frame)
    assert set(bars["status"]) == {"Next to remove", "Eligible now"}
