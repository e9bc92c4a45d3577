"""Edits that lose a race are never lost: conflicts are per answer, a change refused because a
teammate submitted is kept for the next revision, and every kept change can be re-applied."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from assessments.content.answers import AnswerEntry
from assessments.errors import ConflictError, ImmutableError, InvalidInputError
from assessments.service.readiness import ReadinessService
from tests.integration.conftest import Clock, Database
from tests.integration.storage_samples import FULL, answer_all

ALICE = "alice@example.com"
BOB = "bob@example.com"


def test_two_tabs_answering_different_questions_do_not_conflict(
    org: ReadinessService, clock: Clock
):
    draft = org.open_draft("checkout", "2026-Q4", actor=ALICE)
    org.save_answer(draft.id, "BR-01", AnswerEntry(value=3), expected_version=1, actor=ALICE)
    clock.advance(1)

    saved = org.save_answer(draft.id, "BR-02", AnswerEntry(value=2), expected_version=1, actor=BOB)
    chained = org.set_chain_state(draft.id, "tool-approval", True, expected_version=1, actor=BOB)

    assert saved.answers == {"BR-01": AnswerEntry(value=3), "BR-02": AnswerEntry(value=2)}
    assert (chained.version, chained.removed_chains) == (4, frozenset({"tool-approval"}))
    assert org.conflicting_edits(draft.id) == []


def test_the_same_answer_changed_by_two_tabs_conflicts_and_the_kept_change_can_be_reapplied(
    org: ReadinessService, clock: Clock
):
    draft = org.open_draft("checkout", "2026-Q4", actor=ALICE)
    org.save_answer(draft.id, "BR-02", AnswerEntry(value=1), expected_version=1, actor=BOB)
    clock.advance(2)
    org.save_answer(draft.id, "BR-01", AnswerEntry(value=3), expected_version=2, actor=ALICE)
    clock.advance(1)
    bobs = AnswerEntry(value=1, note="we still click approve")

    with pytest.raises(ConflictError) as raised:
        org.save_answer(draft.id, "BR-01", bobs, expected_version=2, actor=BOB)

    assert str(raised.value) == (
        "This draft was changed by alice@example.com at 14:02 UTC after you opened it;"
        " your change to BR-01 was kept aside, reload to see both."
    )
    [kept] = org.kept_changes("checkout", "2026-Q4", actor=BOB)
    assert (kept.target, kept.entry) == ("BR-01", bobs)

    reapplied = org.reapply_kept_change(kept.id, draft.id, expected_version=3, actor=BOB)

    assert reapplied.answers["BR-01"] == bobs
    assert reapplied.version == 4
    assert org.kept_changes("checkout", "2026-Q4", actor=BOB) == []
    [audited] = org.audit_entries(action="conflict.reapplied")
    assert (audited.actor, audited.details) == (
        BOB,
        {"conflicting_edit": kept.id, "target": "BR-01", "version": 4},
    )


def test_an_edit_racing_a_teammates_submit_is_kept_for_the_next_revision(
    org: ReadinessService, clock: Clock
):
    draft = org.open_draft("checkout", "2026-Q4", actor=ALICE)
    draft = answer_all(org, draft, FULL, actor=ALICE)
    clock.advance(5)
    done = org.submit(draft.id, expected_version=draft.version, actor=ALICE)
    bobs = AnswerEntry(value=4, evidence="https://wiki.example.com/allowlist")

    with pytest.raises(ImmutableError) as raised:
        org.save_answer(done.id, "BR-01", bobs, expected_version=draft.version, actor=BOB)

    assert str(raised.value) == (
        "Revision 1 was submitted by alice@example.com at 14:05 UTC, so your change to BR-01"
        " was not applied; it is kept aside: edit a new revision to re-apply it."
    )
    assert org.get_assessment(done.id).answers == FULL
    [kept] = org.kept_changes("checkout", "2026-Q4", actor=BOB)
    assert (kept.assessment_id, kept.target, kept.entry) == (done.id, "BR-01", bobs)
    assert org.kept_changes("checkout", "2026-Q4", actor=ALICE) == []

    revision_2 = org.open_draft("checkout", "2026-Q4", actor=BOB)
    reapplied = org.reapply_kept_change(
        kept.id, revision_2.id, expected_version=revision_2.version, actor=BOB
    )

    assert reapplied.revision == 2
    assert reapplied.answers == {**FULL, "BR-01": bobs}
    assert org.get_assessment(done.id).answers == FULL
    assert org.kept_changes("checkout", "2026-Q4", actor=BOB) == []


def test_a_kept_change_is_reapplied_only_to_a_draft_of_its_own_team_and_period(
    org: ReadinessService,
):
    draft = org.open_draft("checkout", "2026-Q4", actor=ALICE)
    org.save_answer(draft.id, "BR-01", AnswerEntry(value=3), expected_version=1, actor=ALICE)
    with pytest.raises(ConflictError):
        org.save_answer(draft.id, "BR-01", AnswerEntry(value=0), expected_version=1, actor=BOB)
    [kept] = org.kept_changes("checkout", "2026-Q4", actor=BOB)
    other = org.open_draft("billing", "2026-Q4", actor=BOB)

    with pytest.raises(InvalidInputError) as raised:
        org.reapply_kept_change(kept.id, other.id, expected_version=1, actor=BOB)

    assert str(raised.value) == (
        "that change was kept for checkout in 2026-Q4; re-apply it to that team's draft"
    )
    assert org.get_assessment(other.id).answers == {}


def test_reopening_a_draft_survives_teammates_reopening_and_submitting_in_between(
    database: Database, org: ReadinessService, content, clock: Clock
):
    """Each time this re-open is about to create the next revision, a teammate has just
    created and submitted it: the re-open tries again instead of failing."""
    first = answer_all(org, org.open_draft("checkout", "2026-Q4", actor=ALICE), FULL, ALICE)
    org.submit(first.id, expected_version=first.version, actor=ALICE)
    racer = ReadinessService(database.another_engine(), content, clock=clock)
    interruptions: list[int] = []

    def teammate_submits_first(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.startswith("INSERT INTO assessments") and len(interruptions) < 2:
            interruptions.append(1)
            theirs = org.open_draft("checkout", "2026-Q4", actor=ALICE)
            theirs = answer_all(org, theirs, FULL, ALICE)
            org.submit(theirs.id, expected_version=theirs.version, actor=ALICE)

    event.listen(racer.engine, "before_cursor_execute", teammate_submits_first)
    try:
        mine = racer.open_draft("checkout", "2026-Q4", actor=BOB)
    finally:
        racer.engine.dispose()

    assert len(interruptions) == 2
    assert (mine.revision, mine.status, mine.created_by) == (4, "draft", BOB)
