"""Writes a draft refused for a stale version, kept aside so nothing typed is lost."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from assessments.storage import answer_rows
from assessments.storage.audit import AuditRecorder
from assessments.storage.views import AssessmentRecord, ConflictingEditView


class ConflictingEditRows:
    """The conflicting-edit reads and writes of a SQL unit of work."""

    _session: Session
    audit: AuditRecorder

    def add_conflicting_edit(
        self,
        found: AssessmentRecord,
        action: str,
        target: str,
        payload: dict[str, Any],
        expected_version: int,
    ) -> int:
        """Keep a refused write to `found` aside, by this unit of work's actor; returns its id."""
        write, by = (action, target, payload), (self.audit.actor, self.audit.at)
        return answer_rows.add_conflicting_edit(self._session, found, write, expected_version, by)

    def conflicting_edits(self, assessment_id: int) -> list[ConflictingEditView]:
        """Writes kept aside for an assessment, oldest first."""
        return answer_rows.conflicting_edits(self._session, assessment_id)

    def kept_changes(self, team_id: int, period: str, actor: str) -> list[ConflictingEditView]:
        """One person's kept answer and chain changes on any revision of a team's period."""
        return answer_rows.kept_changes(self._session, team_id, period, actor)

    def conflicting_edit(self, edit_id: int) -> ConflictingEditView | None:
        """One kept write."""
        return answer_rows.conflicting_edit(self._session, edit_id)

    def delete_conflicting_edit(self, edit_id: int) -> None:
        """Forget a kept write that was re-applied (the audit trail keeps both)."""
        answer_rows.delete_conflicting_edit(self._session, edit_id)

    def changed_since(self, assessment_id: int, version: int) -> set[str] | None:
        """Questions and chains of a draft changed after `version`; None if a prefill did."""
        return answer_rows.changed_since(self._session, assessment_id, version)
