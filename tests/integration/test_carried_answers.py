"""Answers a prefill carries from last quarter wait for a confirmation before they count:
on SQLite, on PostgreSQL, and over the in-memory store."""

from __future__ import annotations

import pytest

from assessments.content.answers import AnswerEntry
from assessments.errors import ConflictError, InvalidInputError, UnconfirmedError
from assessments.service.readiness import DraftView, ReadinessService
from tests.integration.storage_samples import ANA, FULL, submitted

BOB = "bob@example.com"
FROM_Q3 = dict.fromkeys(FULL, "2026-Q3")


@pytest.fixture
def org(any_org: ReadinessService) -> ReadinessService:
    """Every test here runs on SQLite, PostgreSQL and the in-memory store."""
    return any_org


def prefilled(org: ReadinessService) -> DraftView:
    """Checkout's 2026-Q4 draft, prefilled from its 2026-Q3 submission."""
    submitted(org, "checkout", "2026-Q3", removed=("tool-approval",))
    draft = org.open_draft("checkout", "2026-Q4", actor=ANA)
    return org.prefill_from_previous(draft.id, expected_version=draft.version, actor=ANA)


def test_a_prefill_marks_every_answer_it_copies_as_carried_from_the_source_period(
    org: ReadinessService,
):
    draft = prefilled(org)

    assert draft.answers == FULL
    assert draft.carried == FROM_Q3
    assert org.get_assessment(draft.id).carried == FROM_Q3


def test_answers_given_before_the_prefill_are_not_carried(org: ReadinessService):
    submitted(org, "checkout", "2026-Q3")
    draft = org.open_draft("checkout", "2026-Q4", actor=ANA)
    draft = org.save_answer(draft.id, "OS-01", AnswerEntry(value=0), expected_version=1, actor=ANA)

    draft = org.prefill_from_previous(draft.id, expected_version=2, actor=ANA)

    assert draft.answers["OS-01"] == AnswerEntry(value=0)
    assert draft.carried == {qid: "2026-Q3" for qid in ("BR-01", "BR-02", "PA-01", "PA-02")}


def test_saving_a_carried_answer_confirms_it_and_clearing_it_drops_the_mark(
    org: ReadinessService,
):
    draft = prefilled(org)

    same = org.save_answer(
        draft.id, "BR-01", FULL["BR-01"], expected_version=draft.version, actor=ANA
    )
    cleared = org.save_answer(draft.id, "PA-01", None, expected_version=same.version, actor=ANA)

    assert same.answers["BR-01"] == FULL["BR-01"]
    assert "BR-01" not in same.carried
    assert "PA-01" not in cleared.answers
    assert cleared.carried == {qid: "2026-Q3" for qid in ("BR-02", "PA-02", "OS-01")}


def test_confirming_a_pillar_clears_its_carried_answers_only_and_is_audited(
    org: ReadinessService,
):
    draft = prefilled(org)

    confirmed = org.confirm_answers(
        draft.id, "blast_radius", expected_version=draft.version, actor=BOB
    )

    assert confirmed.version == draft.version + 1
    assert confirmed.answers == FULL
    assert confirmed.carried == {qid: "2026-Q3" for qid in ("PA-01", "PA-02", "OS-01")}
    entry = org.audit_entries(limit=1)[0]
    assert (entry.action, entry.actor, entry.entity_id, entry.details) == (
        "answers.confirm",
        BOB,
        str(draft.id),
        {"pillar": "blast_radius", "confirmed": ["BR-01", "BR-02"], "version": confirmed.version},
    )


def test_submit_is_refused_naming_the_pillars_until_every_carried_answer_is_confirmed(
    org: ReadinessService,
):
    draft = prefilled(org)
    draft = org.confirm_answers(draft.id, "blast_radius", expected_version=draft.version)

    with pytest.raises(UnconfirmedError) as raised:
        org.submit(draft.id, expected_version=draft.version, actor=ANA)

    assert str(raised.value) == (
        "3 carried answers are not confirmed yet: Production access (2), Orchestrator skill (1)."
        " Confirm them, or change them, on each pillar's tab before submitting."
    )
    assert raised.value.pillars == [("Production access", 2), ("Orchestrator skill", 1)]
    assert org.get_assessment(draft.id).status == "draft"

    draft = org.confirm_answers(draft.id, "production_access", expected_version=draft.version)
    draft = org.save_answer(
        draft.id, "OS-01", AnswerEntry(value=1), expected_version=draft.version, actor=ANA
    )
    done = org.submit(draft.id, expected_version=draft.version, actor=ANA)

    assert (done.status, done.carried) == ("submitted", {})
    assert done.answers == {**FULL, "OS-01": AnswerEntry(value=1)}


def test_a_new_revision_of_a_submission_carries_nothing_to_confirm(org: ReadinessService):
    submitted(org, "checkout", "2026-Q4")

    revision = org.open_draft("checkout", "2026-Q4", actor=BOB)

    assert (revision.revision, revision.answers, revision.carried) == (2, FULL, {})


def test_a_confirmation_on_a_stale_version_still_applies_when_others_changed_other_answers(
    org: ReadinessService,
):
    draft = prefilled(org)
    org.save_answer(draft.id, "OS-01", AnswerEntry(value=0), expected_version=draft.version)

    confirmed = org.confirm_answers(draft.id, "production_access", expected_version=draft.version)

    assert confirmed.carried == {"BR-01": "2026-Q3", "BR-02": "2026-Q3"}
    assert org.conflicting_edits(draft.id) == []


def test_a_save_on_a_stale_version_still_applies_after_a_teammate_confirmed_a_pillar(
    org: ReadinessService,
):
    draft = prefilled(org)
    org.confirm_answers(draft.id, "blast_radius", expected_version=draft.version, actor=BOB)

    saved = org.save_answer(
        draft.id, "OS-01", AnswerEntry(value=1), expected_version=draft.version, actor=ANA
    )

    assert saved.answers["OS-01"] == AnswerEntry(value=1)
    assert saved.carried == {"PA-01": "2026-Q3", "PA-02": "2026-Q3"}
    assert org.conflicting_edits(draft.id) == []


def test_a_confirmation_racing_a_prefill_is_kept_aside(org: ReadinessService):
    submitted(org, "checkout", "2026-Q3")
    draft = org.open_draft("checkout", "2026-Q4", actor=ANA)
    org.prefill_from_previous(draft.id, expected_version=draft.version, actor=BOB)

    with pytest.raises(ConflictError) as raised:
        org.confirm_answers(draft.id, "blast_radius", expected_version=draft.version, actor=ANA)

    assert "your confirmation of the answers carried into Blast radius was kept aside" in str(
        raised.value
    )
    [kept] = org.conflicting_edits(draft.id)
    assert (kept.action, kept.target, kept.subject) == (
        "answers.confirm",
        "pillar:blast_radius",
        "confirmation of the carried answers in blast_radius",
    )
    assert org.get_assessment(draft.id).carried == FROM_Q3


def test_confirming_an_unknown_pillar_is_refused(org: ReadinessService):
    draft = prefilled(org)

    with pytest.raises(InvalidInputError) as raised:
        org.confirm_answers(draft.id, "speed", expected_version=draft.version)

    assert str(raised.value) == (
        "unknown pillar 'speed': questionnaire test-readiness version 3 has no such pillar"
    )
    assert org.get_assessment(draft.id).version == draft.version
