"""The engineering manager's journey in the app: answer, reload, submit, conflict."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessments.content.answers import AnswerEntry
from assessments.service.readiness import ReadinessService
from tests.app.conftest import PERIOD, new_session
from ui.sign_in import LOCAL_MODE_BANNER

ASSESSMENT = "app_pages/self_assessment.py"
REPORT = "app_pages/team_report.py"


def radio_key(assessment_id: int, question_id: str, generation: int = 0) -> str:
    return f"a{assessment_id}_g{generation}_{question_id}_choice"


def start(service: ReadinessService) -> tuple[AppTest, int]:
    at = new_session(ASSESSMENT, team="checkout-web")
    at.button(key="start_empty").click().run()
    draft = service.current_assessment("checkout-web", PERIOD)
    assert draft is not None
    return at, draft.id


def test_an_answer_survives_a_reload(service: ReadinessService) -> None:
    at, aid = start(service)
    at.radio(key=radio_key(aid, "BR-01")).set_value("3").run()
    at.text_input(key=f"a{aid}_g0_BR-01_evidence").input("https://wiki.example.com/sandbox").run()

    reloaded = new_session(ASSESSMENT, team="checkout-web")

    assert reloaded.radio(key=radio_key(aid, "BR-01")).value == "3"
    assert (
        reloaded.text_input(key=f"a{aid}_g0_BR-01_evidence").value
        == "https://wiki.example.com/sandbox"
    )
    assert "1 of 30 questions answered" in reloaded.get("progress")[0].proto.text


def test_an_evidence_link_that_is_not_http_is_refused_with_a_reason(
    service: ReadinessService,
) -> None:
    at, aid = start(service)
    at.radio(key=radio_key(aid, "BR-02")).set_value("2").run()
    at.text_input(key=f"a{aid}_g0_BR-02_evidence").input("javascript:alert(1)").run()

    assert [w.value for w in at.warning if w.value != LOCAL_MODE_BANNER] == [
        "evidence must be an http:// or https:// link"
    ]
    assert service.get_assessment(aid).answers["BR-02"].evidence is None


def test_submitting_with_gaps_lists_the_unanswered_question_ids(
    service: ReadinessService,
) -> None:
    at, aid = start(service)
    at.radio(key=radio_key(aid, "BR-01")).set_value("3").run()
    at.button(key="submit").click().run()

    assert len(at.error) == 1
    assert at.error[0].value.startswith("29 questions still need an answer")
    assert "BR-02, BR-03" in at.error[0].value
    assert service.get_assessment(aid).status == "draft"


def test_submitting_every_answer_shows_the_next_chain_on_the_report(
    service: ReadinessService,
) -> None:
    at, aid = start(service)
    for question in service.content.questionnaire.questions:
        at.radio(key=radio_key(aid, question.id)).set_value("3")
    at.run()
    at.button(key="submit").click().run()

    assert not at.exception
    assert at.title[0].value == "Team report"
    decision = [m.value for m in at.markdown if m.value.startswith("#### Remove next")]
    assert decision == ["#### Remove next: Approve each agent tool call"]
    assert service.get_assessment(aid).status == "submitted"


def test_a_later_save_on_a_stale_draft_is_a_conflict_and_loses_nothing(
    service: ReadinessService,
) -> None:
    first, aid = start(service)
    second = new_session(ASSESSMENT, team="checkout-web")

    first.radio(key=radio_key(aid, "BR-01")).set_value("2").run()
    second.radio(key=radio_key(aid, "BR-03")).set_value("4").run()

    assert len(second.error) == 1
    assert "was changed by local-admin" in second.error[0].value
    assert "your change to BR-03 was kept aside" in second.error[0].value
    stored = service.get_assessment(aid)
    assert stored.answers["BR-01"].value == 2
    assert "BR-03" not in stored.answers
    assert [e.subject for e in service.conflicting_edits(aid)] == ["BR-03"]

    second.button(key="reload").click().run()

    assert second.radio(key=radio_key(aid, "BR-01", generation=1)).value == "2"
    assert not second.error


def test_team_names_are_shown_inert(service: ReadinessService) -> None:
    at = new_session(ASSESSMENT, team="ledger")

    assert at.caption[0].value == (
        r"\<b\>Ledger\</b\> \[x\](http://evil) · 2026-Q4 · Autonomy Readiness v2026.1"
    )


def test_starting_from_last_quarter_copies_its_answers_and_chain_states(
    service: ReadinessService,
) -> None:
    earlier = service.open_draft("checkout-web", "2026-Q3", actor="ana@example.com")
    for question in service.content.questionnaire.questions:
        earlier = service.save_answer(
            earlier.id,
            question.id,
            AnswerEntry(value=2, note="as last quarter"),
            expected_version=earlier.version,
            actor="ana@example.com",
        )
    earlier = service.set_chain_state(
        earlier.id,
        "tool-call-approval",
        True,
        expected_version=earlier.version,
        actor="ana@example.com",
    )
    service.submit(earlier.id, expected_version=earlier.version, actor="ana@example.com")

    at = new_session(ASSESSMENT, team="checkout-web")
    at.button(key="start_prefilled").click().run()

    draft = service.current_assessment("checkout-web", PERIOD)
    assert draft is not None and draft.status == "draft"
    assert at.radio(key=radio_key(draft.id, "OS-10")).value == "2"
    assert at.text_input(key=f"a{draft.id}_g0_OS-10_note").value == "as last quarter"
    assert at.checkbox(key=f"a{draft.id}_g0_chain_tool-call-approval").value is False
    assert at.checkbox(key=f"a{draft.id}_g0_chain_merge-review").value is True
