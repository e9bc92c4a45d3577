"""AppTest flows on the team report: every chain shown whole, conditions in words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments.content.in_force import load_content
from assessments.demo.organisation import DemoOrg, generate_demo_org
from assessments.service.readiness import ReadinessService
from assessments.service.team_scoring import score_view
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PERIOD = "2026-Q3"
CONTENT = load_content()
demo_with_next: list[str] = []
"""Teams of the seeded demo whose decision names a chain to remove next."""


@pytest.fixture
def org(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoOrg]:
    """A small demo org (6 teams, 2 units, 2026-Q2..Q3) in a SQLite file."""
    url = f"sqlite:///{tmp_path / 'readiness.db'}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    demo = generate_demo_org(
        CONTENT.questionnaire,
        CONTENT.catalogue,
        teams=6,
        units=2,
        quarters=2,
        last_period=PERIOD,
        seed=11,
    )
    service = ReadinessService(engine, CONTENT)
    seed_demo(service, demo)
    with_next = []
    for slug in sorted({a.team_slug for a in demo.assessments if a.status == "submitted"}):
        latest = service.latest_submitted(slug, PERIOD)
        result = None if latest is None else score_view(CONTENT, latest)
        if result is not None and result.recommendation.next_chain is not None:
            with_next.append(slug)
    demo_with_next[:] = with_next
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    monkeypatch.setenv("READINESS_SEED_DEMO", "0")
    yield demo
    engine.dispose()


def open_report(team: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets = {"tests": "local mode"}
    at.session_state["period"] = PERIOD
    at.session_state["team"] = team
    at.run()
    at.switch_page("app_pages/team_report.py").run()
    assert not at.exception
    return at


def submitted_team(demo: DemoOrg) -> str:
    return next(
        a.team_slug for a in demo.assessments if a.period == PERIOD and a.status == "submitted"
    )


def test_every_approval_chain_is_listed_whole_with_its_gaps_in_words(org: DemoOrg) -> None:
    at = open_report(submitted_team(org))

    table = at.table[0].value
    assert list(table.columns) == ["Chain", "Status", "Gaps / reason"]
    assert len(table) == len(CONTENT.catalogue.chains) == 13
    gaps = " ".join(table["Gaps / reason"])
    asked = [q for q in CONTENT.questionnaire.questions if f"{q.id} (" in gaps]
    assert asked, gaps
    assert all(f"{q.id} ({q.text})" in gaps for q in asked)


def test_the_decision_names_the_questions_behind_the_conditions_it_meets(org: DemoOrg) -> None:
    assert demo_with_next, "the demo has a team with a chain to remove next"
    at = open_report(demo_with_next[0])

    met = [m.value for m in at.markdown if m.value.startswith("**Conditions it meets:**")]
    why = [m.value for m in at.markdown if m.value.startswith("**Why this one:**")]
    assert len(why) == 1
    assert "Conditions met" not in why[0]
    assert met, "the decision lists the conditions it meets"
    for line in met[0].splitlines()[1:]:
        ids = [q.id for q in CONTENT.questionnaire.questions if f"{q.id} " in line]
        for qid in ids:
            assert f"{qid} ({CONTENT.questionnaire.question(qid).text})" in line
