"""Two people on one draft: the first save wins, the second is refused and kept aside."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from assessments.content.answers import AnswerEntry
from assessments.errors import ConflictError, ImmutableError
from assessments.service.readiness import DraftView, ReadinessService
from tests.integration.conftest import Clock, Database
from tests.integration.storage_samples import FULL, answer_all, submitted

ALICE = "alice@example.com"
BOB = "bob@example.com"


def test_second_session_save_is_refused_and_both_values_stay_reachable(
    org: ReadinessService, clock: Clock
):
    alice_view = org.open_draft("checkout", "2026-Q4", actor=ALICE)
    bob_view = org.open_draft("checkout", "2026-Q4", actor=BOB)
    assert alice_view.version == bob_view.version == 1

    clock.advance(2)
    alice_saved = org.save_answer(
        alice_view.id, "BR-01", AnswerEntry(value=3), expected_version=1, actor=ALICE
    )
    clock.advance(1)
    bobs_entry = AnswerEntry(value=1, evidence="https://example.com/run", note="<i>mine</i>")
    with pytest.raises(ConflictError) as raised:
        org.save_answer(bob_view.id, "BR-01", bobs_entry, expected_version=1, actor=BOB)

    assert str(raised.value) == (
        "This draft was changed by alice@example.com at 14:02 UTC after you opened it;"
        " your change to BR-01 was kept aside, reload to see both."
    )
    current = org.get_assessment(alice_view.id)
    assert current == alice_saved
    assert (current.version, current.answers) == (2, {"BR-01": AnswerEntry(value=3)})
    [kept] = org.conflicting_edits(alice_view.id)
    assert (kept.action, kept.target, kept.actor) == ("answer.save", "BR-01", BOB)
    assert (kept.expected_version, kept.found_version) == (1, 2)
    assert (kept.found_updated_by, kept.found_updated_at) == (
        ALICE,
        datetime(2026, 11, 2, 14, 2, tzinfo=UTC),
    )
    assert kept.created_at == datetime(2026, 11, 2, 14, 3, tzinfo=UTC)
    assert kept.entry == bobs_entry
    assert kept.payload == {"entry": bobs_entry.model_dump()}
    assert (kept.subject, kept.summary) == (
        "BR-01",
        "value 1 · evidence https://example.com/run · note <i>mine</i>",
    )
    [audited] = org.audit_entries(action="conflict.kept")
    assert (audited.actor, audited.entity_id) == (BOB, str(alice_view.id))
    assert audited.details == {
        "conflicting_edit": kept.id,
        "attempted": "answer.save",
        "target": "BR-01",
        "expected_version": 1,
        "found_version": 2,
    }


@pytest.mark.parametrize(
    ("write", "action", "target", "payload", "what", "subject", "summary"),
    [
        (
            lambda s, d: s.save_answer(d.id, "PA-02", None, expected_version=1, actor=BOB),
            "answer.clear",
            "PA-02",
            {"entry": None},
            "your change to PA-02",
            "PA-02",
            "clear the answer",
        ),
        (
            lambda s, d: s.set_chain_state(
                d.id, "merge-review", True, expected_version=1, actor=BOB
            ),
            "chain.set",
            "merge-review",
            {"removed": True},
            "your change to merge-review",
            "chain merge-review",
            "mark removed",
        ),
        (
            lambda s, d: s.prefill_from_previous(d.id, expected_version=1, actor=BOB),
            "draft.prefill",
            "",
            {},
            "your prefill from the previous period",
            "prefill from the previous period",
            "not applied; do it again after reloading",
        ),
        (
            lambda s, d: s.submit(d.id, expected_version=1, actor=BOB),
            "assessment.submit",
            "",
            {},
            "your submission",
            "submission",
            "not applied; do it again after reloading",
        ),
    ],
)
def test_every_kind_of_stale_write_is_kept_aside(
    org: ReadinessService,
    clock: Clock,
    write: Callable[[ReadinessService, DraftView], DraftView],
    action,
    target,
    payload,
    what,
    subject,
    summary,
):
    draft = org.open_draft("checkout", "2026-Q4", actor=ALICE)
    clock.advance(7)
    answered = answer_all(org, draft, FULL, actor=ALICE)
    # Conflicts are per answer: Alice touches the chain Bob's stale write is about, too.
    org.set_chain_state(
        draft.id, "merge-review", False, expected_version=answered.version, actor=ALICE
    )
    with pytest.raises(ConflictError) as raised:
        write(org, draft)
    assert str(raised.value) == (
        f"This draft was changed by alice@example.com at 14:07 UTC after you opened it; {what}"
        " was kept aside, reload to see both."
    )
    [kept] = org.conflicting_edits(draft.id)
    assert (kept.action, kept.target, kept.payload) == (action, target, payload)
    assert (kept.subject, kept.summary) == (subject, summary)
    after = org.get_assessment(draft.id)
    assert (after.status, after.version, after.answers) == ("draft", 7, FULL)


def test_stale_write_to_a_submitted_assessment_is_refused_and_kept_for_the_next_revision(
    org: ReadinessService,
):
    done = submitted(org, "checkout", "2026-Q4")
    with pytest.raises(ImmutableError):
        org.save_answer(done.id, "BR-01", AnswerEntry(value=0), expected_version=1, actor=BOB)
    [kept] = org.conflicting_edits(done.id)
    assert (kept.actor, kept.target, kept.entry) == (BOB, "BR-01", AnswerEntry(value=0))
    assert org.get_assessment(done.id).answers == FULL


def _race(workers: list[Callable[[], object]]) -> list[object]:
    """Run the callables on threads released together; collect results or exceptions."""
    barrier = threading.Barrier(len(workers))
    results: list[object] = [None] * len(workers)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = workers[index]()
        except Exception as error:  # collected for the assertions
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_replicas_racing_on_one_version_let_exactly_one_win(
    database: Database, org: ReadinessService, content
):
    draft = org.open_draft("checkout", "2026-Q4", actor=ALICE)
    other_replica = ReadinessService(database.another_engine(), content)
    try:
        results = _race(
            [
                lambda: org.save_answer(
                    draft.id, "BR-01", AnswerEntry(value=4), expected_version=1, actor=ALICE
                ),
                lambda: other_replica.save_answer(
                    draft.id, "BR-01", AnswerEntry(value=1), expected_version=1, actor=BOB
                ),
            ]
        )
    finally:
        other_replica.engine.dispose()
    winners = [r for r in results if isinstance(r, DraftView)]
    losers = [r for r in results if isinstance(r, ConflictError)]
    assert (len(winners), len(losers)) == (1, 1), results
    final = org.get_assessment(draft.id)
    assert final.version == 2
    [kept] = org.conflicting_edits(draft.id)
    assert {final.updated_by, kept.actor} == {ALICE, BOB}
    assert {final.answers["BR-01"].value, kept.entry and kept.entry.value} == {4, 1}


def test_two_replicas_opening_the_same_draft_get_one_draft(
    database: Database, org: ReadinessService, content
):
    other_replica = ReadinessService(database.another_engine(), content)
    try:
        results = _race(
            [
                lambda: org.open_draft("checkout", "2026-Q4", actor=ALICE),
                lambda: other_replica.open_draft("checkout", "2026-Q4", actor=BOB),
            ]
        )
    finally:
        other_replica.engine.dispose()
    assert all(isinstance(r, DraftView) for r in results), results
    ids = {r.id for r in results if isinstance(r, DraftView)}
    assert len(ids) == 1
    assert [e.action for e in org.audit_entries(action="draft.create")] == ["draft.create"]
