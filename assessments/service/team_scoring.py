"""Score stored assessments of one team: the current one and its history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from assessments.content.in_force import Content
from scoring import score_assessment
from scoring.model import AssessmentInput
from scoring.results import AssessmentResult
from scoring.track_record import IncidentRecord


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


TrackRecordInput = tuple[date, dict[str, date], tuple[IncidentRecord, ...]]
"""(assessment date, chain id → signed-off removal day, the team's incidents)."""


def score_view(
    content: Content, assessment: Scorable, track_record: TrackRecordInput | None = None
) -> AssessmentResult:
    """Score one stored assessment against the content in force (and its track record)."""
    scoring = scoring_input(assessment, track_record)
    return score_assessment(content.rubric, content.scoring_catalogue, scoring)


def scoring_input(
    assessment: Scorable, track_record: TrackRecordInput | None = None
) -> AssessmentInput:
    """The scoring engine's input for one stored assessment, with its track record if given."""
    scoring = assessment.to_scoring()
    if track_record is not None:
        as_of, since, incidents = track_record
        scoring = replace(scoring, as_of=as_of, removed_since=since, incidents=incidents)
    return scoring


def history_points(content: Content, assessments: Sequence[Scorable]) -> list[HistoryPoint]:
    """Each pillar's score and level per period, from the submitted assessments given."""
    points = []
    for assessment in assessments:
        result = score_view(content, assessment)
        points += [
            HistoryPoint(assessment.period, p.name, p.level, p.score) for p in result.pillars
        ]
    return points
