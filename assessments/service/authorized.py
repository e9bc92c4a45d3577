"""AuthorizedService: the service as one signed-in person may use it.

Pages reach storage only through this class. Each method checks the principal's grants
(`assessments/access.py`) before it calls `ReadinessService`, and writes name the principal
as their actor. Org-wide reads are filtered to what the person may see; anything else raises
`AuthorizationError` with a plain message:
"ana@example.com (team editor of checkout-web) may not edit ledger's draft (…)".
"""

from __future__ import annotations

import logging
from datetime import datetime
from enum import StrEnum
from typing import Any

from assessments.access import Grant, Principal
from assessments.content.answers import AnswerEntry
from assessments.errors import AuthorizationError
from assessments.files.org_import import OrgImportPlan
from assessments.files.role_file import RoleFile
from assessments.service.authorized_track_record import AuthorizedTrackRecord
from assessments.service.core import Content
from assessments.service.org_scope import filter_history, filter_snapshot
from assessments.service.readiness import ImportSummary, ReadinessService, RoleAssignmentView
from assessments.service.roles import RoleImportPlan, RoleSyncSummary
from assessments.storage.audit import AuditEntryView
from assessments.storage.views import (
    ConflictingEditView,
    DraftView,
    OrgHistory,
    PeriodSnapshot,
    TeamView,
    UnitView,
)

ASK_AN_ADMIN = "ask an admin if you need access"
_log = logging.getLogger(__name__)


class TeamAccess(StrEnum):
    """What a person wants to do with one team's assessments."""

    READ = "read"
    EDIT = "edit"


