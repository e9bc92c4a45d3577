"""Fault tests: a migration killed half-way leaves the database as it was, and starts that
race each other take turns. The children are real processes, killed with SIGKILL."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from assessments.storage.db import current_revision, upgrade_to, upgrade_to_head
from assessments.storage.tables import Base
from tests.integration.conftest import Database
from tests.integration.test_migrations import HEAD_REVISION, ROWS_AT_0001

REPO_ROOT = Path(__file__).resolve().parents[2]
TABLES_AT_0001 = {"org_units", "teams", "assessments", "answers", "chain_states", "audit_log"}
# Every table the head schema declares (this test is about storage itself).
EVERY_TABLE = set(Base.metadata.tables)


class Child:
    """A `pausing_child` process: migrates, pauses at a statement, then is killed or released."""

    def __init__(self, url: str, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.pausing_child", url, *args],
            cwd=REPO_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def wait_for(self, line: str) -> None:
        assert self.process.stdout is not None
        got = self.process.stdout.readline().strip()
        if got != line:
            self.process.kill()
            _out, err = self.process.communicate(timeout=60)
            pytest.fail(f"child printed {got!r} instead of {line!r}; stderr:\n{err}")

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: no cleanup, no rollback from the child's side
        self.process.wait(timeout=60)

    def release_and_finish(self) -> tuple[int, str, str]:
        out, err = self.process.communicate("go\n", timeout=120)
        return self.process.returncode, out, err


def _tables(database: Database) -> set[str]:
    return set(inspect(database.engine).get_table_names()) - {"alembic_version"}


def _killed_while_migrating(database: Database, revision: str, pause_at: str) -> None:
    child = Child(database.url, "migrate", revision, pause_at)
    child.wait_for("starting")
    child.wait_for("paused")
    child.kill()
    database.engine.dispose()  # forget connections opened before the kill


@pytest.mark.parametrize(
    "pause_at",
    [
        "CREATE TABLE org_units",
        "CREATE TABLE teams",
        "CREATE INDEX ix_audit_log_action",
        "ALTER TABLE answers ADD COLUMN note",
        "CREATE TABLE conflicting_edits",
        "CREATE TABLE role_assignments",
    ],
)
def test_a_first_start_killed_mid_migration_leaves_an_empty_database_that_starts_next_time(
    database: Database, pause_at: str
):
    _killed_while_migrating(database, HEAD_REVISION, pause_at)

    assert current_revision(database.engine) is None
    assert _tables(database) == set()
    upgrade_to_head(database.engine)
    assert current_revision(database.engine) == HEAD_REVISION
    assert _tables(database) == EVERY_TABLE


@pytest.mark.parametrize(
    "pause_at",
    [
        "ALTER TABLE answers ADD COLUMN note",
        "CREATE INDEX ix_conflicting_edits_assessment_id",
        "CREATE TABLE role_assignments",
    ],
)
def test_an_upgrade_killed_mid_way_keeps_the_old_schema_and_its_rows(
    database: Database, pause_at: str
):
    upgrade_to(database.engine, "0001")
    with database.engine.begin() as connection:
        for statement in ROWS_AT_0001:
            connection.execute(text(statement))

    _killed_while_migrating(database, HEAD_REVISION, pause_at)

    assert current_revision(database.engine) == "0001"
    assert "note" not in {c["name"] for c in inspect(database.engine).get_columns("answers")}
    assert _tables(database) == TABLES_AT_0001
    upgrade_to_head(database.engine)
    assert current_revision(database.engine) == HEAD_REVISION
    with database.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT question_id, value, note FROM answers ORDER BY id")
        ).all()
    assert [tuple(row) for row in rows] == [
        ("BR-01", 3, None),
        ("PA-02", None, None),
        ("OS-01", None, None),
    ]


def test_two_first_starts_at_once_take_turns_and_both_succeed(database: Database):
    first = Child(database.url, "migrate", HEAD_REVISION, "CREATE TABLE teams")
    first.wait_for("starting")
    first.wait_for("paused")
    second = Child(database.url, "migrate", HEAD_REVISION, "-")
    second.wait_for("starting")
    # Give the second start time to reach the schema while the first is half-way; with the
    # migration lock it waits for the first to finish (without it, it fails or corrupts).
    with contextlib.suppress(subprocess.TimeoutExpired):
        second.process.wait(timeout=3)

    first_code, _, first_err = first.release_and_finish()
    second_code, second_out, second_err = second.release_and_finish()

    assert (first_code, first_err) == (0, "")
    assert (second_code, second_out, second_err) == (0, "done\n", "")
    database.engine.dispose()
    assert current_revision(database.engine) == HEAD_REVISION
    assert _tables(database) == EVERY_TABLE
