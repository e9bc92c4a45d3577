"""Storage round trips through the service: on SQLite, on PostgreSQL, and over the in-memory
store that holds the service's draft and submission rules apart from SQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assessments.content.answers import AnswerEntry
from assessments.errors import (
    ImmutableError,
    IncompleteError,
    InvalidInputError,
    NotFoundError,
)
from assessments.service.readiness import ReadinessService, TeamView, UnitView
from scoring.model import Answer, AnswerKind, AssessmentInput
from tests.integration.conftest import START, Clock
from tests.integration.storage_samples import ANA, FULL, HTML_NOTE, answer_all, submitted


@pytest.fixture
def org(any_org: ReadinessService) -> ReadinessService:
    """Every test here runs on SQLite, PostgreSQL and the in-memory store."""
    return any_org


def test_units_and_teams_come_back_sorted_by_unit_then_team_name(org: ReadinessService):
    assert [(u.slug, u.name) for u in org.list_units()] == [
        ("payments", "Payments"),
        ("platform", "Platform"),
    ]
    assert [(t.slug, t.unit_slug, t.unit_name) for t in org.list_teams()] == [
        ("billing", "payments", "Payments"),
        ("checkout", "payments", "Payments"),
        ("runtime", "platform", "Platform"),
    ]
    assert [t.slug for t in org.list_teams("platform")] == ["runtime"]
    team = org.get_team("checkout")
    assert team == TeamView(team.id, "checkout", "Checkout", "payments", "Payments")
    assert isinstance(org.list_units()[0], UnitView)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda s: s.get_team("nope"), NotFoundError, "no team with slug 'nope'"),
        (
            lambda s: s.create_unit("payments", "Again", actor=ANA),
            InvalidInputError,
            "a unit with slug 'payments' already exists",
        ),
        (
            lambda s: s.create_team("checkout", "Again", "payments", actor=ANA),
            InvalidInputError,
            "a team with slug 'checkout' already exists",
        ),
        (
            lambda s: s.create_team("new", "New", "nowhere", actor=ANA),
            NotFoundError,
            "no unit with slug 'nowhere'",
        ),
        (
            lambda s: s.create_unit("Bad Slug", "Bad", actor=ANA),
            InvalidInputError,
            "unit slug 'Bad Slug' is not valid (use lowercase letters, digits and dashes,"
            " e.g. 'payments-core')",
        ),
        (lambda s: s.get_assessment(999), NotFoundError, "no assessment with id 999"),
        (
            lambda s: s.open_draft("checkout", "2026-Q5", actor=ANA),
            InvalidInputError,
            "period '2026-Q5' is not a quarter (write it like 2026-Q4)",
        ),
    ],
)
def test_org_and_lookup_errors_say_what_is_wrong(org: ReadinessService, call, error, message):
    with pytest.raises(error) as raised:
        call(org)
    assert str(raised.value) == message


def test_open_draft_creates_revision_one_once_and_then_returns_it(org: ReadinessService):
    draft = org.open_draft("checkout", "2026-Q4", actor=ANA)
    assert (draft.team_slug, draft.team_name, draft.period) == ("checkout", "Checkout", "2026-Q4")
    assert (draft.questionnaire_id, draft.questionnaire_version) == ("test-readiness", "3")
    assert (draft.status, draft.revision, draft.version) == ("draft", 1, 1)
    assert (draft.created_by, draft.updated_by, draft.created_at) == (ANA, ANA, START)
    assert (draft.submitted_by, draft.submitted_at) == (None, None)
    again = org.open_draft("checkout", "2026-Q4", actor="bob@example.com")
    assert again == draft
    assert org.current_assessment("checkout", "2026-Q4") == draft
    assert org.current_assessment("checkout", "2026-Q3") is None


def test_answers_of_every_kind_round_trip_verbatim(org: ReadinessService, clock: Clock):
    draft = org.open_draft("checkout", "2026-Q4", actor=ANA)
    clock.advance(5)
    saved = answer_all(org, draft, FULL)
    assert saved.version == 6
    assert saved.updated_at == datetime(2026, 11, 2, 14, 5, tzinfo=UTC)
    loaded = org.get_assessment(draft.id)
    assert loaded == saved
    assert loaded.answers == FULL
    assert loaded.answers["BR-02"].note == HTML_NOTE
    assert loaded.to_scoring() == AssessmentInput(
        answers={
            "BR-01": Answer(AnswerKind.VALUE, 3, True),
            "BR-02": Answer(AnswerKind.VALUE, 0, False),
            "PA-01": Answer(AnswerKind.DONT_KNOW),
            "PA-02": Answer(AnswerKind.NOT_APPLICABLE),
            "OS-01": Answer(AnswerKind.VALUE, 2, False),
        }
    )


def test_saving_again_replaces_an_answer_and_none_clears_it(org: ReadinessService):
    draft = org.open_draft("checkout", "2026-Q4", actor=ANA)
    draft = org.save_answer(draft.id, "BR-01", AnswerEntry(value=1), expected_version=1, actor=ANA)
    draft = org.save_answer(draft.id, "BR-01", AnswerEntry(value=4), expected_version=2, actor=ANA)
    assert org.get_assessment(draft.id).answers == {"BR-01": AnswerEntry(value=4)}
    draft = org.save_answer(draft.id, "BR-01", None, expected_version=3, actor=ANA)
    assert (draft.answers, draft.version) == ({}, 4)


def test_chain_states_round_trip(org: ReadinessService):
    draft = org.open_draft("checkout", "2026-Q4", actor=ANA)
    draft = org.set_chain_state(draft.id, "tool-approval", True, expected_version=1, actor=ANA)
    draft = org.set_chain_state(draft.id, "prod-write", True, expected_version=2, actor=ANA)
    draft = org.set_chain_state(draft.id, "prod-write", False, expected_version=3, actor=ANA)
    assert org.get_assessment(draft.id).removed_chains == frozenset({"tool-approval"})


@pytest.mark.parametrize(
    ("question_id", "entry", "message"),
    [
        (
            "XX-99",
            AnswerEntry(value=1),
            "unknown question 'XX-99': questionnaire test-readiness version 3 has no such question",
        ),
        ("OS-01", AnswerEntry(value=3), "OS-01 cannot be 3: its scale goes from 0 to 2"),
        (
            "PA-01",
            AnswerEntry(not_applicable="we have none"),
            "PA-01 cannot be marked not applicable: choose a value or don't know",
        ),
    ],
)
def test_answers_outside_the_questionnaire_are_refused(
    org: ReadinessService, question_id, entry, message
):
    draft = org.open_draft("checkout", "2026-Q4", actor=ANA)
    with pytest.raises(InvalidInputError) as raised:
        org.save_answer(draft.id, question_id, entry, expected_version=1, actor=ANA)
    assert str(raised.value) == message
    assert org.get_assessment(draft.id).version == 1


def test_unknown_chain_is_refused(org: ReadinessService):
    draft = org.open_draft("checkout", "2026-Q4", actor=ANA)
    with pytest.raises(InvalidInputError) as raised:
        org.set_chain_state(draft.id, "ceremony", True, expected_version=1, actor=ANA)
    assert str(raised.value) == (
        "unknown approval chain 'ceremony': catalogue test-chains version 1 has no such chain"
    )


def test_submit_lists_unanswered_questions_in_questionnaire_order(org: ReadinessService):
    draft = org.open_draft("checkout", "2026-Q4", actor=ANA)
    partial = {"PA-01": FULL["PA-01"], "BR-02": FULL["BR-02"]}
    draft = answer_all(org, draft, partial)
    with pytest.raises(IncompleteError) as raised:
        org.submit(draft.id, expected_version=draft.version, actor=ANA)
    assert raised.value.missing == ["BR-01", "PA-02", "OS-01"]
    assert str(raised.value) == (
        "3 questions are still unanswered: BR-01, PA-02, OS-01 (answer each with a value,"
        " not applicable with a reason, or don't know)"
    )
    assert org.get_assessment(draft.id).status == "draft"


def test_submitted_assessment_is_immutable(org: ReadinessService, clock: Clock):
    clock.advance(30)
    done = submitted(org, "checkout", "2026-Q3", removed=("tool-approval",))
    assert (done.status, done.submitted_by, done.submitted_at) == (
        "submitted",
        ANA,
        datetime(2026, 11, 2, 14, 30, tzinfo=UTC),
    )
    kept_for_next_revision = [
        (
            lambda: org.save_answer(
                done.id, "BR-01", None, expected_version=done.version, actor=ANA
            ),
            "your change to BR-01",
        ),
        (
            lambda: org.set_chain_state(
                done.id, "merge-review", True, expected_version=done.version, actor=ANA
            ),
            "your change to merge-review",
        ),
    ]
    for write, what in kept_for_next_revision:
        with pytest.raises(ImmutableError) as raised:
            write()
        assert str(raised.value) == (
            f"Revision 1 was submitted by {ANA} at 14:30 UTC, so {what} was not applied; it is"
            " kept aside: edit a new revision to re-apply it."
        )
    refused = [
        lambda: org.prefill_from_previous(done.id, expected_version=done.version, actor=ANA),
        lambda: org.submit(done.id, expected_version=done.version, actor=ANA),
        lambda: org.submit(done.id, expected_version=1, actor=ANA),
    ]
    for write in refused:
        with pytest.raises(ImmutableError) as raised:
            write()
        assert str(raised.value) == "Submitted assessments cannot change; open a new revision"
    assert org.get_assessment(done.id) == done
    assert [(e.target, e.payload) for e in org.conflicting_edits(done.id)] == [
        ("BR-01", {"entry": None}),
        ("merge-review", {"removed": True}),
    ]


def test_opening_a_submitted_period_copies_it_into_a_new_revision(org: ReadinessService):
    done = submitted(org, "checkout", "2026-Q4", removed=("tool-approval",))
    revision = org.open_draft("checkout", "2026-Q4", actor="bob@example.com")
    assert (revision.status, revision.revision, revision.version) == ("draft", 2, 1)
    assert revision.id != done.id
    assert revision.answers == FULL
    assert revision.removed_chains == frozenset({"tool-approval"})
    assert org.latest_submitted("checkout", "2026-Q4") == done
    assert org.current_assessment("checkout", "2026-Q4") == revision
    resubmitted = org.submit(revision.id, expected_version=1, actor="bob@example.com")
    assert org.latest_submitted("checkout", "2026-Q4") == resubmitted
    assert org.team_history("checkout") == [resubmitted]


def test_prefill_copies_last_submitted_period_without_overwriting_answers(org: ReadinessService):
    submitted(org, "checkout", "2026-Q2", answers={**FULL, "BR-01": AnswerEntry(value=1)})
    submitted(org, "checkout", "2026-Q3", removed=("tool-approval", "merge-review"))
    draft = org.open_draft("checkout", "2026-Q4", actor=ANA)
    draft = org.save_answer(draft.id, "OS-01", AnswerEntry(value=0), expected_version=1, actor=ANA)
    draft = org.set_chain_state(draft.id, "merge-review", False, expected_version=2, actor=ANA)
    filled = org.prefill_from_previous(draft.id, expected_version=3, actor=ANA)
    assert filled.version == 4
    assert filled.answers == {**FULL, "OS-01": AnswerEntry(value=0)}
    assert filled.removed_chains == frozenset({"tool-approval"})


def test_prefill_without_an_earlier_submission_is_not_found(org: ReadinessService):
    submitted(org, "checkout", "2027-Q1")
    draft = org.open_draft("checkout", "2026-Q4", actor=ANA)
    with pytest.raises(NotFoundError) as raised:
        org.prefill_from_previous(draft.id, expected_version=1, actor=ANA)
    assert str(raised.value) == "no submitted assessment of Checkout before 2026-Q4 to prefill from"
    assert org.get_assessment(draft.id).version == 1


def test_every_write_is_audited_with_its_actor(org: ReadinessService):
    draft = org.open_draft("checkout", "2026-Q3", actor="ana@example.com")
    draft = org.save_answer(
        draft.id, "BR-01", AnswerEntry(value=2), expected_version=1, actor="bob@example.com"
    )
    draft = org.save_answer(draft.id, "BR-01", None, expected_version=2, actor="cy@example.com")
    draft = answer_all(org, draft, FULL, actor="dee@example.com")
    draft = org.set_chain_state(
        draft.id, "tool-approval", True, expected_version=draft.version, actor="eve@example.com"
    )
    org.submit(draft.id, expected_version=draft.version, actor="fay@example.com")
    q4 = org.open_draft("checkout", "2026-Q4", actor="gus@example.com")
    org.prefill_from_previous(q4.id, expected_version=1, actor="hal@example.com")

    entries = list(reversed(org.audit_entries()))
    assert [(e.action, e.actor) for e in entries] == [
        ("unit.create", "admin@example.com"),
        ("unit.create", "admin@example.com"),
        ("team.create", "admin@example.com"),
        ("team.create", "admin@example.com"),
        ("team.create", "admin@example.com"),
        ("draft.create", "ana@example.com"),
        ("answer.save", "bob@example.com"),
        ("answer.clear", "cy@example.com"),
        *[("answer.save", "dee@example.com")] * 5,
        ("chain.set", "eve@example.com"),
        ("assessment.submit", "fay@example.com"),
        ("draft.create", "gus@example.com"),
        ("draft.prefill", "hal@example.com"),
    ]
    save = entries[6]
    assert (save.entity, save.entity_id) == ("assessment", str(draft.id))
    assert save.details == {
        "question": "BR-01",
        "entry": {
            "value": 2,
            "not_applicable": None,
            "dont_know": False,
            "evidence": None,
            "note": None,
        },
        "version": 2,
    }
    assert entries[-1].details == {
        "source": draft.id,
        "source_period": "2026-Q3",
        "answers_copied": 5,
        "chains_copied": 1,
        "carried": 5,
        "mapped": 0,
        "fresh": 0,
        "version": 2,
    }
    assert [e.action for e in org.audit_entries(actor="dee@example.com", limit=2)] == [
        "answer.save",
        "answer.save",
    ]
    assert [e.actor for e in org.audit_entries(action="chain.set")] == ["eve@example.com"]
