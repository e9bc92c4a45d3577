"""The track-record commands as one signed-in person may use them.

Team editors request removals and record incidents for their teams; approvers decide
requests in their scope (never their own, never for a team they edit: checked in the command
itself); everyone sees the requests and incidents of the teams they may read or decide for.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

from assessments.access import Principal
from assessments.errors import AuthorizationError
from assessments.storage.incidents import IncidentView
from assessments.storage.removal_requests import RemovalRequestView
from scoring.track_record import IncidentRecord, Removal

if TYPE_CHECKING:
    from assessments.service.readiness import ReadinessService


def may_see(principal: Principal, unit_slug: str, team_slug: str) -> bool:
    """Whether this person sees a team's requests and incidents."""
    return (
        principal.may_edit(team_slug)
        or (principal.may_read_unit(unit_slug) and principal.can_view_org)
        or (principal.may_approve_in(unit_slug) and principal.can_approve)
    )


class AuthorizedTrackRecord:
    """Removal requests and incidents, each checked against the principal's grants."""

    _service: ReadinessService
    principal: Principal

    def _deny(self, what: str) -> AuthorizationError:  # pragma: no cover - defined by subclass
        raise NotImplementedError

    def request_removal(
        self, team_slug: str, chain_id: str, *, reason: str, planned_on: date
    ) -> RemovalRequestView:
        """Ask to remove a chain of a team this person edits."""
        if not self.principal.may_edit(team_slug):
            raise self._deny(f"request chain removals for {team_slug}")
        return self._service.request_removal(
            team_slug, chain_id, reason=reason, planned_on=planned_on, actor=self.principal.email
        )

    def decide_removal(
        self, request_id: int, *, approve: bool, note: str, effective_on: date | None = None
    ) -> RemovalRequestView:
        """Approve or decline a request (approvers in scope, never for their own teams)."""
        if not self.principal.can_approve:
            raise self._deny("approve or decline chain removals")
        return self._service.decide_removal(
            request_id,
            approve=approve,
            note=note,
            effective_on=effective_on,
            actor=self.principal.email,
            approver=self.principal,
        )

    def removal_requests(
        self,
        *,
        team_slugs: Collection[str] | None = None,
        statuses: Collection[str] | None = None,
    ) -> list[RemovalRequestView]:
        """The requests this person may see, newest first."""
        found = self._service.removal_requests(team_slugs=team_slugs, statuses=statuses)
        return [r for r in found if may_see(self.principal, r.unit_slug, r.team_slug)]

    def requests_to_decide(self) -> list[RemovalRequestView]:
        """Pending requests this person may decide (duties respected), oldest first."""
        pending = self._service.removal_requests(statuses=["pending"])
        return [
            r
            for r in reversed(pending)
            if self.principal.approval_refusal(r.unit_slug, r.team_slug, r.requested_by) is None
        ]

    def record_incident(self, fields: dict[str, str]) -> IncidentView:
        """Record one incident for a team this person edits."""
        team = fields.get("team", "").strip()
        if not self.principal.may_edit(team):
            raise self._deny(f"record incidents for {team or 'that team'}")
        return self._service.record_incident(fields, actor=self.principal.email)

    def import_incidents(self, text: str, file: str) -> int:
        """Import a CSV of incidents: any team for admins, their own teams for editors."""
        if not self.principal.can_edit:
            raise self._deny("import incidents")
        teams = None if self.principal.is_admin else self.principal.edited_teams
        return self._service.import_incidents(text, file, actor=self.principal.email, teams=teams)

    def incidents(self, *, team_slugs: Collection[str] | None = None) -> list[IncidentView]:
        """The incidents this person may see, newest first."""
        found = self._service.incidents(team_slugs=team_slugs)
        return [i for i in found if may_see(self.principal, i.unit_slug, i.team_slug)]

    def track_record(
        self, team_slug: str
    ) -> tuple[tuple[Removal, ...], tuple[IncidentRecord, ...]]:
        """A team's signed-off removals and incidents (whoever may read the team)."""
        self.require_team_access_read(team_slug)
        return self._service.track_record(team_slug)

    def require_team_access_read(self, team_slug: str) -> None:  # pragma: no cover
        raise NotImplementedError
