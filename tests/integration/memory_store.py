"""An in-memory store: the service's draft and submission commands without SQL.

It implements `assessments.storage.contract.Repository` for org, drafts, submissions and
the audit log, with the same order and rollback rules as `SqlRepository`; the org-wide
frames, roles, data transfer and the track record stay on SQL (`NotImplementedError` here).
The storage tests run on it as well as on SQLite and PostgreSQL, so the service's rules are
tested apart from the database and the fake is held to the real repository's behaviour.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import Any, NoReturn

from assessments.access import Grant
from assessments.content.answers import AnswerEntry
from assessments.storage.answer_rows import REAPPLICABLE, changed_targets
from assessments.storage.audit import STRUCTURE, AuditEntryView
from assessments.storage.evidence_scans import EvidenceScanRecord
from assessments.storage.incidents import IncidentRepository
from assessments.storage.removal_requests import RemovalRequestRepository
from assessments.storage.transfer_rows import ImportRows
from assessments.storage.views import (
    DRAFT,
    SUBMITTED,
    AssessmentRecord,
    ConflictingEditView,
    DraftView,
    OrgHistory,
    PeriodSnapshot,
    RoleAssignmentView,
    TeamView,
    UnitView,
)
from tests.integration.memory_records import (
    MemoryAssessment,
    MemoryRecorder,
    MemoryState,
    memory_record,
)


class MemoryStore:
    """Units of work over dictionaries; a unit of work that raises leaves nothing behind."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._state = MemoryState()

    @contextmanager
    def unit_of_work(self, actor: str = "") -> Iterator[MemoryRepository]:
        working = copy.deepcopy(self._state)
        yield MemoryRepository(working, MemoryRecorder(working, actor, self._clock()))
        self._state = working  # committed only when the block ends without an error


