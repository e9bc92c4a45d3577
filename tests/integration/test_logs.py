"""No personal data in logs: a run that signs people in, edits, denies and transfers data
logs ids and counts, never an email address or an answer's text."""

from __future__ import annotations

import json
import logging
import re

import pytest

from assessments.access import Grant, Role
from assessments.content.answers import AnswerEntry
from assessments.errors import AuthorizationError
from assessments.files.role_file import parse_role_file
from assessments.service.authorized import AuthorizedService
from assessments.service.readiness import ReadinessService

EMAIL = re.compile(r"[^\s@]+@[^\s@]+")
ROLES = """\
roles:
  - {email: Admin@Example.com, role: admin}
  - {email: ana@example.com, role: team_editor, teams: [checkout]}
  - {email: vp@example.com, role: org_viewer, unit: payments}
"""
SECRET_NOTE = "the staging password is hunter2"


def test_a_full_service_run_logs_no_email_and_no_answer_text(
    org: ReadinessService, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.DEBUG)
    org.sync_role_file(parse_role_file(ROLES, "roles.yaml"), "roles.yaml")
    admin = AuthorizedService(org, org.principal_for("admin@example.com"))
    editor = AuthorizedService(org, org.principal_for("ANA@example.com"))
    viewer = AuthorizedService(org, org.principal_for("vp@example.com"))

    draft = editor.open_draft("checkout", "2026-Q4")
    entry = AnswerEntry(value=3, note=SECRET_NOTE, evidence="https://wiki.example.com/ana")
    editor.save_answer(draft.id, "BR-01", entry, expected_version=draft.version)
    for attempt in (
        lambda: viewer.open_draft("checkout", "2026-Q4"),
        lambda: editor.open_draft("runtime", "2026-Q4"),
        lambda: editor.audit_entries(),
        lambda: viewer.export_data(),
    ):
        with pytest.raises(AuthorizationError):
            attempt()
    admin.grant_role("new@example.com", Grant(Role.ORG_VIEWER))
    document = admin.export_data()
    with pytest.raises(Exception, match="already holds"):
        admin.import_data(json.dumps(document), "export.json")

    logged = [record.getMessage() for record in caplog.records]
    assert [m for m in logged if m.startswith(("roles file synced", "denied", "data exported"))]
    assert [m for m in logged if EMAIL.search(m)] == []
    assert [m for m in logged if "hunter2" in m or "wiki.example.com" in m] == []
