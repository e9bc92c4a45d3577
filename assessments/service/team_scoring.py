"""Score stored assessments of one team: the current one and its history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from assessments.content.comparable import Basis
from assessments.content.in_force import Content
from scoring import score_assessment
from scoring.model import AssessmentInput
from scoring.results import AssessmentResult


class Scorable(Protocol):
    """Anything stored that can be scored: a draft or a submitted assessment."""

    @property
    def period(self) -> str: ...

    def to_scoring(self) -> AssessmentInput: ...


@dataclass(frozen=True)
class HistoryPoint:
    """One pillar's score and level in one period."""

    period: str
    pillar: str
    level: int
    score: float
    version: str = ""
    basis: Basis = Basis.AS_ANSWERED


def score_view(content: Content, assessment: Scorable) -> AssessmentResult:
    """Score one stored assessment against the content in force."""
    return score_assessment(content.rubric, content.scoring_catalogue, assessment.to_scoring())


def history_points(content: Content, assessments: Sequence[Scorable]) -> list[HistoryPoint]:
    """Each pillar's score and level per period, from the submitted assessments given."""
    points = []
    for assessment in assessments:
        result = score_view(content, assessment)
        points += [
            HistoryPoint(assessment.period, p.name, p.level, p.score) for p in result.pillars
        ]
    return points
