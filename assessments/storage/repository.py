"""SqlRepository: every query the service needs, over one SQLAlchemy session."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, delete, func, insert, select, update
from sqlalchemy.orm import Session

from assessments.content.answers import AnswerEntry
from assessments.storage.tables import (
    DRAFT,
    SUBMITTED,
    AnswerRow,
    AssessmentRow,
    ChainStateRow,
    ConflictingEditRow,
    OrgUnitRow,
    TeamRow,
)
from assessments.storage.views import DraftView


@dataclass(frozen=True)
class StoredAnswers:
    """Answers and chain states of a set of assessments, as loaded by one query each."""

    answers: list[AnswerRow]
    chains: list[ChainStateRow]


class SqlRepository:
    """Reads and writes rows; knows SQL, not rules (the service enforces those)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # --- org -------------------------------------------------------------------

    def units(self) -> list[OrgUnitRow]:
        """Every unit, by name."""
        return list(self.session.scalars(select(OrgUnitRow).order_by(OrgUnitRow.name)))

    def unit(self, slug: str) -> OrgUnitRow | None:
        """The unit with this slug, if any."""
        return self.session.scalar(select(OrgUnitRow).where(OrgUnitRow.slug == slug))

    def add_unit(self, slug: str, name: str, at: datetime) -> OrgUnitRow:
        """Insert a unit and return it with its id."""
        row = OrgUnitRow(slug=slug, name=name, created_at=at)
        self.session.add(row)
        self.session.flush()
        return row

    def teams(self, unit_slug: str | None = None) -> list[tuple[TeamRow, OrgUnitRow]]:
        """Teams with their units, sorted by unit name, then team name."""
        query = (
            select(TeamRow, OrgUnitRow)
            .join(OrgUnitRow, TeamRow.unit_id == OrgUnitRow.id)
            .order_by(OrgUnitRow.name, TeamRow.name, TeamRow.slug)
        )
        if unit_slug is not None:
            query = query.where(OrgUnitRow.slug == unit_slug)
        return [(team, unit) for team, unit in self.session.execute(query)]

    def team(self, slug: str) -> tuple[TeamRow, OrgUnitRow] | None:
        """The team with this slug and its unit, if any."""
        query = (
            select(TeamRow, OrgUnitRow)
            .join(OrgUnitRow, TeamRow.unit_id == OrgUnitRow.id)
            .where(TeamRow.slug == slug)
        )
        found = self.session.execute(query).first()
        return None if found is None else (found[0], found[1])

    def add_team(self, slug: str, name: str, unit_id: int, at: datetime) -> TeamRow:
        """Insert a team and return it with its id."""
        row = TeamRow(slug=slug, name=name, unit_id=unit_id, created_at=at)
        self.session.add(row)
        self.session.flush()
        return row

    def team_count(self) -> int:
        """How many teams exist."""
        return self.session.scalar(select(func.count()).select_from(TeamRow)) or 0

    def periods(self) -> list[str]:
        """Every period with any assessment, ascending."""
        query = select(AssessmentRow.period).distinct().order_by(AssessmentRow.period)
        return list(self.session.scalars(query))

    # --- assessments -----------------------------------------------------------

    def assessment(self, assessment_id: int) -> AssessmentRow | None:
        """One assessment row, freshly read, if it exists."""
        query = select(AssessmentRow).where(AssessmentRow.id == assessment_id)
        return self.session.scalar(query.execution_options(populate_existing=True))

    def team_of(self, assessment: AssessmentRow) -> TeamRow:
        """The team an assessment belongs to."""
        team = self.session.get(TeamRow, assessment.team_id)
        assert team is not None  # the foreign key guarantees it
        return team

    def latest_revision(self, team_id: int, period: str) -> AssessmentRow | None:
        """The highest revision (draft or submitted) for a team and period."""
        query = (
            select(AssessmentRow)
            .where(AssessmentRow.team_id == team_id, AssessmentRow.period == period)
            .order_by(AssessmentRow.revision.desc())
            .limit(1)
        )
        return self.session.scalar(query)

    def latest_submitted(
        self, team_id: int, *, period: str | None = None, before: str | None = None
    ) -> AssessmentRow | None:
        """The newest submitted revision in `period`, or in the latest period before `before`."""
        query = select(AssessmentRow).where(
            AssessmentRow.team_id == team_id, AssessmentRow.status == SUBMITTED
        )
        if period is not None:
            query = query.where(AssessmentRow.period == period)
        if before is not None:
            query = query.where(AssessmentRow.period < before)
        query = query.order_by(AssessmentRow.period.desc(), AssessmentRow.revision.desc())
        return self.session.scalar(query.limit(1))

    def add_assessment(self, **values: Any) -> AssessmentRow:
        """Insert an assessment and return it with its id."""
        row = AssessmentRow(**values)
        self.session.add(row)
        self.session.flush()
        return row

    def claim_version(
        self, assessment_id: int, expected_version: int, actor: str, at: datetime
    ) -> bool:
        """Bump the draft's version if it is still `expected_version`; False if not.

        One atomic UPDATE, so two writers racing on PostgreSQL cannot both win.
        """
        statement = (
            update(AssessmentRow)
            .where(
                AssessmentRow.id == assessment_id,
                AssessmentRow.version == expected_version,
                AssessmentRow.status == DRAFT,
            )
            .values(version=AssessmentRow.version + 1, updated_by=actor, updated_at=at)
            .execution_options(synchronize_session=False)
        )
        return self.session.execute(statement).rowcount == 1  # type: ignore[attr-defined]

    def mark_submitted(self, assessment_id: int, actor: str, at: datetime) -> None:
        """Set an assessment's status to submitted, by whom and when."""
        statement = (
            update(AssessmentRow)
            .where(AssessmentRow.id == assessment_id)
            .values(status=SUBMITTED, submitted_by=actor, submitted_at=at)
            .execution_options(synchronize_session=False)
        )
        self.session.execute(statement)

    def latest_submitted_query(self, period: str | None = None) -> Select[int]:
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

    def assessments_with_teams(
        self, ids: Select[int] | Sequence[int]
    ) -> list[tuple[AssessmentRow, TeamRow, OrgUnitRow]]:
        """Assessments with their team and unit, by period then team slug."""
        query = with_team_and_unit(ids, AssessmentRow, TeamRow, OrgUnitRow)
        return [(a, t, u) for a, t, u in self.session.execute(query)]

    def team_ids_with_draft(self, period: str) -> set[int]:
        """Ids of teams with an open draft in the period."""
        query = select(AssessmentRow.team_id).where(
            AssessmentRow.period == period, AssessmentRow.status == DRAFT
        )
        return set(self.session.scalars(query))

    # --- answers and chain states ----------------------------------------------

    def stored_answers(self, ids: Select[int] | Sequence[int]) -> StoredAnswers:
        """Answers and chain states of the given assessments, one query each."""
        answers = select(AnswerRow).where(AnswerRow.assessment_id.in_(ids))
        chains = select(ChainStateRow).where(ChainStateRow.assessment_id.in_(ids))
        return StoredAnswers(
            answers=list(self.session.scalars(answers.order_by(AnswerRow.id))),
            chains=list(self.session.scalars(chains.order_by(ChainStateRow.id))),
        )

    def put_answer(self, assessment_id: int, question_id: str, entry: AnswerEntry) -> None:
        """Insert or replace one answer."""
        existing = self.session.scalar(
            select(AnswerRow).where(
                AnswerRow.assessment_id == assessment_id, AnswerRow.question_id == question_id
            )
        )
        row = existing or AnswerRow(assessment_id=assessment_id, question_id=question_id)
        row.value = entry.value
        row.not_applicable = entry.not_applicable
        row.dont_know = entry.dont_know
        row.evidence = entry.evidence
        row.note = entry.note
        self.session.add(row)
        self.session.flush()

    def delete_answer(self, assessment_id: int, question_id: str) -> None:
        """Remove one answer, if there is one."""
        self.session.execute(
            delete(AnswerRow).where(
                AnswerRow.assessment_id == assessment_id, AnswerRow.question_id == question_id
            )
        )

    def put_chain_state(self, assessment_id: int, chain_id: str, removed: bool) -> None:
        """Insert or replace one chain state."""
        existing = self.session.scalar(
            select(ChainStateRow).where(
                ChainStateRow.assessment_id == assessment_id, ChainStateRow.chain_id == chain_id
            )
        )
        row = existing or ChainStateRow(assessment_id=assessment_id, chain_id=chain_id)
        row.removed = removed
        self.session.add(row)
        self.session.flush()

    def bulk_insert(self, table: type[Any], rows: Iterable[dict[str, Any]]) -> None:
        """Insert many rows in one executemany round (seeding, revision copies)."""
        batch = list(rows)
        if batch:
            # render_nulls keeps every row's column set the same, so the rows go out as one
            # executemany instead of splitting wherever a value is None (4x on PostgreSQL).
            self.session.execute(insert(table).execution_options(render_nulls=True), batch)

    def bulk_insert_returning_ids(self, table: type[Any], rows: list[dict[str, Any]]) -> list[int]:
        """Insert many rows and return their ids in the order given."""
        if not rows:
            return []
        statement = (
            insert(table)
            .returning(table.id, sort_by_parameter_order=True)
            .execution_options(render_nulls=True)
        )
        return list(self.session.scalars(statement, rows))

    # --- conflicting edits -----------------------------------------------------

    def add_conflicting_edit(self, **values: Any) -> ConflictingEditRow:
        """Keep a refused write aside."""
        row = ConflictingEditRow(**values)
        self.session.add(row)
        self.session.flush()
        return row

    def conflicting_edits(self, assessment_id: int) -> list[ConflictingEditRow]:
        """Writes kept aside for an assessment, oldest first."""
        query = (
            select(ConflictingEditRow)
            .where(ConflictingEditRow.assessment_id == assessment_id)
            .order_by(ConflictingEditRow.id)
        )
        return list(self.session.scalars(query))


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


def entry_of(row: AnswerRow) -> AnswerEntry:
    """The answer a stored row holds."""
    return AnswerEntry(
        value=row.value,
        not_applicable=row.not_applicable,
        dont_know=row.dont_know,
        evidence=row.evidence,
        note=row.note,
    )


def draft_views(
    rows: Iterable[tuple[AssessmentRow, TeamRow]], stored: StoredAnswers
) -> list[DraftView]:
    """Assemble views from assessment rows and their answers, without further queries."""
    answers: dict[int, dict[str, AnswerEntry]] = defaultdict(dict)
    for answer in stored.answers:
        answers[answer.assessment_id][answer.question_id] = entry_of(answer)
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
            catalogue_id=a.catalogue_id,
            catalogue_version=a.catalogue_version,
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
        )
        for a, team in rows
    ]
