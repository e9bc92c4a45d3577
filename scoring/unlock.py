"""Path to the next unlock: the fewest answer improvements that would unlock a blocked chain."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scoring.model import (
    SCORE_EPSILON,
    AllOf,
    Answer,
    AnswerKind,
    AnyOf,
    Catalogue,
    ChainRemoved,
    ChainSpec,
    Condition,
    MinAnswer,
    MinPillarLevel,
    Rubric,
)
from scoring.pillars import (
    answer_to,
    credited,
    critical_cap,
    lowest_value_for_cap,
    pillar_score,
)
from scoring.results import Improvement, UnlockPath
from scoring.rules import unlock_condition

NEAREST_PATHS = 3


@dataclass(frozen=True)
class _Plan:
    """A raised answer vector and the chains that must go first.

    Attributes:
        values: credited value per applicable question (not "not applicable").
        answered: applicable questions that hold a value (not don't know/unanswered).
        chains_first: chain ids whose removal the conditions still wait on.
    """

    values: Mapping[str, int]
    answered: frozenset[str]
    chains_first: tuple[str, ...] = ()


class _Planner:
    """Raises answers, step by step as the spec prescribes, until a condition holds."""

    def __init__(self, rubric: Rubric, removed: frozenset[str]) -> None:
        self.rubric = rubric
        self.removed = removed
        self.question_ids = frozenset(q.id for q in rubric.questions)

    def solve(self, condition: Condition, plan: _Plan) -> _Plan | None:
        """The plan raised until the condition holds, or None if answers alone cannot.

        A condition kind without a step here (answers cannot make it hold) gets no path.
        """
        if isinstance(condition, MinAnswer):
            return self._min_answer(condition, plan)
        if isinstance(condition, MinPillarLevel):
            return self._min_pillar_level(condition, plan)
        if isinstance(condition, ChainRemoved):
            if condition.chain in self.removed:
                return plan
            return _Plan(plan.values, plan.answered, _merge(plan.chains_first, (condition.chain,)))
        if isinstance(condition, AllOf):
            solved: _Plan | None = plan
            for child in condition.conditions:
                if solved is None:
                    return None
                solved = self.solve(child, solved)
            return solved
        if isinstance(condition, AnyOf):
            return self._any_of(condition, plan)
        return None

    def _min_answer(self, condition: MinAnswer, plan: _Plan) -> _Plan | None:
        question_id, required = condition.question, condition.value
        if question_id not in plan.values:
            # Not applicable counts as met; a question the rubric lacks can never be raised.
            return plan if question_id in self.question_ids else None
        if question_id in plan.answered and plan.values[question_id] >= required:
            return plan
        if required > self.rubric.question(question_id).max_value:
            return None
        target = max(required, plan.values[question_id])
        return _raised(plan, question_id, target)

    def _min_pillar_level(self, condition: MinPillarLevel, plan: _Plan) -> _Plan | None:
        level = condition.level
        if level <= 0:
            return plan
        if level > len(self.rubric.level_thresholds):
            return None
        questions = [q for q in self.rubric.questions_of(condition.pillar) if q.id in plan.values]
        for question in questions:
            top = self.rubric.top_level
            cap = critical_cap(question, Answer.of(plan.values[question.id]), top)
            if cap is not None and cap < level:
                lowest = lowest_value_for_cap(question, level, top)
                if lowest is None:
                    return None
                plan = _raised(plan, question.id, lowest)
        threshold = self.rubric.level_thresholds[level - 1]
        while self._score(condition.pillar, plan) + SCORE_EPSILON < threshold:
            raisable = [q for q in questions if plan.values[q.id] < q.max_value]
            if not raisable:
                return None
            # The step that adds the most score; ties to the lowest value, then questionnaire order.
            step = min(raisable, key=lambda q: (-(q.weight / q.max_value), plan.values[q.id]))
            plan = _raised(plan, step.id, plan.values[step.id] + 1)
        return plan

    def _any_of(self, condition: AnyOf, plan: _Plan) -> _Plan | None:
        options = [self.solve(child, plan) for child in condition.conditions]
        solvable = [option for option in options if option is not None]
        if not solvable:
            return None
        # Answers alone beat waiting on another chain; then fewest steps; then first listed.
        return min(
            solvable,
            key=lambda option: (
                len(option.chains_first) > len(plan.chains_first),
                _steps(plan, option),
            ),
        )

    def _score(self, pillar: str, plan: _Plan) -> float:
        questions = self.rubric.questions_of(pillar)
        answers = {
            q.id: Answer.of(plan.values[q.id]) if q.id in plan.values else Answer.not_applicable()
            for q in questions
        }
        return pillar_score(questions, answers)


def unlock_paths(
    rubric: Rubric,
    catalogue: Catalogue,
    answers: Mapping[str, Answer],
    removed: frozenset[str],
    blocked: Sequence[str],
    eligible: frozenset[str] = frozenset(),
) -> tuple[UnlockPath, ...]:
    """The nearest three paths: answer-only ones first, then those one removal away.

    A chain that waits on another chain's removal is shown only when every chain it
    waits on is eligible now ("what is still missing for the one after"); deeper
    chains are not near.
    """
    start = _starting_plan(rubric, answers)
    planner = _Planner(rubric, removed)
    ranked: list[tuple[int, int, int, UnlockPath]] = []
    for index, chain in enumerate(catalogue.chains):
        condition = unlock_condition(chain, [p.id for p in rubric.pillars])
        if chain.id not in blocked or condition is None:
            continue
        solved = planner.solve(condition, start)
        if solved is None:
            continue
        path = _path(rubric, chain, start, solved)
        if not set(path.chains_first) <= eligible:
            continue
        ranked.append((1 if path.chains_first else 0, path.steps, index, path))
    ranked.sort(key=lambda r: r[:3])
    return tuple(r[3] for r in ranked[:NEAREST_PATHS])


def _starting_plan(rubric: Rubric, answers: Mapping[str, Answer]) -> _Plan:
    values: dict[str, int] = {}
    answered: set[str] = set()
    for question in rubric.questions:
        answer = answer_to(question.id, answers)
        if answer.kind is AnswerKind.NOT_APPLICABLE:
            continue
        values[question.id] = credited(answer)
        if answer.kind is AnswerKind.VALUE:
            answered.add(question.id)
    return _Plan(values, frozenset(answered))


def _path(rubric: Rubric, chain: ChainSpec, start: _Plan, solved: _Plan) -> UnlockPath:
    improvements = tuple(
        Improvement(q.id, start.values[q.id], solved.values[q.id])
        for q in rubric.questions
        if q.id in start.values
        and (start.values[q.id] != solved.values[q.id] or q.id in solved.answered - start.answered)
    )
    return UnlockPath(
        chain=chain.id,
        name=chain.name,
        improvements=improvements,
        steps=_steps(start, solved),
        chains_first=solved.chains_first,
    )


def _raised(plan: _Plan, question_id: str, target: int) -> _Plan:
    values = {**plan.values, question_id: target}
    return _Plan(values, plan.answered | {question_id}, plan.chains_first)


def _steps(before: _Plan, after: _Plan) -> int:
    return sum(after.values[q] - before.values[q] for q in before.values)


def _merge(first: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    return first + tuple(c for c in more if c not in first)
