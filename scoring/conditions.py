"""Unlock conditions: one rule per condition kind, shared by both engines, and its explanation.

Each kind is one class with two methods: `holds` decides whether the condition holds, on
`Facts` that are one team's Python values (`TeamState`, for `score_assessment`) or arrays
over many assessments (for `score_org`), with the same operators; `explain` gives one team
the sentences for what holds and the gaps for what does not, using `holds` for the verdict.
A new condition kind is one new class registered in `CONDITION_KINDS`.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from typing import Any, Protocol

from scoring.frames import KIND_CODE, NOT_APPLICABLE, VALUE
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
    NoIncident,
    RemovedFor,
    Rubric,
)
from scoring.pillars import answer_to
from scoring.results import Gap
from scoring.track_record import IncidentRecord, Severity
from scoring.track_record_facts import (
    NEVER,
    UNKNOWN,
    days_removed,
    days_since_incident,
    last_incident,
    wait_until,
)

ANSWER_WORDS = {
    AnswerKind.NOT_APPLICABLE: "not applicable",
    AnswerKind.DONT_KNOW: "don't know",
    AnswerKind.UNANSWERED: "unanswered",
}


class Facts(Protocol):
    """What conditions are checked against: one team's values, or arrays over assessments."""

    def answer(self, question_id: str) -> tuple[Any, Any]:
        """The answer's kind code (scoring.frames) and credited value (0 unless a value)."""

    def pillar_level(self, pillar_id: str) -> Any:
        """The pillar's readiness level (0 for a pillar the rubric lacks)."""

    def chain_removed(self, chain_id: str) -> Any:
        """Whether the team marked the chain removed."""

    def always(self, flag: bool) -> Any:
        """`flag` for every assessment: a condition with nothing to check."""

    def days_removed(self, chain_id: str) -> Any:
        """Days since the chain's signed-off removal on the assessment date (UNKNOWN: none)."""

    def days_since_incident(self, pillars: tuple[str, ...], min_severity: Severity) -> Any:
        """Days since the last incident in the pillars at the severity or worse (NEVER: none;
        UNKNOWN: no assessment date)."""


@dataclass(frozen=True)
class TeamState:
    """One team's facts for unlock conditions, and the names their texts need.

    Attributes:
        rubric: gives pillar names for the texts.
        catalogue: gives chain names for the texts.
        pillar_levels: readiness level per pillar id.
        answers: answers by question id; a missing one is unanswered.
        removed: ids of the chains the team has marked removed.
        as_of: the assessment date track-record conditions are judged at (None: unknown).
        removed_since: chain id → the day its signed-off removal took effect.
        incidents: the team's recorded incidents.
    """

    rubric: Rubric
    catalogue: Catalogue
    pillar_levels: Mapping[str, int]
    answers: Mapping[str, Answer]
    removed: frozenset[str]
    as_of: date | None = None
    removed_since: Mapping[str, date] = field(default_factory=dict)
    incidents: tuple[IncidentRecord, ...] = ()

    def answer(self, question_id: str) -> tuple[int, int]:
        answer = answer_to(question_id, self.answers)
        return KIND_CODE[answer.kind], answer.value or 0

    def pillar_level(self, pillar_id: str) -> int:
        return self.pillar_levels.get(pillar_id, 0)

    def chain_removed(self, chain_id: str) -> bool:
        return chain_id in self.removed

    def always(self, flag: bool) -> bool:
        return flag

    def days_removed(self, chain_id: str) -> int:
        return days_removed(self.removed_since, chain_id, self.as_of)

    def days_since_incident(self, pillars: tuple[str, ...], min_severity: Severity) -> int:
        return days_since_incident(self.incidents, pillars, min_severity, self.as_of)


class ConditionKind(Protocol):
    """One kind of unlock condition: its rule, and its explanation for one team."""

    def holds(self, condition: Any, facts: Facts) -> Any:
        """Whether the condition holds on these facts (a bool, or a boolean array)."""

    def explain(self, condition: Any, state: TeamState) -> ConditionOutcome:
        """Sentences for what holds and gaps for what does not, for one team."""


