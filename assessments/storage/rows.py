"""From rows to views: the shared queries and conversions of the repository's modules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from assessments.content.answers import AnswerEntry
from assessments.storage.tables import (
    AnswerRow,
    AssessmentRow,
    ChainStateRow,
    OrgUnitRow,
    TeamRow,
)
from assessments.storage.views import SUBMITTED, AssessmentRecord, DraftView, TeamView, UnitView


@dataclass(frozen=True)
class StoredAnswers:
    """Answers and chain states of a set of assessments, as loaded by one query each."""

    answers: list[AnswerRow]
    chains: list[ChainStateRow]


def unit_view(row: OrgUnitRow) -> UnitView:
    """The view of a unit row."""
    return UnitView(row.id, row.slug, row.name)


def team_view(team: TeamRow, unit: OrgUnitRow) -> TeamView:
    """The view of a team row and its unit."""
    return TeamView(team.id, team.slug, team.name, unit.slug, unit.name)


def record_of(row: AssessmentRow) -> AssessmentRecord:
    """The bookkeeping of an assessment row."""
    return AssessmentRecord(
        row.id,
        row.team_id,
        row.period,
        row.status,
        row.revision,
        row.version,
        row.updated_by,
        row.updated_at,
        row.questionnaire_id,
        row.questionnaire_version,
    )


def entry_of(row: AnswerRow) -> AnswerEntry:
    """The answer a stored row holds."""
    return AnswerEntry(
        value=row.value,
        not_applicable=row.not_applicable,
        dont_know=row.dont_know,
        evidence=row.evidence,
        note=row.note,
    )


def latest_submitted_ids(period: str | None = None) -> Select[int]:
    """Ids of the latest submitted revision per team and period (optionally one period)."""
    newest = select(
        AssessmentRow.team_id,
        AssessmentRow.period,
        func.max(AssessmentRow.revision).label("revision"),
    ).where(AssessmentRow.status == SUBMITTED)
    if period is not None:
        newest = newest.where(AssessmentRow.period == period)
    latest = newest.group_by(AssessmentRow.team_id, AssessmentRow.period).subquery()
    return select(AssessmentRow.id).join(
        latest,
        and_(
            AssessmentRow.team_id == latest.c.team_id,
            AssessmentRow.period == latest.c.period,
            AssessmentRow.revision == latest.c.revision,
        ),
    )


def with_team_and_unit(ids: Select[int] | Sequence[int], *columns: Any) -> Select[Any]:
    """Select `columns` of the given assessments joined to their team and unit, by period then
    team slug (ORM rows for views, or plain columns for frames)."""
    return (
        select(*columns)
        .join(TeamRow, AssessmentRow.team_id == TeamRow.id)
        .join(OrgUnitRow, TeamRow.unit_id == OrgUnitRow.id)
        .where(AssessmentRow.id.in_(ids))
        .order_by(AssessmentRow.period, TeamRow.slug)
    )


def stored_answers(session: Session, ids: Select[int] | Sequence[int]) -> StoredAnswers:
    """Answers and chain states of the given assessments, one query each."""
    answers = select(AnswerRow).where(AnswerRow.assessment_id.in_(ids))
    chains = select(ChainStateRow).where(ChainStateRow.assessment_id.in_(ids))
    return StoredAnswers(
        answers=list(session.scalars(answers.order_by(AnswerRow.id))),
        chains=list(session.scalars(chains.order_by(ChainStateRow.id))),
    )


def draft_views(
    rows: Iterable[tuple[AssessmentRow, TeamRow]], stored: StoredAnswers
) -> list[DraftView]:
    """Assemble views from assessment rows and their answers, without further queries."""
    answers: dict[int, dict[str, AnswerEntry]] = defaultdict(dict)
    carried: dict[int, dict[str, str]] = defaultdict(dict)
    for answer in stored.answers:
        answers[answer.assessment_id][answer.question_id] = entry_of(answer)
        if answer.carried_from is not None:
            carried[answer.assessment_id][answer.question_id] = answer.carried_from
    removed: dict[int, set[str]] = defaultdict(set)
    for chain in stored.chains:
        if chain.removed:
            removed[chain.assessment_id].add(chain.chain_id)
    return [
        DraftView(
            id=a.id,
            team_slug=team.slug,
            team_name=team.name,
            period=a.period,
            questionnaire_id=a.questionnaire_id,
            questionnaire_version=a.questionnaire_version,
            status=a.status,
            revision=a.revision,
            version=a.version,
            answers=dict(answers.get(a.id, {})),
            removed_chains=frozenset(removed.get(a.id, set())),
            created_by=a.created_by,
            created_at=a.created_at,
            updated_by=a.updated_by,
            updated_at=a.updated_at,
            submitted_by=a.submitted_by,
            submitted_at=a.submitted_at,
            catalogue_id=a.catalogue_id,
            catalogue_version=a.catalogue_version,
            carried=dict(carried.get(a.id, {})),
        )
        for a, team in rows
    ]
