"""Who may see and change what: roles, grants and the signed-in principal.

Three roles. An **admin** may do everything. An **org viewer** reads submitted assessments
and the org views, for the whole organisation or for one unit. A **team editor** opens,
answers and submits the drafts of their own teams and reads those teams' reports. A person
can hold several grants; what they may do is the union.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

EMAIL_PATTERN = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")
MAX_EMAIL = 320
WHOLE_ORG = ""
"""The scope of an admin grant, and of an org viewer who sees the whole organisation."""


class Role(StrEnum):
    """What a grant lets its holder do."""

    ADMIN = "admin"
    ORG_VIEWER = "org_viewer"
    TEAM_EDITOR = "team_editor"

    @property
    def label(self) -> str:
        """The role as people say it: "org viewer"."""
        return self.value.replace("_", " ")


def normalise_email(email: str) -> str:
    """Emails are compared case-insensitively; stored and looked up lowercased."""
    return email.strip().lower()


def is_email(text: str) -> bool:
    """Whether `text` looks like one email address (name@domain.tld, no spaces)."""
    return len(text) <= MAX_EMAIL and EMAIL_PATTERN.match(text) is not None


@dataclass(frozen=True, order=True)
class Grant:
    """One role with its scope: "" for admin and whole-org viewers, a unit slug for a unit
    viewer, a team slug for a team editor."""

    role: Role
    scope: str = WHOLE_ORG

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """The grant in words: "org viewer of Payments", "team editor of Checkout Web".

        Args:
            names: unit and team names by slug; a slug without a name is shown as it is.
        """
        if self.role is Role.ADMIN:
            return "admin"
        if self.role is Role.ORG_VIEWER and self.scope == WHOLE_ORG:
            return "org viewer of the whole organisation"
        return f"{self.role.label} of {(names or {}).get(self.scope, self.scope)}"


ADMIN = Grant(Role.ADMIN)


@dataclass(frozen=True)
class Principal:
    """The signed-in person: their email (lowercased) and every grant they hold."""

    email: str
    grants: frozenset[Grant]

    @property
    def roles(self) -> frozenset[Role]:
        """The roles held, whatever their scope."""
        return frozenset(g.role for g in self.grants)

    @property
    def is_admin(self) -> bool:
        """Whether this person may do everything."""
        return ADMIN in self.grants

    @property
    def has_access(self) -> bool:
        """Whether this person holds any grant at all."""
        return bool(self.grants)

    @property
    def edited_teams(self) -> frozenset[str]:
        """Slugs of the teams this person edits as team editor."""
        return frozenset(g.scope for g in self.grants if g.role is Role.TEAM_EDITOR)

    @property
    def viewed_units(self) -> frozenset[str] | None:
        """Units this person reads as org viewer; None means the whole organisation."""
        if self.is_admin or Grant(Role.ORG_VIEWER) in self.grants:
            return None
        return frozenset(g.scope for g in self.grants if g.role is Role.ORG_VIEWER)

    @property
    def can_view_org(self) -> bool:
        """Whether this person may use the org views (heatmap, chains matrix, review)."""
        units = self.viewed_units
        return units is None or bool(units)

    @property
    def can_edit(self) -> bool:
        """Whether this person may edit any team's draft."""
        return self.is_admin or bool(self.edited_teams)

    def may_edit(self, team_slug: str) -> bool:
        """Whether this person may open, answer and submit the team's drafts."""
        return self.is_admin or team_slug in self.edited_teams

    def view_scope(self) -> str:
        """A key naming what this person's org reads cover, for caching filtered data."""
        units = self.viewed_units
        return "org" if units is None else "units:" + ",".join(sorted(units))

    def describe(self) -> str:
        """ "ana@example.com (team editor of checkout-web, ledger)"."""
        return f"{self.email} ({self.describe_roles()})"

    def describe_roles(self, names: Mapping[str, str] | None = None) -> str:
        """ "admin", "org viewer of Payments; team editor of Ledger", or "no role".

        Args:
            names: unit and team names by slug; a slug without a name is shown as it is.
        """
        shown = names or {}
        if not self.grants:
            return "no role"
        if self.is_admin:
            return "admin"
        parts = []
        viewer = sorted(
            shown.get(g.scope, g.scope) for g in self.grants if g.role is Role.ORG_VIEWER
        )
        if any(g.role is Role.ORG_VIEWER and g.scope == WHOLE_ORG for g in self.grants):
            parts.append(Grant(Role.ORG_VIEWER).describe())
        elif viewer:
            parts.append(f"org viewer of {', '.join(viewer)}")
        if self.edited_teams:
            teams = sorted(shown.get(t, t) for t in self.edited_teams)
            parts.append(f"team editor of {', '.join(teams)}")
        return "; ".join(parts)


def principal(email: str, *grants: Grant) -> Principal:
    """A principal with these grants (the email normalised)."""
    return Principal(normalise_email(email), frozenset(grants))
