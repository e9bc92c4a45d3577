"""A link naming a team or period that does not exist says so instead of showing another.

(That submitting opens the report of the team just submitted is checked in a real browser,
tests/e2e/test_team_links.py: AppTest keeps the sidebar's pick where the browser lost it.)"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessments.service.readiness import ReadinessService
from tests.app.conftest import APP, PERIOD
from ui.text import inert

ASSESSMENT = "app_pages/self_assessment.py"
REPORT = "app_pages/team_report.py"


def linked(page: str | None = None, **params: str) -> AppTest:
    """A new session opened from a link with these query parameters."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets = {"tests": "local mode"}
    for key, value in params.items():
        at.query_params[key] = value
    at.run()  # the home page, as a link's first run would show before the page it names
    if page is not None:
        at.switch_page(page).run()
    return at


def test_a_link_to_a_team_that_does_not_exist_says_so(service: ReadinessService):
    for page in (REPORT, ASSESSMENT):
        at = linked(page, team="no-such-team", period=PERIOD)

        assert not at.exception
        assert [e.value for e in at.error] == [
            f"There is no team {inert('no-such-team')}. Pick a team in the sidebar."
        ]
        assert at.get("metric") == [] and len(at.radio) == 0


def test_a_link_to_a_period_that_is_not_a_quarter_says_so(service: ReadinessService):
    at = linked(team="ledger", period="2026-Q9")

    assert [e.value for e in at.error] == [
        f"There is no period {inert('2026-Q9')}: a period is a quarter such as 2026-Q4. Pick"
        " one in the sidebar."
    ]
    assert at.title == []


def test_a_link_to_a_quarter_without_assessments_opens_that_quarter(service: ReadinessService):
    at = linked(REPORT, team="ledger", period="2024-Q1")

    assert at.sidebar.selectbox(key="period").value == "2024-Q1"
    assert at.info[0].value.startswith(
        f"{inert('<b>Ledger</b> [x](http://evil)')} has no assessment for 2024-Q1"
    )
