"""AppTest flows on the team report: every chain shown whole, conditions in words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
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


def open_tab(at: AppTest, label: str) -> AppTest:
    """Choose one of the report's tabs, as a click on it would (only the open one is drawn)."""
    at.session_state["report_tab"] = label
    at.run()
    assert not at.exception
    return at


def submitted_team(demo: DemoOrg) -> str:
    return next(
        a.team_slug for a in demo.assessments if a.period == PERIOD and a.status == "submitted"
    )


def test_every_approval_chain_is_listed_whole_with_its_gaps_in_words(demo_org: DemoOrg) -> None:
    at = open_tab(open_report(submitted_team(demo_org)), "Next steps")

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
    assert [s.value for s in at.subheader] == ["In context"]


def test_the_report_lists_answers_changed_since_last_quarter_and_levels_per_period(
    demo_org: DemoOrg,
) -> None:
    slug = submitted_team(demo_org)
    earlier = {
        a.period: a for a in demo_org.assessments if a.team_slug == slug and a.status == "submitted"
    }
    at = open_tab(open_report(slug), "Changes")

    assert sorted(earlier) == ["2026-Q2", "2026-Q3"]
    assert [s.value for s in at.subheader] == ["What changed since the last submission"]
    headers = [list(t.value.columns) for t in at.table]
    assert headers == [["Question", "Asks", "In 2026-Q2", "Now"]]
    open_tab(at, "History")
    levels = next(t.value for t in at.table if t.value.columns[0] == "Period")
    assert list(levels["Period"]) == sorted(earlier)
    assert list(levels.columns)[-1] == "Overall"


REPORT_TABS = {
    "Readiness": ["In context"],
    "Next steps": ["What unlocks the next chains", "Every approval chain, with its gaps"],
    "Changes": ["What changed since the last submission"],
    "Evidence": ["Evidence from configuration"],
    "History": ["History"],
}


def test_each_tab_of_the_report_shows_its_sections_and_only_those(demo_org: DemoOrg) -> None:
    at = open_report(submitted_team(demo_org))

    assert [t.label for t in at.tabs] == list(REPORT_TABS)
    # The decision and the download stay above and below the tabs, whichever is open.
    for label, headings in REPORT_TABS.items():
        open_tab(at, label)
        shown = [s.value for s in at.subheader if s.value != "Alternatives"]
        assert shown == headings, label
        assert at.query_params.get("section") == (None if label == "Readiness" else label)
        assert {b.label for b in at.download_button} == {
            "Download as Markdown",
            "Download as HTML",
        }
    open_tab(at, "Evidence")
    assert [e.label.split(" (")[0] for e in at.expander] == [
        "Confidence: what would make this more certain",
        "Evidence links",
        "Gaps by standard",
    ]


def test_a_link_opens_the_report_on_the_tab_it_names(demo_org: DemoOrg) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets = {"tests": "local mode"}
    at.session_state["period"] = PERIOD
    at.session_state["team"] = submitted_team(demo_org)
    at.run()
    at.switch_page("app_pages/team_report.py")
    at.query_params["section"] = "History"  # as in /report?...&section=History
    at.run()
    assert not at.exception
    assert [s.value for s in at.subheader] == ["History"]


def test_a_download_is_the_whole_report_written_when_clicked(
    demo_org: DemoOrg, monkeypatch: pytest.MonkeyPatch
) -> None:
    files: dict[str, Callable[[], object]] = {}
    add_deferred = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = data_callable
        return add_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    slug = submitted_team(demo_org)
    open_report(slug)  # on its first tab: nothing of History is drawn

    markdown = files[f"readiness-{slug}-{PERIOD}.md"]()
    assert str(markdown).startswith("# Autonomy readiness: ")
    html = str(files[f"readiness-{slug}-{PERIOD}.html"]())
    assert ">History<" in html  # the History tab's chart, in the file
    assert "2026-Q2" in html
