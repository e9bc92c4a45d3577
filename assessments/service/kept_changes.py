"""Changes kept aside after a race, offered back to their author: on the draft they lost the
race on, or, when a teammate submitted first, on the next revision of the same period."""

from __future__ import annotations

from assessments.errors import InvalidInputError, NotFoundError
from assessments.service.core import find_team
from assessments.service.drafts import DraftCommands
from assessments.service.guard import TEAM_EDITOR, allowed, draft_editor
from assessments.storage.audit import AuditAction
from assessments.storage.views import ConflictingEditView, DraftView


class KeptChangeCommands(DraftCommands):
    """Read and re-apply one person's kept changes."""

    @allowed(TEAM_EDITOR)
    def kept_changes(
        self, team_slug: str, period: str, *, actor: str = ""
    ) -> list[ConflictingEditView]:
        """`actor`'s kept answer and chain changes on any revision of the team's period."""
        with self.store.unit_of_work() as repo:
            return repo.kept_changes(find_team(repo, team_slug).id, period, actor)

    @allowed(draft_editor("re-apply a kept change to"))
    def reapply_kept_change(
        self, edit_id: int, assessment_id: int, *, expected_version: int, actor: str = ""
    ) -> DraftView:
        """Write one of `actor`'s kept changes again, into a draft of its team and period;
        then forget it (the audit trail keeps both).

        Raises:
            ConflictError: the answer changed again in between; the change is kept anew.
            InvalidInputError: the change was kept for another team or period.
            NotFoundError: no such kept change of `actor` (re-applied already?).
        """
        kept = self._kept_change(edit_id, assessment_id, actor)
        if kept.action == AuditAction.CHAIN_SET:
            removed = bool(kept.payload["removed"])
            done = self.set_chain_state(
                assessment_id, kept.target, removed, expected_version=expected_version, actor=actor
            )
        else:
            done = self.save_answer(
                assessment_id,
                kept.target,
                kept.entry,
                expected_version=expected_version,
                actor=actor,
            )
        with self.store.unit_of_work(actor) as repo:
            repo.delete_conflicting_edit(edit_id)
            details = {"conflicting_edit": edit_id, "target": kept.target, "version": done.version}
            repo.audit.record(AuditAction.CONFLICT_REAPPLIED, "assessment", assessment_id, details)
        return done

    def _kept_change(self, edit_id: int, assessment_id: int, actor: str) -> ConflictingEditView:
        with self.store.unit_of_work() as repo:
            kept = repo.conflicting_edit(edit_id)
            if kept is None or kept.actor != actor:
                raise NotFoundError(f"no kept change {edit_id} of yours (re-applied already?)")
            source, target = repo.draft_view(kept.assessment_id), repo.draft_view(assessment_id)
        if (source.team_slug, source.period) != (target.team_slug, target.period):
            raise InvalidInputError(
                f"that change was kept for {source.team_slug} in {source.period}; re-apply it"
                " to that team's draft"
            )
        if not kept.target:
            raise InvalidInputError(f"{kept.subject} is not re-applied; do it again instead")
        return kept
