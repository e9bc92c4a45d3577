"""SqlRepository: every query the service needs, over one unit of work's session.

It hands out frozen views and records (`assessments/storage/views.py`), never ORM rows, so
the service above it holds no SQL and can run over any repository with the same methods
(`assessments/storage/contract.py`; the tests keep an in-memory one).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Select, func, insert, select, update
from sqlalchemy.orm import Session

from assessments.access import Grant
from assessments.content.answers import AnswerEntry
from assessments.storage import answer_rows, audit, role_rows, snapshots, transfer_rows
from assessments.storage.audit import AuditEntryView, AuditRecorder
from assessments.storage.conflicting_edit_rows import ConflictingEditRows
from assessments.storage.content_versions import ContentVersionStore
from assessments.storage.evidence_scans import EvidenceScanRows
from assessments.storage.incidents import IncidentRepository
from assessments.storage.removal_requests import RemovalRequestRepository
from assessments.storage.rows import (
    draft_views,
    entry_of,
    latest_submitted_ids,
    record_of,
    stored_answers,
    team_view,
    unit_view,
    with_team_and_unit,
)
from assessments.storage.tables import (
    AssessmentRow,
    OrgUnitRow,
    TeamRow,
)
from assessments.storage.views import (
    DRAFT,
    SUBMITTED,
    AssessmentRecord,
    DraftView,
    OrgHistory,
    PeriodSnapshot,
    RoleAssignmentView,
    TeamView,
    UnitView,
)


class SqlRepository(EvidenceScanRows, ConflictingEditRows):
    """Reads and writes rows; knows SQL, not rules (the service enforces those).

    Attributes:
        audit: records audit entries in this unit of work, its actor and time bound.
    """

    def __init__(self, session: Session, recorder: AuditRecorder) -> None:
        self._session = session
        self.audit = recorder
        self.removal_requests = RemovalRequestRepository(session)
        self.incidents = IncidentRepository(session)

    @property
    def now(self) -> datetime:
        """When this unit of work started (UTC); every timestamp it writes uses it."""
        return self.audit.at

    # --- org -------------------------------------------------------------------

    def units(self) -> list[UnitView]:
        """Every unit, by name."""
        rows = self._session.scalars(select(OrgUnitRow).order_by(OrgUnitRow.name))
        return [unit_view(row) for row in rows]

    def unit(self, slug: str) -> UnitView | None:
        """The unit with this slug, if any."""
        row = self._session.scalar(select(OrgUnitRow).where(OrgUnitRow.slug == slug))
        return None if row is None else unit_view(row)

    def add_unit(self, slug: str, name: str) -> UnitView:
        """Insert a unit and return it with its id."""
        row = OrgUnitRow(slug=slug, name=name, created_at=self.now)
        self._session.add(row)
        self._session.flush()
        return unit_view(row)

    def rename_unit(self, slug: str, name: str) -> None:
        """Give an existing unit a new name."""
        self._session.execute(update(OrgUnitRow).where(OrgUnitRow.slug == slug).values(name=name))

    def teams(self, unit_slug: str | None = None) -> list[TeamView]:
        """Teams with their units, sorted by unit name, then team name."""
        query = (
            select(TeamRow, OrgUnitRow)
            .join(OrgUnitRow, TeamRow.unit_id == OrgUnitRow.id)
            .order_by(OrgUnitRow.name, TeamRow.name, TeamRow.slug)
        )
        if unit_slug is not None:
            query = query.where(OrgUnitRow.slug == unit_slug)
        return [team_view(team, unit) for team, unit in self._session.execute(query)]

    def team(self, slug: str) -> TeamView | None:
        """The team with this slug and its unit, if any."""
        query = (
            select(TeamRow, OrgUnitRow)
            .join(OrgUnitRow, TeamRow.unit_id == OrgUnitRow.id)
            .where(TeamRow.slug == slug)
        )
        found = self._session.execute(query).first()
        return None if found is None else team_view(found[0], found[1])

    def add_team(self, slug: str, name: str, unit_id: int) -> int:
        """Insert a team and return its id."""
        row = TeamRow(slug=slug, name=name, unit_id=unit_id, created_at=self.now)
        self._session.add(row)
        self._session.flush()
        return row.id

    def move_team(self, slug: str, name: str, unit_id: int) -> None:
        """Rename a team and put it in a unit."""
        statement = update(TeamRow).where(TeamRow.slug == slug).values(name=name, unit_id=unit_id)
        self._session.execute(statement)

    def team_count(self) -> int:
        """How many teams exist."""
        return self._session.scalar(select(func.count()).select_from(TeamRow)) or 0

    def periods(self) -> list[str]:
        """Every period with any assessment, ascending."""
        query = select(AssessmentRow.period).distinct().order_by(AssessmentRow.period)
        return list(self._session.scalars(query))

    # --- assessments -----------------------------------------------------------

    def assessment(self, assessment_id: int) -> AssessmentRecord | None:
        """One assessment's bookkeeping, freshly read, if it exists."""
        query = select(AssessmentRow).where(AssessmentRow.id == assessment_id)
        row = self._session.scalar(query.execution_options(populate_existing=True))
        return None if row is None else record_of(row)

    def team_slug_of(self, assessment_id: int) -> str | None:
        """The slug of the team an assessment belongs to (one light query), if it exists."""
        query = (
            select(TeamRow.slug)
            .join(AssessmentRow, AssessmentRow.team_id == TeamRow.id)
            .where(AssessmentRow.id == assessment_id)
        )
        return self._session.scalar(query)

    def latest_revision(self, team_id: int, period: str) -> AssessmentRecord | None:
        """The highest revision (draft or submitted) for a team and period."""
        query = (
            select(AssessmentRow)
            .where(AssessmentRow.team_id == team_id, AssessmentRow.period == period)
            .order_by(AssessmentRow.revision.desc())
            .limit(1)
        )
        row = self._session.scalar(query)
        return None if row is None else record_of(row)

    def latest_submitted(
        self, team_id: int, *, period: str | None = None, before: str | None = None
    ) -> AssessmentRecord | None:
        """The newest submitted revision in `period`, or in the latest period before `before`."""
        query = select(AssessmentRow).where(
            AssessmentRow.team_id == team_id, AssessmentRow.status == SUBMITTED
        )
        if period is not None:
            query = query.where(AssessmentRow.period == period)
        if before is not None:
            query = query.where(AssessmentRow.period < before)
        query = query.order_by(AssessmentRow.period.desc(), AssessmentRow.revision.desc())
        row = self._session.scalar(query.limit(1))
        return None if row is None else record_of(row)

    def add_draft(
        self,
        team_id: int,
        period: str,
        revision: int,
        questionnaire: tuple[str, str],
        catalogue: tuple[str, str] | None = None,
    ) -> int:
        """Insert a draft (version 1) by this unit of work's actor, answered on these
        questionnaire and catalogue versions; returns its id."""
        questionnaire_id, questionnaire_version = questionnaire
        catalogue_id, catalogue_version = catalogue or (None, None)
        actor, now = self.audit.actor, self.now
        row = AssessmentRow(
            team_id=team_id,
            period=period,
            questionnaire_id=questionnaire_id,
            questionnaire_version=questionnaire_version,
            catalogue_id=catalogue_id,
            catalogue_version=catalogue_version,
            status=DRAFT,
            revision=revision,
            version=1,
            created_by=actor,
            created_at=now,
            updated_by=actor,
            updated_at=now,
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def claim_version(self, assessment_id: int, expected_version: int) -> bool:
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
            .values(
                version=AssessmentRow.version + 1, updated_by=self.audit.actor, updated_at=self.now
            )
            .execution_options(synchronize_session=False)
        )
        # An UPDATE runs through a cursor; Session.execute's stubs only say Result.
        result = cast("CursorResult[Any]", self._session.execute(statement))
        return result.rowcount == 1

    def mark_submitted(self, assessment_id: int) -> None:
        """Set an assessment's status to submitted, by this unit of work's actor, now."""
        statement = (
            update(AssessmentRow)
            .where(AssessmentRow.id == assessment_id)
            .values(status=SUBMITTED, submitted_by=self.audit.actor, submitted_at=self.now)
            .execution_options(synchronize_session=False)
        )
        self._session.execute(statement)

    def draft_view(self, assessment_id: int) -> DraftView:
        """One assessment with its answers and chain states."""
        return self._draft_views([assessment_id])[0]

    def team_history(self, team_id: int) -> list[DraftView]:
        """The team's newest submitted revision per period, oldest period first."""
        return self._draft_views(latest_submitted_ids().where(AssessmentRow.team_id == team_id))

    def _draft_views(self, ids: Select[int] | Sequence[int]) -> list[DraftView]:
        query = with_team_and_unit(ids, AssessmentRow, TeamRow)
        # Fresh rows: a version bump or submission in this unit of work went out as UPDATE.
        fresh = query.execution_options(populate_existing=True)
        rows = [(a, t) for a, t in self._session.execute(fresh)]
        stored = stored_answers(self._session, [a.id for a, _ in rows])
        return draft_views(rows, stored)

    # --- answers and chain states ----------------------------------------------

    def answers_of(self, assessment_id: int) -> dict[str, AnswerEntry]:
        """The answers of one assessment, by question id."""
        answers = stored_answers(self._session, [assessment_id]).answers
        return {a.question_id: entry_of(a) for a in answers}

    def chain_states_of(self, assessment_id: int) -> dict[str, bool]:
        """Every chain state set in one assessment: chain id → removed."""
        chains = stored_answers(self._session, [assessment_id]).chains
        return {c.chain_id: c.removed for c in chains}

    def put_answer(self, assessment_id: int, question_id: str, entry: AnswerEntry) -> None:
        """Insert or replace one answer."""
        answer_rows.put_answer(self._session, assessment_id, question_id, entry)

    def delete_answer(self, assessment_id: int, question_id: str) -> None:
        """Remove one answer, if there is one."""
        answer_rows.delete_answer(self._session, assessment_id, question_id)

    def put_chain_state(self, assessment_id: int, chain_id: str, removed: bool) -> None:
        """Insert or replace one chain state."""
        answer_rows.put_chain_state(self._session, assessment_id, chain_id, removed)

    def add_answers(
        self,
        assessment_id: int,
        answers: Mapping[str, AnswerEntry],
        carried_from: str | None = None,
    ) -> None:
        """Insert answers the assessment does not have yet, in one round (marked carried from
        `carried_from` when a prefill copied them)."""
        answer_rows.add_answers(self._session, assessment_id, answers, carried_from)

    def carried_of(self, assessment_id: int) -> dict[str, str]:
        """Carried answers not yet confirmed: question id → the period they came from."""
        return answer_rows.carried_of(self._session, assessment_id)

    def confirm_answers(self, assessment_id: int, question_ids: Collection[str]) -> None:
        """Clear the carried marks of these answers."""
        answer_rows.confirm_answers(self._session, assessment_id, question_ids)

    def add_chain_states(self, assessment_id: int, chains: Mapping[str, bool]) -> None:
        """Insert chain states the assessment does not have yet, in one round."""
        answer_rows.add_chain_states(self._session, assessment_id, chains)

    def insert_rows(self, table: type[Any], rows: list[dict[str, Any]]) -> None:
        """Insert many rows of a table in one executemany round (storage modules: seeding)."""
        answer_rows.insert_rows(self._session, table, rows)

    def insert_rows_returning_ids(self, table: type[Any], rows: list[dict[str, Any]]) -> list[int]:
        """Insert many rows of a table and return their ids in the order given (seeding)."""
        if not rows:
            return []
        statement = (
            insert(table)
            .returning(table.id, sort_by_parameter_order=True)
            .execution_options(render_nulls=True)
        )
        return list(self._session.scalars(statement, rows))

    # --- org-wide reads ----------------------------------------------------------

    def period_snapshot(self, period: str, history: OrgHistory | None = None) -> PeriodSnapshot:
        """Every team in the period with its latest submission, and frames for `score_org`
        (its answers taken from `history` when that holds them)."""
        return snapshots.period_snapshot(self._session, period, history)

    def org_history(self, period: str | None = None) -> OrgHistory:
        """The latest submission of every team in every period (or one), for `score_org`."""
        return snapshots.org_history(self._session, period)

    # --- audit log -------------------------------------------------------------

    def audit_entries(
        self,
        *,
        limit: int,
        actor: str | None = None,
        action: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[AuditEntryView]:
        """The newest audit entries first, optionally for one actor or action, in [since, until)."""
        return audit.entries(
            self._session, limit=limit, actor=actor, action=action, since=since, until=until
        )

    def audit_actors(self) -> list[str]:
        """Everyone who has written anything, alphabetically."""
        return audit.actors(self._session)

    def data_version(self, name: str) -> str:
        """One data version (`audit.EVERY_WRITE` or `audit.ORG_WRITES`): one row read."""
        return audit.data_version(self._session, name)

    def period_version(self, period: str) -> str:
        """What a cached table of `period` depends on (see `audit.period_version`)."""
        return audit.period_version(self._session, period)

    # --- roles -------------------------------------------------------------------

    def role_assignments(self, email: str | None = None) -> list[RoleAssignmentView]:
        """Every grant (or one email's), by email, role and scope."""
        return role_rows.assignments(self._session, email)

    def add_role_assignment(self, email: str, grant: Grant, source: str) -> RoleAssignmentView:
        """Give one grant to one email, by this unit of work's actor, now."""
        return role_rows.add(self._session, email, grant, source, self.audit.actor, self.now)

    def remove_role_assignments(self, ids: Sequence[int]) -> None:
        """Take grants away by id."""
        role_rows.remove(self._session, ids)

    def admin_count(self) -> int:
        """How many admin grants exist."""
        return role_rows.admin_count(self._session)

    # --- data export and import ----------------------------------------------------

    def org_counts(self) -> dict[str, int]:
        """How many units, teams and assessments the database holds."""
        return transfer_rows.org_counts(self._session)

    def content_version_hashes(self) -> dict[tuple[str, str, str], str]:
        """SHA-256 of every stored content version by (kind, id, version)."""
        return {
            (v.kind.value, v.content_id, v.version): v.sha256
            for v in ContentVersionStore(self._session).all()
        }

    def export_records(self) -> dict[str, list[dict[str, Any]]]:
        """Every record, as plain data in the export's shape (ids kept)."""
        return transfer_rows.records(self._session)

    def import_records(self, records: transfer_rows.ImportRows) -> None:
        """Insert exported records, keeping their ids (audit entries are appended)."""
        transfer_rows.insert_records(self._session, records)
