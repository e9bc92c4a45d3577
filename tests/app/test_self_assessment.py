"""The engineering manager's journey in the app: answer, reload, submit, conflict."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessments.content.answers import AnswerEntry
from assessments.service.readiness import ReadinessService
from tests.app.conftest import PERIOD, new_session
from ui.draft_state import CHAINS_LABEL, TAB_KEY
from ui.sign_in import LOCAL_MODE_BANNER

ASSESSMENT = "app_pages/self_assessment.py"
REPORT = "app_pages/team_report.py"


def radio_key(assessment_id: int, question_id: str, generation: int = 0) -> str:
    return f"a{assessment_id}_g{generation}_{question_id}_choice"


def open_tab(at: AppTest, label: str) -> AppTest:
    """Choose a tab, as a click on it does: only the open tab's questions are on the page."""
    at.session_state[TAB_KEY] = label
    return at.run()


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


def test_an_answer_reruns_its_question_and_the_progress_not_the_whole_form(
    service: ReadinessService,
) -> None:
    at, aid = start(service)
    assert len(at.radio) == 10  # the open tab's pillar
    assert not at.text_input  # nothing to attach a link or a note to before an answer

    at.radio(key=radio_key(aid, "BR-01")).set_value("3").run()

    # Only the question's fragment and the keyed progress fragment reran.
    assert [r.key for r in at.radio] == [radio_key(aid, "BR-01")]
    assert at.radio[0].value == "3"
    assert [t.label for t in at.text_input] == ["Evidence link", "Note"]
    assert "1 of 30 questions answered" in at.get("progress")[0].proto.text
    assert [c.value for c in at.caption if c.value.startswith("Answered by pillar")] == [
        "Answered by pillar: Blast radius 1 of 10 · Production access governance 0 of 10"
        " · Orchestrator skill 0 of 10"
    ]
    assert service.get_assessment(aid).answers["BR-01"] == AnswerEntry(value=3)
    at.radio(key=radio_key(aid, "BR-01")).set_value(None).run()
    assert "0 of 30 questions answered" in at.get("progress")[0].proto.text


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
    at.run()  # the answer reran its question only; AppTest's tree holds just what reran
    at.button(key="submit").click().run()

    assert len(at.error) == 1
    assert at.error[0].value.startswith("29 questions still need an answer")
    assert "BR-02, BR-03" in at.error[0].value
    assert service.get_assessment(aid).status == "draft"


def test_one_unanswered_question_is_named_in_the_singular(service: ReadinessService) -> None:
    draft = service.open_draft("checkout-web", PERIOD, actor="local-admin")
    for question in service.content.questionnaire.questions[1:]:
        draft = service.save_answer(
            draft.id, question.id, AnswerEntry(value=2), expected_version=draft.version
        )
    at = new_session(ASSESSMENT, team="checkout-web")

    at.button(key="submit").click().run()

    assert [e.value for e in at.error] == [
        "1 question still needs an answer (a value, not applicable with a reason, or don't"
        " know): BR-01"
    ]


def test_submitting_every_answer_shows_the_next_chain_on_the_report(
    service: ReadinessService,
) -> None:
    at, aid = start(service)
    questionnaire = service.content.questionnaire
    for pillar in questionnaire.pillars:
        open_tab(at, pillar.name)
        for question in questionnaire.questions_of(pillar.id):
            at.radio(key=radio_key(aid, question.id)).set_value("3")
        at.run()
    at.run()  # the answers reran their questions only; AppTest's tree holds just what reran
    at.button(key="submit").click().run()

    assert not at.exception
    assert at.title[0].value == "Team report"
    decision = [m.value for m in at.markdown if m.value.startswith("#### Remove next")]
    assert decision == ["#### Remove next: A human approves each agent tool call"]
    assert service.get_assessment(aid).status == "submitted"


def test_two_sessions_answering_different_questions_both_save_and_see_each_other(
    service: ReadinessService,
) -> None:
    first, aid = start(service)
    second = new_session(ASSESSMENT, team="checkout-web")

    first.radio(key=radio_key(aid, "BR-01")).set_value("2").run()
    second.radio(key=radio_key(aid, "BR-03")).set_value("4").run()

    assert not second.error
    stored = service.get_assessment(aid)
    assert {q: a.value for q, a in stored.answers.items()} == {"BR-01": 2, "BR-03": 4}
    assert service.conflicting_edits(aid) == []
    # The second session's form was rebuilt with the first one's answer in it.
    assert second.radio(key=radio_key(aid, "BR-01", generation=1)).value == "2"
    assert second.radio(key=radio_key(aid, "BR-03", generation=1)).value == "4"


