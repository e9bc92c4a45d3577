"""The reading part of the service: submissions, team history, org snapshots and the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from assessments.service.core import ServiceCore, find_team
from assessments.service.guard import ANYONE, TEAM_READER, admin, allowed, org_viewer
from assessments.service.org_scope import filter_history, filter_snapshot
from assessments.storage.audit import AuditAction, AuditEntryView
from assessments.storage.views import DraftView, OrgHistory, PeriodSnapshot

DRAFT_ONLY_ACTIONS = frozenset(
    {
        AuditAction.ANSWER_SAVE,
        AuditAction.ANSWER_CLEAR,
        AuditAction.CHAIN_SET,
        AuditAction.DRAFT_PREFILL,
        AuditAction.CONFLICT_KEPT,
        AuditAction.DATA_EXPORT,
    }
)
ORG_VIEW_ACTIONS = tuple(a.value for a in AuditAction if a not in DRAFT_ONLY_ACTIONS)
"""Audited writes that can change what the org views show."""


class HistoryQueries(ServiceCore):
    """Reads for reports, org views and the audit page."""

    @allowed(TEAM_READER)
    def latest_submitted(self, team_slug: str, period: str) -> DraftView | None:
        """The newest submitted revision of the team's assessment for the period, if any."""
        with self.store.unit_of_work() as repo:
            team = find_team(repo, team_slug)
            found = repo.latest_submitted(team.id, period=period)
            return None if found is None else repo.draft_view(found.id)

    @allowed(ANYONE)
    def current_assessment(self, team_slug: str, period: str) -> DraftView | None:
        """The newest revision for the period, draft or submitted, if any (creates nothing);
        a reader who may not edit the team sees submissions only."""
        if not self.access.may_edit(team_slug):
            return self.latest_submitted(team_slug, period)
        with self.store.unit_of_work() as repo:
            team = find_team(repo, team_slug)
            found = repo.latest_revision(team.id, period)
            return None if found is None else repo.draft_view(found.id)

    @allowed(TEAM_READER)
    def team_history(self, team_slug: str) -> list[DraftView]:
        """The newest submitted revision for each period, oldest period first."""
        with self.store.unit_of_work() as repo:
            return repo.team_history(find_team(repo, team_slug).id)

    @allowed(org_viewer("read the org snapshot of {period}"))
    def period_snapshot(self, period: str) -> PeriodSnapshot:
        """Every team (this person may see) in the period with its latest submission, and
        frames for `score_org`."""
        with self.store.unit_of_work() as repo:
            snapshot = repo.period_snapshot(period)
        units = self.access.viewed_units
        return snapshot if units is None else filter_snapshot(snapshot, units)

    @allowed(org_viewer("read the org history"))
    def org_history(self) -> OrgHistory:
        """The latest submission of every team (this person may see) in every period, as
        frames for `score_org`."""
        with self.store.unit_of_work() as repo:
            history = repo.org_history()
        units = self.access.viewed_units
        return history if units is None else filter_history(history, units)

    @allowed(ANYONE)
    def data_version(self) -> str:
        """A token that changes with every committed write, for invalidating cached reads.

        Every write is audited in its own transaction and audit rows are never deleted, so the
        row count grows on every commit (the max id alone could miss a slower transaction that
        took a lower id but committed later).
        """
        return self._audit_version(None)

    @allowed(ANYONE)
    def org_data_version(self) -> str:
        """Like `data_version`, but blind to writes inside drafts (autosaves, chain ticks).

        The org views show submissions and which teams hold a draft, never a draft's answers,
        so a manager's autosave must not throw away the whole organisation's scored tables.
        """
        return self._audit_version(ORG_VIEW_ACTIONS)

    def _audit_version(self, actions: Sequence[str] | None) -> str:
        with self.store.unit_of_work() as repo:
            return repo.audit_version(actions)

    @allowed(admin("read the audit trail"))
    def audit_entries(
        self,
        *,
        limit: int = 200,
        actor: str | None = None,
        action: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[AuditEntryView]:
        """The newest audit entries first, optionally for one actor, one action, a time span."""
        with self.store.unit_of_work() as repo:
            return repo.audit_entries(
                limit=limit, actor=actor, action=action, since=since, until=until
            )

    @allowed(admin("read the audit trail"))
    def audit_actors(self) -> list[str]:
        """Everyone who appears in the audit log as the author of a write."""
        with self.store.unit_of_work() as repo:
            return repo.audit_actors()
