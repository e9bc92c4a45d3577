"""The reading part of the service: submissions, team history, org snapshots and the audit log."""

from __future__ import annotations

from datetime import datetime

from assessments.service.core import ServiceCore, find_team
from assessments.service.guard import ANYONE, TEAM_READER, admin, allowed, org_viewer
from assessments.service.org_scope import filter_history, filter_snapshot
from assessments.storage.audit import EVERY_WRITE, ORG_WRITES, AuditEntryView
from assessments.storage.views import DraftView, OrgHistory, PeriodSnapshot


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
    def period_snapshot(self, period: str, history: OrgHistory | None = None) -> PeriodSnapshot:
        """Every team (this person may see) in the period with its latest submission, and
        frames for `score_org`.

        With the `history` already read (`org_history`), the period's answers are its share of
        the history's, not read again, where the history holds every one of its submissions.
        """
        with self.store.unit_of_work() as repo:
            snapshot = repo.period_snapshot(period, history)
        units = self.access.viewed_units
        return snapshot if units is None else filter_snapshot(snapshot, units)

    @allowed(org_viewer("read the org history"))
    def org_history(self, period: str | None = None) -> OrgHistory:
        """The latest submission of every team (this person may see) in every period (or
        one), as frames for `score_org`."""
        with self.store.unit_of_work() as repo:
            history = repo.org_history(period)
        units = self.access.viewed_units
        return history if units is None else filter_history(history, units)

    @allowed(ANYONE)
    def data_version(self) -> str:
        """A token that changes with every committed write, for invalidating cached reads.

        A counter bumped in the same transaction as every audited write: one primary-key
        read, however long the audit trail grows.
        """
        with self.store.unit_of_work() as repo:
            return repo.data_version(EVERY_WRITE)

    @allowed(ANYONE)
    def org_data_version(self) -> str:
        """Like `data_version`, but blind to writes inside drafts (autosaves, chain ticks).

        The org views show submissions and which teams hold a draft, never a draft's answers,
        so a manager's autosave must not throw away the whole organisation's scored tables.
        """
        with self.store.unit_of_work() as repo:
            return repo.data_version(ORG_WRITES)

    @allowed(ANYONE)
    def period_data_version(self, period: str) -> str:
        """Like `org_data_version`, but moved only by what can change `period`'s org table:
        drafts opened and submissions made in it, and changes to units, teams and roles."""
        with self.store.unit_of_work() as repo:
            return repo.period_version(period)

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
