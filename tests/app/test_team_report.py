"""AppTest flows on the team report: every chain shown whole, conditions in words."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from assessments.content.in_force import load_content
from assessments.demo.records import DemoOrg
from tests.app.conftest import DEMO_PERIOD as PERIOD
from tests.app.conftest import DEMO_WITH_NEXT

APP = str(Path(__file__).resolve().parents[2] / "app.py")
CONTENT = load_content()


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


def test_every_approval_chain_is_listed_whole_with_its_gaps_in_words(demo_org: DemoOrg) -> None:
    at = open_report(submitted_team(demo_org))

    table = next(t.value for t in at.table if t.value.columns[0] == "Chain")
    assert list(table.columns) == ["Chain", "Status", "Gaps / reason"]
    assert len(table) == len(CONTENT.catalogue.chains) == 15
    gaps = " ".join(table["Gaps / reason"])
    asked = [q for q in CONTENT.questionnaire.questions if f"{q.id} (" in gaps]
    assert asked, gaps
    assert all(f"{q.id} ({q.text})" in gaps for q in asked)


def test_the_decision_names_the_questions_behind_the_conditions_it_meets(demo_org: DemoOrg) -> None:
    assert DEMO_WITH_NEXT, "the demo has a team with a chain to remove next"
    at = open_report(DEMO_WITH_NEXT[0])

    met = [m.value for m in at.markdown if m.value.startswith("**Conditions it meets:**")]
    why = [m.value for m in at.markdown if m.value.startswith("**Why this one:**")]
    assert len(why) == 1
    assert "Conditions met" not in why[0]
    assert met, "the decision lists the conditions it meets"
    for line in met[0].splitlines()[1:]:
        ids = [q.id for q in CONTENT.questionnaire.questions if f"{q.id} " in line]
        for qid in ids:
            assert f"{qid} ({CONTENT.questionnaire.question(qid).text})" in line


def test_the_report_puts_the_team_beside_its_unit_and_the_organisation(
    demo_org: DemoOrg,
) -> None:
    at = open_report(submitted_team(demo_org))

    context = next(t.value for t in at.table if t.value.columns[0] == "Pillar")
    assert list(context.columns) == ["Pillar", "This team", "Unit median", "Organisation median"]
    assert list(context["Pillar"]) == [p.name for p in CONTENT.questionnaire.pillars] + ["Overall"]
    assert [s.value for s in at.subheader][:2] == [
        "In context",
        "What changed since the last submission",
    ]


def test_the_report_lists_answers_changed_since_last_quarter_and_levels_per_period(
    demo_org: DemoOrg,
) -> None:
    slug = submitted_team(demo_org)
    earlier = {
        a.period: a for a in demo_org.assessments if a.team_slug == slug and a.status == "submitted"
    }
    at = open_report(slug)

    assert sorted(earlier) == ["2026-Q2", "2026-Q3"]
    headers = [list(t.value.columns) for t in at.table]
    assert ["Question", "Asks", "In 2026-Q2", "Now"] in headers
    levels = next(t.value for t in at.table if t.value.columns[0] == "Period")
    assert list(levels["Period"]) == sorted(earlier)
    assert list(levels.columns)[-1] == "Overall"
