"""The roles file: which email holds which role, as YAML an admin keeps under version control.

```yaml
roles:
  - email: cto@example.com
    role: admin
  - email: vp-engineering@example.com
    role: org_viewer            # no unit: the whole organisation
  - email: head-of-payments@example.com
    role: org_viewer
    unit: payments
  - email: ana@example.com
    role: team_editor
    teams: [checkout-web, ledger]
  - email: risk-lead@example.com
    role: approver              # signs off chain removals; `unit:` for one unit only
```

The app imports the file named by `READINESS_ROLES_FILE` at start-up; admins can also upload
one on the admin page. Every problem names the file, the line and the field.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pydantic import field_validator, model_validator

from assessments.access import WHOLE_ORG, Grant, Role, is_email, normalise_email
from assessments.content.loading import read_source
from assessments.content.questionnaire import Strict
from assessments.content.schema_errors import validate_schema
from assessments.content.yaml_source import SHAPE_HINT, read_yaml
from assessments.errors import ContentError, InvalidInputError
from assessments.files.org_files import MAX_SLUG, SLUG_HINT, SLUG_PATTERN

ROLES_FILE_ENV = "READINESS_ROLES_FILE"
ROLES_HINT = (
    "a roles file has `roles:`, a list of entries with `email`, `role` and, for an org viewer"
    " of one unit or an approver of one unit, `unit` or, for a team editor, `teams`"
)


def _slug(value: str, what: str) -> str:
    if not SLUG_PATTERN.match(value) or len(value) > MAX_SLUG:
        raise ValueError(f"'{value}' is not a valid {what} slug (hint: {SLUG_HINT})")
    return value


def _a(role: Role) -> str:
    return f"{'an' if role in (Role.ADMIN, Role.APPROVER) else 'a'} {role.value}"


class RoleEntry(Strict):
    """One person's role: `email`, `role`, and `unit` (org viewer, approver) or `teams`
    (team editor)."""

    email: str
    role: Role
    unit: str | None = None
    teams: tuple[str, ...] = ()

    @field_validator("email")
    @classmethod
    def _is_email(cls, value: str) -> str:
        if not is_email(value.strip()):
            raise ValueError(
                f"'{value}' is not an email address (hint: write it as name@example.com)"
            )
        return normalise_email(value)

    @field_validator("unit")
    @classmethod
    def _unit_slug(cls, value: str | None) -> str | None:
        return None if value is None else _slug(value, "unit")

    @field_validator("teams")
    @classmethod
    def _team_slugs(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_slug(slug, "team") for slug in value)

    @model_validator(mode="after")
    def _scope_fits_role(self) -> RoleEntry:
        if self.role not in (Role.ORG_VIEWER, Role.APPROVER) and self.unit is not None:
            raise ValueError(
                f"unit is only for an org_viewer or an approver, not {_a(self.role)}"
                " (hint: remove `unit:`, or make the role org_viewer or approver)"
            )
        if self.role is not Role.TEAM_EDITOR and self.teams:
            raise ValueError(
                f"teams is only for a team_editor, not {_a(self.role)}"
                " (hint: remove `teams:`, or make the role team_editor)"
            )
        if self.role is Role.TEAM_EDITOR and not self.teams:
            raise ValueError(
                "a team_editor needs `teams:` (hint: list the slugs of the teams they edit,"
                " e.g. `teams: [checkout-web]`)"
            )
        return self

    def grants(self) -> list[Grant]:
        """The grants this entry stands for (one per team for a team editor)."""
        if self.role is Role.TEAM_EDITOR:
            return [Grant(Role.TEAM_EDITOR, team) for team in self.teams]
        if self.role in (Role.ORG_VIEWER, Role.APPROVER):
            return [Grant(self.role, self.unit or WHOLE_ORG)]
        return [Grant(Role.ADMIN)]


class RoleFile(Strict):
    """A roles file: every grant it lists, by email."""

    roles: tuple[RoleEntry, ...]

    def assignments(self) -> list[tuple[str, Grant]]:
        """Every (email, grant) pair, each once, in the order written."""
        pairs = [(entry.email, grant) for entry in self.roles for grant in entry.grants()]
        return list(dict.fromkeys(pairs))


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


def parse_role_file(source: str | bytes, filename: str) -> RoleFile:
    """A roles file from YAML text; raise ContentError with every problem."""
    try:
        document = read_yaml(source, filename)
    except ContentError as error:
        raise ContentError(
            [
                dataclasses.replace(p, hint=ROLES_HINT) if p.hint == SHAPE_HINT else p
                for p in error.problems
            ]
        ) from None
    return validate_schema(document, RoleFile)


def load_role_file(path: Path | str) -> RoleFile:
    """Load and check a roles file."""
    return parse_role_file(read_source(path), str(path))
