"""AppTest flows for the track record: request from the report, approve, record incidents."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assessments.access import Grant, Role
from assessments.service.readiness import ReadinessService
from tests.app.conftest import PERIOD, new_session
from tests.app.test_access import as_person
from tests.example_sheets import example_answers_in_force
from ui.text import inert

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "examples" / "checkout-web.yaml"
REPORT = "app_pages/team_report.py"
APPROVALS = "app_pages/approvals.py"
INCIDENTS = "app_pages/incidents.py"
ANA, RITA = "ana@example.com", "rita@example.com"


@pytest.fixture
def ready(service: ReadinessService) -> ReadinessService:
    """checkout-web submitted the example answers (next chain: approve each tool call)."""
    content = service.content
    answers, removed = example_answers_in_force(EXAMPLE, content)
    draft = service.open_draft("checkout-web", PERIOD, actor=ANA)
    for question_id, entry in answers.items():
        draft = service.save_answer(
            draft.id, question_id, entry, expected_version=draft.version, actor=ANA
        )
    for chain_id in removed:
        draft = service.set_chain_state(
            draft.id, chain_id, True, expected_version=draft.version, actor=ANA
        )
    service.submit(draft.id, expected_version=draft.version, actor=ANA)
    service.grant_role(ANA, Grant(Role.TEAM_EDITOR, "checkout-web"), actor="t")
    service.grant_role(RITA, Grant(Role.APPROVER), actor="t")
    return service


def test_a_manager_requests_the_next_chain_and_an_approver_signs_it_off(ready):
    at = as_person(ANA, REPORT, team="checkout-web")
    at.text_area(key="removal_reason").input("Sandbox and deny rules enforced org-wide")
    at.button(key="request_removal").click().run()

    assert not at.exception
    assert "Removal of A human approves each agent tool call requested" in at.success[0].value
    assert "waiting for an approver" in at.info[0].value
    (pending,) = ready.removal_requests()
    assert (pending.requested_by, pending.reason) == (
        ANA,
        "Sandbox and deny rules enforced org-wide",
    )

    approver = as_person(RITA, APPROVALS)
    assert [m.value for m in approver.markdown if "remove" in m.value] == [
        "**Checkout Web: remove A human approves each agent tool call**"
    ]
    approver.text_input(key=f"note_{pending.id}").input("Evidence checked")
    approver.button(key=f"approve_{pending.id}").click().run()

    assert not approver.exception
    planned = (datetime.now(UTC).date() + timedelta(days=14)).isoformat()
    assert approver.success[0].value == inert(
        f"Approved: Checkout Web removes A human approves each agent tool call from {planned}."
    )
    assert ready.removal_requests()[0].status == "approved"
    assert approver.info[0].value == "No request waits for you."


def test_the_requester_sees_no_buttons_for_their_own_request(ready):
    ready.grant_role(ANA, Grant(Role.APPROVER), actor="t")
    ready.request_removal(
        "checkout-web", "tool-call-approval", reason="ready",
        planned_on=datetime.now(UTC).date(), actor=ANA,
    )  # fmt: skip
    at = as_person(ANA, APPROVALS)
    assert not at.exception
    assert at.info[0].value == "No request waits for you."
    assert not [b for b in at.button if b.key and b.key.startswith("approve_")]


def test_a_team_editor_cannot_use_the_approvals_page(ready):
    at = as_person(ANA, APPROVALS)
    assert "Approvals are for approvers and admins" in at.warning[0].value


def test_an_incident_recorded_on_the_page_shows_in_the_list_inert(ready):
    at = as_person(ANA, INCIDENTS, team="checkout-web")
    at.selectbox(key="incident_severity").set_value("high")
    at.selectbox(key="incident_chain").set_value("tool-call-approval")
    at.text_area(key="incident_summary").input("Agent ran <b>rm</b> outside [its](x) sandbox")
    at.button(key="record_incident").click().run()

    assert not at.exception
    assert at.success[0].value == inert("Recorded: high incident for Checkout Web.")
    (stored,) = ready.incidents()
    assert (stored.severity, stored.chain_id, stored.summary) == (
        "high",
        "tool-call-approval",
        "Agent ran <b>rm</b> outside [its](x) sandbox",
    )
    table = at.dataframe[0].value
    assert table["What happened"].tolist() == ["Agent ran <b>rm</b> outside [its](x) sandbox"]


def test_the_report_shows_a_reinstate_alert_after_an_incident_in_the_removed_chain(ready):
    asked = ready.request_removal(
        "checkout-web", "tool-call-approval", reason="ready",
        planned_on=datetime.now(UTC).date(), actor=ANA,
    )  # fmt: skip
    ready.decide_removal(asked.id, approve=True, note="ok", actor=RITA)
    draft = ready.open_draft("checkout-web", PERIOD, actor=ANA)
    draft = ready.set_chain_state(
        draft.id, "tool-call-approval", True, expected_version=draft.version, actor=ANA
    )
    ready.submit(draft.id, expected_version=draft.version, actor=ANA)
    today = datetime.now(UTC).date().isoformat()
    ready.record_incident(
        {"team": "checkout-web", "date": today, "severity": "critical",
         "pillar": "blast_radius", "chain": "tool-call-approval",
         "summary": "Agent escaped its sandbox"},
        actor=ANA,
    )  # fmt: skip

    at = new_session(REPORT, team="checkout-web")

    assert not at.exception
    assert at.error[0].value.startswith(
        "**Reinstate A human approves each agent tool call.** "
        + inert(f"critical incident on {today}")
    )
    assert any("signed off by rita" in m.value for m in at.markdown)
