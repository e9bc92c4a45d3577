"""Starting from last quarter's answers: every carried answer is marked and waits for a
confirmation, a pillar at a time, before it counts and before the draft can be submitted."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessments.access import Grant, Role
from assessments.content.answers import AnswerEntry
from assessments.service.readiness import DraftView, ReadinessService
from tests.app.conftest import APP, CONTENT, PERIOD, new_session
from tests.app.test_front_door import AUTH
from tests.app.test_self_assessment import ASSESSMENT, open_tab, radio_key
from ui.carried_answers import CARRIED_HINT

MARKER = ":orange-badge[:material/history: Carried from 2026-Q3 — confirm or change it]"


def last_quarter_submitted(service: ReadinessService) -> None:
    earlier = service.open_draft("checkout-web", "2026-Q3", actor="ana@example.com")
    for question in service.content.questionnaire.questions:
        earlier = service.save_answer(
            earlier.id,
            question.id,
            AnswerEntry(value=2),
            expected_version=earlier.version,
            actor="ana@example.com",
        )
    service.submit(earlier.id, expected_version=earlier.version, actor="ana@example.com")


def prefilled(service: ReadinessService) -> tuple[AppTest, DraftView]:
    last_quarter_submitted(service)
    at = new_session(ASSESSMENT, team="checkout-web")
    at.button(key="start_prefilled").click().run()
    draft = service.current_assessment("checkout-web", PERIOD)
    assert draft is not None
    return at, draft


def progress(at: AppTest) -> str:
    return str(at.get("progress")[0].proto.text)


def pillar_counts(at: AppTest) -> list[str]:
    """Every pillar's count, from the line under the progress bar."""
    [line] = [c.value for c in at.caption if c.value.startswith("Answered by pillar: ")]
    counts = line.removeprefix("Answered by pillar: ").split(" · ")
    names = [p.name for p in CONTENT.questionnaire.pillars]
    return [count.removeprefix(f"{name} ") for count, name in zip(counts, names, strict=True)]


def markers(at: AppTest) -> int:
    return sum(1 for m in at.markdown if m.value == MARKER)


def confirm_key(draft: DraftView, pillar: str, generation: int = 0) -> str:
    return f"a{draft.id}_g{generation}_confirm_{pillar}"


def test_right_after_a_prefill_nothing_counts_as_answered_and_every_answer_is_marked(
    service: ReadinessService,
) -> None:
    at, draft = prefilled(service)

    assert progress(at) == (
        "0 of 30 questions answered · 30 carried answers to confirm · revision 1 · draft saved"
        " automatically"
    )
    assert markers(at) == 10  # the open tab's pillar
    assert [c.value for c in at.caption if "count as answered once confirmed" in c.value] == [
        CARRIED_HINT
    ]
    assert not [m.value for m in at.markdown if "Session key" in m.value]
    assert pillar_counts(at) == ["0 of 10 (10 carried to confirm)"] * 3
    assert [at.button(key=confirm_key(draft, p)).label for p in ("blast_radius",)] == [
        "Confirm the 10 answers carried from 2026-Q3"
    ]


def test_submitting_right_after_a_prefill_is_refused_naming_every_pillar(
    service: ReadinessService,
) -> None:
    at, draft = prefilled(service)

    at.button(key="submit").click().run()

    assert [e.value for e in at.error] == [
        "30 carried answers are not confirmed yet: Blast radius (10), Production access"
        " governance (10), Orchestrator skill (10). Confirm them, or change them, on each"
        " pillar's tab before submitting."
    ]
    assert service.get_assessment(draft.id).status == "draft"


def test_confirming_a_pillar_counts_its_answers_and_clears_their_markers(
    service: ReadinessService,
) -> None:
    at, draft = prefilled(service)

    at.button(key=confirm_key(draft, "blast_radius")).click().run()

    assert progress(at).startswith("10 of 30 questions answered · 20 carried answers to confirm")
    assert markers(at) == 0
    assert pillar_counts(at) == [
        "10 of 10",
        "0 of 10 (10 carried to confirm)",
        "0 of 10 (10 carried to confirm)",
    ]
    assert not [b for b in at.button if b.key == confirm_key(draft, "blast_radius")]
    open_tab(at, "Production access governance")
    assert markers(at) == 10
    assert at.button(key=confirm_key(draft, "production_access")).label == (
        "Confirm the 10 answers carried from 2026-Q3"
    )
    assert set(service.get_assessment(draft.id).carried) == {
        q.id
        for q in service.content.questionnaire.questions
        if q.pillar in ("production_access", "orchestrator_skill")
    }


def test_changing_a_carried_answer_confirms_that_one_answer(service: ReadinessService) -> None:
    at, draft = prefilled(service)
    question = service.content.questionnaire.questions_of("production_access")[0].id
    open_tab(at, "Production access governance")

    at.radio(key=radio_key(draft.id, question)).set_value("3").run()

    assert progress(at).startswith("1 of 30 questions answered · 29 carried answers to confirm")
    assert pillar_counts(at) == [
        "0 of 10 (10 carried to confirm)",
        "1 of 10 (9 carried to confirm)",
        "0 of 10 (10 carried to confirm)",
    ]
    assert markers(at) == 0  # only the changed question reran: its marker is gone
    assert at.button(key=confirm_key(draft, "production_access")).label == (
        "Confirm the 9 answers carried from 2026-Q3"
    )
    stored = service.get_assessment(draft.id)
    assert (stored.answers[question], question in stored.carried) == (AnswerEntry(value=3), False)


def test_once_every_pillar_is_confirmed_the_draft_submits(service: ReadinessService) -> None:
    at, draft = prefilled(service)
    for pillar in CONTENT.questionnaire.pillars[:2]:
        open_tab(at, pillar.name)
        at.button(key=confirm_key(draft, pillar.id)).click().run()
    at.button(key="submit").click().run()

    assert [e.value for e in at.error] == [
        "10 carried answers are not confirmed yet: Orchestrator skill (10). Confirm them, or"
        " change them, on each pillar's tab before submitting."
    ]

    open_tab(at, "Orchestrator skill")
    at.button(key=confirm_key(draft, "orchestrator_skill")).click().run()
    assert progress(at).startswith("30 of 30 questions answered · revision 1")
    at.button(key="submit").click().run()

    assert not at.exception
    assert at.title[0].value == "Team report"
    assert service.get_assessment(draft.id).status == "submitted"


def test_the_home_page_counts_a_prefilled_draft_as_not_answered_yet(
    service: ReadinessService,
) -> None:
    prefilled(service)
    service.grant_role("mia@example.com", Grant(Role.TEAM_EDITOR, "checkout-web"), actor="test")
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets = AUTH
    at.user = {"is_logged_in": True, "email": "mia@example.com"}
    at.session_state["period"] = PERIOD
    at.run()

    assert (
        "Draft for 2026-Q4: 0 of 30 questions answered and 30 carried answers to confirm, not"
        " submitted yet." in [m.value for m in at.markdown]
    )
