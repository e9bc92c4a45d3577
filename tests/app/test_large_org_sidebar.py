"""A large organisation's sidebar: pick a unit, then one of its teams (not 2,000 names a run)."""

from __future__ import annotations

import pytest

from assessments.service.readiness import ReadinessService
from tests.app.conftest import new_session
from ui.context import ONE_PICKER_LIMIT

REPORT = "app_pages/team_report.py"


@pytest.fixture
def large(service: ReadinessService) -> ReadinessService:
    """Two more units, with enough teams to pass the one-picker limit."""
    service.create_unit("data", "Data", actor="test")
    service.create_unit("web", "Web", actor="test")
    for number in range(ONE_PICKER_LIMIT):
        unit = "data" if number % 2 else "web"
        service.create_team(f"{unit}-{number:03}", f"{unit.title()} {number:03}", unit, actor="t")
    return service


def test_a_large_org_picks_a_unit_then_lists_only_its_teams(large: ReadinessService) -> None:
    at = new_session(REPORT)
    assert not at.exception
    unit = at.selectbox(key="team_unit")
    assert unit.options == ["Data", "Payments", "Web"]
    assert unit.value == "data"
    assert len(at.selectbox(key="team").options) == ONE_PICKER_LIMIT // 2
    assert at.selectbox(key="team").value == "data-001"

    at.selectbox(key="team_unit").set_value("payments").run()
    assert at.selectbox(key="team").options == [
        "Payments · <b>Ledger</b> [x](http://evil)",
        "Payments · Checkout Web",
    ]
    assert at.selectbox(key="team").value == "ledger"
    assert at.query_params["team"] == "ledger"


def test_a_link_to_a_team_opens_its_unit(large: ReadinessService) -> None:
    at = new_session(REPORT, team="web-100")
    assert at.selectbox(key="team_unit").value == "web"
    assert at.selectbox(key="team").value == "web-100"
    assert at.caption[0].value.startswith("Web 100 · ")
