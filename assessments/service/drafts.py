"""The drafting part of the service: open, answer and submit an assessment (prefilling and
confirming carried answers: `prefill.py`).

Every write names the version it was based on. A write based on an old version is not applied
but kept in `conflicting_edits`, so two people editing one draft never silently lose work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assessments.content.answers import AnswerEntry
from assessments.content.draft_rules import (
    check_answer,
    check_chain,
    check_period,
    conflict_message,
    is_valid_answer,
    missing_answers,
    submitted_message,
    unconfirmed_by_pillar,
)
from assessments.content.migration import Fate, Migration, carry_forward
from assessments.errors import (
    ConflictError,
    ImmutableError,
    IncompleteError,
    NotFoundError,
    UnconfirmedError,
)
from assessments.service.core import ServiceCore, find_team
from assessments.service.guard import ANYONE, TEAM_EDITOR, TeamAccess, allowed, draft_editor
from assessments.storage.audit import AuditAction
from assessments.storage.contract import ConstraintViolation, Repository
from assessments.storage.views import (
    DRAFT,
    SUBMITTED,
    AssessmentRecord,
    ConflictingEditView,
    DraftView,
)

IMMUTABLE_MESSAGE = "Submitted assessments cannot change; open a new revision"
OPEN_ATTEMPTS = 5
OPEN_RACE_MESSAGE = (
    "Others opened and submitted new revisions of this assessment at the same moment, several"
    " times over; nothing was created. Reload to see the latest revision, then try again."
)

Change = Callable[[Repository, AssessmentRecord], dict[str, Any]]


class DraftCommands(ServiceCore):
    """Drafts: the writes a team makes while it assesses itself."""

    @allowed(TEAM_EDITOR)
    def open_draft(self, team_slug: str, period: str, *, actor: str = "") -> DraftView:
        """The team's open draft for the period, created (or copied from a submission) if none."""
        check_period(period)
        for _attempt in range(OPEN_ATTEMPTS - 1):
            try:
                return self._open_draft(team_slug, period, actor)
            except ConstraintViolation:
                # Someone else created the same revision a moment ago: theirs is the draft,
                # or (if they submitted it at once) the next revision is to be created.
                continue
        try:
            return self._open_draft(team_slug, period, actor)
        except ConstraintViolation:
            raise ConflictError(OPEN_RACE_MESSAGE) from None

    def _open_draft(self, team_slug: str, period: str, actor: str) -> DraftView:
        with self.store.unit_of_work(actor) as repo:
            team = find_team(repo, team_slug)
            latest = repo.latest_revision(team.id, period)
            if latest is not None and latest.status == DRAFT:
                return repo.draft_view(latest.id)
            questionnaire, catalogue = self._content.questionnaire, self._content.catalogue
            revision = 1 if latest is None else latest.revision + 1
            draft_id = repo.add_draft(
                team.id,
                period,
                revision,
                (questionnaire.id, questionnaire.version),
                (catalogue.id, catalogue.version),
            )
            copied = (
                {} if latest is None else self._copy(repo, latest, find_assessment(repo, draft_id))
            )
            repo.audit.record(
                AuditAction.DRAFT_CREATE,
                "assessment",
                draft_id,
                {
                    "team": team_slug,
                    "period": period,
                    "revision": revision,
                    "copied_from": None if latest is None else latest.id,
                    **copied,
                },
                period=period,
            )
            return repo.draft_view(draft_id)

    @allowed(ANYONE)
    def get_assessment(self, assessment_id: int) -> DraftView:
        """One assessment: submitted ones for readers, drafts for the team's editors."""
        with self.store.unit_of_work() as repo:
            find_assessment(repo, assessment_id)
            view = repo.draft_view(assessment_id)
        if self.access.may_edit(view.team_slug):
            return view
        if not view.is_submitted:
            raise self.access.deny(f"read {view.team_slug}'s drafts")
        self.require_team_access(view.team_slug, TeamAccess.READ)
        return view

    @allowed(draft_editor("edit"))
    def save_answer(
        self,
        assessment_id: int,
        question_id: str,
        entry: AnswerEntry | None,
        *,
        expected_version: int,
        actor: str = "",
    ) -> DraftView:
        """Save (or with `entry=None`, clear) one answer of a draft."""
        check_answer(self._content.questionnaire, question_id, entry)

        def change(repo: Repository, draft: AssessmentRecord) -> dict[str, Any]:
            if entry is None:
                repo.delete_answer(draft.id, question_id)
            else:
                repo.put_answer(draft.id, question_id, entry)
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

    @allowed(draft_editor("edit"))
    def set_chain_state(
        self,
        assessment_id: int,
        chain_id: str,
        removed: bool,
        *,
        expected_version: int,
        actor: str = "",
    ) -> DraftView:
        """Mark an approval chain removed (or back in place) for the team."""
        check_chain(self._content.catalogue, chain_id)

        def change(repo: Repository, draft: AssessmentRecord) -> dict[str, Any]:
            repo.put_chain_state(draft.id, chain_id, removed)
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

    @allowed(draft_editor("submit"))
    def submit(self, assessment_id: int, *, expected_version: int, actor: str = "") -> DraftView:
        """Submit a complete draft with no carried answer left to confirm; it cannot change
        afterwards."""

        def change(repo: Repository, draft: AssessmentRecord) -> dict[str, Any]:
            questionnaire = self._content.questionnaire
            missing = missing_answers(questionnaire, set(repo.answers_of(draft.id)))
            if missing:
                raise IncompleteError(missing)
            carried = repo.carried_of(draft.id)
            if carried:
                raise UnconfirmedError(unconfirmed_by_pillar(questionnaire, carried))
            repo.mark_submitted(draft.id)
            team_slug = repo.team_slug_of(draft.id)
            return {"team": team_slug, "period": draft.period, "revision": draft.revision}

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

    @allowed(draft_editor("read the kept edits of"))
    def conflicting_edits(self, assessment_id: int) -> list[ConflictingEditView]:
        """Writes to this assessment that lost a race and were kept aside, oldest first."""
        with self.store.unit_of_work() as repo:
            return repo.conflicting_edits(assessment_id)

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
        with self.store.unit_of_work(actor) as repo:
            if repo.claim_version(assessment_id, expected_version):
                return _apply(repo, assessment_id, action, change)
            found = find_assessment(repo, assessment_id)
            if found.status == SUBMITTED and not target:
                raise ImmutableError(IMMUTABLE_MESSAGE)
            if (
                found.status == DRAFT
                and target
                and target not in (repo.changed_since(assessment_id, expected_version) or {target})
                and repo.claim_version(assessment_id, found.version)
            ):
                # Others changed other answers since: this one is still as its author saw it.
                return _apply(repo, assessment_id, action, change)
            refused = _keep_aside(repo, found, action, target, payload, expected_version, what)
        # Raised after the commit, so the kept edit and its audit entry are saved.
        raise refused

    def _carried(
        self,
        source: AssessmentRecord,
        target: AssessmentRecord,
        answers: dict[str, AnswerEntry],
    ) -> Migration:
        """The source's answers as they read on the target's questionnaire (through the map
        chain when the version changed), with each question's fate."""
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
        self,
        repo: Repository,
        source: AssessmentRecord,
        target: AssessmentRecord,
        carried_from: str | None = None,
    ) -> dict[str, int]:
        """Copy answers (through the migration map when the version changed) and chain states
        the target does not have yet; counts what was carried, mapped or left for a fresh
        answer. `carried_from` marks the copied answers as awaiting confirmation (a prefill
        from an earlier period; a new revision of a submission copies confirmed answers)."""
        source_id, target_id = source.id, target.id
        answered = repo.answers_of(target_id)
        chains_set = repo.chain_states_of(target_id)
        known_chains = {c.id for c in self._content.catalogue.chains}
        questionnaire = self._content.questionnaire
        migration = self._carried(source, target, repo.answers_of(source_id))
        answers = {
            qid: entry
            for qid, entry in migration.answers.items()
            if qid not in answered and is_valid_answer(questionnaire, qid, entry)
        }
        chains = {
            chain_id: removed
            for chain_id, removed in repo.chain_states_of(source_id).items()
            if chain_id not in chains_set and chain_id in known_chains
        }
        repo.add_answers(target_id, answers, carried_from)
        repo.add_chain_states(target_id, chains)
        return {
            "answers_copied": len(answers),
            "chains_copied": len(chains),
            "carried": migration.count(Fate.CARRIED),
            "mapped": migration.count(Fate.MAPPED),
            "fresh": migration.count(Fate.FRESH),
        }


