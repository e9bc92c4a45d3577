"""Who may call a command: one declared rule per command, checked by one wrapper.

Every public command of the service carries `@allowed(rule)` right above it, so the rule
sits next to the command it guards and a new command is written in one place. A service
bound to a signed-in person (`AuthorizedService`) checks the rule before the command runs
and writes as that person; the trusted service (the CLI, start-up, tests) passes every rule
and names its actor itself. A denial raises `AuthorizationError` with a plain message:
"ana@example.com (team editor of checkout-web) may not edit ledger's draft (…)".
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from assessments.access import Principal
from assessments.errors import AuthorizationError, NotFoundError

if TYPE_CHECKING:
    from assessments.service.core import ServiceCore

ASK_AN_ADMIN = "ask an admin if you need access"
GUARD_ATTRIBUTE = "__allowed__"
_log = logging.getLogger(__name__)

Command = TypeVar("Command", bound=Callable[..., Any])


class TeamAccess(StrEnum):
    """What a person wants to do with one team's assessments."""

    READ = "read"
    EDIT = "edit"


class Access:
    """Whom a service acts for: a signed-in principal, or nobody (trusted, every rule passes)."""

    def __init__(self, principal: Principal | None = None) -> None:
        self.principal = principal

    @property
    def trusted(self) -> bool:
        """Whether this is the trusted service (CLI, start-up, tests)."""
        return self.principal is None

    @property
    def viewed_units(self) -> frozenset[str] | None:
        """Units whose submissions may be read; None means the whole organisation."""
        return None if self.principal is None else self.principal.viewed_units

    def may_edit(self, team_slug: str) -> bool:
        """Whether the team's drafts may be opened, answered and submitted."""
        return self.principal is None or self.principal.may_edit(team_slug)

    def deny(self, what: str) -> AuthorizationError:
        """The error for a denied action, logged by action and roles (never the email)."""
        assert self.principal is not None  # the trusted service is never denied
        _log.info("denied: %s (%s)", what.split(" ", 1)[0], self.principal.describe_roles())
        return AuthorizationError(f"{self.principal.describe()} may not {what} ({ASK_AN_ADMIN})")


@dataclass(frozen=True)
class Rule:
    """Who may call a command; `what` names the action in a denial, with the command's
    arguments filled in, e.g. "read the org snapshot of {period}"."""

    check: Callable[[ServiceCore, Principal, str, dict[str, Any]], None]
    what: str = ""

    def apply(self, service: ServiceCore, principal: Principal, arguments: dict[str, Any]) -> None:
        """Raise AuthorizationError unless the principal may run the command."""
        self.check(service, principal, self.what.format(**arguments), arguments)


def _anyone(_service: ServiceCore, _who: Principal, _what: str, _args: dict[str, Any]) -> None:
    return None


def _trusted_only(service: ServiceCore, _who: Principal, what: str, _args: dict[str, Any]) -> None:
    raise service.access.deny(what)


def _admin(service: ServiceCore, who: Principal, what: str, _args: dict[str, Any]) -> None:
    if not who.is_admin:
        raise service.access.deny(what)


def _org_viewer(service: ServiceCore, who: Principal, what: str, _args: dict[str, Any]) -> None:
    if not who.can_view_org:
        raise service.access.deny(what)


def _team_reader(service: ServiceCore, _who: Principal, _what: str, args: dict[str, Any]) -> None:
    service.require_team_access(args["team_slug"], TeamAccess.READ)


def _team_editor(service: ServiceCore, _who: Principal, _what: str, args: dict[str, Any]) -> None:
    service.require_team_access(args["team_slug"], TeamAccess.EDIT)


def _draft_editor(service: ServiceCore, who: Principal, what: str, args: dict[str, Any]) -> None:
    if who.is_admin:
        return
    # One light lookup of the team, not a whole draft built only to read its team.
    assessment_id = args["assessment_id"]
    with service.store.unit_of_work() as repo:
        team_slug = repo.team_slug_of(assessment_id)
    if team_slug is None:
        raise NotFoundError(f"no assessment with id {assessment_id}")
    if not who.may_edit(team_slug):
        raise service.access.deny(f"{what} {team_slug}'s draft")


ANYONE = Rule(_anyone)
"""Anyone signed in; what they see may still be narrowed inside the command."""
TRUSTED = Rule(_trusted_only, "use the trusted service")
"""Only the trusted service: start-up, the CLI."""


def admin(what: str) -> Rule:
    """Admins only, e.g. `admin("create units")`."""
    return Rule(_admin, what)


def org_viewer(what: str) -> Rule:
    """Anyone who may use the org views (admins, org viewers of the org or of a unit)."""
    return Rule(_org_viewer, what)


TEAM_READER = Rule(_team_reader)
"""Whoever may read the submitted assessments of the command's `team_slug`."""
TEAM_EDITOR = Rule(_team_editor)
"""Whoever may edit the drafts of the command's `team_slug`."""


def draft_editor(verb: str) -> Rule:
    """Whoever may edit the drafts of the team owning the command's `assessment_id`."""
    return Rule(_draft_editor, verb)


def allowed(rule: Rule) -> Callable[[Command], Command]:
    """Declare who may call a command; a bound service checks it and writes as its person.

    A command that writes takes a keyword `actor: str`: a bound service passes the signed-in
    email there (whatever the caller gave); the trusted service passes the actor it is given.
    """

    def declare(command: Command) -> Command:
        signature = inspect.signature(command)
        actor = signature.parameters.get("actor")
        takes_actor = actor is not None and actor.annotation in ("str", str)

        @functools.wraps(command)
        def checked(service: ServiceCore, *args: Any, **kwargs: Any) -> Any:
            principal = service.access.principal
            if principal is None:
                return command(service, *args, **kwargs)
            arguments = signature.bind(service, *args, **kwargs)
            arguments.apply_defaults()
            rule.apply(service, principal, dict(arguments.arguments))
            if takes_actor:
                kwargs["actor"] = principal.email
            return command(service, *args, **kwargs)

        setattr(checked, GUARD_ATTRIBUTE, rule)
        # `checked` takes and returns what `command` does, but a TypeVar bound to
        # Callable[..., Any] cannot say so (ParamSpec cannot express the service argument).
        return checked  # type: ignore[return-value]

    return declare
