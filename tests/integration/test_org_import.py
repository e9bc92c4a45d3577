"""Org structure import from CSV and YAML: preview, apply, dry run, and whole-file rejection."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.errors import ContentError
from assessments.files.org_import import OrgImportPlan, TeamSpec, UnitSpec, load_org_file
from assessments.service.readiness import ReadinessService

ADMIN = "admin@example.com"
VALID_CSV = """unit,team,team_slug,unit_slug
Payments,Checkout,,
Payments,Billing & Invoices,billing,
Platform Engineering,Runtime,,platform
Platform Engineering,Build Tools,,platform
"""
VALID_YAML = """\
units:
  - unit: Payments
  - unit: Platform Engineering
    unit_slug: platform
teams:
  - team: Checkout
    unit: Payments
  - team: Billing & Invoices
    unit: payments
    team_slug: billing
  - team: Runtime
    unit: Platform Engineering
  - team: Build Tools
    unit: platform
"""
UNITS = (UnitSpec("payments", "Payments"), UnitSpec("platform", "Platform Engineering"))
TEAMS = (
    TeamSpec("checkout", "Checkout", "payments"),
    TeamSpec("billing", "Billing & Invoices", "payments"),
    TeamSpec("runtime", "Runtime", "platform"),
    TeamSpec("build-tools", "Build Tools", "platform"),
)


@pytest.mark.parametrize(("text", "file"), [(VALID_CSV, "org.csv"), (VALID_YAML, "org.yaml")])
def test_preview_lists_what_would_be_created_and_writes_nothing(
    service: ReadinessService, text, file
):
    plan = service.preview_org_import(text, file)
    assert plan == OrgImportPlan(file, UNITS, (), (), TEAMS, (), (), applied=False)
    assert plan.summary() == (
        "2 units to create, 0 to rename, 0 unchanged; 4 teams to create, 0 to update, 0 unchanged"
    )
    assert service.list_units() == []
    assert service.list_teams() == []
    assert service.audit_entries() == []


@pytest.mark.parametrize(("text", "file"), [(VALID_CSV, "org.csv"), (VALID_YAML, "org.yml")])
def test_apply_creates_units_and_teams_and_a_second_import_is_unchanged(
    service: ReadinessService, text, file
):
    applied = service.apply_org_import(text, file, actor=ADMIN)
    assert applied.applied is True
    assert [(u.slug, u.name) for u in service.list_units()] == [
        ("payments", "Payments"),
        ("platform", "Platform Engineering"),
    ]
    assert [(t.unit_slug, t.slug, t.name) for t in service.list_teams()] == [
        ("payments", "billing", "Billing & Invoices"),
        ("payments", "checkout", "Checkout"),
        ("platform", "build-tools", "Build Tools"),
        ("platform", "runtime", "Runtime"),
    ]
    [entry] = service.audit_entries(action="org.import")
    assert (entry.actor, entry.entity, entry.entity_id) == (ADMIN, "org", file)
    assert entry.details == {
        "units_created": ["payments", "platform"],
        "units_renamed": [],
        "teams_created": ["checkout", "billing", "runtime", "build-tools"],
        "teams_updated": [],
    }

    again = service.apply_org_import(text, file, actor=ADMIN)
    assert again == OrgImportPlan(file, (), (), UNITS, (), (), TEAMS, applied=False)
    assert len(service.audit_entries(action="org.import")) == 1


def test_dry_run_plans_changes_but_writes_nothing(service: ReadinessService):
    plan = service.apply_org_import(VALID_CSV, "org.csv", actor=ADMIN, dry_run=True)
    assert (plan.applied, plan.teams_to_create) == (False, TEAMS)
    assert service.list_teams() == []
    assert service.audit_entries() == []


def test_import_renames_units_and_moves_teams(service: ReadinessService):
    service.apply_org_import(VALID_CSV, "org.csv", actor=ADMIN)
    moved = "unit,team,unit_slug\nPayments & Risk,Checkout,payments\nPlatform,Runtime,platform\n"
    moved += "Payments & Risk,Runtime Two,payments\n"
    plan = service.apply_org_import(
        moved.replace("Runtime Two", "Build Tools"), "m.csv", actor=ADMIN
    )
    assert plan.units_to_rename == (
        UnitSpec("payments", "Payments & Risk"),
        UnitSpec("platform", "Platform"),
    )
    assert plan.teams_to_update == (TeamSpec("build-tools", "Build Tools", "payments"),)
    assert plan.teams_unchanged == (
        TeamSpec("checkout", "Checkout", "payments"),
        TeamSpec("runtime", "Runtime", "platform"),
    )
    assert [(t.unit_name, t.slug) for t in service.list_teams()] == [
        ("Payments & Risk", "billing"),
        ("Payments & Risk", "build-tools"),
        ("Payments & Risk", "checkout"),
        ("Platform", "runtime"),
    ]


HINT_COLUMNS = (
    " (hint: the first row must name the columns unit and team; unit_slug and team_slug"
    " are optional)"
)
HINT_TWICE = " (hint: list each team once; two teams with the same name need their own team_slug)"


@pytest.mark.parametrize(
    ("file", "text", "problems"),
    [
        (
            "missing.csv",
            "unit,name\nPayments,Checkout\n",
            [
                "missing.csv:1: team: missing column 'team'" + HINT_COLUMNS,
                "missing.csv:1: name: unknown column 'name'"
                " (hint: allowed columns: unit, team, unit_slug, team_slug)",
            ],
        ),
        (
            "empty-name.csv",
            "unit,team\nPayments,Checkout\nPayments,  \nPlatform,Runtime\n",
            [
                "empty-name.csv:3: team: team name is empty"
                " (hint: fill in the team name on this line)"
            ],
        ),
        (
            "duplicate.csv",
            "unit,team,team_slug\nPayments,Checkout,\nPlatform,Checkout,\n"
            "Platform,Runtime,checkout\n",
            [
                "duplicate.csv:3: team: team slug 'checkout' is already used on line 2"
                + HINT_TWICE,
                "duplicate.csv:4: team_slug: team slug 'checkout' is already used on line 2"
                + HINT_TWICE,
            ],
        ),
        (
            "slugs.csv",
            "unit,team,team_slug,unit_slug\nPayments,Checkout,Check Out,\n"
            "Payments,Billing,,pay\n,Lonely,,\nPlatform,!!!,,\n",
            [
                "slugs.csv:2: team_slug: 'Check Out' is not a valid slug"
                " (hint: use lowercase letters, digits and dashes, e.g. 'payments-core')",
                "slugs.csv:3: unit_slug: unit 'Payments' has slug 'pay' here but 'payments'"
                " on line 2 (hint: use the same unit_slug ('payments') on every line of this unit)",
                "slugs.csv:4: unit: unit name is empty (hint: fill in the unit name on this line)",
                "slugs.csv:5: team: team name '!!!' gives an empty slug (hint: add a team_slug)",
            ],
        ),
        ("empty.csv", "", ["empty.csv: the file is empty (hint: start from the CSV template)"]),
        (
            "unknown-unit.yaml",
            "units:\n  - unit: Payments\nteams:\n  - team: Checkout\n    unit: Payments\n"
            "  - team: Fraud\n    unit: Risk\n    colour: red\n",
            [
                "unknown-unit.yaml:7: teams[1].unit: unknown unit 'Risk'"
                " (hint: declare it under `units:`)",
                "unknown-unit.yaml:8: teams[1].colour: unknown field 'colour'"
                " (hint: allowed: team, unit, team_slug)",
            ],
        ),
        (
            "broken.yaml",
            "units: [\n",
            [
                "broken.yaml:2:1: not valid YAML: expected the node content,"
                " but found '<stream end>'"
                " (hint: fix the YAML syntax at this line (indentation, quotes, colons))"
            ],
        ),
        ("org.txt", "unit,team\n", ["org.txt: unknown file type (hint: use a .csv or .yaml file)"]),
    ],
)
def test_invalid_file_is_rejected_whole_with_row_level_reasons(
    service: ReadinessService, file, text, problems
):
    for dry_run in (True, False):
        with pytest.raises(ContentError) as raised:
            service.apply_org_import(text, file, actor=ADMIN, dry_run=dry_run)
        assert [str(p) for p in raised.value.problems] == problems
    assert service.list_units() == []
    assert service.list_teams() == []
    assert service.audit_entries() == []


def test_org_file_is_read_from_disk_with_a_byte_order_mark(tmp_path: Path):
    path = tmp_path / "org.csv"
    path.write_text("\ufeff" + VALID_CSV, encoding="utf-8")
    org = load_org_file(path)
    assert (org.file, org.units, org.teams) == (str(path), UNITS, TEAMS)
