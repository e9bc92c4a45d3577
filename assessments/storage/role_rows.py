"""Role assignment rows: who holds which grant, and where it came from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from assessments.access import Grant, Role
from assessments.storage.tables import RoleAssignmentRow
from assessments.storage.views import RoleAssignmentView


def assignments(session: Session, email: str | None = None) -> list[RoleAssignmentView]:
    """Every grant (or one email's), by email, role and scope."""
    query = select(RoleAssignmentRow).order_by(
        RoleAssignmentRow.email, RoleAssignmentRow.role, RoleAssignmentRow.scope
    )
    if email is not None:
        query = query.where(RoleAssignmentRow.email == email)
    return [_view(row) for row in session.scalars(query)]


def add(
    session: Session, email: str, grant: Grant, source: str, actor: str, now: datetime
) -> RoleAssignmentView:
    """Insert one grant and return its view."""
    row = RoleAssignmentRow(
        email=email,
        role=grant.role.value,
        scope=grant.scope,
        source=source,
        created_by=actor,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return _view(row)


def remove(session: Session, ids: Sequence[int]) -> None:
    """Delete grants by id."""
    if ids:
        session.execute(delete(RoleAssignmentRow).where(RoleAssignmentRow.id.in_(ids)))


def admin_count(session: Session) -> int:
    """How many admin grants exist."""
    query = (
        select(func.count())
        .select_from(RoleAssignmentRow)
        .where(RoleAssignmentRow.role == Role.ADMIN.value)
    )
    return session.scalar(query) or 0


def _view(row: RoleAssignmentRow) -> RoleAssignmentView:
    grant = Grant(Role(row.role), row.scope)
    return RoleAssignmentView(row.id, row.email, grant, row.source, row.created_by, row.created_at)
