"""Answers and helpers shared by the storage tests: a full draft, a submitted assessment."""

from __future__ import annotations

from assessments.content.answers import AnswerEntry
from assessments.service.readiness import DraftView, ReadinessService

ANA = "ana@example.com"
HTML_NOTE = '<script>alert("x")</script> & <b>bold</b> **md**'
FULL = {
    "BR-01": AnswerEntry(value=3, evidence="https://wiki.example.com/sandbox?a=1&b=2"),
    "BR-02": AnswerEntry(value=0, note=HTML_NOTE),
    "PA-01": AnswerEntry(dont_know=True),
    "PA-02": AnswerEntry(not_applicable="No <prod> access at all", note="n/a since 2025"),
    "OS-01": AnswerEntry(value=2),
}


def answer_all(
    service: ReadinessService, draft: DraftView, answers: dict[str, AnswerEntry], actor: str = ANA
) -> DraftView:
    for question_id, entry in answers.items():
        draft = service.save_answer(
            draft.id, question_id, entry, expected_version=draft.version, actor=actor
        )
    return draft


def submitted(
    service: ReadinessService,
    team: str,
    period: str,
    answers: dict[str, AnswerEntry] = FULL,
    removed: tuple[str, ...] = (),
) -> DraftView:
    draft = answer_all(service, service.open_draft(team, period, actor=ANA), answers)
    for chain_id in removed:
        draft = service.set_chain_state(
            draft.id, chain_id, True, expected_version=draft.version, actor=ANA
        )
    return service.submit(draft.id, expected_version=draft.version, actor=ANA)
