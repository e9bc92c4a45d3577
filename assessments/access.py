"""Who may see and change what: roles, grants and the signed-in principal.

Four roles. An **admin** may do everything. An **org viewer** reads submitted assessments
and the org views, for the whole organisation or for one unit. A **team editor** opens,
answers and submits the drafts of their own teams and reads those teams' reports. An
**approver** signs off (or declines) requests to remove an approval chain, for the whole
organisation or for one unit. A person can hold several grants; what they may do is the union,
except that nobody signs off a request they made or one for a team they edit.
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
    APPROVER = "approver"

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
        if self.role in (Role.ORG_VIEWER, Role.APPROVER) and self.scope == WHOLE_ORG:
            return f"{self.role.label} of the whole organisation"
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

    @property
    def approved_units(self) -> frozenset[str] | None:
        """Units whose removal requests this person decides; None means the whole organisation.

        Admins decide for the whole organisation, so a one-admin deployment can sign off
        requests that others made.
        """
        if self.is_admin or Grant(Role.APPROVER) in self.grants:
            return None
        return frozenset(g.scope for g in self.grants if g.role is Role.APPROVER)

    @property
    def can_approve(self) -> bool:
        """Whether this person decides removal requests anywhere."""
        units = self.approved_units
        return units is None or bool(units)

    def may_approve_in(self, unit_slug: str) -> bool:
        """Whether the unit is within this person's approver scope (duties aside)."""
        units = self.approved_units
        return units is None or unit_slug in units

    def approval_refusal(self, unit_slug: str, team_slug: str, requested_by: str) -> str | None:
        """Why this person may not decide a removal request, or None if they may.

        Separation of duties: nobody decides their own request, nor one for a team they hold a
        team editor grant for (an admin's power to edit every team does not count as editing).
        """
        if not self.may_approve_in(unit_slug):
            return f"{self.email} is not an approver for unit {unit_slug}"
        if self.email == normalise_email(requested_by):
            return "you made this request; someone else must approve or decline it"
        if team_slug in self.edited_teams:
            return (
                f"you are a team editor of {team_slug}; an approver who does not edit the team"
                " must decide"
            )
        return None

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
        approver = sorted(g.scope for g in self.grants if g.role is Role.APPROVER)
        if WHOLE_ORG in approver:
            parts.append(Grant(Role.APPROVER).describe())
        elif approver:
            parts.append(f"approver of {', '.join(shown.get(u, u) for u in approver)}")
        return "; ".join(parts)


def principal(email: str, *grants: Grant) -> Principal:
    """A principal with these grants (the email normalised)."""
    return Principal(normalise_email(email), frozenset(grants))
