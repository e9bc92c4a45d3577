"""Migration 0006 (removal requests, incidents, approver role) keeps every row of 0005
(its down revision: the content versions head when the branches met)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from assessments.access import Grant, Role
from assessments.content.answers import AnswerEntry
from assessments.service.readiness import ReadinessService
from assessments.storage.db import (
    alembic_config,
    current_revision,
    session_factory,
    upgrade_to,
    upgrade_to_head,
)
from assessments.storage.incidents import IncidentRepository, NewIncident
from assessments.storage.removal_requests import RemovalRequestRepository
from tests.integration.conftest import Database
from tests.integration.test_migrations import HEAD_REVISION, ROWS_AT_0001

ROLES_AT_0005 = [
    "INSERT INTO role_assignments (id, email, role, scope, source, created_by, created_at)"
    " VALUES (1, 'cto@example.com', 'admin', '', 'file', 'roles-file',"
    " '2026-08-01 09:00:00+00:00')",
    "INSERT INTO role_assignments (id, email, role, scope, source, created_by, created_at)"
    " VALUES (2, 'ana@example.com', 'team_editor', 'checkout', 'admin', 'cto@example.com',"
    " '2026-08-01 09:05:00+00:00')",
]
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_upgrading_from_0005_keeps_data_and_adds_requests_incidents_and_approvers(
    database: Database, content
):
    upgrade_to(database.engine, "0005_content_versions")
    with database.engine.begin() as connection:
        for statement in ROWS_AT_0001 + ROLES_AT_0005:
            connection.execute(text(statement))
        if database.kind == "postgres":
            for table in ("org_units", "teams", "assessments", "audit_log", "role_assignments"):
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 10)")
                )

    upgrade_to_head(database.engine)

    assert current_revision(database.engine) == HEAD_REVISION
    service = ReadinessService(database.engine, content)
    old = service.get_assessment(1)
    assert old.answers["BR-01"] == AnswerEntry(value=3, evidence="https://wiki.example.com/x")
    assert old.removed_chains == frozenset({"tool-approval"})
    assert [(a.email, a.grant, a.source) for a in service.role_assignments()] == [
        ("ana@example.com", Grant(Role.TEAM_EDITOR, "checkout"), "admin"),
        ("cto@example.com", Grant(Role.ADMIN), "file"),
    ]
    approver = service.grant_role("risk@example.com", Grant(Role.APPROVER), actor="cto@example.com")
    assert approver.grant.describe() == "approver of the whole organisation"

    with session_factory(database.engine).begin() as session:
        requests = RemovalRequestRepository(session)
        request_id = requests.add(
            team_id=1,
            chain_id="merge-review",
            reason="CI gates every merge",
            planned_on=date(2026, 12, 15),
            requested_by="ana@example.com",
            requested_at=NOW,
        )
        incident_ids = IncidentRepository(session).add_many(
            [NewIncident(1, date(2026, 11, 3), "high", "blast_radius", None, "<b>x</b>", None)],
            recorded_by="ana@example.com",
            recorded_at=NOW,
        )
    with session_factory(database.engine).begin() as session:
        stored = RemovalRequestRepository(session).get(request_id)
        assert stored is not None
        assert (stored.team_slug, stored.unit_slug, stored.status, stored.planned_on) == (
            "checkout",
            "payments",
            "pending",
            date(2026, 12, 15),
        )
        (incident,) = IncidentRepository(session).find(team_slugs=["checkout"])
        assert (incident.id, incident.summary, incident.occurred_on) == (
            incident_ids[0],
            "<b>x</b>",
            date(2026, 11, 3),
        )


def test_the_role_check_still_refuses_unknown_roles_after_the_upgrade(database: Database):
    upgrade_to_head(database.engine)
    with pytest.raises(IntegrityError), database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO role_assignments (email, role, scope, source, created_by,"
                " created_at) VALUES ('x@example.com', 'owner', '', 'admin', 'a',"
                " '2026-08-01 09:00:00+00:00')"
            )
        )


def test_downgrading_0006_drops_approvers_and_the_new_tables_only(database: Database, content):
    upgrade_to_head(database.engine)
    service = ReadinessService(database.engine, content)
    service.grant_role("cto@example.com", Grant(Role.ADMIN), actor="setup")
    service.grant_role("risk@example.com", Grant(Role.APPROVER), actor="cto@example.com")

    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005_content_versions")

    assert current_revision(database.engine) == "0005_content_versions"
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT email, role FROM role_assignments")).all()
    assert [tuple(r) for r in rows] == [("cto@example.com", "admin")]
    upgrade_to_head(database.engine)
    assert current_revision(database.engine) == HEAD_REVISION
