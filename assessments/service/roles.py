"""The roles part of the service: role assignments in the database, and the roles file.

Assignments come from two sources. The roles file (`READINESS_ROLES_FILE`) is synced at
start-up: its grants are added and file grants it no longer lists are removed. Admins add
and remove grants on the admin page (source "admin"); a grant the file manages is changed in
the file. Every change is audited as `role.change`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from assessments.access import (
    WHOLE_ORG,
    Grant,
    Principal,
    Role,
    is_email,
    normalise_email,
)
from assessments.errors import InvalidInputError, NotFoundError
from assessments.files.org_files import MAX_SLUG, SLUG_HINT, SLUG_PATTERN
from assessments.files.role_file import RoleFile
from assessments.service.core import ServiceCore
from assessments.storage import audit
from assessments.storage.audit import AuditAction
from assessments.storage.repository import SqlRepository
from assessments.storage.tables import RoleAssignmentRow

FILE_SOURCE = "file"
ADMIN_SOURCE = "admin"
ROLES_FILE_ACTOR = "roles-file"

Assignment = tuple[str, Grant]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RoleAssignmentView:
    """One grant held by one email, where it came from, and who gave it when."""

    id: int
    email: str
    grant: Grant
    source: str
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class RoleImportPlan:
    """What importing a roles file adds, and what was already granted."""

    file: str
    to_add: tuple[Assignment, ...]
    already_granted: tuple[Assignment, ...]
    applied: bool = False

    def summary(self) -> str:
        """One line for a page: "3 grant(s) to add, 2 already granted"."""
        verb = "added" if self.applied else "to add"
        return f"{len(self.to_add)} grant(s) {verb}, {len(self.already_granted)} already granted"


@dataclass(frozen=True)
class RoleSyncSummary:
    """What syncing the roles file changed."""

    added: tuple[Assignment, ...]
    removed: tuple[Assignment, ...]
    unchanged: int


def check_grant(email: str, grant: Grant) -> str:
    """The normalised email; InvalidInputError if the email or the grant's scope is malformed."""
    email = normalise_email(email)
    if not is_email(email):
        raise InvalidInputError(f"'{email}' is not an email address (write name@example.com)")
    if grant.role is Role.ADMIN and grant.scope != WHOLE_ORG:
        raise InvalidInputError("an admin grant has no unit or team")
    if grant.role is Role.TEAM_EDITOR and grant.scope == WHOLE_ORG:
        raise InvalidInputError("a team editor grant needs a team")
    if grant.scope and (not SLUG_PATTERN.match(grant.scope) or len(grant.scope) > MAX_SLUG):
        raise InvalidInputError(f"'{grant.scope}' is not a valid slug ({SLUG_HINT})")
    return email


def _view(row: RoleAssignmentRow) -> RoleAssignmentView:
    grant = Grant(Role(row.role), row.scope)
    return RoleAssignmentView(row.id, row.email, grant, row.source, row.created_by, row.created_at)


def _key(row: RoleAssignmentRow) -> Assignment:
    return row.email, Grant(Role(row.role), row.scope)


def _json(pairs: tuple[Assignment, ...]) -> list[list[str]]:
    return [[email, grant.role.value, grant.scope] for email, grant in pairs]