@dataclass(frozen=True)
class ConditionOutcome:
    """Whether a condition holds, the sentences for what holds, and the gaps for what does not."""

    met: bool
    satisfied: tuple[str, ...]
    gaps: tuple[Gap, ...]


def holds(condition: Condition, facts: Facts) -> Any:
    """Whether the condition holds: a bool for one team, a boolean array for many."""
    return CONDITION_KINDS[type(condition)].holds(condition, facts)


def evaluate(condition: Condition, state: TeamState) -> ConditionOutcome:
    """Check one condition tree for one team; `all` collects every child's sentences and gaps."""
    return CONDITION_KINDS[type(condition)].explain(condition, state)


def every(start: Any, verdicts: Iterable[Any]) -> Any:
    """`all` of the children's verdicts (true with none), on bools or boolean arrays."""
    return reduce(operator.and_, verdicts, start)


def some(start: Any, verdicts: Iterable[Any]) -> Any:
    """`any` of the children's verdicts (false with none), on bools or boolean arrays."""
    return reduce(operator.or_, verdicts, start)


class _MinPillarLevel:
    def holds(self, condition: MinPillarLevel, facts: Facts) -> Any:
        return facts.pillar_level(condition.pillar) >= condition.level

    def explain(self, condition: MinPillarLevel, state: TeamState) -> ConditionOutcome:
        name = _pillar_name(condition.pillar, state.rubric)
        current = state.pillar_level(condition.pillar)
        if self.holds(condition, state):
            return _holds(f"{name} level {current} ≥ {condition.level}")
        gap = Gap(
            kind="pillar_level",
            subject=condition.pillar,
            current=current,
            required=condition.level,
            text=f"{name} level {current}, needs {condition.level}",
        )
        return ConditionOutcome(met=False, satisfied=(), gaps=(gap,))


class _MinAnswer:
    def holds(self, condition: MinAnswer, facts: Facts) -> Any:
        # Not applicable counts as met.
        kind, value = facts.answer(condition.question)
        return ((kind == VALUE) & (value >= condition.value)) | (kind == NOT_APPLICABLE)

    def explain(self, condition: MinAnswer, state: TeamState) -> ConditionOutcome:
        question, required = condition.question, condition.value
        answer = answer_to(question, state.answers)
        if self.holds(condition, state):
            if answer.kind is AnswerKind.NOT_APPLICABLE:
                return _holds(f"{question} is not applicable (counts as met)")
            return _holds(f"{question} is {answer.value} ≥ {required}")
        if answer.kind is AnswerKind.VALUE and answer.value is not None:
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


class _ChainRemoved:
    def holds(self, condition: ChainRemoved, facts: Facts) -> Any:
        return facts.chain_removed(condition.chain)

    def explain(self, condition: ChainRemoved, state: TeamState) -> ConditionOutcome:
        name = chain_name(condition.chain, state.catalogue)
        if self.holds(condition, state):
            return _holds(f"chain '{name}' is removed")
        gap = Gap(
            kind="chain_removed",
            subject=condition.chain,
            current=0,
            required=1,
            text=f"chain '{name}' is still in place",
        )
        return ConditionOutcome(met=False, satisfied=(), gaps=(gap,))


class _RemovedFor:
    def holds(self, condition: RemovedFor, facts: Facts) -> Any:
        return facts.chain_removed(condition.chain) & (
            facts.days_removed(condition.chain) >= condition.days
        )

    def explain(self, condition: RemovedFor, state: TeamState) -> ConditionOutcome:
        name, needed = chain_name(condition.chain, state.catalogue), condition.days
        days = state.days_removed(condition.chain)
        if self.holds(condition, state):
            return _holds(f"chain '{name}' removed with sign-off {days} days ago ≥ {needed}")
        if condition.chain not in state.removed:
            text = f"chain '{name}' is still in place; needs it removed for {needed} days"
        elif days == UNKNOWN:
            text = (
                f"chain '{name}' has no signed-off removal"
                f"{'' if state.as_of else ' (no assessment date)'}; needs {needed} days since one"
            )
        else:
            assert state.as_of is not None  # a known count of days needs the date
            until = wait_until(days, needed, state.as_of).isoformat()
            text = (
                f"chain '{name}' removed {max(days, 0)} days ago, needs {needed}"
                f" (wait until {until})"
            )
        gap = Gap("removed_for", condition.chain, None if days == UNKNOWN else days, needed, text)
        return ConditionOutcome(met=False, satisfied=(), gaps=(gap,))


