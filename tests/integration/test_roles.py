"""Role assignments in the database: the roles file sync, admin grants, and their audit trail."""

from __future__ import annotations

import logging

import pytest

from assessments.access import Grant, Role
from assessments.errors import InvalidInputError, NotFoundError
from assessments.files.role_file import parse_role_file
from assessments.service.readiness import ReadinessService
from assessments.service.roles import RoleSyncSummary

FIRST = """\
roles:
  - {email: CTO@example.com, role: admin}
  - {email: ana@example.com, role: team_editor, teams: [checkout, billing]}
"""
SECOND = """\
roles:
  - {email: cto@example.com, role: admin}
  - {email: ana@example.com, role: team_editor, teams: [checkout]}
  - {email: vp@example.com, role: org_viewer}
"""


def _grants(service: ReadinessService) -> list[tuple[str, str, str, str]]:
    return [
        (a.email, a.grant.role.value, a.grant.scope, a.source) for a in service.role_assignments()
    ]


def test_syncing_the_roles_file_adds_new_grants_and_drops_ones_it_no_longer_lists(
    service: ReadinessService,
):
    first = service.sync_role_file(parse_role_file(FIRST, "roles.yaml"), "roles.yaml")
    service.grant_role("bob@example.com", Grant(Role.ORG_VIEWER, "payments"), actor="cto")
    second = service.sync_role_file(parse_role_file(SECOND, "roles.yaml"), "roles.yaml")
    again = service.sync_role_file(parse_role_file(SECOND, "roles.yaml"), "roles.yaml")

    assert (len(first.added), len(first.removed), first.unchanged) == (3, 0, 0)
    assert second == RoleSyncSummary(
        added=(("vp@example.com", Grant(Role.ORG_VIEWER)),),
        removed=(("ana@example.com", Grant(Role.TEAM_EDITOR, "billing")),),
        unchanged=2,
    )
    assert again == RoleSyncSummary((), (), 3)
    assert _grants(service) == [
        ("ana@example.com", "team_editor", "checkout", "file"),
        ("bob@example.com", "org_viewer", "payments", "admin"),
        ("cto@example.com", "admin", "", "file"),
        ("vp@example.com", "org_viewer", "", "file"),
    ]
    syncs = [
        e.details for e in service.audit_entries(action="role.change") if e.actor == "roles-file"
    ]
    assert syncs == [
        {
            "change": "sync",
            "file": "roles.yaml",
            "added": [["vp@example.com", "org_viewer", ""]],
            "removed": [["ana@example.com", "team_editor", "billing"]],
        },
        {
            "change": "sync",
            "file": "roles.yaml",
            "added": [
                ["cto@example.com", "admin", ""],
                ["ana@example.com", "team_editor", "checkout"],
                ["ana@example.com", "team_editor", "billing"],
            ],
            "removed": [],
        },
    ]


def test_emails_are_matched_whatever_their_case(service: ReadinessService):
    service.grant_role("Ana.Lopez@Example.COM", Grant(Role.TEAM_EDITOR, "checkout"), actor="a")

    who = service.principal_for("  ana.lopez@example.com ")

    assert who.email == "ana.lopez@example.com"
    assert who.grants == frozenset({Grant(Role.TEAM_EDITOR, "checkout")})


@pytest.mark.parametrize(
    ("email", "grant", "message"),
    [
        ("ana", Grant(Role.ADMIN), "'ana' is not an email address (write name@example.com)"),
        ("ana@example.com", Grant(Role.ADMIN, "payments"), "an admin grant has no unit or team"),
        ("ana@example.com", Grant(Role.TEAM_EDITOR), "a team editor grant needs a team"),
        (
            "ana@example.com",
            Grant(Role.ORG_VIEWER, "Pay ments"),
            "'Pay ments' is not a valid slug (use lowercase letters, digits and dashes,"
            " e.g. 'payments-core')",
        ),
    ],
)
def test_a_malformed_grant_is_refused(service: ReadinessService, email, grant, message):
    with pytest.raises(InvalidInputError) as refused:
        service.grant_role(email, grant, actor="cto@example.com")
    assert str(refused.value) == message
    assert service.role_assignments() == []


def test_granting_the_same_role_twice_says_it_is_already_held(service: ReadinessService):
    service.grant_role("vp@example.com", Grant(Role.ORG_VIEWER), actor="cto")
    with pytest.raises(InvalidInputError) as refused:
        service.grant_role("VP@example.com", Grant(Role.ORG_VIEWER), actor="cto")
    assert str(refused.value) == "vp@example.com is already org viewer of the whole organisation"


def test_a_grant_from_the_roles_file_is_changed_in_the_file(service: ReadinessService):
    service.sync_role_file(parse_role_file(FIRST, "roles.yaml"), "roles.yaml")
    ana = next(a for a in service.role_assignments() if a.email == "ana@example.com")

    with pytest.raises(InvalidInputError) as refused:
        service.revoke_role(ana.id, actor="cto@example.com")

    assert str(refused.value) == (
        "ana@example.com is team editor of billing by the roles file; remove the entry there"
        " and restart the app (or sync the file again)"
    )


def test_the_last_admin_cannot_be_removed(service: ReadinessService):
    only = service.grant_role("cto@example.com", Grant(Role.ADMIN), actor="setup")
    second = service.grant_role("ops@example.com", Grant(Role.ADMIN), actor="setup")
    service.revoke_role(second.id, actor="cto@example.com")

    with pytest.raises(InvalidInputError) as refused:
        service.revoke_role(only.id, actor="cto@example.com")

    assert str(refused.value) == "cto@example.com is the last admin; make someone else admin first"
    with pytest.raises(NotFoundError):
        service.revoke_role(second.id, actor="cto@example.com")


def test_importing_a_roles_file_adds_only_missing_grants_as_admin_grants(
    service: ReadinessService, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.INFO, logger="assessments")
    service.grant_role("cto@example.com", Grant(Role.ADMIN), actor="setup")
    role_file = parse_role_file(SECOND, "upload.yaml")

    planned = service.import_roles(role_file, "upload.yaml", actor="cto", dry_run=True)
    applied = service.import_roles(role_file, "upload.yaml", actor="cto@example.com")

    assert planned.summary() == "2 grants to add, 1 already granted"
    assert applied.summary() == "2 grants added, 1 already granted"
    assert "roles imported: 2 grants added" in [r.getMessage() for r in caplog.records]
    assert [source for *_, source in _grants(service)] == ["admin", "admin", "admin"]
    entry = service.audit_entries(limit=1)[0]
    assert (entry.actor, entry.entity_id, entry.details["change"]) == (
        "cto@example.com",
        "upload.yaml",
        "import",
    )
