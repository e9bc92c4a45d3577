"""The admin page in local mode: org import, roles, audit trail, content check, data import."""

from __future__ import annotations

import json
import re
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from assessments.access import Grant, Role
from assessments.service.readiness import ReadinessService
from tests.app.conftest import new_session
from ui.admin.in_force import org_csv, template_csv

ADMIN = "app_pages/admin.py"
ORG_CSV = b"unit,team\nPayments,Checkout Web\nPayments,Fraud\nData,Lake\nData,Ledger\n"
BAD_CSV = b"unit,team\nPayments,\n,Lonely\n"
BAD_QUESTIONNAIRE = b"id: Mini\nversion: 1\ntitle: Mini\npillars: []\nquestions: []\n"


TABLES = {
    "org_plan": "Change",
    "org_problems": "Line",
    "content_problems": "Line",
    "roles_problems": "Line",
    "role_table": "Granted by",
    "audit_table": "When (UTC)",
    "org_in_force": "Team slug",
    "questions_in_force": "Critical",
}


def dataframe_rows(at: AppTest, table: str) -> list[dict[Hashable, Any]]:
    """The rows of the one table on the page with this table's telling column."""
    frames = [d.value for d in at.dataframe if TABLES[table] in d.value.columns]
    assert len(frames) == 1, table
    return frames[0].to_dict("records")