class _NoIncident:
    def holds(self, condition: NoIncident, facts: Facts) -> Any:
        return facts.days_since_incident(condition.pillars, condition.min_severity) > condition.days

    def explain(self, condition: NoIncident, state: TeamState) -> ConditionOutcome:
        area = " or ".join(_pillar_name(p, state.rubric) for p in condition.pillars)
        worse = "" if condition.min_severity is Severity.CRITICAL else " or worse"
        what = f"{condition.min_severity.value}{worse} incident in {area}"
        days = state.days_since_incident(condition.pillars, condition.min_severity)
        if self.holds(condition, state):
            return _holds(f"no {what} in the last {condition.days} days")
        if state.as_of is None or days == UNKNOWN:
            text = f"no assessment date; needs no {what} in the last {condition.days} days"
            gap = Gap("no_incident", ",".join(condition.pillars), None, condition.days, text)
            return ConditionOutcome(met=False, satisfied=(), gaps=(gap,))
        last = last_incident(
            state.incidents, condition.pillars, condition.min_severity, state.as_of
        )
        assert last is not None and days != NEVER  # it does not hold, so one was found
        until = wait_until(days, condition.days + 1, state.as_of).isoformat()
        text = (
            f"{last.severity.value} incident in {_pillar_name(last.pillar, state.rubric)} on"
            f" {last.occurred_on.isoformat()}; needs none in {condition.days} days"
            f" (wait until {until})"
        )
        gap = Gap("no_incident", ",".join(condition.pillars), days, condition.days + 1, text)
        return ConditionOutcome(met=False, satisfied=(), gaps=(gap,))


class _AllOf:
    def holds(self, condition: AllOf, facts: Facts) -> Any:
        return every(facts.always(True), (holds(c, facts) for c in condition.conditions))

    def explain(self, condition: AllOf, state: TeamState) -> ConditionOutcome:
        outcomes = [evaluate(child, state) for child in condition.conditions]
        return ConditionOutcome(
            met=every(True, (o.met for o in outcomes)),
            satisfied=tuple(s for o in outcomes for s in o.satisfied),
            gaps=tuple(g for o in outcomes for g in o.gaps),
        )


class _AnyOf:
    def holds(self, condition: AnyOf, facts: Facts) -> Any:
        return some(facts.always(False), (holds(c, facts) for c in condition.conditions))

    def explain(self, condition: AnyOf, state: TeamState) -> ConditionOutcome:
        outcomes = [evaluate(child, state) for child in condition.conditions]
        if some(False, (o.met for o in outcomes)):
            # The first option that holds is the reason it holds.
            first = next(o for o in outcomes if o.met)
            return ConditionOutcome(met=True, satisfied=first.satisfied, gaps=())
        options = tuple(_one_gap(o.gaps) for o in outcomes)
        text = "one of: " + " or ".join(f"({o.text})" for o in options) if options else "no option"
        gap = Gap(
            kind="any_of", subject="", current=None, required=None, text=text, options=options
        )
        return ConditionOutcome(met=False, satisfied=(), gaps=(gap,))


CONDITION_KINDS: dict[type, ConditionKind] = {
    MinPillarLevel: _MinPillarLevel(),
    MinAnswer: _MinAnswer(),
    ChainRemoved: _ChainRemoved(),
    RemovedFor: _RemovedFor(),
    NoIncident: _NoIncident(),
    AllOf: _AllOf(),
    AnyOf: _AnyOf(),
}
"""Every condition kind's rule (`holds`) and explanation (`explain`), by condition type."""


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