def test_the_same_question_changed_in_two_sessions_is_kept_aside_and_can_be_reapplied(
    service: ReadinessService,
) -> None:
    first, aid = start(service)
    second = new_session(ASSESSMENT, team="checkout-web")

    first.radio(key=radio_key(aid, "BR-01")).set_value("2").run()
    second.radio(key=radio_key(aid, "BR-01")).set_value("4").run()

    assert len(second.error) == 1
    # Shown inert: the message carries an email, which may hold markdown.
    assert "was changed by local-admin" in second.error[0].value
    assert "your change to BR-01 was kept aside" in second.error[0].value
    assert service.get_assessment(aid).answers["BR-01"].value == 2
    [kept] = service.conflicting_edits(aid)
    assert [t.value for t in second.text] == [
        f"BR-01: value 4  (kept at {kept.created_at:%H:%M UTC})"
    ]

    second.button(key=f"reapply_{kept.id}").click().run()

    assert [e.value for e in second.error] == []
    assert service.get_assessment(aid).answers["BR-01"].value == 4
    assert service.conflicting_edits(aid) == []
    assert second.radio(key=radio_key(aid, "BR-01", generation=1)).value == "4"


def test_team_names_are_shown_inert(service: ReadinessService) -> None:
    at = new_session(ASSESSMENT, team="ledger")

    assert at.caption[0].value == (
        r"\<b\>Ledger\</b\> \[x\](http://evil) · 2026-Q4 · Autonomy Readiness v2027.1"
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
    open_tab(at, "Orchestrator skill")
    assert at.radio(key=radio_key(draft.id, "OS-10")).value == "2"
    assert at.text_input(key=f"a{draft.id}_g0_OS-10_note").value == "as last quarter"
    open_tab(at, CHAINS_LABEL)
    assert at.checkbox(key=f"a{draft.id}_g0_chain_tool-call-approval").value is False
    assert at.checkbox(key=f"a{draft.id}_g0_chain_merge-review").value is True


def test_a_change_racing_a_teammates_submit_is_offered_on_the_next_revision(
    service: ReadinessService,
) -> None:
    draft = service.open_draft("checkout-web", PERIOD, actor="local-admin")
    for question in service.content.questionnaire.questions:
        draft = service.save_answer(
            draft.id,
            question.id,
            AnswerEntry(value=2),
            expected_version=draft.version,
            actor="local-admin",
        )
    submitter = new_session(ASSESSMENT, team="checkout-web")
    latecomer = new_session(ASSESSMENT, team="checkout-web")
    submitter.button(key="submit").click().run()

    latecomer.radio(key=radio_key(draft.id, "BR-01")).set_value("4").run()

    assert [w.value for w in latecomer.warning if "kept aside" in w.value] == [
        "1 change of yours reached this revision after it was submitted and was kept"
        " aside. Edit a new revision to re-apply it."
    ]
    [kept] = service.kept_changes("checkout-web", PERIOD, actor="local-admin")
    assert service.get_assessment(draft.id).answers["BR-01"].value == 2

    latecomer.button(key="new_revision").click().run()
    latecomer.button(key=f"reapply_{kept.id}").click().run()

    revision_2 = service.current_assessment("checkout-web", PERIOD)
    assert revision_2 is not None and revision_2.revision == 2
    assert revision_2.answers["BR-01"].value == 4
    assert service.kept_changes("checkout-web", PERIOD, actor="local-admin") == []
    assert latecomer.radio(key=radio_key(revision_2.id, "BR-01", generation=1)).value == "4"


def test_each_tab_shows_its_own_questions_and_a_link_opens_a_tab(service: ReadinessService) -> None:
    at, aid = start(service)
    assert [r.key for r in at.radio][:1] == [radio_key(aid, "BR-01")]

    open_tab(at, "Production access governance")

    pillar = service.content.questionnaire.questions_of("production_access")
    assert [r.key for r in at.radio] == [radio_key(aid, q.id) for q in pillar]
    assert at.query_params["pillar"] == "production_access"
    assert not at.checkbox
    open_tab(at, CHAINS_LABEL)
    assert not at.radio and len(at.checkbox) == 15

    linked = AppTest.from_file(at._script_path, default_timeout=30)
    linked.secrets = {"tests": "local mode"}
    linked.session_state["period"] = PERIOD
    linked.session_state["team"] = "checkout-web"
    linked.query_params["pillar"] = "orchestrator_skill"
    linked.run()
    linked.switch_page(ASSESSMENT).run()
    assert [r.key for r in linked.radio][:1] == [radio_key(aid, "OS-01")]
