"""Changes kept aside after a race, offered back to their author: on the draft they lost the
race on, or, when a teammate submitted first, on the next revision of the same period."""

from __future__ import annotations

from assessments.errors import InvalidInputError, NotFoundError
from assessments.service.drafts import DraftCommands, kept_view
from assessments.service.org_structure import find_team
from assessments.storage import audit
from assessments.storage.audit import AuditAction
from assessments.storage.views import ConflictingEditView, DraftView


class KeptChangeCommands(DraftCommands):
    """Read and re-apply one person's kept changes."""

    def kept_changes(self, team_slug: str, period: str, *, actor: str) -> list[ConflictingEditView]:
        """`actor`'s kept answer and chain changes on any revision of the team's period."""
        with self.unit_of_work() as repo:
            team, _ = find_team(repo, team_slug)
            return [kept_view(row) for row in repo.kept_changes(team.id, period, actor)]

    def reapply_kept_change(
        self, edit_id: int, assessment_id: int, *, expected_version: int, actor: str
    ) -> DraftView:
        """Write a kept change again, into a draft of its team and period; then forget it.

        Raises:
            ConflictError: the answer changed again in between; the change is kept anew.
            InvalidInputError: the change belongs to another team, period or person.
        """
        kept, draft = self._kept_and_target(edit_id, assessment_id, actor)
        if kept.action == AuditAction.CHAIN_SET:
            done = self.set_chain_state(
                assessment_id,
                kept.target,
                bool(kept.payload["removed"]),
                expected_version=expected_version,
                actor=actor,
            )
        else:
            done = self.save_answer(
                assessment_id,
                kept.target,
                kept.entry,
                expected_version=expected_version,
                actor=actor,
            )
        with self.unit_of_work() as repo:
            repo.delete_conflicting_edit(edit_id)
            audit.record(
                repo.session,
                at=self._now(),
                actor=actor,
                action=AuditAction.CONFLICT_REAPPLIED,
                entity="assessment",
                entity_id=draft.id,
                details={
                    "conflicting_edit": edit_id,
                    "target": kept.target,
                    "version": done.version,
                },
            )
        return done

    def _kept_and_target(
        self, edit_id: int, assessment_id: int, actor: str
    ) -> tuple[ConflictingEditView, DraftView]:
        with self.unit_of_work() as repo:
            row = repo.conflicting_edit(edit_id)
            if row is None or row.actor != actor:
                raise NotFoundError(f"no kept change {edit_id} of yours (re-applied already?)")
            kept = kept_view(row)
        source = self.get_assessment(kept.assessment_id)
        draft = self.get_assessment(assessment_id)
        if (source.team_slug, source.period) != (draft.team_slug, draft.period):
            raise InvalidInputError(
                f"that change was kept for {source.team_slug} in {source.period}; re-apply it"
                " to that team's draft"
            )
        if not kept.target:
            raise InvalidInputError(f"{kept.subject} is not re-applied; do it again instead")
        return kept, draft
