"""The team report lists each evidence link given with an answer as of the day it was vouched
for: the submission date of a submitted revision, the last save of a draft."""

from __future__ import annotations

from assessments.content.answers import AnswerEntry
from assessments.service.readiness import ReadinessService
from tests.app.conftest import PERIOD, new_session

REPORT = "app_pages/team_report.py"
LINK = "https://wiki.example.com/sandbox_[runbook]"


def _answer(service: ReadinessService, *, submit: bool) -> None:
    draft = service.open_draft("checkout-web", PERIOD, actor="test")
    version = draft.version
    for question in service.content.questionnaire.questions:
        link = LINK if question.id == "BR-02" else None
        entry = AnswerEntry(value=question.max_value, evidence=link)
        version = service.save_answer(
            draft.id, question.id, entry, expected_version=version, actor="test"
        ).version
    if submit:
        service.submit(draft.id, expected_version=version, actor="test")


def _links_shown(at) -> tuple[str, list[str]]:
    at.session_state["report_tab"] = "Evidence"  # the links are on the report's Evidence tab
    at.run()
    (expander,) = [e for e in at.expander if e.label.startswith("Evidence links")]
    return expander.label, [m.value.replace("\\", "") for m in expander.markdown]


def test_a_submitted_link_is_listed_as_of_the_submission(service: ReadinessService) -> None:
    _answer(service, submit=True)
    submitted = service.latest_submitted("checkout-web", PERIOD)
    assert submitted is not None and submitted.submitted_at is not None

    label, shown = _links_shown(new_session(REPORT, team="checkout-web"))

    assert label == "Evidence links (1), as of when they were vouched for"
    assert shown == [f"- BR-02 {LINK} (as of {submitted.submitted_at:%Y-%m-%d}, submitted)"]


def test_a_draft_link_is_listed_as_of_the_last_save(service: ReadinessService) -> None:
    _answer(service, submit=False)
    draft = service.current_assessment("checkout-web", PERIOD)
    assert draft is not None

    _, shown = _links_shown(new_session(REPORT, team="checkout-web"))

    assert shown == [f"- BR-02 {LINK} (as of {draft.updated_at:%Y-%m-%d}, last saved in the draft)"]
