"""The track-record part of the service: removal requests with sign-off, and incidents.

A team editor asks to remove the chain the team may remove now; an approver (not the one who
asked, and not an editor of the team) approves or declines it with a note; a request nobody
decides within `request_expiry_days` expires. Incidents are recorded one by one or imported
from CSV, all or nothing. Every step is audited in its own transaction.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from datetime import date, timedelta
from typing import Any

from assessments.access import Principal
from assessments.errors import (
    AuthorizationError,
    InvalidInputError,
    NotFoundError,
)
from assessments.files.incident_file import (
    IncidentEntry,
    KnownIds,
    check_incident,
    parse_incident_csv,
)
from assessments.reports.track_record import team_track_record_input
from assessments.service.core import ServiceCore
from assessments.service.team_scoring import score_view
from assessments.storage import audit
from assessments.storage.audit import AuditAction
from assessments.storage.incidents import IncidentRepository, IncidentView, NewIncident
from assessments.storage.removal_requests import RemovalRequestRepository, RemovalRequestView
from assessments.storage.repository import SqlRepository
from assessments.storage.tables import APPROVED, DECLINED, EXPIRED, PENDING
from scoring.results import ChainStatus
from scoring.track_record import IncidentRecord, Removal

EXPIRY_ENV = "READINESS_REQUEST_EXPIRY_DAYS"
DEFAULT_EXPIRY_DAYS = 30
EXPIRY_ACTOR = "expiry"
MAX_REASON = 2000
EXPIRY_HINT = "a whole number of days, at least 1"


def request_expiry_days() -> int:
    """Days an undecided removal request stays open (`READINESS_REQUEST_EXPIRY_DAYS`, 30)."""
    raw = os.environ.get(EXPIRY_ENV, "").strip()
    if not raw:
        return DEFAULT_EXPIRY_DAYS
    if not raw.isdigit() or int(raw) < 1:
        raise InvalidInputError(f"{EXPIRY_ENV}={raw!r} is not {EXPIRY_HINT}")
    return int(raw)


class TrackRecordCommands(ServiceCore):
    """Removal requests, their decisions and expiry; incidents; a team's track record."""

    request_expiry_days: int = DEFAULT_EXPIRY_DAYS

    # --- removal requests -------------------------------------------------------

    def request_removal(
        self, team_slug: str, chain_id: str, *, reason: str, planned_on: date, actor: str
    ) -> RemovalRequestView:
        """Ask to remove a chain the team may remove now; InvalidInputError says why not."""
        reason = reason.strip()
        if not reason:
            raise InvalidInputError("say why the chain can go (the reason is empty)")
        if len(reason) > MAX_REASON:
            raise InvalidInputError(f"the reason is longer than {MAX_REASON} characters")
        today = self._now().date()
        if planned_on < today:
            raise InvalidInputError(
                f"the planned date {planned_on.isoformat()} is in the past; pick today or later"
            )
        chain = self._chain(chain_id)
        self._require_eligible(team_slug, chain_id, chain.name)
        with self.unit_of_work() as repo:
            team = _team_id(repo, team_slug)
            requests = RemovalRequestRepository(repo.session)
            pending = requests.find(team_slugs=[team_slug], statuses=[PENDING])
            if any(r.chain_id == chain_id for r in pending):
                raise InvalidInputError(
                    f"{team_slug} already has an open request to remove '{chain.name}'"
                )
            now = self._now()
            request_id = requests.add(
                team_id=team,
                chain_id=chain_id,
                reason=reason,
                planned_on=planned_on,
                requested_by=actor,
                requested_at=now,
            )
            _audit(
                repo,
                now,
                actor,
                AuditAction.REMOVAL_REQUEST,
                request_id,
                {"team": team_slug, "chain": chain_id, "planned_on": planned_on.isoformat()},
            )
            view = requests.get(request_id)
            assert view is not None
            return view

    def decide_removal(
        self,
        request_id: int,
        *,
        approve: bool,
        note: str,
        actor: str,
        effective_on: date | None = None,
        approver: Principal | None = None,
    ) -> RemovalRequestView:
        """Approve or decline a pending request, as someone allowed to decide it.

        `approver` is the signed-in person; without it (the CLI, tests) the actor's grants are
        read from the role assignments. An approval takes effect on `effective_on` (default:
        the planned date, or today if that has passed).
        """
        note = note.strip()
        if not approve and not note:
            raise InvalidInputError("say why you decline (the note is empty)")
        if len(note) > MAX_REASON:
            raise InvalidInputError(f"the note is longer than {MAX_REASON} characters")
        person = approver or self._principal_of(actor)
        self.expire_overdue_requests()
        with self.unit_of_work() as repo:
            requests = RemovalRequestRepository(repo.session)
            request = requests.get(request_id)
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
            now = self._now()
            effective = None
            if approve:
                effective = effective_on or max(request.planned_on, now.date())
            status = APPROVED if approve else DECLINED
            if not requests.decide(
                request_id,
                status=status,
                decided_by=person.email,
                decided_at=now,
                note=note or None,
                effective_on=effective,
            ):
                raise InvalidInputError(f"request {request_id} was decided a moment ago")
            details: dict[str, Any] = {
                "team": request.team_slug,
                "chain": request.chain_id,
                "note": note,
            }
            if effective is not None:
                details["effective_on"] = effective.isoformat()
            action = AuditAction.REMOVAL_APPROVE if approve else AuditAction.REMOVAL_DECLINE
            _audit(repo, now, person.email, action, request_id, details)
            decided = requests.get(request_id)
            assert decided is not None
            return decided

    def expire_overdue_requests(self) -> list[int]:
        """Expire every pending request older than the expiry; return their ids (audited)."""
        with self.unit_of_work() as repo:
            requests = RemovalRequestRepository(repo.session)
            now = self._now()
            cutoff = now - timedelta(days=self.request_expiry_days)
            overdue = [r for r in requests.find(statuses=[PENDING]) if r.requested_at <= cutoff]
            expired = []
            for request in overdue:
                if requests.decide(
                    request.id,
                    status=EXPIRED,
                    decided_by=EXPIRY_ACTOR,
                    decided_at=now,
                    note=f"undecided for {self.request_expiry_days} days",
                    effective_on=None,
                ):
                    expired.append(request.id)
                    _audit(
                        repo,
                        now,
                        EXPIRY_ACTOR,
                        AuditAction.REMOVAL_EXPIRE,
                        request.id,
                        {"team": request.team_slug, "chain": request.chain_id},
                    )
            return expired

    def removal_requests(
        self,
        *,
        team_slugs: Collection[str] | None = None,
        unit_slugs: Collection[str] | None = None,
        statuses: Collection[str] | None = None,
    ) -> list[RemovalRequestView]:
        """Requests, newest first (overdue ones expired first), narrowed when asked."""
        self.expire_overdue_requests()
        with self.unit_of_work() as repo:
            return RemovalRequestRepository(repo.session).find(
                team_slugs=team_slugs, unit_slugs=unit_slugs, statuses=statuses
            )

    # --- incidents --------------------------------------------------------------

    def record_incident(self, fields: dict[str, str], *, actor: str) -> IncidentView:
        """Record one incident from the form's texts; InvalidInputError lists every problem."""
        entry, problems = check_incident(fields, self._known_ids(), self._now().date())
        if entry is None:
            raise InvalidInputError(
                "; ".join(f"{column}: {message}" for column, message, _ in problems)
            )
        ids = self._store_incidents([entry], actor, source=None)
        return self.incidents(ids=ids)[0]

    def import_incidents(
        self, text: str, file: str, *, actor: str, teams: Collection[str] | None = None
    ) -> int:
        """Import every incident of a CSV file, or none (ContentError with every problem).

        `teams`, when given, are the only team slugs the file may name; a file naming
        another team is refused whole (AuthorizationError).
        """
        entries = parse_incident_csv(text, file, self._known_ids(), self._now().date())
        others = (
            sorted({e.team_slug for e in entries} - set(teams or ())) if teams is not None else []
        )
        if others:
            raise AuthorizationError(
                f"{actor} may not record incidents for {', '.join(others)}; nothing was"
                " imported (remove those rows, or ask an editor of those teams)"
            )
        return len(self._store_incidents(entries, actor, source=file))

    def incidents(
        self,
        *,
        team_slugs: Collection[str] | None = None,
        unit_slugs: Collection[str] | None = None,
        since: date | None = None,
        until: date | None = None,
        ids: Collection[int] | None = None,
    ) -> list[IncidentView]:
        """Recorded incidents, newest first, narrowed when asked."""
        with self.unit_of_work() as repo:
            found = IncidentRepository(repo.session).find(
                team_slugs=team_slugs, unit_slugs=unit_slugs, since=since, until=until
            )
        return found if ids is None else [i for i in found if i.id in set(ids)]

    def track_record(
        self, team_slug: str
    ) -> tuple[tuple[Removal, ...], tuple[IncidentRecord, ...]]:
        """The team's signed-off removals (latest approval per chain) and its incidents."""
        approved = self.removal_requests(team_slugs=[team_slug], statuses=[APPROVED])
        since: dict[str, date] = {}
        for request in approved:
            if request.effective_on is not None:
                since[request.chain_id] = max(
                    since.get(request.chain_id, request.effective_on), request.effective_on
                )
        removals = tuple(Removal(chain, day) for chain, day in sorted(since.items()))
        incidents = tuple(i.record() for i in self.incidents(team_slugs=[team_slug]))
        return removals, incidents

    # --- helpers ----------------------------------------------------------------

    def _store_incidents(
        self, entries: list[IncidentEntry], actor: str, *, source: str | None
    ) -> list[int]:
        with self.unit_of_work() as repo:
            team_ids = {slug: _team_id(repo, slug) for slug in {e.team_slug for e in entries}}
            now = self._now()
            ids = IncidentRepository(repo.session).add_many(
                [
                    NewIncident(
                        team_ids[e.team_slug],
                        e.occurred_on,
                        e.severity.value,
                        e.pillar,
                        e.chain_id,
                        e.summary,
                        e.link,
                    )
                    for e in entries
                ],
                recorded_by=actor,
                recorded_at=now,
            )
            if source is None:
                entry = entries[0]
                details: dict[str, Any] = {
                    "team": entry.team_slug,
                    "severity": entry.severity.value,
                    "pillar": entry.pillar,
                    "chain": entry.chain_id,
                }
                _audit(repo, now, actor, AuditAction.INCIDENT_RECORD, ids[0], details)
            else:
                details = {"file": source, "count": len(ids), "teams": sorted(team_ids)}
                _audit(repo, now, actor, AuditAction.INCIDENT_IMPORT, source, details)
            return ids

    def _known_ids(self) -> KnownIds:
        with self.unit_of_work() as repo:
            teams = {team.slug for team, _ in repo.teams()}
        return KnownIds(
            teams=teams,
            pillars={p.id for p in self.content.questionnaire.pillars},
            chains={c.id for c in self.content.catalogue.chains},
        )

    def _chain(self, chain_id: str) -> Any:
        try:
            chain = self.content.catalogue.chain(chain_id)
        except KeyError:
            raise NotFoundError(f"no chain with id {chain_id!r} in the catalogue") from None
        if chain.permanent:
            raise InvalidInputError(f"'{chain.name}' is permanent and is never removed")
        return chain

    def _require_eligible(self, team_slug: str, chain_id: str, name: str) -> None:
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
            self.incidents(team_slugs=[team_slug]),
            self._now().date(),
        )
        result = score_view(self.content, latest, track)  # type: ignore[arg-type]
        status = next(c.status for c in result.chains if c.chain == chain_id)
        if status not in (ChainStatus.NEXT, ChainStatus.ELIGIBLE):
            raise InvalidInputError(
                f"'{name}' is not eligible for removal in {team_slug}'s {latest.period}"
                f" assessment (it is {status.value.replace('_', ' ')}); close its gaps first"
            )

    def _principal_of(self, actor: str) -> Principal:
        return self.principal_for(actor)  # type: ignore[attr-defined]


def _team_id(repo: SqlRepository, team_slug: str) -> int:
    found = repo.team(team_slug)
    if found is None:
        raise NotFoundError(f"no team with slug {team_slug!r}")
    return found[0].id


def _audit(
    repo: SqlRepository,
    now: Any,
    actor: str,
    action: AuditAction,
    entity_id: int | str,
    details: dict[str, Any],
) -> None:
    entity = "incident" if action.value.startswith("incident") else "removal_request"
    audit.record(
        repo.session,
        at=now,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        details=details,
    )