def _apply(repo: Repository, assessment_id: int, action: AuditAction, change: Change) -> DraftView:
    draft = find_assessment(repo, assessment_id)
    details = change(repo, draft)
    repo.audit.record(
        action,
        "assessment",
        assessment_id,
        {**details, "version": draft.version},
        period=draft.period,
    )
    return repo.draft_view(assessment_id)


def _keep_aside(
    repo: Repository,
    found: AssessmentRecord,
    action: AuditAction,
    target: str,
    payload: dict[str, Any],
    expected_version: int,
    what: str,
) -> ConflictError | ImmutableError:
    """Keep a refused write where its author finds it again; the error to raise after."""
    kept = repo.add_conflicting_edit(found, action.value, target, payload, expected_version)
    repo.audit.record(
        AuditAction.CONFLICT_KEPT,
        "assessment",
        found.id,
        {
            "conflicting_edit": kept,
            "attempted": action.value,
            "target": target,
            "expected_version": expected_version,
            "found_version": found.version,
        },
    )
    if found.status == SUBMITTED:
        # The submission was the last write: its author and time are the revision's.
        return ImmutableError(
            submitted_message(found.revision, found.updated_by, found.updated_at, what)
        )
    return ConflictError(conflict_message(found.updated_by, found.updated_at, what))


def find_assessment(repo: Repository, assessment_id: int) -> AssessmentRecord:
    """The stored assessment; NotFoundError if there is none."""
    found = repo.assessment(assessment_id)
    if found is None:
        raise NotFoundError(f"no assessment with id {assessment_id}")
    return found


def _dump(entry: AnswerEntry | None) -> dict[str, Any] | None:
    return None if entry is None else entry.model_dump()
