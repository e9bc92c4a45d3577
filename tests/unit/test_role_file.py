"""The roles file: valid files give grants; bad ones one exact message per problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.access import Grant, Principal, Role, principal
from assessments.errors import ContentError
from assessments.files.role_file import load_role_file, parse_role_file
from assessments.files.validation import validate_text

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "roles.example.yaml"
ROLES_HINT = (
    "a roles file has `roles:`, a list of entries with `email`, `role` and, for an org viewer"
    " of one unit or an approver of one unit, `unit` or, for a team editor, `teams`"
)


def problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_role_file(text, "roles.yaml")
    return [str(p) for p in caught.value.problems]


def test_each_entry_becomes_its_grants_with_emails_lowercased():
    role_file = parse_role_file(
        """\
roles:
  - email: CTO@Example.com
    role: admin
  - email: vp@example.com
    role: org_viewer
  - email: head@example.com
    role: org_viewer
    unit: payments
  - email: ana@example.com
    role: team_editor
    teams: [checkout-web, ledger]
  - email: ana@example.com
    role: team_editor
    teams: [ledger]
  - email: risk@example.com
    role: approver
  - email: bo@example.com
    role: approver
    unit: payments
""",
        "roles.yaml",
    )

    assert role_file.assignments() == [
        ("cto@example.com", Grant(Role.ADMIN)),
        ("vp@example.com", Grant(Role.ORG_VIEWER)),
        ("head@example.com", Grant(Role.ORG_VIEWER, "payments")),
        ("ana@example.com", Grant(Role.TEAM_EDITOR, "checkout-web")),
        ("ana@example.com", Grant(Role.TEAM_EDITOR, "ledger")),
        ("risk@example.com", Grant(Role.APPROVER)),
        ("bo@example.com", Grant(Role.APPROVER, "payments")),
    ]


def test_the_committed_example_is_valid():
    emails = {email for email, _ in load_role_file(EXAMPLE).assignments()}
    assert all(email.endswith("@example.com") for email in emails)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "roles:\n  - email: ana@example.com\n    role: owner\n",
            [
                "roles.yaml:3:5: roles[0].role: unknown value 'owner' (hint: allowed values:"
                " admin, org_viewer, team_editor, approver)"
            ],
        ),
        (
            "roles:\n  - email: ana\n    role: admin\n",
            [
                "roles.yaml:2:5: roles[0].email: 'ana' is not an email address (hint: write it"
                " as name@example.com)"
            ],
        ),
        (
            "roles:\n  - email: ana@example.com\n    role: team_editor\n",
            [
                "roles.yaml:2:5: roles[0]: a team_editor needs `teams:` (hint: list the slugs of"
                " the teams they edit, e.g. `teams: [checkout-web]`)"
            ],
        ),
        (
            "roles:\n  - email: ana@example.com\n    role: admin\n    teams: [ledger]\n",
            [
                "roles.yaml:4:5: roles[0].teams: teams is only for a team_editor, not an admin"
                " (hint: remove `teams:`, or make the role team_editor)"
            ],
        ),
        (
            "roles:\n  - email: ana@example.com\n    role: team_editor\n    unit: payments\n"
            "    teams: [ledger]\n",
            [
                "roles.yaml:4:5: roles[0].unit: unit is only for an org_viewer or an approver,"
                " not a team_editor (hint: remove `unit:`, or make the role org_viewer or"
                " approver)"
            ],
        ),
        (
            "roles:\n  - email: vp@example.com\n    role: org_viewer\n    unit: Payments Core\n",
            [
                "roles.yaml:4:5: roles[0].unit: 'Payments Core' is not a valid unit slug"
                " (hint: use lowercase letters, digits and dashes, e.g. 'payments-core')"
            ],
        ),
        (
            "roles:\n  - role: admin\n    emial: ana@example.com\n",
            [
                "roles.yaml:2:5: roles[0].email: missing required field 'email' (hint: add"
                " `email:` with the person's sign-in email, e.g. ana@example.com)",
                "roles.yaml:3:5: roles[0].emial: unknown field 'emial' (hint: did you mean"
                " 'email'? allowed fields: email, role, unit, teams)",
            ],
        ),
        (
            "roles:\n  - email: ana@example.com\n    role: admin\n    role: org_viewer\n",
            [
                "roles.yaml:4:5: roles[0].role: field 'role' is written twice (first on line 3)"
                " (hint: YAML keeps only the last one; remove or rename one of them)"
            ],
        ),
        (
            "people:\n  - ana@example.com\n",
            [
                "roles.yaml:1:1: roles: missing required field 'roles' (hint: add `roles:` with"
                " the list of people and their roles)",
                "roles.yaml:1:1: people: unknown field 'people' (hint: allowed fields: roles)",
            ],
        ),
        ("", [f"roles.yaml: the file is empty (hint: {ROLES_HINT})"]),
        (
            "- ana@example.com\n",
            [
                "roles.yaml:1:1: the top level must be a mapping of fields, not a list"
                f" (hint: {ROLES_HINT})"
            ],
        ),
        (
            "roles: [\n",
            [
                "roles.yaml:2:1: while parsing a flow node, expected the node content, but found"
                " '<stream end>' (hint: check indentation and quoting near this line)"
            ],
        ),
        (
            "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
            [
                "roles.yaml: the file expands to more than 100000 values (hint: write the content"
                " out instead of repeating it with anchors (&) and aliases (*))"
            ],
        ),
    ],
)
def test_a_bad_roles_file_gets_one_exact_message_per_problem(text: str, expected: list[str]):
    assert problems(text) == expected


def test_a_missing_roles_file_says_so():
    with pytest.raises(ContentError) as caught:
        load_role_file("/nowhere/roles.yaml")
    assert str(caught.value) == "/nowhere/roles.yaml: no such file (hint: check the path)"


@pytest.mark.parametrize(
    ("grants", "described"),
    [
        ([], "ana@example.com (no role)"),
        ([Grant(Role.ADMIN), Grant(Role.TEAM_EDITOR, "ledger")], "ana@example.com (admin)"),
        ([Grant(Role.ORG_VIEWER)], "ana@example.com (org viewer of the whole organisation)"),
        (
            [Grant(Role.ORG_VIEWER, "platform"), Grant(Role.ORG_VIEWER, "data")],
            "ana@example.com (org viewer of data, platform)",
        ),
        (
            [Grant(Role.TEAM_EDITOR, "ledger"), Grant(Role.TEAM_EDITOR, "checkout-web")],
            "ana@example.com (team editor of checkout-web, ledger)",
        ),
        (
            [Grant(Role.ORG_VIEWER), Grant(Role.ORG_VIEWER, "data"), Grant(Role.TEAM_EDITOR, "x")],
            "ana@example.com (org viewer of the whole organisation; team editor of x)",
        ),
    ],
)
def test_a_principal_describes_itself_by_email_and_roles(grants: list[Grant], described: str):
    assert principal("Ana@Example.com", *grants).describe() == described


@pytest.mark.parametrize(
    ("who", "view_scope", "can_view_org", "can_edit"),
    [
        (principal("a@x.io", Grant(Role.ADMIN)), "org", True, True),
        (principal("a@x.io", Grant(Role.ORG_VIEWER)), "org", True, False),
        (
            principal("a@x.io", Grant(Role.ORG_VIEWER, "b"), Grant(Role.ORG_VIEWER, "a")),
            "units:a,b",
            True,
            False,
        ),
        (principal("a@x.io", Grant(Role.TEAM_EDITOR, "t")), "units:", False, True),
        (Principal("a@x.io", frozenset()), "units:", False, False),
    ],
)
def test_what_a_principal_may_use_follows_from_its_grants(
    who: Principal, view_scope: str, can_view_org: bool, can_edit: bool
):
    assert (who.view_scope(), who.can_view_org, who.can_edit) == (
        view_scope,
        can_view_org,
        can_edit,
    )


def test_the_content_validator_checks_a_roles_file_too():
    found = validate_text("roles:\n  - email: ana\n    role: admin\n", "roles.yaml")

    assert [str(p) for p in found] == [
        "roles.yaml:2:5: roles[0].email: 'ana' is not an email address (hint: write it"
        " as name@example.com)"
    ]
