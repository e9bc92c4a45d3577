"""Every public command declares who may call it, right where it is written."""

from __future__ import annotations

import inspect

from assessments.service.guard import ANYONE, GUARD_ATTRIBUTE, TRUSTED, Rule
from assessments.service.readiness import AuthorizedService, ReadinessService

NOT_COMMANDS = ["acting_as", "may_read_team", "require_team_access"]
"""Public methods that are not commands: they answer access questions or bind a person."""


def _public_methods(cls: type) -> dict[str, object]:
    return {
        name: member
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


def test_every_public_command_carries_a_rule() -> None:
    undeclared = [
        name
        for name, member in _public_methods(ReadinessService).items()
        if not isinstance(getattr(member, GUARD_ATTRIBUTE, None), Rule)
    ]
    assert undeclared == NOT_COMMANDS


def test_the_authorized_service_declares_no_command_of_its_own() -> None:
    own = [name for name in vars(AuthorizedService) if not name.startswith("__")]
    assert own == []
    assert _public_methods(AuthorizedService).keys() == _public_methods(ReadinessService).keys()


def test_rules_of_some_commands() -> None:
    rules: dict[str, Rule] = {
        name: getattr(member, GUARD_ATTRIBUTE)
        for name, member in _public_methods(ReadinessService).items()
        if name not in NOT_COMMANDS
    }
    assert rules["periods"] is ANYONE
    assert rules["principal_for"] is TRUSTED
    assert rules["create_unit"].what == "create units"
    assert rules["period_snapshot"].what == "read the org snapshot of {period}"
    assert rules["submit"].what == "submit"
