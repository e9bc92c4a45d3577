"""The data version: cached org reads are keyed by it, so every write must change it."""

from __future__ import annotations

from assessments.content.answers import AnswerEntry
from assessments.service.readiness import ReadinessService


def test_data_version_changes_with_every_write_and_not_with_reads(org: ReadinessService) -> None:
    first = org.data_version()
    org.period_snapshot("2026-Q4")
    org.org_history()
    assert org.data_version() == first

    draft = org.open_draft("checkout", "2026-Q4", actor="em@example.com")
    opened = org.data_version()
    assert opened != first

    org.save_answer(
        draft.id, "BR-01", AnswerEntry(value=2), expected_version=draft.version, actor="em"
    )
    assert org.data_version() not in {first, opened}


def test_data_version_of_an_empty_database_is_stable(service: ReadinessService) -> None:
    assert service.data_version() == "0-0"
    assert service.data_version() == "0-0"


def test_org_data_version_ignores_draft_edits_but_not_new_drafts_or_submissions(
    org: ReadinessService,
) -> None:
    first = org.org_data_version()
    draft = org.open_draft("checkout", "2026-Q4", actor="em@example.com")
    opened = org.org_data_version()
    assert opened != first  # "teams with only a draft" changes

    for question in org.content.questionnaire.questions:
        draft = org.save_answer(
            draft.id, question.id, AnswerEntry(value=2), expected_version=draft.version, actor="em"
        )
    draft = org.set_chain_state(
        draft.id, "tool-approval", True, expected_version=draft.version, actor="em"
    )
    assert org.org_data_version() == opened

    org.submit(draft.id, expected_version=draft.version, actor="em")
    assert org.org_data_version() not in {first, opened}
