"""The roles part of the service: role assignments in the database, and the roles file.

Assignments come from two sources. The roles file (`READINESS_ROLES_FILE`) is synced at
start-up: its grants are added and file grants it no longer lists are removed. Admins add
and remove grants on the admin page (source "admin"); a grant the file manages is changed in
the file. Every change is audited as `role.change`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from assessments.access import Grant, Principal, Role, normalise_email
from assessments.errors import InvalidInputError, NotFoundError
from assessments.files.role_file import RoleFile, check_grant
from assessments.service.core import ServiceCore
from assessments.service.guard import TRUSTED, admin, allowed
from assessments.storage.audit import AuditAction
from assessments.storage.contract import ConstraintViolation, Repository
from assessments.storage.views import RoleAssignmentView
from assessments.wording import count

FILE_SOURCE = "file"
ADMIN_SOURCE = "admin"
ROLES_FILE_ACTOR = "roles-file"

Assignment = tuple[str, Grant]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RoleImportPlan:
    """What importing a roles file adds, and what was already granted."""

    file: str
    to_add: tuple[Assignment, ...]
    already_granted: tuple[Assignment, ...]
    applied: bool = False

    def summary(self) -> str:
        """One line for a page: "3 grants to add, 2 already granted"."""
        verb = "added" if self.applied else "to add"
        grants = count(len(self.to_add), "grant")
        return f"{grants} {verb}, {len(self.already_granted)} already granted"


@dataclass(frozen=True)
class RoleSyncSummary:
    """What syncing the roles file changed."""

    added: tuple[Assignment, ...]
    removed: tuple[Assignment, ...]
    unchanged: int


def _json(pairs: tuple[Assignment, ...]) -> list[list[str]]:
    return [[email, grant.role.value, grant.scope] for email, grant in pairs]


class RoleCommands(ServiceCore):
    """Role assignments: who holds which grant."""

    @allowed(admin("read role assignments"))
    def role_assignments(self) -> list[RoleAssignmentView]:
        """Every grant, by email, role and scope."""
        with self.store.unit_of_work() as repo:
            return repo.role_assignments()

    @allowed(TRUSTED)
    def principal_for(self, email: str) -> Principal:
        """The principal for a signed-in email, with every grant it holds (maybe none)."""
        email = normalise_email(email)
        with self.store.unit_of_work() as repo:
            return Principal(email, frozenset(a.grant for a in repo.role_assignments(email)))

    @allowed(admin("change roles"))
    def grant_role(self, email: str, grant: Grant, *, actor: str = "") -> RoleAssignmentView:
        """Give one grant to one email (from the admin page)."""
        email = check_grant(email, grant)
        with self.store.unit_of_work(actor) as repo:
            if any(a.grant == grant for a in repo.role_assignments(email)):
                raise InvalidInputError(f"{email} is already {grant.describe()}")
            added = repo.add_role_assignment(email, grant, ADMIN_SOURCE)
            _audit(repo, email, {"change": "grant", **_grant_details(grant)})
            return added

    @allowed(admin("change roles"))
    def revoke_role(self, assignment_id: int, *, actor: str = "") -> None:
        """Take one grant away (from the admin page); grants from the roles file stay."""
        with self.store.unit_of_work(actor) as repo:
            found = [a for a in repo.role_assignments() if a.id == assignment_id]
            if not found:
                raise NotFoundError(f"no role assignment with id {assignment_id}")
            assignment = found[0]
            grant = assignment.grant
            if assignment.source == FILE_SOURCE:
                raise InvalidInputError(
                    f"{assignment.email} is {grant.describe()} by the roles file; remove the"
                    " entry there and restart the app (or sync the file again)"
                )
            if grant.role is Role.ADMIN and repo.admin_count() == 1:
                raise InvalidInputError(
                    f"{assignment.email} is the last admin; make someone else admin first"
                )
            repo.remove_role_assignments([assignment_id])
            details = {"change": "revoke", **_grant_details(grant)}
            _audit(repo, assignment.email, details)

    @allowed(admin("change roles"))
    def import_roles(
        self, role_file: RoleFile, file: str, *, actor: str = "", dry_run: bool = False
    ) -> RoleImportPlan:
        """Add the file's grants that are missing (as admin grants); with `dry_run`, only plan."""
        with self.store.unit_of_work(actor) as repo:
            held = {_key(a) for a in repo.role_assignments()}
            wanted = role_file.assignments()
            plan = RoleImportPlan(
                file,
                tuple(pair for pair in wanted if pair not in held),
                tuple(pair for pair in wanted if pair in held),
            )
            if dry_run or not plan.to_add:
                return plan
            for email, grant in plan.to_add:
                repo.add_role_assignment(email, grant, ADMIN_SOURCE)
            details = {"change": "import", "file": file, "added": _json(plan.to_add)}
            _audit(repo, file, details)
            _log.info("roles imported: %s added", count(len(plan.to_add), "grant"))
            return RoleImportPlan(file, plan.to_add, plan.already_granted, applied=True)

    @allowed(admin("change roles"))
    def sync_role_file(
        self, role_file: RoleFile, file: str, *, actor: str = ROLES_FILE_ACTOR
    ) -> RoleSyncSummary:
        """Make the file's grants exactly those the file lists (admin grants stay)."""
        try:
            return self._sync(role_file, file, actor)
        except ConstraintViolation:
            # Another replica synced the same file a moment ago; compare again.
            return self._sync(role_file, file, actor)

    def _sync(self, role_file: RoleFile, file: str, actor: str) -> RoleSyncSummary:
        with self.store.unit_of_work(actor) as repo:
            held_assignments = repo.role_assignments()
            wanted = role_file.assignments()
            held = {_key(a) for a in held_assignments}
            stale = [
                a for a in held_assignments if a.source == FILE_SOURCE and _key(a) not in wanted
            ]
            added = tuple(pair for pair in wanted if pair not in held)
            removed = tuple(_key(a) for a in stale)
            if not added and not removed:
                return RoleSyncSummary((), (), len(wanted))
            repo.remove_role_assignments([a.id for a in stale])
            for email, grant in added:
                repo.add_role_assignment(email, grant, FILE_SOURCE)
            details = {
                "change": "sync",
                "file": file,
                "added": _json(added),
                "removed": _json(removed),
            }
            _audit(repo, file, details)
            _log.info("roles file synced: %d added, %d removed", len(added), len(removed))
            return RoleSyncSummary(added, removed, len(wanted) - len(added))


def _key(assignment: RoleAssignmentView) -> Assignment:
    return assignment.email, assignment.grant


def _grant_details(grant: Grant) -> dict[str, Any]:
    return {"role": grant.role.value, "scope": grant.scope}


def _audit(repo: Repository, entity_id: str, details: dict[str, Any]) -> None:
    repo.audit.record(AuditAction.ROLE_CHANGE, "role", entity_id, details)
