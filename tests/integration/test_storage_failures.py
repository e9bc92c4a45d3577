"""A database that refuses or loses a write: a plain StorageError, nothing half-written, and
the next call works again (PostgreSQL reconnects on its own). The faults are real: SQLite's
read-only and page-limit pragmas, PostgreSQL read-only transactions and killed backends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from assessments.content.answers import AnswerEntry
from assessments.errors import StorageError
from assessments.service.readiness import ReadinessService
from assessments.storage.failures import FULL, LOST, READ_ONLY
from tests.integration.conftest import Clock, Database, make_content

ANA = "ana@example.com"


def on_connect(engine: Engine, statement: str) -> None:
    def run(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(statement)
        cursor.close()
        dbapi_connection.commit()  # a SET on PostgreSQL lasts only with its transaction

    event.listen(engine, "connect", run)


@pytest.fixture
def draft_id(org: ReadinessService) -> int:
    draft = org.open_draft("checkout", "2026-Q4", actor=ANA)
    return org.save_answer(
        draft.id, "BR-01", AnswerEntry(value=1), expected_version=draft.version, actor=ANA
    ).id


@pytest.fixture
def faulty(database: Database, clock: Clock) -> Iterator[Callable[[str], ReadinessService]]:
    """A second service on the same database whose connections start with a fault."""
    engines: list[Engine] = []

    def make(statement: str) -> ReadinessService:
        engine = database.another_engine()
        engines.append(engine)
        on_connect(engine, statement)
        return ReadinessService(engine, make_content(), clock=clock)

    yield make
    for engine in engines:
        engine.dispose()


def test_a_read_only_database_refuses_a_save_in_plain_words(
    database: Database, org: ReadinessService, draft_id: int, faulty
):
    read_only = faulty(
        "PRAGMA query_only=ON"
        if database.kind == "sqlite"
        else "SET default_transaction_read_only = on"
    )

    with pytest.raises(StorageError) as refused:
        read_only.save_answer(
            draft_id, "BR-02", AnswerEntry(value=3), expected_version=2, actor=ANA
        )

    assert (
        str(refused.value)
        == READ_ONLY
        == (
            "The database is read-only, so nothing was saved or changed. An admin must make it"
            " writable again (the database file's permissions, or a primary instead of a read-only"
            " replica)."
        )
    )
    stored = org.get_assessment(draft_id)
    assert (stored.version, stored.answers) == (2, {"BR-01": AnswerEntry(value=1)})
    assert read_only.get_assessment(draft_id) == stored  # reading still works


def test_a_full_disk_refuses_a_save_in_plain_words(
    database: Database, org: ReadinessService, draft_id: int, faulty
):
    if database.kind != "sqlite":
        pytest.skip("a full disk is simulated with SQLite's page limit")
    with database.engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar()
    full = faulty(f"PRAGMA max_page_count={pages}")
    long_note = AnswerEntry(value=3, note="x" * 2000)

    version = 2
    with pytest.raises(StorageError) as refused:
        for question_id in ("BR-02", "PA-01", "PA-02", "OS-01"):
            version = full.save_answer(
                draft_id, question_id, long_note, expected_version=version, actor=ANA
            ).version

    assert (
        str(refused.value)
        == FULL
        == (
            "The database's disk is full, so nothing was saved or changed. An admin must free"
            " space where the database is stored; then try again."
        )
    )
    stored = org.get_assessment(draft_id)
    assert stored.version == version  # the refused save left no trace
    assert len(stored.answers) == version - 1


def _kill_backend_before(engine: Engine, admin: Engine, prefix: str) -> list[int]:
    """Terminate the connection's server process just before the first statement `prefix`."""
    killed: list[int] = []

    def kill(_conn: Any, cursor: Any, statement: str, *_rest: Any) -> None:
        if not killed and statement.startswith(prefix):
            pid = cursor.connection.info.backend_pid
            with admin.connect() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                other.commit()
            killed.append(pid)

    event.listen(engine, "before_cursor_execute", kill)
    return killed


@pytest.mark.postgres
def test_a_connection_killed_mid_save_is_a_plain_error_and_the_next_save_reconnects(
    database: Database, org: ReadinessService, draft_id: int, postgres_admin, clock: Clock
):
    if database.kind != "postgres":
        pytest.skip("PostgreSQL only: SQLite has no server connection to lose")
    engine = database.another_engine()
    service = ReadinessService(engine, make_content(), clock=clock)
    killed = _kill_backend_before(engine, postgres_admin, "UPDATE assessments")

    with pytest.raises(StorageError) as lost:
        service.save_answer(draft_id, "BR-02", AnswerEntry(value=3), expected_version=2, actor=ANA)

    assert len(killed) == 1
    assert (
        str(lost.value)
        == LOST
        == (
            "The connection to the database was lost, so nothing was saved or changed. Try again"
            " in a moment; the app reconnects on its own."
        )
    )
    assert org.get_assessment(draft_id).answers == {"BR-01": AnswerEntry(value=1)}
    saved = service.save_answer(
        draft_id, "BR-02", AnswerEntry(value=3), expected_version=2, actor=ANA
    )
    assert (saved.version, saved.answers["BR-02"]) == (3, AnswerEntry(value=3))
    engine.dispose()


@pytest.mark.postgres
def test_connections_killed_between_requests_are_replaced_without_an_error(
    database: Database, org: ReadinessService, draft_id: int, postgres_admin
):
    if database.kind != "postgres":
        pytest.skip("PostgreSQL only: SQLite has no server connection to lose")
    with org.engine.connect() as connection:
        pid = connection.execute(text("SELECT pg_backend_pid()")).scalar()
    with postgres_admin.connect() as other:
        other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        other.commit()

    saved = org.save_answer(draft_id, "BR-02", AnswerEntry(value=3), expected_version=2, actor=ANA)

    assert saved.version == 3
