"""Schema migrations: upgrading keeps every row, and the head schema equals the models."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from assessments.content.answers import AnswerEntry
from assessments.errors import ConflictError
from assessments.service.content_versions import put_in_force
from assessments.service.readiness import ReadinessService
from assessments.settings import DEFAULT_DATABASE_PATH
from assessments.storage.db import (
    SCHEMA_HEAD,
    alembic_config,
    current_revision,
    database_url,
    make_engine,
    stored_revisions,
    upgrade_to,
    upgrade_to_head,
)
from assessments.storage.tables import Base
from tests.integration.conftest import START, Database

HEAD_REVISION = "0008_carried_answers"
ROWS_AT_0001 = [
    "INSERT INTO org_units (id, slug, name, created_at)"
    " VALUES (1, 'payments', 'Payments', '2026-07-01 09:00:00+00:00')",
    "INSERT INTO teams (id, slug, name, unit_id, created_at)"
    " VALUES (1, 'checkout', 'Checkout', 1, '2026-07-01 09:00:00+00:00')",
    "INSERT INTO assessments (id, team_id, period, questionnaire_id, questionnaire_version,"
    " status, revision, version, created_by, created_at, updated_by, updated_at,"
    " submitted_by, submitted_at)"
    " VALUES (1, 1, '2026-Q3', 'test-readiness', '3', 'submitted', 1, 4, 'ana@example.com',"
    " '2026-08-01 10:00:00+00:00', 'ana@example.com', '2026-08-02 11:30:00+00:00',"
    " 'ana@example.com', '2026-08-02 11:30:00+00:00')",
    "INSERT INTO answers (id, assessment_id, question_id, value, not_applicable, dont_know,"
    " evidence) VALUES (1, 1, 'BR-01', 3, NULL, FALSE, 'https://wiki.example.com/x')",
    "INSERT INTO answers (id, assessment_id, question_id, value, not_applicable, dont_know,"
    " evidence) VALUES (2, 1, 'PA-02', NULL, 'no prod', FALSE, NULL)",
    "INSERT INTO answers (id, assessment_id, question_id, value, not_applicable, dont_know,"
    " evidence) VALUES (3, 1, 'OS-01', NULL, NULL, TRUE, NULL)",
    "INSERT INTO chain_states (id, assessment_id, chain_id, removed)"
    " VALUES (1, 1, 'tool-approval', TRUE)",
    "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, details)"
    " VALUES (1, '2026-08-02 11:30:00+00:00', 'ana@example.com', 'assessment.submit',"
    " 'assessment', '1', '{\"team\": \"checkout\"}')",
]


def _tables(database: Database) -> set[str]:
    return set(inspect(database.engine).get_table_names()) - {"alembic_version"}


def test_upgrading_from_0001_keeps_data_and_adds_notes_and_conflicting_edits(
    database: Database, content
):
    upgrade_to(database.engine, "0001")
    assert current_revision(database.engine) == "0001"
    assert "conflicting_edits" not in _tables(database)
    assert "note" not in {c["name"] for c in inspect(database.engine).get_columns("answers")}
    with database.engine.begin() as connection:
        for statement in ROWS_AT_0001:
            connection.execute(text(statement))
        if database.kind == "postgres":
            # Rows were inserted with explicit ids; move the sequences past them.
            for table in ("org_units", "teams", "assessments", "answers", "chain_states"):
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 10)")
                )
            connection.execute(text("SELECT setval(pg_get_serial_sequence('audit_log', 'id'), 10)"))

    upgrade_to_head(database.engine)

    assert current_revision(database.engine) == HEAD_REVISION
    service = ReadinessService(database.engine, content)
    old = service.get_assessment(1)
    assert (old.team_slug, old.period, old.status, old.version) == (
        "checkout",
        "2026-Q3",
        "submitted",
        4,
    )
    assert old.answers == {
        "BR-01": AnswerEntry(value=3, evidence="https://wiki.example.com/x"),
        "PA-02": AnswerEntry(not_applicable="no prod"),
        "OS-01": AnswerEntry(dont_know=True),
    }
    assert old.removed_chains == frozenset({"tool-approval"})
    assert [(e.action, e.details) for e in service.audit_entries()] == [
        ("assessment.submit", {"team": "checkout"})
    ]

    draft = service.prefill_from_previous(
        service.open_draft("checkout", "2026-Q4", actor="bob@example.com").id,
        expected_version=1,
        actor="bob@example.com",
    )
    noted = AnswerEntry(value=4, note="new column <works>")
    saved = service.save_answer(
        draft.id, "BR-02", noted, expected_version=2, actor="bob@example.com"
    )
    assert service.get_assessment(draft.id).answers["BR-02"] == noted
    with pytest.raises(ConflictError):
        service.save_answer(draft.id, "BR-02", None, expected_version=2, actor="cy@example.com")
    assert [e.actor for e in service.conflicting_edits(draft.id)] == ["cy@example.com"]
    assert saved.answers == {**old.answers, "BR-02": noted}


def test_upgrading_from_0002_keeps_data_and_adds_empty_role_assignments(
    database: Database, content
):
    upgrade_to(database.engine, "0002")
    assert "role_assignments" not in _tables(database)
    with database.engine.begin() as connection:
        for statement in ROWS_AT_0001:
            connection.execute(text(statement))

    upgrade_to_head(database.engine)

    service = ReadinessService(database.engine, content)
    assert service.get_assessment(1).answers["BR-01"] == AnswerEntry(
        value=3, evidence="https://wiki.example.com/x"
    )
    assert service.role_assignments() == []
    assert service.principal_for("ana@example.com").grants == frozenset()


def test_upgrading_from_0003_starts_the_data_versions_at_the_audited_writes(
    database: Database, content
):
    upgrade_to(database.engine, "0003")
    with database.engine.begin() as connection:
        for statement in ROWS_AT_0001:
            connection.execute(text(statement))
        connection.execute(
            text(
                "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, details)"
                " VALUES (2, '2026-08-02 11:31:00+00:00', 'ana@example.com', 'answer.save',"
                " 'assessment', '1', '{}')"
            )
        )

    upgrade_to_head(database.engine)

    service = ReadinessService(database.engine, content)
    assert (service.data_version(), service.org_data_version()) == ("2", "1")


def test_upgrading_from_0003_keeps_assessments_and_first_start_records_their_catalogue(
    database: Database, content
):
    upgrade_to(database.engine, "0003")
    with database.engine.begin() as connection:
        for statement in ROWS_AT_0001:
            connection.execute(text(statement))

    upgrade_to_head(database.engine)
    with database.engine.connect() as connection:
        before = connection.execute(
            text("SELECT questionnaire_version, catalogue_id, catalogue_version FROM assessments")
        ).all()
    library = put_in_force(database.engine, content, lambda: START)

    with database.engine.connect() as connection:
        after = connection.execute(
            text("SELECT questionnaire_version, catalogue_id, catalogue_version FROM assessments")
        ).all()
        stored = connection.execute(
            text("SELECT kind, content_id, version FROM content_versions ORDER BY id")
        ).all()
    assert before == [("3", None, None)]
    assert after == [("3", "test-chains", "1")]
    assert stored == [
        ("questionnaire", "test-readiness", "3"),
        ("catalogue", "test-chains", "1"),
    ]
    assert library.content_for(("test-readiness", "3"), ("test-chains", "1")) == content
    old = ReadinessService(database.engine, content).get_assessment(1)
    assert old.answers["BR-01"] == AnswerEntry(value=3, evidence="https://wiki.example.com/x")


def test_head_schema_matches_the_models(database: Database):
    upgrade_to_head(database.engine)
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_upgrading_twice_changes_nothing(database: Database):
    upgrade_to_head(database.engine)
    upgrade_to_head(database.engine)
    assert current_revision(database.engine) == HEAD_REVISION
    assert _tables(database) == {
        "org_units",
        "teams",
        "assessments",
        "answers",
        "chain_states",
        "audit_log",
        "conflicting_edits",
        "role_assignments",
        "content_versions",
        "data_versions",
        "evidence_scans",
        "removal_requests",
        "incidents",
    }


def test_the_schema_head_constant_is_the_head_of_the_migration_scripts():
    from alembic.script import ScriptDirectory

    # A new migration must move SCHEMA_HEAD too, or a database behind it would pass as current.
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_HEAD
    assert SCHEMA_HEAD == HEAD_REVISION


def test_a_database_behind_the_head_is_still_migrated_and_one_at_it_is_left_alone(
    database: Database, monkeypatch: pytest.MonkeyPatch
):
    assert stored_revisions(database.engine) == set()
    upgrade_to(database.engine, "0006_removal_requests_incidents")
    assert stored_revisions(database.engine) == {"0006_removal_requests_incidents"}
    upgrade_to_head(database.engine)
    assert stored_revisions(database.engine) == {SCHEMA_HEAD}
    assert "carried_from" in {c["name"] for c in inspect(database.engine).get_columns("answers")}

    def no_alembic(*_args: object) -> None:
        raise AssertionError("a database at the head needs no migration run")

    monkeypatch.setattr("assessments.storage.db.upgrade_to", no_alembic)
    upgrade_to_head(database.engine)


def test_upgrade_works_from_any_working_directory_and_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    engine = make_engine("sqlite://")
    try:
        assert current_revision(engine) is None
        upgrade_to_head(engine)
        assert current_revision(engine) == HEAD_REVISION
        assert "conflicting_edits" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_a_sqlite_file_gets_its_folder_foreign_keys_and_wal(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'nested' / 'dir' / 'readiness.db'}")
    try:
        upgrade_to_head(engine)
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert (tmp_path / "nested" / "dir" / "readiness.db").is_file()
    finally:
        engine.dispose()


def test_database_url_comes_from_the_environment_else_a_file_under_var(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.delenv("READINESS_DATABASE_URL", raising=False)
    assert database_url() == f"sqlite:///{DEFAULT_DATABASE_PATH}"
    assert DEFAULT_DATABASE_PATH.parent.name == "var"
    monkeypatch.setenv("READINESS_DATABASE_URL", "postgresql+psycopg://u@db:5432/readiness")
    assert database_url() == "postgresql+psycopg://u@db:5432/readiness"
