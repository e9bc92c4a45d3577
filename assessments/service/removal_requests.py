"""Removal requests: a team editor asks to remove the chain the team may remove now; an
approver (not the one who asked, not an editor of the team) approves or declines it with a
note; a request nobody decides within `request_expiry_days` expires. Every step is audited.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from typing import Any

from assessments.access import Principal
from assessments.errors import AuthorizationError, InvalidInputError, NotFoundError
from assessments.files.export_loop import EXPIRY_ACTOR, MAX_TEXT
from assessments.reports.track_record import team_track_record_input
from assessments.service.core import ServiceCore, find_team
from assessments.service.guard import ANYONE, TEAM_READER, Rule, allowed
from assessments.service.team_scoring import score_view
from assessments.storage.audit import AuditAction
from assessments.storage.contract import Repository
from assessments.storage.removal_requests import RemovalRequestView
from assessments.storage.tables import APPROVED, DECLINED, EXPIRED, PENDING
from scoring.results import ChainStatus
from scoring.track_record import IncidentRecord, Removal

DEFAULT_EXPIRY_DAYS = 30
ENTITY = "removal_request"


def _team_editor_request(service: Any, who: Principal, what: str, args: dict[str, Any]) -> None:
    if not who.may_edit(args["team_slug"]):
        raise service.access.deny(what)


def _approver(service: Any, who: Principal, what: str, _args: dict[str, Any]) -> None:
    if not who.can_approve:
        raise service.access.deny(what)


REQUESTER = Rule(_team_editor_request, "request chain removals for {team_slug}")
"""Editors of the command's `team_slug` (and admins)."""
APPROVER = Rule(_approver, "approve or decline chain removals")
"""Approvers and admins; separation of duties is checked in the command itself."""


def may_see(who: Principal | None, unit_slug: str, team_slug: str) -> bool:
    """Whether this person sees a team's requests and incidents (None: the trusted service)."""
    if who is None or who.may_edit(team_slug):
        return True
    units = who.viewed_units
    if who.can_view_org and (units is None or unit_slug in units):
        return True
    return who.can_approve and who.may_approve_in(unit_slug)


