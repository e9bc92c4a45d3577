"""Migration 0008 (carried answers) keeps every answer of 0006, none of them carried."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from assessments.content.answers import AnswerEntry
from assessments.service.readiness import ReadinessService
from assessments.storage.db import alembic_config, current_revision, upgrade_to, upgrade_to_head
from tests.integration.conftest import Database
from tests.integration.test_migrations import HEAD_REVISION, ROWS_AT_0001

DRAFT_AT_0006 = [
    "INSERT INTO assessments (id, team_id, period, questionnaire_id, questionnaire_version,"
    " status, revision, version, created_by, created_at, updated_by, updated_at)"
    " VALUES (2, 1, '2026-Q4', 'test-readiness', '3', 'draft', 1, 2, 'ana@example.com',"
    " '2026-11-01 10:00:00+00:00', 'ana@example.com', '2026-11-01 10:05:00+00:00')",
    "INSERT INTO answers (id, assessment_id, question_id, value, not_applicable, dont_know,"
    " evidence, note) VALUES (4, 2, 'BR-01', 2, NULL, FALSE, NULL, 'kept')",
]


def _answer_columns(database: Database) -> set[str]:
    return {c["name"] for c in inspect(database.engine).get_columns("answers")}


def test_upgrading_from_0006_keeps_answers_and_carries_none_of_them(database: Database, content):
    upgrade_to(database.engine, "0006_removal_requests_incidents")
    assert "carried_from" not in _answer_columns(database)
    with database.engine.begin() as connection:
        for statement in ROWS_AT_0001 + DRAFT_AT_0006:
            connection.execute(text(statement))
        if database.kind == "postgres":
            for table in (
                "org_units",
                "teams",
                "assessments",
                "answers",
                "chain_states",
                "audit_log",
            ):
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 10)")
                )

    upgrade_to_head(database.engine)

    assert current_revision(database.engine) == HEAD_REVISION == "0008_carried_answers"
    service = ReadinessService(database.engine, content)
    old = service.get_assessment(1)
    assert old.answers["BR-01"] == AnswerEntry(value=3, evidence="https://wiki.example.com/x")
    assert old.carried == {}
    draft = service.get_assessment(2)
    assert (draft.answers, draft.carried) == ({"BR-01": AnswerEntry(value=2, note="kept")}, {})
    # A prefill after the upgrade marks what it copies.
    prefilled = service.prefill_from_previous(2, expected_version=2, actor="bob@example.com")
    assert prefilled.carried == {"PA-02": "2026-Q3", "OS-01": "2026-Q3"}


def test_downgrading_0008_drops_the_carried_marks_only(database: Database, content):
    upgrade_to(database.engine, "0006_removal_requests_incidents")
    with database.engine.begin() as connection:
        for statement in ROWS_AT_0001:
            connection.execute(text(statement))
    upgrade_to_head(database.engine)

    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006_removal_requests_incidents")

    assert current_revision(database.engine) == "0006_removal_requests_incidents"
    assert "carried_from" not in _answer_columns(database)
    with database.engine.connect() as connection:
        count = connection.execute(text("SELECT COUNT(*) FROM answers")).scalar_one()
    assert count == 3
