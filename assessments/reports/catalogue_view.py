"""The chain catalogue in words: each chain's unlock conditions as sentences a manager reads."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from assessments.content.catalogue import (
    AllCondition,
    AnswerCondition,
    AnyCondition,
    Chain,
    ChainCatalogue,
    ChainRemovedCondition,
    Condition,
    NoIncidentCondition,
    PillarCondition,
    RemovedForCondition,
)
from assessments.content.questionnaire import Questionnaire
from assessments.reports.org_table import submitted
from scoring.results import ChainStatus


@dataclass(frozen=True)
class ConditionLine:
    """One line of a chain's unlock conditions; `depth` nests the alternatives of "one of"."""

    depth: int
    text: str


def condition_lines(
    condition: Condition | None,
    questionnaire: Questionnaire,
    catalogue: ChainCatalogue,
    depth: int = 0,
) -> list[ConditionLine]:
    """The condition as lines: "Blast radius at level 2 or higher", "BR-03 (…) at least 3 · …"."""
    if condition is None:
        return []
    if isinstance(condition, PillarCondition):
        pillar = next(p.name for p in questionnaire.pillars if p.id == condition.pillar)
        return [
            ConditionLine(depth, f"{pillar} at readiness level {condition.min_level} or higher")
        ]
    if isinstance(condition, AnswerCondition):
        question = questionnaire.question(condition.question)
        anchor = question.level(condition.min).label
        return [
            ConditionLine(
                depth,
                f"{question.id} {question.text} — at least {condition.min} ({anchor}),"
                " or not applicable",
            )
        ]
    if isinstance(condition, ChainRemovedCondition):
        name = catalogue.chain(condition.chain_removed).name
        return [ConditionLine(depth, f"“{name}” removed first")]
    if isinstance(condition, RemovedForCondition):
        spec = condition.removed_for
        name = catalogue.chain(spec.chain).name
        return [ConditionLine(depth, f"“{name}” removed, with sign-off, for {spec.days} days")]
    if isinstance(condition, NoIncidentCondition):
        clean = condition.no_incident
        names = {p.id: p.name for p in questionnaire.pillars}
        area = " or ".join(names.get(p, p) for p in clean.pillars)
        return [
            ConditionLine(
                depth,
                f"no {clean.min_severity.value} or worse incident in {area}"
                f" in the last {clean.days} days",
            )
        ]
    if isinstance(condition, AllCondition):
        if depth == 0:
            return [
                line
                for child in condition.all
                for line in condition_lines(child, questionnaire, catalogue, depth)
            ]
        head = ConditionLine(depth, "all of:")
        return [head] + [
            line
            for child in condition.all
            for line in condition_lines(child, questionnaire, catalogue, depth + 1)
        ]
    assert isinstance(condition, AnyCondition)
    return [ConditionLine(depth, "one of:")] + [
        line
        for child in condition.any
        for line in condition_lines(child, questionnaire, catalogue, depth + 1)
    ]


def chains_in_order(catalogue: ChainCatalogue) -> list[Chain]:
    """The chains in their removal order."""
    return sorted(catalogue.chains, key=lambda c: c.order)


@dataclass(frozen=True)
class RemovalCount:
    """How many of the teams that submitted have a chain removed (and how many too early)."""

    removed: int
    too_early: int
    submitted: int


def removal_counts(table: pd.DataFrame, catalogue: ChainCatalogue) -> dict[str, RemovalCount]:
    """Per chain id, over the teams in `table` that submitted."""
    done = submitted(table)
    counts = {}
    for chain in catalogue.chains:
        column = done.get(f"status:{chain.id}")
        statuses = pd.Series(dtype=object) if column is None else column
        counts[chain.id] = RemovalCount(
            removed=int((statuses == ChainStatus.REMOVED.value).sum()),
            too_early=int((statuses == ChainStatus.REMOVED_TOO_EARLY.value).sum()),
            submitted=len(done),
        )
    return counts
