"""The drafting part of the service: open, answer, prefill and submit an assessment.

Every write names the version it was based on. A write based on an old version is not applied
but kept in `conflicting_edits`, so two people editing one draft never silently lose work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from assessments.content.answers import AnswerEntry
from assessments.content.draft_rules import (
    check_answer,
    check_chain,
    check_period,
    conflict_message,
    is_valid_answer,
    missing_answers,
)
from assessments.content.migration import Fate, Migration, QuestionFate, carry_forward
from assessments.errors import ConflictError, ImmutableError, IncompleteError, NotFoundError
from assessments.service.core import ServiceCore
from assessments.service.org_structure import find_team
from assessments.storage import audit
from assessments.storage.audit import AuditAction
from assessments.storage.repository import SqlRepository, draft_views, entry_of
from assessments.storage.tables import DRAFT, SUBMITTED, AnswerRow, AssessmentRow, ChainStateRow
from assessments.storage.views import ConflictingEditView, DraftView

IMMUTABLE_MESSAGE = "Submitted assessments cannot change; open a new revision"

Change = Callable[[SqlRepository, AssessmentRow, datetime], dict[str, Any]]


def draft_view(repo: SqlRepository, row: AssessmentRow) -> DraftView:
    """The view of one assessment row with its answers and chain states."""
    return draft_views([(row, repo.team_of(row))], repo.stored_answers([row.id]))[0]


class DraftCommands(ServiceCore):
    """Drafts: the writes a team makes while it assesses itself."""

    def open_draft(self, team_slug: str, period: str, *, actor: str) -> DraftView:
        """The team's open draft for the period, created (or copied from a submission) if none."""
        check_period(period)
        try:
            return self._open_draft(team_slug, period, actor)
        except IntegrityError:
            # Someone else created the same revision a moment ago; theirs is the draft.
            return self._open_draft(team_slug, period, actor)

    def _open_draft(self, team_slug: str, period: str, actor: str) -> DraftView:
        with self.unit_of_work() as repo:
            team, _ = find_team(repo, team_slug)
            latest = repo.latest_revision(team.id, period)
            if latest is not None and latest.status == DRAFT:
                return draft_view(repo, latest)
            now = self._now()
            questionnaire, catalogue = self._content.questionnaire, self._content.catalogue
            row = repo.add_assessment(
                team_id=team.id,
                period=period,
                questionnaire_id=questionnaire.id,
                questionnaire_version=questionnaire.version,
                catalogue_id=catalogue.id,
                catalogue_version=catalogue.version,
                status=DRAFT,
                revision=1 if latest is None else latest.revision + 1,
                version=1,
                created_by=actor,
                created_at=now,
                updated_by=actor,
                updated_at=now,
            )
            copied = {} if latest is None else self._copy(repo, latest, row)
            audit.record(
                repo.session,
                at=now,
                actor=actor,
                action=AuditAction.DRAFT_CREATE,
                entity="assessment",
                entity_id=row.id,
                details={
                    "team": team_slug,
                    "period": period,
                    "revision": row.revision,
                    "copied_from": None if latest is None else latest.id,
                    **copied,
                },
            )
            return draft_view(repo, row)

    def get_assessment(self, assessment_id: int) -> DraftView:
        """One assessment, draft or submitted."""
        with self.unit_of_work() as repo:
            return draft_view(repo, _assessment(repo, assessment_id))

    def save_answer(
        self,
        assessment_id: int,
        question_id: str,
        entry: AnswerEntry | None,
        *,
        expected_version: int,
        actor: str,
    ) -> DraftView:
        """Save (or with `entry=None`, clear) one answer of a draft."""
        check_answer(self._content.questionnaire, question_id, entry)

        def change(repo: SqlRepository, row: AssessmentRow, _now: datetime) -> dict[str, Any]:
            if entry is None:
                repo.delete_answer(row.id, question_id)
            else:
                repo.put_answer(row.id, question_id, entry)
            return {"question": question_id, "entry": _dump(entry)}

        action = AuditAction.ANSWER_CLEAR if entry is None else AuditAction.ANSWER_SAVE
        return self._write(
            assessment_id,
            expected_version,
            actor,
            action,
            question_id,
            {"entry": _dump(entry)},
            f"your change to {question_id}",
            change,
        )

    def set_chain_state(
        self, assessment_id: int, chain_id: str, removed: bool, *, expected_version: int, actor: str
    ) -> DraftView:
        """Mark an approval chain removed (or back in place) for the team."""
        check_chain(self._content.catalogue, chain_id)

        def change(repo: SqlRepository, row: AssessmentRow, _now: datetime) -> dict[str, Any]:
            repo.put_chain_state(row.id, chain_id, removed)
            return {"chain": chain_id, "removed": removed}

        return self._write(
            assessment_id,
            expected_version,
            actor,
            AuditAction.CHAIN_SET,
            chain_id,
            {"removed": removed},
            f"your change to {chain_id}",
            change,
        )

    def prefill_from_previous(
        self, assessment_id: int, *, expected_version: int, actor: str
    ) -> DraftView:
        """Fill unanswered questions and unset chains from the last earlier submission."""

        def change(repo: SqlRepository, row: AssessmentRow, _now: datetime) -> dict[str, Any]:
            source = repo.latest_submitted(row.team_id, before=row.period)
            if source is None:
                raise NotFoundError(
                    f"no submitted assessment of {repo.team_of(row).name} before {row.period}"
                    " to prefill from"
                )
            copied = self._copy(repo, source, row)
            return {"source": source.id, "source_period": source.period, **copied}

        return self._write(
            assessment_id,
            expected_version,
            actor,
            AuditAction.DRAFT_PREFILL,
            "",
            {},
            "your prefill from the previous period",
            change,
        )

    def submit(self, assessment_id: int, *, expected_version: int, actor: str) -> DraftView:
        """Submit a complete draft; it cannot change afterwards."""

        def change(repo: SqlRepository, row: AssessmentRow, now: datetime) -> dict[str, Any]:
            answered = {a.question_id for a in repo.stored_answers([row.id]).answers}
            missing = missing_answers(self._content.questionnaire, answered)
            if missing:
                raise IncompleteError(missing)
            repo.mark_submitted(row.id, actor, now)
            repo.session.refresh(row)
            return {"team": repo.team_of(row).slug, "period": row.period, "revision": row.revision}

        return self._write(
            assessment_id,
            expected_version,
            actor,
            AuditAction.ASSESSMENT_SUBMIT,
            "",
            {},
            "your submission",
            change,
        )

    def conflicting_edits(self, assessment_id: int) -> list[ConflictingEditView]:
        """Writes to this assessment that lost a race and were kept aside, oldest first."""
        with self.unit_of_work() as repo:
            return [
                ConflictingEditView(
                    id=row.id,
                    assessment_id=row.assessment_id,
                    action=row.action,
                    target=row.target,
                    payload=dict(row.payload),
                    actor=row.actor,
                    expected_version=row.expected_version,
                    found_version=row.found_version,
                    found_updated_by=row.found_updated_by,
                    found_updated_at=row.found_updated_at,
                    created_at=row.created_at,
                    entry=_entry_of_payload(row.payload),
                )
                for row in repo.conflicting_edits(assessment_id)
            ]

    def _write(
        self,
        assessment_id: int,
        expected_version: int,
        actor: str,
        action: AuditAction,
        target: str,
        payload: dict[str, Any],
        what: str,
        change: Change,
    ) -> DraftView:
        with self.unit_of_work() as repo:
            now = self._now()
            if repo.claim_version(assessment_id, expected_version, actor, now):
                row = _assessment(repo, assessment_id)
                details = change(repo, row, now)
                audit.record(
                    repo.session,
                    at=now,
                    actor=actor,
                    action=action,
                    entity="assessment",
                    entity_id=assessment_id,
                    details={**details, "version": row.version},
                )
                return draft_view(repo, row)
            row = _assessment(repo, assessment_id)
            if row.status == SUBMITTED:
                raise ImmutableError(IMMUTABLE_MESSAGE)
            kept = repo.add_conflicting_edit(
                assessment_id=assessment_id,
                action=action.value,
                target=target,
                payload=payload,
                actor=actor,
                expected_version=expected_version,
                found_version=row.version,
                found_updated_by=row.updated_by,
                found_updated_at=row.updated_at,
                created_at=now,
            )
            audit.record(
                repo.session,
                at=now,
                actor=actor,
                action=AuditAction.CONFLICT_KEPT,
                entity="assessment",
                entity_id=assessment_id,
                details={
                    "conflicting_edit": kept.id,
                    "attempted": action.value,
                    "target": target,
                    "expected_version": expected_version,
                    "found_version": row.version,
                },
            )
            conflict = ConflictError(conflict_message(row.updated_by, row.updated_at, what))
        # Raised after the commit, so the kept edit and its audit entry are saved.
        raise conflict

    def prefill_plan(self, assessment_id: int) -> PrefillPlan | None:
        """What a prefill of this draft brings from the last earlier submission, question by
        question (carried, mapped, needs a fresh answer); None when there is nothing before."""
        with self.unit_of_work() as repo:
            row = _assessment(repo, assessment_id)
            source = repo.latest_submitted(row.team_id, before=row.period)
            if source is None:
                return None
            stored = repo.stored_answers([source.id])
            answers = {a.question_id: entry_of(a) for a in stored.answers}
            migration = self._carried(source, row, answers)
            return PrefillPlan(source.period, source.questionnaire_version, migration.fates)

    def _carried(
        self, source: AssessmentRow, target: AssessmentRow, answers: dict[str, AnswerEntry]
    ) -> Migration:
        library = self.library
        old = library.content_for(
            (source.questionnaire_id, source.questionnaire_version), None
        ).questionnaire
        new = library.content_for(
            (target.questionnaire_id, target.questionnaire_version), None
        ).questionnaire
        steps = library.map_chain(new.id, old.version, new.version) if old.id == new.id else None
        return carry_forward(old, new, steps, answers)

    def _copy(
        self, repo: SqlRepository, source: AssessmentRow, target: AssessmentRow
    ) -> dict[str, Any]:
        """Copy answers (through the migration map when the version changed) and chain states
        the target does not have yet; counts what was carried, mapped and left for a fresh
        answer."""
        source_id, target_id = source.id, target.id
        stored = repo.stored_answers([source_id, target_id])
        answered = {a.question_id for a in stored.answers if a.assessment_id == target_id}
        chains_set = {c.chain_id for c in stored.chains if c.assessment_id == target_id}
        known_chains = {c.id for c in self._content.catalogue.chains}
        questionnaire = self._content.questionnaire
        given = {a.question_id: entry_of(a) for a in stored.answers if a.assessment_id == source_id}
        migration = self._carried(source, target, given)
        answers = [
            {"assessment_id": target_id, "question_id": question_id, **entry.model_dump()}
            for question_id, entry in migration.answers.items()
            if question_id not in answered and is_valid_answer(questionnaire, question_id, entry)
        ]
        chains = [
            {"assessment_id": target_id, "chain_id": c.chain_id, "removed": c.removed}
            for c in stored.chains
            if c.assessment_id == source_id
            and c.chain_id not in chains_set
            and c.chain_id in known_chains
        ]
        repo.bulk_insert(AnswerRow, answers)
        repo.bulk_insert(ChainStateRow, chains)
        return {
            "answers_copied": len(answers),
            "chains_copied": len(chains),
            "carried": migration.count(Fate.CARRIED),
            "mapped": migration.count(Fate.MAPPED),
            "fresh": migration.count(Fate.FRESH),
        }


@dataclass(frozen=True)
class PrefillPlan:
    """What a prefill brings: from which period and version, and each question's fate."""

    source_period: str
    source_version: str
    fates: tuple[QuestionFate, ...]


def _assessment(repo: SqlRepository, assessment_id: int) -> AssessmentRow:
    row = repo.assessment(assessment_id)
    if row is None:
        raise NotFoundError(f"no assessment with id {assessment_id}")
    return row


def _answer_values(assessment_id: int, row: AnswerRow) -> dict[str, Any]:
    return {
        "assessment_id": assessment_id,
        "question_id": row.question_id,
        "value": row.value,
        "not_applicable": row.not_applicable,
        "dont_know": row.dont_know,
        "evidence": row.evidence,
        "note": row.note,
    }


def _dump(entry: AnswerEntry | None) -> dict[str, Any] | None:
    return None if entry is None else entry.model_dump()


def _entry_of_payload(payload: dict[str, Any]) -> AnswerEntry | None:
    raw = payload.get("entry")
    return None if raw is None else AnswerEntry.model_validate(raw)
