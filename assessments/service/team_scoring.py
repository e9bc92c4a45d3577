"""Score stored assessments of one team: the current one and its history.

Each assessment is scored on the questionnaire and catalogue version it was answered on; for
the history, older versions are mapped forward through the map chain where one exists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from assessments.content.answers import AnswerEntry
from assessments.content.comparable import Basis, VersionChange, for_comparison, version_changes
from assessments.content.in_force import Content
from assessments.content.versions import ContentLibrary, VersionKey
from scoring import score_assessment
from scoring.model import AssessmentInput
from scoring.results import AssessmentResult


class Scorable(Protocol):
    """Anything stored that can be scored: a draft or a submitted assessment."""

    @property
    def period(self) -> str: ...

    @property
    def questionnaire_id(self) -> str: ...

    @property
    def questionnaire_version(self) -> str: ...

    @property
    def answers(self) -> Mapping[str, AnswerEntry]: ...

    @property
    def removed_chains(self) -> frozenset[str]: ...

    def to_scoring(self) -> AssessmentInput: ...


@dataclass(frozen=True)
class HistoryPoint:
    """One pillar's score and level in one period, and on what footing it stands."""

    period: str
    pillar: str
    level: int
    score: float
    version: str = ""
    basis: Basis = Basis.AS_ANSWERED


def keys_of(assessment: Scorable) -> tuple[VersionKey, VersionKey | None]:
    """The questionnaire and (where recorded) catalogue an assessment was answered on."""
    catalogue_id = getattr(assessment, "catalogue_id", None)
    catalogue_version = getattr(assessment, "catalogue_version", None)
    catalogue = (
        (catalogue_id, catalogue_version)
        if isinstance(catalogue_id, str) and isinstance(catalogue_version, str)
        else None
    )
    return (assessment.questionnaire_id, assessment.questionnaire_version), catalogue


def content_of(library: ContentLibrary | Content, assessment: Scorable) -> Content:
    """The content an assessment was answered on (a bare `Content` is used as it is)."""
    if isinstance(library, Content):
        return library
    return library.content_for(*keys_of(assessment))


def score_view(library: ContentLibrary | Content, assessment: Scorable) -> AssessmentResult:
    """Score one stored assessment on the version it was answered on."""
    content = content_of(library, assessment)
    return score_assessment(content.rubric, content.scoring_catalogue, assessment.to_scoring())


def history_points(
    library: ContentLibrary | Content, assessments: Sequence[Scorable]
) -> list[HistoryPoint]:
    """Each pillar's score and level per period, comparable with the version in force."""
    if isinstance(library, Content):
        library = ContentLibrary.of(library)
    points = []
    for assessment in assessments:
        questionnaire, catalogue = keys_of(assessment)
        found = for_comparison(library, questionnaire, catalogue, assessment.answers)
        scoring_input = AssessmentInput(
            answers={qid: entry.to_scoring() for qid, entry in found.answers.items()},
            removed_chains=frozenset(assessment.removed_chains),
        )
        result = score_assessment(
            found.content.rubric, found.content.scoring_catalogue, scoring_input
        )
        points += [
            HistoryPoint(assessment.period, p.name, p.level, p.score, found.version, found.basis)
            for p in result.pillars
        ]
    return points


def history_changes(points: Sequence[HistoryPoint]) -> list[VersionChange]:
    """Where the history crosses a questionnaire version change."""
    per_period = {p.period: (p.period, p.version, p.basis) for p in points}
    return version_changes(list(per_period.values()))