def previews(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**Preview:**")]


def test_an_org_file_is_previewed_dry_run_then_applied_and_audited(service: ReadinessService):
    at = new_session(ADMIN)
    at.file_uploader(key="org_file").upload("org.csv", ORG_CSV, "text/csv").run()

    assert previews(at) == [
        "**Preview:** 1 unit to create, 0 to rename, 1 unchanged; 2 teams to create,"
        " 1 to update, 1 unchanged."
    ]
    assert [tuple(row.values()) for row in dataframe_rows(at, "org_plan")] == [
        ("create", "unit", "data", "Data", "", ""),
        ("unchanged", "unit", "payments", "Payments", "", ""),
        ("create", "team", "fraud", "Fraud", "payments", ""),
        ("create", "team", "lake", "Lake", "data", ""),
        (
            "update",
            "team",
            "ledger",
            "Ledger",
            "data",
            "<b>Ledger</b> [x](http://evil) in payments",
        ),
        ("unchanged", "team", "checkout-web", "Checkout Web", "payments", ""),
    ]

    at.button(key="org_dry_run").click().run()

    assert at.info[0].value.startswith("Dry run passed: 1 unit to create")
    assert len(service.list_teams()) == 2

    at.button(key="org_apply").click().run()

    assert at.success[0].value == (
        "Imported org.csv: 1 unit created, 0 renamed; 2 teams created, 1 updated."
    )
    assert [t.slug for t in service.list_teams()] == ["lake", "ledger", "checkout-web", "fraud"]
    entry = service.audit_entries(limit=1)[0]
    assert (entry.actor, entry.action, entry.entity_id) == ("local-admin", "org.import", "org.csv")


def test_an_invalid_org_file_is_rejected_whole_with_row_level_reasons(
    service: ReadinessService,
):
    at = new_session(ADMIN)
    at.file_uploader(key="org_file").upload("org.csv", BAD_CSV, "text/csv").run()

    assert at.error[0].value == ("org.csv is rejected whole: 2 problems, each with its line below.")
    assert dataframe_rows(at, "org_problems") == [
        {
            "Line": "2",
            "Field": "team",
            "Problem": "team name is empty",
            "How to fix it": "fill in the team name on this line",
        },
        {
            "Line": "3",
            "Field": "unit",
            "Problem": "unit name is empty",
            "How to fix it": "fill in the unit name on this line",
        },
    ]
    assert [b.key for b in at.button if b.key in ("org_dry_run", "org_apply")] == []
    assert len(service.list_teams()) == 2


def test_an_upload_over_the_limit_is_refused_before_it_is_read(service: ReadinessService):
    at = new_session(ADMIN)
    big = b"unit,team\n" + b"Payments,Team\n" * 80_000
    at.file_uploader(key="org_file").upload("big.csv", big, "text/csv").run()

    assert at.error[0].value == (
        "big.csv is 1.1 MB; files here may be at most 1 MB. Nothing was read."
    )
    assert len(service.list_teams()) == 2


def test_an_admin_grants_and_removes_a_role_and_both_are_audited(service: ReadinessService):
    at = new_session(ADMIN)
    at.text_input(key="grant_email").input("Ana@Example.com")
    at.selectbox(key="grant_role").set_value(Role.TEAM_EDITOR).run()
    at.selectbox(key="grant_team").set_value("ledger")
    at.button(key="grant").click().run()

    assert at.success[0].value == (
        r"ana@example.com is now team editor of \<b\>Ledger\</b\> \[x\](http://evil)."
    )
    assert at.text_input(key="grant_email").value == ""
    assert at.selectbox(key="grant_team").value is None
    assert dataframe_rows(at, "role_table")[0]["Email"] == "ana@example.com"
    assert service.principal_for("ana@example.com").edited_teams == frozenset({"ledger"})

    granted = service.role_assignments()[0]
    at.selectbox(key="revoke_pick").set_value(granted.id).run()
    at.button(key="revoke").click().run()

    assert service.role_assignments() == []
    assert [(e.action, e.details["change"]) for e in service.audit_entries(limit=2)] == [
        ("role.change", "revoke"),
        ("role.change", "grant"),
    ]


def test_a_roles_file_upload_is_checked_then_adds_its_grants(service: ReadinessService):
    at = new_session(ADMIN)
    bad = b"roles:\n  - email: ana\n    role: admin\n"
    at.file_uploader(key="roles_file").upload("roles.yaml", bad, "text/yaml").run()

    assert dataframe_rows(at, "roles_problems") == [
        {
            "Line": "2",
            "Field": "roles[0].email",
            "Problem": "'ana' is not an email address",
            "How to fix it": "write it as name@example.com",
        }
    ]

    good = b"roles:\n  - {email: vic@example.com, role: org_viewer, unit: payments}\n"
    at.file_uploader(key="roles_file").clear().upload("roles.yaml", good, "text/yaml").run()
    at.button(key="roles_apply").click().run()

    assert service.principal_for("vic@example.com").grants == frozenset(
        {Grant(Role.ORG_VIEWER, "payments")}
    )


def test_the_audit_trail_filters_by_action(service: ReadinessService):
    service.grant_role("vic@example.com", Grant(Role.ORG_VIEWER), actor="=cmd|' /C calc'!A0")
    at = new_session(ADMIN)
    at.selectbox(key="audit_action").set_value("role.change").run()

    rows = dataframe_rows(at, "audit_table")
    assert [(r["Who"], r["What"], r["On"], r["Details"]) for r in rows] == [
        (
            "=cmd|' /C calc'!A0",
            "Role granted or removed",
            "role vic@example.com",
            "change: grant · role: org_viewer · scope: ",
        )
    ]
    at.toggle(key="audit_raw").set_value(True).run()

    assert json.loads(dataframe_rows(at, "audit_table")[0]["Details"]) == {
        "change": "grant",
        "role": "org_viewer",
        "scope": "",
    }


def test_a_questionnaire_upload_goes_through_the_validator(service: ReadinessService):
    at = new_session(ADMIN)
    at.file_uploader(key="content_file").upload("mini.yaml", BAD_QUESTIONNAIRE).run()

    problems = dataframe_rows(at, "content_problems")
    assert problems[0] == {
        "Line": "1",
        "Field": "id",
        "Problem": "'Mini' is not a valid id",
        "How to fix it": "use lowercase letters, digits, '-' or '_', starting with a letter",
    }


def test_importing_into_a_database_that_holds_an_org_is_refused_on_the_page(
    service: ReadinessService,
):
    document = json.dumps(service.export_data(actor="t")).encode()
    at = new_session(ADMIN)
    at.file_uploader(key="import_file").upload("export.json", document, "application/json").run()

    assert at.error[0].value.startswith(r"this database already holds 1 unit, 2 teams")
    assert [b.key for b in at.button if b.key == "import_apply"] == []


def plain(markdown: str) -> str:
    """Markdown source as the reader sees it (backslash escapes removed)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_a_different_questionnaire_is_checked_with_its_own_catalogue_and_previewed(
    service: ReadinessService,
):
    samm = Path("data/examples/agent-samm")
    at = new_session(ADMIN)
    uploader = at.file_uploader(key="switch_files")
    uploader.upload("agent-samm.yaml", (samm / "questionnaires/agent-samm.yaml").read_bytes())
    uploader.upload("chains.yaml", (samm / "catalogues/agent-samm-chains.yaml").read_bytes())
    at.run()

    assert [plain(s.value) for s in at.success] == [
        "agent-samm.yaml, chains.yaml: checked together, no problems."
    ]
    preview = [plain(m.value) for m in at.markdown if m.value.startswith("- A different")]
    assert preview == [
        "- A different questionnaire: agent-samm version 1.0 (5 pillars, 10 questions,"
        " levels 0-3) instead of autonomy-readiness version 2027.1. No map leads between"
        " different questionnaires, so trends break at the switch and prefill starts empty.\n"
        "- Catalogue agent-samm-chains version 1.0 (4 chains) replaces default-chains"
        " version 2027.1 for new assessments.\n"
        "- To put these files in force, place them in the data folder (READINESS_DATA_DIR)"
        " and restart; nothing changes until then."
    ]


def test_the_org_in_force_is_shown_and_downloads_as_a_csv_the_import_reads_back(
    service: ReadinessService,
):
    at = new_session(ADMIN)

    assert dataframe_rows(at, "org_in_force") == [
        {
            "Unit": "Payments",
            "Team": "<b>Ledger</b> [x](http://evil)",
            "Unit slug": "payments",
            "Team slug": "ledger",
        },
        {
            "Unit": "Payments",
            "Team": "Checkout Web",
            "Unit slug": "payments",
            "Team slug": "checkout-web",
        },
    ]
    assert {b.key for b in at.download_button} >= {"org_download", "org_template"}
    exported = org_csv(service.list_units(), service.list_teams())
    plan = service.preview_org_import(exported, "org-structure.csv")
    assert not plan.has_changes
    assert service.preview_org_import(template_csv(), "org-template.csv").summary() == (
        "0 units to create, 0 to rename, 1 unchanged; 0 teams to create, 1 to update, 1 unchanged"
    )


def test_the_questionnaire_and_catalogue_in_force_are_shown(service: ReadinessService):
    at = new_session(ADMIN)

    rows = dataframe_rows(at, "questions_in_force")
    assert len(rows) == len(service.content.questionnaire.questions) == 30
    assert any(m.value.startswith("**Questionnaire:**") for m in at.markdown)