class AuthorizedService(AuthorizedTrackRecord):
    """The reads and writes pages use, each checked against one principal's grants."""

    def __init__(self, service: ReadinessService, principal: Principal) -> None:
        self._service = service
        self.principal = principal

    @property
    def content(self) -> Content:
        """The questionnaire and catalogue answers are checked against."""
        return self._service.content

    # --- checks ---------------------------------------------------------------

    def _deny(self, what: str) -> AuthorizationError:
        # Only the denied action and the roles go to the log: never the email.
        _log.info("denied: %s (%s)", what.split(" ", 1)[0], self.principal.describe_roles())
        return AuthorizationError(f"{self.principal.describe()} may not {what} ({ASK_AN_ADMIN})")

    def _require_admin(self, what: str) -> str:
        if not self.principal.is_admin:
            raise self._deny(what)
        return self.principal.email

    def _require_org_view(self, what: str) -> None:
        if not self.principal.can_view_org:
            raise self._deny(what)

    def may_read_team(self, team_slug: str) -> bool:
        """Whether this person may read the team's submitted assessments."""
        if self.principal.may_edit(team_slug):
            return True
        units = self.principal.viewed_units
        if units is None:
            return True
        return bool(units) and self._service.get_team(team_slug).unit_slug in units

    def require_team_access(self, team_slug: str, access: TeamAccess) -> None:
        """Raise AuthorizationError unless this person may read (or edit) the team."""
        if access is TeamAccess.EDIT and not self.principal.may_edit(team_slug):
            raise self._deny(f"edit {team_slug}'s draft")
        if access is TeamAccess.READ and not self.may_read_team(team_slug):
            raise self._deny(f"read {team_slug}'s assessments")

    def require_team_access_read(self, team_slug: str) -> None:
        """Raise AuthorizationError unless this person may read the team."""
        self.require_team_access(team_slug, TeamAccess.READ)

    def _require_edit_of(self, assessment_id: int, what: str) -> None:
        if self.principal.is_admin:
            return
        team_slug = self._service.get_assessment(assessment_id).team_slug
        if not self.principal.may_edit(team_slug):
            raise self._deny(f"{what} {team_slug}'s draft")

    def _readable(self, view: DraftView) -> DraftView:
        """The view if this person may read it: drafts only for the team's editors."""
        if self.principal.may_edit(view.team_slug):
            return view
        if not view.is_submitted:
            raise self._deny(f"read {view.team_slug}'s drafts")
        self.require_team_access(view.team_slug, TeamAccess.READ)
        return view

    # --- org --------------------------------------------------------------------

    def list_units(self) -> list[UnitView]:
        """The units this person may see: all, or those of their grants."""
        units = self._service.list_units()
        if self.principal.viewed_units is None:
            return units
        visible = {t.unit_slug for t in self.list_teams()}
        return [u for u in units if u.slug in visible]

    def list_teams(self, unit_slug: str | None = None) -> list[TeamView]:
        """The teams this person may pick: all, their units' teams, or their own teams."""
        teams = self._service.list_teams(unit_slug)
        units = self.principal.viewed_units
        if units is None:
            return teams
        edited = self.principal.edited_teams
        return [t for t in teams if t.slug in edited or t.unit_slug in units]

    def get_team(self, team_slug: str) -> TeamView:
        """One team this person may read."""
        self.require_team_access(team_slug, TeamAccess.READ)
        return self._service.get_team(team_slug)

    def periods(self) -> list[str]:
        """Every period with any assessment (a list of quarters, no team data)."""
        return self._service.periods()

    def data_version(self) -> str:
        """A token that changes with every write, for invalidating cached reads."""
        return self._service.data_version()

    def org_data_version(self) -> str:
        """A token that changes with every write the org views can show (not draft edits)."""
        return self._service.org_data_version()

    def create_unit(self, slug: str, name: str) -> UnitView:
        """Add an org unit (admins)."""
        return self._service.create_unit(slug, name, actor=self._require_admin("create units"))

    def create_team(self, slug: str, name: str, unit_slug: str) -> TeamView:
        """Add a team (admins)."""
        actor = self._require_admin("create teams")
        return self._service.create_team(slug, name, unit_slug, actor=actor)

    def preview_org_import(self, text: str, file: str) -> OrgImportPlan:
        """What importing this org structure file would change (admins)."""
        self._require_admin("import the org structure")
        return self._service.preview_org_import(text, file)

    def apply_org_import(self, text: str, file: str, *, dry_run: bool = False) -> OrgImportPlan:
        """Import units and teams, all or nothing (admins)."""
        actor = self._require_admin("import the org structure")
        return self._service.apply_org_import(text, file, actor=actor, dry_run=dry_run)

    # --- drafts ---------------------------------------------------------------

    def open_draft(self, team_slug: str, period: str) -> DraftView:
        """The team's open draft for the period, created if none (the team's editors)."""
        self.require_team_access(team_slug, TeamAccess.EDIT)
        return self._service.open_draft(team_slug, period, actor=self.principal.email)

    def get_assessment(self, assessment_id: int) -> DraftView:
        """One assessment: submitted ones for readers, drafts for the team's editors."""
        return self._readable(self._service.get_assessment(assessment_id))

    def save_answer(
        self,
        assessment_id: int,
        question_id: str,
        entry: AnswerEntry | None,
        *,
        expected_version: int,
    ) -> DraftView:
        """Save (or clear) one answer of a draft."""
        self._require_edit_of(assessment_id, "edit")
        return self._service.save_answer(
            assessment_id,
            question_id,
            entry,
            expected_version=expected_version,
            actor=self.principal.email,
        )

    def set_chain_state(
        self, assessment_id: int, chain_id: str, removed: bool, *, expected_version: int
    ) -> DraftView:
        """Mark an approval chain removed (or back in place) in a draft."""
        self._require_edit_of(assessment_id, "edit")
        return self._service.set_chain_state(
            assessment_id,
            chain_id,
            removed,
            expected_version=expected_version,
            actor=self.principal.email,
        )

    def prefill_from_previous(self, assessment_id: int, *, expected_version: int) -> DraftView:
        """Fill a draft's gaps from the team's last earlier submission."""
        self._require_edit_of(assessment_id, "prefill")
        return self._service.prefill_from_previous(
            assessment_id, expected_version=expected_version, actor=self.principal.email
        )

    def submit(self, assessment_id: int, *, expected_version: int) -> DraftView:
        """Submit a complete draft."""
        self._require_edit_of(assessment_id, "submit")
        return self._service.submit(
            assessment_id, expected_version=expected_version, actor=self.principal.email
        )

    def conflicting_edits(self, assessment_id: int) -> list[ConflictingEditView]:
        """Edits of a draft kept aside after a conflict (the team's editors)."""
        self._require_edit_of(assessment_id, "read the kept edits of")
        return self._service.conflicting_edits(assessment_id)

    # --- reads ----------------------------------------------------------------

    def latest_submitted(self, team_slug: str, period: str) -> DraftView | None:
        """The team's newest submitted revision for the period, if any."""
        self.require_team_access(team_slug, TeamAccess.READ)
        return self._service.latest_submitted(team_slug, period)

    def current_assessment(self, team_slug: str, period: str) -> DraftView | None:
        """The newest revision for the period; readers who may not edit see submissions only."""
        if self.principal.may_edit(team_slug):
            return self._service.current_assessment(team_slug, period)
        return self.latest_submitted(team_slug, period)

    def team_history(self, team_slug: str) -> list[DraftView]:
        """The team's newest submitted revision per period."""
        self.require_team_access(team_slug, TeamAccess.READ)
        return self._service.team_history(team_slug)

    def period_snapshot(self, period: str) -> PeriodSnapshot:
        """Every team this person may see in the period, with its latest submission."""
        self._require_org_view(f"read the org snapshot of {period}")
        snapshot = self._service.period_snapshot(period)
        units = self.principal.viewed_units
        return snapshot if units is None else filter_snapshot(snapshot, units)

    def org_history(self) -> OrgHistory:
        """Every period's latest submissions of the teams this person may see."""
        self._require_org_view("read the org history")
        history = self._service.org_history()
        units = self.principal.viewed_units
        return history if units is None else filter_history(history, units)

    def audit_entries(
        self,
        *,
        limit: int = 200,
        actor: str | None = None,
        action: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[AuditEntryView]:
        """The newest audit entries first, filtered (admins)."""
        self._require_admin("read the audit trail")
        return self._service.audit_entries(
            limit=limit, actor=actor, action=action, since=since, until=until
        )

    def audit_actors(self) -> list[str]:
        """Everyone who appears in the audit trail (admins)."""
        self._require_admin("read the audit trail")
        return self._service.audit_actors()

    # --- roles ----------------------------------------------------------------

    def role_assignments(self) -> list[RoleAssignmentView]:
        """Every grant (admins)."""
        self._require_admin("read role assignments")
        return self._service.role_assignments()

    def grant_role(self, email: str, grant: Grant) -> RoleAssignmentView:
        """Give one grant to one email (admins)."""
        return self._service.grant_role(email, grant, actor=self._require_admin("change roles"))

    def revoke_role(self, assignment_id: int) -> None:
        """Take one grant away (admins)."""
        self._service.revoke_role(assignment_id, actor=self._require_admin("change roles"))

    def import_roles(
        self, role_file: RoleFile, file: str, *, dry_run: bool = False
    ) -> RoleImportPlan:
        """Add the grants a roles file lists that are missing (admins)."""
        actor = self._require_admin("change roles")
        return self._service.import_roles(role_file, file, actor=actor, dry_run=dry_run)

    def sync_role_file(self, role_file: RoleFile, file: str) -> RoleSyncSummary:
        """Make the roles file's grants exactly those it lists (admins)."""
        actor = self._require_admin("change roles")
        return self._service.sync_role_file(role_file, file, actor=actor)

    # --- data transfer --------------------------------------------------------

    def export_data(self) -> dict[str, Any]:
        """Every record as one JSON-ready document (admins; the export is audited)."""
        return self._service.export_data(actor=self._require_admin("export all data"))

    def check_import(self, source: str | bytes, file: str) -> ImportSummary:
        """What importing an export would write, or why it is refused (admins)."""
        self._require_admin("import data")
        return self._service.check_import(source, file)

    def import_data(self, source: str | bytes, file: str) -> ImportSummary:
        """Import an export into this empty database, all or nothing (admins)."""
        actor = self._require_admin("import data")
        return self._service.import_data(source, file, actor=actor)
