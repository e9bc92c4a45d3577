"""Incidents: agent incidents and near misses, recorded one by one or imported from CSV (all
or nothing), by the editors of the teams they happened in and by admins; every one audited."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from assessments.access import Principal
from assessments.errors import AuthorizationError, InvalidInputError
from assessments.files.incident_file import (
    IncidentEntry,
    KnownIds,
    check_incident,
    parse_incident_csv,
)
from assessments.service.core import ServiceCore
from assessments.service.guard import ANYONE, Rule, allowed
from assessments.service.removal_requests import may_see
from assessments.storage.audit import AuditAction
from assessments.storage.incidents import IncidentView, NewIncident


def _recorder(service: Any, who: Principal, _what: str, args: dict[str, Any]) -> None:
    team = str(args["fields"].get("team", "")).strip()
    if not who.may_edit(team):
        raise service.access.deny(f"record incidents for {team or 'that team'}")


def _importer(service: Any, who: Principal, what: str, _args: dict[str, Any]) -> None:
    if not who.can_edit:
        raise service.access.deny(what)


RECORDER = Rule(_recorder)
"""Editors of the incident's team (and admins)."""
IMPORTER = Rule(_importer, "import incidents")
"""Team editors (for their own teams, checked in the command) and admins."""


class IncidentCommands(ServiceCore):
    """Recording, importing and reading incidents."""

    @allowed(RECORDER)
    def record_incident(self, fields: dict[str, str], *, actor: str = "") -> IncidentView:
        """Record one incident from the form's texts; InvalidInputError lists every problem."""
        entry, problems = check_incident(fields, self._known_ids(), self._today())  # type: ignore[attr-defined]
        if entry is None:
            raise InvalidInputError(
                "; ".join(f"{column}: {message}" for column, message, _ in problems)
            )
        ids = self._store_incidents([entry], actor, source=None)
        return next(i for i in self.incidents() if i.id == ids[0])

    @allowed(IMPORTER)
    def import_incidents(
        self, text: str, file: str, *, actor: str = "", teams: Collection[str] | None = None
    ) -> int:
        """Import every incident of a CSV file, or none (ContentError with every problem).

        `teams`, when given, are the only team slugs the file may name; a signed-in editor
        (not an admin) may name only the teams they edit. A file naming another team is
        refused whole (AuthorizationError).
        """
        who = self.access.principal
        if who is not None and not who.is_admin:
            teams = who.edited_teams
        entries = parse_incident_csv(text, file, self._known_ids(), self._today())  # type: ignore[attr-defined]
        if teams is not None:
            others = sorted({e.team_slug for e in entries} - set(teams))
            if others:
                raise AuthorizationError(
                    f"{actor} may not record incidents for {', '.join(others)}; nothing was"
                    " imported (remove those rows, or ask an editor of those teams)"
                )
        return len(self._store_incidents(entries, actor, source=file))

    @allowed(ANYONE)
    def incidents(
        self,
        *,
        team_slugs: Collection[str] | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[IncidentView]:
        """The incidents this person may see, newest first, narrowed when asked."""
        with self.store.unit_of_work() as repo:
            found = repo.incidents.find(team_slugs=team_slugs, since=since, until=until)
        who = self.access.principal
        return [i for i in found if may_see(who, i.unit_slug, i.team_slug)]

    def _store_incidents(
        self, entries: list[IncidentEntry], actor: str, *, source: str | None
    ) -> list[int]:
        with self.store.unit_of_work(actor) as repo:
            team_ids = {t.slug: t.id for t in repo.teams()}
            rows = [
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
            ]
            ids = repo.incidents.add_many(rows, recorded_by=actor, recorded_at=repo.now)
            if source is None:
                entry = entries[0]
                details: dict[str, Any] = {
                    "team": entry.team_slug,
                    "severity": entry.severity.value,
                    "pillar": entry.pillar,
                    "chain": entry.chain_id,
                }
                repo.audit.record(AuditAction.INCIDENT_RECORD, "incident", ids[0], details)
            else:
                teams = sorted({e.team_slug for e in entries})
                details = {"file": source, "count": len(ids), "teams": teams}
                repo.audit.record(AuditAction.INCIDENT_IMPORT, "incident", source, details)
            return ids

    def _known_ids(self) -> KnownIds:
        with self.store.unit_of_work() as repo:
            teams = {team.slug for team in repo.teams()}
        return KnownIds(
            teams=teams,
            pillars={p.id for p in self.content.questionnaire.pillars},
            chains={c.id for c in self.content.catalogue.chains},
        )