class MemoryRepository:
    """`Repository` over one working copy of the store's state."""

    def __init__(self, state: MemoryState, recorder: MemoryRecorder) -> None:
        self._state = state
        self.audit = recorder

    @property
    def now(self) -> datetime:
        return self.audit.at

    # --- org -------------------------------------------------------------------

    def units(self) -> list[UnitView]:
        return sorted(self._state.units.values(), key=lambda u: u.name)

    def unit(self, slug: str) -> UnitView | None:
        return next((u for u in self._state.units.values() if u.slug == slug), None)

    def add_unit(self, slug: str, name: str) -> UnitView:
        unit = UnitView(self._state.next_id(), slug, name)
        self._state.units[unit.id] = unit
        return unit

    def rename_unit(self, slug: str, name: str) -> None:
        unit = self.unit(slug)
        assert unit is not None
        self._state.units[unit.id] = replace(unit, name=name)

    def _team_view(self, team_id: int) -> TeamView:
        slug, name, unit_id = self._state.teams[team_id]
        unit = self._state.units[unit_id]
        return TeamView(team_id, slug, name, unit.slug, unit.name)

    def teams(self, unit_slug: str | None = None) -> list[TeamView]:
        teams = [self._team_view(team_id) for team_id in self._state.teams]
        teams = [t for t in teams if unit_slug is None or t.unit_slug == unit_slug]
        return sorted(teams, key=lambda t: (t.unit_name, t.name, t.slug))

    def team(self, slug: str) -> TeamView | None:
        return next((t for t in self.teams() if t.slug == slug), None)

    def add_team(self, slug: str, name: str, unit_id: int) -> int:
        team_id = self._state.next_id()
        self._state.teams[team_id] = (slug, name, unit_id)
        return team_id

    def move_team(self, slug: str, name: str, unit_id: int) -> None:
        team = self.team(slug)
        assert team is not None
        self._state.teams[team.id] = (slug, name, unit_id)

    def team_count(self) -> int:
        return len(self._state.teams)

    def periods(self) -> list[str]:
        return sorted({a.period for a in self._state.assessments.values()})

    # --- assessments -----------------------------------------------------------

    def assessment(self, assessment_id: int) -> AssessmentRecord | None:
        found = self._state.assessments.get(assessment_id)
        return None if found is None else memory_record(found)

    def team_slug_of(self, assessment_id: int) -> str | None:
        found = self._state.assessments.get(assessment_id)
        return None if found is None else self._state.teams[found.team_id][0]

    def latest_revision(self, team_id: int, period: str) -> AssessmentRecord | None:
        revisions = [
            a
            for a in self._state.assessments.values()
            if a.team_id == team_id and a.period == period
        ]
        return memory_record(max(revisions, key=lambda a: a.revision)) if revisions else None

    def latest_submitted(
        self, team_id: int, *, period: str | None = None, before: str | None = None
    ) -> AssessmentRecord | None:
        found = [
            a
            for a in self._state.assessments.values()
            if a.team_id == team_id
            and a.status == SUBMITTED
            and (period is None or a.period == period)
            and (before is None or a.period < before)
        ]
        return memory_record(max(found, key=lambda a: (a.period, a.revision))) if found else None

    def add_draft(
        self,
        team_id: int,
        period: str,
        revision: int,
        questionnaire: tuple[str, str],
        catalogue: tuple[str, str] | None = None,
    ) -> int:
        actor, now = self.audit.actor, self.now
        draft = MemoryAssessment(
            self._state.next_id(), team_id, period, questionnaire, DRAFT, revision, 1,
            actor, now, actor, now, catalogue=catalogue,
        )  # fmt: skip
        self._state.assessments[draft.id] = draft
        return draft.id

    def claim_version(self, assessment_id: int, expected_version: int) -> bool:
        found = self._state.assessments.get(assessment_id)
        if found is None or found.version != expected_version or found.status != DRAFT:
            return False
        found.version += 1
        found.updated_by, found.updated_at = self.audit.actor, self.now
        return True

    def mark_submitted(self, assessment_id: int) -> None:
        found = self._state.assessments[assessment_id]
        found.status = SUBMITTED
        found.submitted_by, found.submitted_at = self.audit.actor, self.now

    def draft_view(self, assessment_id: int) -> DraftView:
        a = self._state.assessments[assessment_id]
        team = self._team_view(a.team_id)
        return DraftView(
            id=a.id,
            team_slug=team.slug,
            team_name=team.name,
            period=a.period,
            questionnaire_id=a.questionnaire[0],
            questionnaire_version=a.questionnaire[1],
            catalogue_id=None if a.catalogue is None else a.catalogue[0],
            catalogue_version=None if a.catalogue is None else a.catalogue[1],
            status=a.status,
            revision=a.revision,
            version=a.version,
            answers=dict(a.answers),
            removed_chains=frozenset(c for c, removed in a.chains.items() if removed),
            created_by=a.created_by,
            created_at=a.created_at,
            updated_by=a.updated_by,
            updated_at=a.updated_at,
            submitted_by=a.submitted_by,
            submitted_at=a.submitted_at,
            carried=dict(a.carried),
        )

    def team_history(self, team_id: int) -> list[DraftView]:
        periods = sorted({a.period for a in self._state.assessments.values()})
        latest = [self.latest_submitted(team_id, period=period) for period in periods]
        return [self.draft_view(record.id) for record in latest if record is not None]

    # --- answers and chain states ----------------------------------------------

    def answers_of(self, assessment_id: int) -> dict[str, AnswerEntry]:
        return dict(self._state.assessments[assessment_id].answers)

    def chain_states_of(self, assessment_id: int) -> dict[str, bool]:
        return dict(self._state.assessments[assessment_id].chains)

    def put_answer(self, assessment_id: int, question_id: str, entry: AnswerEntry) -> None:
        found = self._state.assessments[assessment_id]
        found.answers[question_id] = entry
        found.carried.pop(question_id, None)

    def delete_answer(self, assessment_id: int, question_id: str) -> None:
        found = self._state.assessments[assessment_id]
        found.answers.pop(question_id, None)
        found.carried.pop(question_id, None)

    def put_chain_state(self, assessment_id: int, chain_id: str, removed: bool) -> None:
        self._state.assessments[assessment_id].chains[chain_id] = removed

    def add_answers(
        self,
        assessment_id: int,
        answers: Mapping[str, AnswerEntry],
        carried_from: str | None = None,
    ) -> None:
        found = self._state.assessments[assessment_id]
        found.answers.update(answers)
        if carried_from is not None:
            found.carried.update(dict.fromkeys(answers, carried_from))

    def carried_of(self, assessment_id: int) -> dict[str, str]:
        return dict(self._state.assessments[assessment_id].carried)

    def confirm_answers(self, assessment_id: int, question_ids: Collection[str]) -> None:
        carried = self._state.assessments[assessment_id].carried
        for question_id in question_ids:
            carried.pop(question_id, None)

    def add_chain_states(self, assessment_id: int, chains: Mapping[str, bool]) -> None:
        self._state.assessments[assessment_id].chains.update(chains)

    # --- conflicting edits -----------------------------------------------------

    def add_conflicting_edit(
        self,
        found: AssessmentRecord,
        action: str,
        target: str,
        payload: dict[str, Any],
        expected_version: int,
    ) -> int:
        raw = payload.get("entry")
        edit = ConflictingEditView(
            id=max((e.id for e in self._state.edits), default=0) + 1,
            assessment_id=found.id,
            action=action,
            target=target,
            payload=copy.deepcopy(payload),
            actor=self.audit.actor,
            expected_version=expected_version,
            found_version=found.version,
            found_updated_by=found.updated_by,
            found_updated_at=found.updated_at,
            created_at=self.now,
            entry=None if raw is None else AnswerEntry.model_validate(raw),
        )
        self._state.edits.append(edit)
        return edit.id

    def conflicting_edits(self, assessment_id: int) -> list[ConflictingEditView]:
        return [e for e in self._state.edits if e.assessment_id == assessment_id]

    def kept_changes(self, team_id: int, period: str, actor: str) -> list[ConflictingEditView]:
        assessments = self._state.assessments
        return [
            e
            for e in self._state.edits
            if (assessments[e.assessment_id].team_id, assessments[e.assessment_id].period)
            == (team_id, period)
            and e.actor == actor
            and e.action in REAPPLICABLE
        ]

    def conflicting_edit(self, edit_id: int) -> ConflictingEditView | None:
        return next((e for e in self._state.edits if e.id == edit_id), None)

    def delete_conflicting_edit(self, edit_id: int) -> None:
        self._state.edits = [e for e in self._state.edits if e.id != edit_id]

    def changed_since(self, assessment_id: int, version: int) -> set[str] | None:
        return changed_targets(
            (
                (e.action, e.details)
                for e in self._state.audit
                if (e.entity, e.entity_id) == ("assessment", str(assessment_id))
            ),
            version,
        )

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
        entries = [
            e
            for e in self._state.audit
            if (actor is None or e.actor == actor)
            and (action is None or e.action == action)
            and (since is None or e.at >= since)
            and (until is None or e.at < until)
        ]
        return sorted(entries, key=lambda e: (e.at, e.id), reverse=True)[:limit]

    def audit_actors(self) -> list[str]:
        return sorted({e.actor for e in self._state.audit})

    def data_version(self, name: str) -> str:
        return str(self._state.versions.get(name, 0))

    def period_version(self, period: str) -> str:
        versions = self._state.versions
        return f"{versions.get(STRUCTURE, 0)}.{versions.get(f'period:{period}', 0)}"

    # --- kept on SQL ---------------------------------------------------------------

    def add_evidence_scan(self, assessment_id: int, scan: dict[str, Any], fact_count: int) -> int:
        _on_sql_only()

    def latest_evidence_scan(self, team_id: int, period: str) -> EvidenceScanRecord | None:
        _on_sql_only()

    def latest_scans_in_period(self, period: str) -> list[tuple[str, str, EvidenceScanRecord]]:
        _on_sql_only()

    def period_snapshot(self, period: str, history: OrgHistory | None = None) -> PeriodSnapshot:
        _on_sql_only()

    def org_history(self, period: str | None = None) -> OrgHistory:
        _on_sql_only()

    def role_assignments(self, email: str | None = None) -> list[RoleAssignmentView]:
        _on_sql_only()

    def add_role_assignment(self, email: str, grant: Grant, source: str) -> RoleAssignmentView:
        _on_sql_only()

    def remove_role_assignments(self, ids: Sequence[int]) -> None:
        _on_sql_only()

    def admin_count(self) -> int:
        _on_sql_only()

    def org_counts(self) -> dict[str, int]:
        _on_sql_only()

    def content_version_hashes(self) -> dict[tuple[str, str, str], str]:
        _on_sql_only()

    def export_records(self) -> dict[str, list[dict[str, Any]]]:
        _on_sql_only()

    def import_records(self, records: ImportRows) -> None:
        _on_sql_only()

    @property
    def removal_requests(self) -> RemovalRequestRepository:
        _on_sql_only()

    @property
    def incidents(self) -> IncidentRepository:
        _on_sql_only()


def _on_sql_only() -> NoReturn:
    raise NotImplementedError(
        "org-wide frames, roles, evidence scans, data transfer and the track record run on SQL only"
    )
