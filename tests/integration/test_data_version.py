"""The data versions: cached org reads are keyed by them, so every write must move them.

They are counters bumped in the same transaction as each audited write, so reading one is one
primary-key lookup however long the audit trail grows.
"""

from __future__ import annotations

from assessments.content.answers import AnswerEntry
from assessments.service.readiness import ReadinessService
from tests.integration.conftest import Database


def test_data_version_changes_with_every_write_and_not_with_reads(org: ReadinessService) -> None:
    first = org.data_version()
    org.period_snapshot("2026-Q4")
    org.org_history()
    assert org.data_version() == first

    draft = org.open_draft("checkout", "2026-Q4", actor="em@example.com")
    opened = org.data_version()
    assert int(opened) == int(first) + 1

    org.save_answer(
        draft.id, "BR-01", AnswerEntry(value=2), expected_version=draft.version, actor="em"
    )
    assert int(org.data_version()) == int(opened) + 1


def test_data_versions_of_an_empty_database_are_stable(service: ReadinessService) -> None:
    assert (service.data_version(), service.org_data_version()) == ("0", "0")
    assert (service.data_version(), service.org_data_version()) == ("0", "0")


def test_org_data_version_ignores_draft_edits_but_not_new_drafts_or_submissions(
    org: ReadinessService,
) -> None:
    first = org.org_data_version()
    assert first == "5"  # two units and three teams created
    draft = org.open_draft("checkout", "2026-Q4", actor="em@example.com")
    opened = org.org_data_version()
    assert opened == "6"  # "teams with only a draft" changes

    for question in org.content.questionnaire.questions:
        draft = org.save_answer(
            draft.id, question.id, AnswerEntry(value=2), expected_version=draft.version, actor="em"
        )
    draft = org.set_chain_state(
        draft.id, "tool-approval", True, expected_version=draft.version, actor="em"
    )
    draft = org.save_answer(draft.id, "BR-01", None, expected_version=draft.version, actor="em")
    draft = org.save_answer(
        draft.id, "BR-01", AnswerEntry(value=3), expected_version=draft.version, actor="em"
    )
    assert org.org_data_version() == "6"
    assert int(org.data_version()) == 6 + len(org.content.questionnaire.questions) + 3

    org.submit(draft.id, expected_version=draft.version, actor="em")
    assert org.org_data_version() == "7"


def test_a_write_through_one_replica_moves_the_version_another_replica_reads(
    org: ReadinessService, database: Database
) -> None:
    other_engine = database.another_engine()
    try:
        replica = ReadinessService(other_engine, org.content)
        before = replica.org_data_version()
        org.open_draft("billing", "2026-Q4", actor="em@example.com")
        assert int(replica.org_data_version()) == int(before) + 1
        replica.open_draft("runtime", "2026-Q4", actor="em@example.com")
        assert int(org.org_data_version()) == int(before) + 2
    finally:
        other_engine.dispose()


def test_a_period_version_moves_with_drafts_and_submissions_in_that_period_only(
    org: ReadinessService,
) -> None:
    q3, q4 = org.period_data_version("2026-Q3"), org.period_data_version("2026-Q4")
    assert (q3, q4) == ("5.0", "5.0")  # two units and three teams, nothing in either period

    draft = org.open_draft("checkout", "2026-Q4", actor="em@example.com")
    for question in org.content.questionnaire.questions:
        draft = org.save_answer(
            draft.id, question.id, AnswerEntry(value=2), expected_version=draft.version, actor="em"
        )
    assert org.period_data_version("2026-Q4") == "5.1"  # the draft opened; autosaves left it
    org.submit(draft.id, expected_version=draft.version, actor="em")
    assert org.period_data_version("2026-Q4") == "5.2"
    assert org.period_data_version("2026-Q3") == "5.0"

    org.create_team("ledger", "Ledger", "payments", actor="admin@example.com")
    assert (org.period_data_version("2026-Q3"), org.period_data_version("2026-Q4")) == (
        "6.0",
        "6.2",
    )