class RoleCommands(ServiceCore):
    """Role assignments: who holds which grant."""

    def role_assignments(self) -> list[RoleAssignmentView]:
        """Every grant, by email, role and scope."""
        with self.unit_of_work() as repo:
            return [_view(row) for row in _rows(repo)]

    def principal_for(self, email: str) -> Principal:
        """The principal for a signed-in email, with every grant it holds (maybe none)."""
        email = normalise_email(email)
        with self.unit_of_work() as repo:
            rows = repo.session.scalars(
                select(RoleAssignmentRow).where(RoleAssignmentRow.email == email)
            )
            return Principal(email, frozenset(_key(row)[1] for row in rows))

    def grant_role(self, email: str, grant: Grant, *, actor: str) -> RoleAssignmentView:
        """Give one grant to one email (from the admin page)."""
        email = check_grant(email, grant)
        with self.unit_of_work() as repo:
            if (email, grant) in {_key(row) for row in _rows(repo, email)}:
                raise InvalidInputError(f"{email} is already {grant.describe()}")
            now = self._now()
            row = _add(repo, email, grant, ADMIN_SOURCE, actor, now)
            _audit(repo, now, actor, email, {"change": "grant", **_grant_details(grant)})
            return _view(row)

    def revoke_role(self, assignment_id: int, *, actor: str) -> None:
        """Take one grant away (from the admin page); grants from the roles file stay."""
        with self.unit_of_work() as repo:
            row = repo.session.get(RoleAssignmentRow, assignment_id)
            if row is None:
                raise NotFoundError(f"no role assignment with id {assignment_id}")
            grant = _key(row)[1]
            if row.source == FILE_SOURCE:
                raise InvalidInputError(
                    f"{row.email} is {grant.describe()} by the roles file; remove the entry"
                    " there and restart the app (or sync the file again)"
                )
            if grant.role is Role.ADMIN and _admin_count(repo) == 1:
                raise InvalidInputError(
                    f"{row.email} is the last admin; make someone else admin first"
                )
            repo.session.delete(row)
            now = self._now()
            _audit(repo, now, actor, row.email, {"change": "revoke", **_grant_details(grant)})

    def plan_role_import(self, role_file: RoleFile, file: str) -> RoleImportPlan:
        """What importing a roles file on the admin page would add."""
        return self.import_roles(role_file, file, actor="", dry_run=True)

    def import_roles(
        self, role_file: RoleFile, file: str, *, actor: str, dry_run: bool = False
    ) -> RoleImportPlan:
        """Add the file's grants that are missing (as admin grants); with `dry_run`, only plan."""
        with self.unit_of_work() as repo:
            held = {_key(row) for row in _rows(repo)}
            wanted = role_file.assignments()
            plan = RoleImportPlan(
                file,
                tuple(pair for pair in wanted if pair not in held),
                tuple(pair for pair in wanted if pair in held),
            )
            if dry_run or not plan.to_add:
                return plan
            now = self._now()
            for email, grant in plan.to_add:
                _add(repo, email, grant, ADMIN_SOURCE, actor, now)
            details = {"change": "import", "file": file, "added": _json(plan.to_add)}
            _audit(repo, now, actor, file, details)
            _log.info("roles imported: %d grant(s) added", len(plan.to_add))
            return RoleImportPlan(file, plan.to_add, plan.already_granted, applied=True)

    def sync_role_file(
        self, role_file: RoleFile, file: str, *, actor: str = ROLES_FILE_ACTOR
    ) -> RoleSyncSummary:
        """Make the file's grants exactly those the file lists (admin grants stay)."""
        try:
            return self._sync(role_file, file, actor)
        except IntegrityError:
            # Another replica synced the same file a moment ago; compare again.
            return self._sync(role_file, file, actor)

    def _sync(self, role_file: RoleFile, file: str, actor: str) -> RoleSyncSummary:
        with self.unit_of_work() as repo:
            rows = _rows(repo)
            wanted = role_file.assignments()
            held = {_key(row) for row in rows}
            stale = [row for row in rows if row.source == FILE_SOURCE and _key(row) not in wanted]
            added = tuple(pair for pair in wanted if pair not in held)
            removed = tuple(_key(row) for row in stale)
            if not added and not removed:
                return RoleSyncSummary((), (), len(wanted))
            now = self._now()
            for row in stale:
                repo.session.delete(row)
            repo.session.flush()
            for email, grant in added:
                _add(repo, email, grant, FILE_SOURCE, actor, now)
            details = {
                "change": "sync",
                "file": file,
                "added": _json(added),
                "removed": _json(removed),
            }
            _audit(repo, now, actor, file, details)
            _log.info("roles file synced: %d added, %d removed", len(added), len(removed))
            return RoleSyncSummary(added, removed, len(wanted) - len(added))


def _rows(repo: SqlRepository, email: str | None = None) -> list[RoleAssignmentRow]:
    query = select(RoleAssignmentRow).order_by(
        RoleAssignmentRow.email, RoleAssignmentRow.role, RoleAssignmentRow.scope
    )
    if email is not None:
        query = query.where(RoleAssignmentRow.email == email)
    return list(repo.session.scalars(query))


def _admin_count(repo: SqlRepository) -> int:
    query = (
        select(func.count())
        .select_from(RoleAssignmentRow)
        .where(RoleAssignmentRow.role == Role.ADMIN.value)
    )
    return repo.session.scalar(query) or 0


def _add(
    repo: SqlRepository, email: str, grant: Grant, source: str, actor: str, now: datetime
) -> RoleAssignmentRow:
    row = RoleAssignmentRow(
        email=email,
        role=grant.role.value,
        scope=grant.scope,
        source=source,
        created_by=actor,
        created_at=now,
    )
    repo.session.add(row)
    repo.session.flush()
    return row


def _grant_details(grant: Grant) -> dict[str, Any]:
    return {"role": grant.role.value, "scope": grant.scope}


def _audit(
    repo: SqlRepository, now: datetime, actor: str, entity_id: str, details: dict[str, Any]
) -> None:
    audit.record(
        repo.session,
        at=now,
        actor=actor,
        action=AuditAction.ROLE_CHANGE,
        entity="role",
        entity_id=entity_id,
        details=details,
    )
