"""The rules a draft's answers and chain states must follow, checked before anything is written."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime

from assessments.content.answers import AnswerEntry
from assessments.content.catalogue import ChainCatalogue
from assessments.content.questionnaire import Questionnaire
from assessments.errors import InvalidInputError
from assessments.periods import PERIOD_PATTERN


def check_period(period: str) -> None:
    """A period is a quarter such as 2026-Q4."""
    if not re.match(PERIOD_PATTERN, period):
        raise InvalidInputError(f"period {period!r} is not a quarter (write it like 2026-Q4)")


def check_answer(questionnaire: Questionnaire, question_id: str, entry: AnswerEntry | None) -> None:
    """The question exists, the value is on its scale, and N/A only where it is allowed."""
    try:
        question = questionnaire.question(question_id)
    except KeyError:
        raise InvalidInputError(
            f"unknown question {question_id!r}: questionnaire {questionnaire.id}"
            f" version {questionnaire.version} has no such question"
        ) from None
    if entry is None:
        return
    if entry.value is not None and entry.value > question.max_value:
        raise InvalidInputError(
            f"{question_id} cannot be {entry.value}: its scale goes from 0 to {question.max_value}"
        )
    if entry.not_applicable is not None and not question.allow_not_applicable:
        raise InvalidInputError(
            f"{question_id} cannot be marked not applicable: choose a value or don't know"
        )


def is_valid_answer(questionnaire: Questionnaire, question_id: str, entry: AnswerEntry) -> bool:
    """Whether an answer (e.g. one copied from an older questionnaire) still fits."""
    try:
        check_answer(questionnaire, question_id, entry)
    except InvalidInputError:
        return False
    return True


def check_chain(catalogue: ChainCatalogue, chain_id: str) -> None:
    """The chain exists in the catalogue."""
    if chain_id not in {chain.id for chain in catalogue.chains}:
        raise InvalidInputError(
            f"unknown approval chain {chain_id!r}: catalogue {catalogue.id}"
            f" version {catalogue.version} has no such chain"
        )


def check_pillar(questionnaire: Questionnaire, pillar_id: str) -> None:
    """The pillar exists in the questionnaire."""
    if pillar_id not in {pillar.id for pillar in questionnaire.pillars}:
        raise InvalidInputError(
            f"unknown pillar {pillar_id!r}: questionnaire {questionnaire.id}"
            f" version {questionnaire.version} has no such pillar"
        )


def unconfirmed_by_pillar(
    questionnaire: Questionnaire, carried: Collection[str]
) -> list[tuple[str, int]]:
    """(pillar name, count) of the carried answers awaiting confirmation, in questionnaire
    order; a question the questionnaire does not know counts under its own id."""
    counts = [
        (pillar.name, sum(1 for q in questionnaire.questions_of(pillar.id) if q.id in carried))
        for pillar in questionnaire.pillars
    ]
    known = {q.id for q in questionnaire.questions}
    return [(name, n) for name, n in counts if n] + [
        (qid, 1) for qid in sorted(carried) if qid not in known
    ]


def missing_answers(questionnaire: Questionnaire, answered: Collection[str]) -> list[str]:
    """Question ids without an answer, in questionnaire order."""
    return [q.id for q in questionnaire.questions if q.id not in answered]


def conflict_message(changed_by: str, changed_at: datetime, what: str) -> str:
    """What a user reads when their write lost an optimistic-lock race."""
    return (
        f"This draft was changed by {changed_by} at {changed_at:%H:%M} UTC after you opened it;"
        f" {what} was kept aside, reload to see both."
    )


def submitted_message(revision: int, submitted_by: str, submitted_at: datetime, what: str) -> str:
    """What a user reads when their write reached a revision a teammate has just submitted."""
    return (
        f"Revision {revision} was submitted by {submitted_by} at {submitted_at:%H:%M} UTC, so"
        f" {what} was not applied; it is kept aside: edit a new revision to re-apply it."
    )