class RemovalRequestCommands(ServiceCore):
    """Requests to remove a chain, their decisions and expiry; a team's track record."""

    request_expiry_days: int = DEFAULT_EXPIRY_DAYS

    @allowed(REQUESTER)
    def request_removal(
        self, team_slug: str, chain_id: str, *, reason: str, planned_on: date, actor: str = ""
    ) -> RemovalRequestView:
        """Ask to remove a chain the team may remove now; InvalidInputError says why not."""
        reason = _text(reason, "say why the chain can go (the reason is empty)")
        today = self._today()
        if planned_on < today:
            raise InvalidInputError(
                f"the planned date {planned_on.isoformat()} is in the past; pick today or later"
            )
        name = self._removable_chain_name(chain_id)
        self._require_eligible(team_slug, chain_id, name, today)
        with self.store.unit_of_work(actor) as repo:
            team = find_team(repo, team_slug)
            requests = repo.removal_requests
            pending = requests.find(team_slugs=[team_slug], statuses=[PENDING])
            if any(r.chain_id == chain_id for r in pending):
                raise InvalidInputError(
                    f"{team_slug} already has an open request to remove '{name}'"
                )
            request_id = requests.add(
                team_id=team.id,
                chain_id=chain_id,
                reason=reason,
                planned_on=planned_on,
                requested_by=repo.audit.actor,
                requested_at=repo.now,
            )
            details = {"team": team_slug, "chain": chain_id, "planned_on": planned_on.isoformat()}
            repo.audit.record(AuditAction.REMOVAL_REQUEST, ENTITY, request_id, details)
            return _found(repo, request_id)

    @allowed(APPROVER)
    def decide_removal(
        self,
        request_id: int,
        *,
        approve: bool,
        note: str,
        effective_on: date | None = None,
        actor: str = "",
    ) -> RemovalRequestView:
        """Approve or decline a pending request, as someone allowed to decide it.

        The decider is the signed-in person; on the trusted service (the CLI, tests) the
        actor's grants are read from the role assignments. An approval takes effect on
        `effective_on` (default: the planned date, or today if that has passed).
        """
        note = note.strip()
        if not approve and not note:
            raise InvalidInputError("say why you decline (the note is empty)")
        if len(note) > MAX_TEXT:
            raise InvalidInputError(f"the note is longer than {MAX_TEXT} characters")
        person = self.access.principal or self.principal_for(actor)  # type: ignore[attr-defined]
        self._expire_overdue()
        with self.store.unit_of_work(person.email) as repo:
            request = repo.removal_requests.get(request_id)
            if request is None:
                raise NotFoundError(f"no removal request with id {request_id}")
            refusal = person.approval_refusal(
                request.unit_slug, request.team_slug, request.requested_by
            )
            if refusal is not None:
                raise AuthorizationError(
                    f"{person.email} may not decide request {request_id}: {refusal}"
                )
            if request.status != PENDING:
                raise InvalidInputError(
                    f"request {request_id} is already {request.status}; nothing to decide"
                )
            effective = None
            if approve:
                effective = effective_on or max(request.planned_on, repo.now.date())
            decided = repo.removal_requests.decide(
                request_id,
                status=APPROVED if approve else DECLINED,
                decided_by=person.email,
                decided_at=repo.now,
                note=note or None,
                effective_on=effective,
            )
            if not decided:
                raise InvalidInputError(f"request {request_id} was decided a moment ago")
            details: dict[str, Any] = {
                "team": request.team_slug,
                "chain": request.chain_id,
                "note": note,
            }
            if effective is not None:
                details["effective_on"] = effective.isoformat()
            action = AuditAction.REMOVAL_APPROVE if approve else AuditAction.REMOVAL_DECLINE
            repo.audit.record(action, ENTITY, request_id, details)
            return _found(repo, request_id)

    @allowed(ANYONE)
    def removal_requests(
        self,
        *,
        team_slugs: Collection[str] | None = None,
        statuses: Collection[str] | None = None,
    ) -> list[RemovalRequestView]:
        """Requests this person may see, newest first (overdue ones expired first)."""
        self._expire_overdue()
        with self.store.unit_of_work() as repo:
            found = repo.removal_requests.find(team_slugs=team_slugs, statuses=statuses)
        who = self.access.principal
        return [r for r in found if may_see(who, r.unit_slug, r.team_slug)]

    @allowed(ANYONE)
    def requests_to_decide(self) -> list[RemovalRequestView]:
        """Pending requests this person may decide (duties respected), oldest first."""
        who = self.access.principal
        pending = reversed(self.removal_requests(statuses=[PENDING]))
        if who is None:
            return list(pending)
        return [
            r
            for r in pending
            if who.approval_refusal(r.unit_slug, r.team_slug, r.requested_by) is None
        ]

    @allowed(TEAM_READER)
    def track_record(
        self, team_slug: str
    ) -> tuple[tuple[Removal, ...], tuple[IncidentRecord, ...]]:
        """The team's signed-off removals (latest approval per chain) and its incidents."""
        since: dict[str, date] = {}
        for request in self.removal_requests(team_slugs=[team_slug], statuses=[APPROVED]):
            if request.effective_on is not None:
                day = request.effective_on
                since[request.chain_id] = max(since.get(request.chain_id, day), day)
        removals = tuple(Removal(chain, day) for chain, day in sorted(since.items()))
        incidents = self.incidents(team_slugs=[team_slug])  # type: ignore[attr-defined]
        return removals, tuple(i.record() for i in incidents)

    # --- helpers ----------------------------------------------------------------

    def _today(self) -> date:
        with self.store.unit_of_work() as repo:
            return repo.now.date()

    def _expire_overdue(self) -> list[int]:
        """Expire every pending request older than the expiry, audited as "expiry"."""
        with self.store.unit_of_work(EXPIRY_ACTOR) as repo:
            cutoff = repo.now - timedelta(days=self.request_expiry_days)
            expired = []
            for request in repo.removal_requests.find(statuses=[PENDING]):
                if request.requested_at > cutoff:
                    continue
                if repo.removal_requests.decide(
                    request.id,
                    status=EXPIRED,
                    decided_by=EXPIRY_ACTOR,
                    decided_at=repo.now,
                    note=f"undecided for {self.request_expiry_days} days",
                    effective_on=None,
                ):
                    expired.append(request.id)
                    details = {"team": request.team_slug, "chain": request.chain_id}
                    repo.audit.record(AuditAction.REMOVAL_EXPIRE, ENTITY, request.id, details)
            return expired

    def _removable_chain_name(self, chain_id: str) -> str:
        try:
            chain = self.content.catalogue.chain(chain_id)
        except KeyError:
            raise NotFoundError(f"no chain with id {chain_id!r} in the catalogue") from None
        if chain.permanent:
            raise InvalidInputError(f"'{chain.name}' is permanent and is never removed")
        return chain.name

    def _require_eligible(self, team_slug: str, chain_id: str, name: str, today: date) -> None:
        history = self.team_history(team_slug)  # type: ignore[attr-defined]
        if not history:
            raise InvalidInputError(
                f"{team_slug} has no submitted assessment yet; submit one, then request"
            )
        latest = history[-1]
        track = team_track_record_input(
            team_slug,
            latest.period,
            self.removal_requests(team_slugs=[team_slug]),
            self.incidents(team_slugs=[team_slug]),  # type: ignore[attr-defined]
            today,
        )
        result = score_view(self.content, latest, track)  # type: ignore[arg-type]
        status = next(c.status for c in result.chains if c.chain == chain_id)
        if status not in (ChainStatus.NEXT, ChainStatus.ELIGIBLE):
            raise InvalidInputError(
                f"'{name}' is not eligible for removal in {team_slug}'s {latest.period}"
                f" assessment (it is {status.value.replace('_', ' ')}); close its gaps first"
            )


def _text(text: str, empty: str) -> str:
    text = text.strip()
    if not text:
        raise InvalidInputError(empty)
    if len(text) > MAX_TEXT:
        raise InvalidInputError(f"the text is longer than {MAX_TEXT} characters")
    return text


def _found(repo: Repository, request_id: int) -> RemovalRequestView:
    view = repo.removal_requests.get(request_id)
    assert view is not None  # written in this unit of work
    return view
