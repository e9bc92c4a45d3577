"""Evaluate unlock conditions against a team's levels, answers and removed chains."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scoring.model import (
    AllOf,
    Answer,
    AnswerKind,
    AnyOf,
    Catalogue,
    ChainRemoved,
    Condition,
    MinAnswer,
    MinPillarLevel,
    Rubric,
)
from scoring.pillars import answer_to
from scoring.results import Gap

ANSWER_WORDS = {
    AnswerKind.NOT_APPLICABLE: "not applicable",
    AnswerKind.DONT_KNOW: "don't know",
    AnswerKind.UNANSWERED: "unanswered",
}


@dataclass(frozen=True)
class TeamState:
    """What unlock conditions are checked against.

    Attributes:
        rubric: gives pillar names for the texts.
        catalogue: gives chain names for the texts.
        pillar_levels: readiness level per pillar id.
        answers: answers by question id; a missing one is unanswered.
        removed: ids of the chains the team has marked removed.
    """

    rubric: Rubric
    catalogue: Catalogue
    pillar_levels: Mapping[str, int]
    answers: Mapping[str, Answer]
    removed: frozenset[str]


@dataclass(frozen=True)
class ConditionOutcome:
    """Whether a condition holds, the sentences for what holds, and the gaps for what does not."""

    met: bool
    satisfied: tuple[str, ...]
    gaps: tuple[Gap, ...]


def evaluate(condition: Condition, state: TeamState) -> ConditionOutcome:
    """Check one condition tree; `all` collects every child's sentences and gaps."""
    if isinstance(condition, MinPillarLevel):
        return _min_pillar_level(condition, state)
    if isinstance(condition, MinAnswer):
        return _min_answer(condition, state)
    if isinstance(condition, ChainRemoved):
        return _chain_removed(condition, state)
    if isinstance(condition, AllOf):
        outcomes = [evaluate(child, state) for child in condition.conditions]
        return ConditionOutcome(
            met=all(o.met for o in outcomes),
            satisfied=tuple(s for o in outcomes for s in o.satisfied),
            gaps=tuple(g for o in outcomes for g in o.gaps),
        )
    return _any_of(condition, state)


def _min_pillar_level(condition: MinPillarLevel, state: TeamState) -> ConditionOutcome:
    name = _pillar_name(condition.pillar, state.rubric)
    current = state.pillar_levels.get(condition.pillar, 0)
    if current >= condition.level:
        return _holds(f"{name} level {current} ≥ {condition.level}")
    gap = Gap(
        kind="pillar_level",
        subject=condition.pillar,
        current=current,
        required=condition.level,
        text=f"{name} level {current}, needs {condition.level}",
    )
    return ConditionOutcome(met=False, satisfied=(), gaps=(gap,))


def _min_answer(condition: MinAnswer, state: TeamState) -> ConditionOutcome:
    question, required = condition.question, condition.value
    answer = answer_to(question, state.answers)
    if answer.kind is AnswerKind.NOT_APPLICABLE:
        return _holds(f"{question} is not applicable (counts as met)")
    if answer.kind is AnswerKind.VALUE and answer.value is not None:
        if answer.value >= required:
            return _holds(f"{question} is {answer.value} ≥ {required}")
        current: int | None = answer.value
        shown = str(answer.value)
    else:
        current, shown = None, ANSWER_WORDS[answer.kind]
    gap = Gap(
        kind="answer",
        subject=question,
        current=current,
        required=required,
        text=f"{question} is {shown}, needs {required}",
    )
    return ConditionOutcome(met=False, satisfied=(), gaps=(gap,))


def _chain_removed(condition: ChainRemoved, state: TeamState) -> ConditionOutcome:
    name = chain_name(condition.chain, state.catalogue)
    if condition.chain in state.removed:
        return _holds(f"chain '{name}' is removed")
    gap = Gap(
        kind="chain_removed",
        subject=condition.chain,
        current=0,
        required=1,
        text=f"chain '{name}' is still in place",
    )
    return ConditionOutcome(met=False, satisfied=(), gaps=(gap,))


def _any_of(condition: AnyOf, state: TeamState) -> ConditionOutcome:
    outcomes = [evaluate(child, state) for child in condition.conditions]
    for outcome in outcomes:
        if outcome.met:
            # The first option that holds is the reason it holds.
            return ConditionOutcome(met=True, satisfied=outcome.satisfied, gaps=())
    options = tuple(_one_gap(o.gaps) for o in outcomes)
    text = "one of: " + " or ".join(f"({o.text})" for o in options) if options else "no option"
    gap = Gap(kind="any_of", subject="", current=None, required=None, text=text, options=options)
    return ConditionOutcome(met=False, satisfied=(), gaps=(gap,))


def _one_gap(gaps: tuple[Gap, ...]) -> Gap:
    """One option of an `any`: its single gap, or an `all_of` gap bundling several."""
    if len(gaps) == 1:
        return gaps[0]
    text = "all of: " + " and ".join(f"({g.text})" for g in gaps)
    return Gap(kind="all_of", subject="", current=None, required=None, text=text, options=gaps)


def _holds(sentence: str) -> ConditionOutcome:
    return ConditionOutcome(met=True, satisfied=(sentence,), gaps=())


def _pillar_name(pillar_id: str, rubric: Rubric) -> str:
    try:
        return rubric.pillar_name(pillar_id)
    except KeyError:
        return pillar_id


def chain_name(chain_id: str, catalogue: Catalogue) -> str:
    """The chain's human name (its id if the catalogue does not know it)."""
    try:
        return catalogue.chain(chain_id).name
    except KeyError:
        return chain_id
