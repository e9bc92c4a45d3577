"""Where the data lives: the database URL, the engine, sessions and schema upgrades.

Nothing here runs at import time; the app and the CLI call `make_engine` and
`upgrade_to_head` on start.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from assessments.settings import Settings
from assessments.storage.failures import plain_storage_error

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD = "head"
SCHEMA_HEAD = "0008_carried_answers"
"""The newest migration's revision. A database already there is not handed to Alembic at all:
importing it and reading the scripts is about half a second of every start (a test holds
this to the scripts' head, so a new migration must update it)."""

# Any constant will do; it only has to be the same for every replica of the app.
_MIGRATION_LOCK_KEY = 7_204_113_901


def database_url() -> str:
    """The database URL of the settings: `READINESS_DATABASE_URL`, else a SQLite file under
    `var/` (for Alembic run by hand; the app and the CLI pass their settings' URL)."""
    return Settings.from_environment().database_url


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: `database_url()`), with SQLite set up for a web app.

    A connection the server dropped is replaced before use (pre-ping), and a database that
    refuses or loses a statement raises `StorageError` with a plain message.
    """
    parsed = make_url(url or database_url())
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(parsed, pool_pre_ping=True)
        event.listen(engine, "handle_error", plain_storage_error)
        return engine
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    in_memory = parsed.database in (None, "", ":memory:")
    if in_memory:
        # One shared connection, or every session would see its own empty database.
        kwargs["poolclass"] = StaticPool
    else:
        Path(str(parsed.database)).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, **kwargs)
    event.listen(engine, "connect", _sqlite_pragmas(wal=not in_memory))
    event.listen(engine, "handle_error", plain_storage_error)
    return engine


def _sqlite_pragmas(*, wal: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if wal:
            # WAL lets the app's readers run while one writer saves a draft.
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    return on_connect


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose loaded values stay readable after commit."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def alembic_config() -> Config:
    """An Alembic configuration built in code, so it works from any working directory."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Bring the schema up to the newest migration; safe to call on every start."""
    if stored_revisions(engine) == {SCHEMA_HEAD}:
        return
    upgrade_to(engine, HEAD)


def stored_revisions(engine: Engine) -> set[str]:
    """The revisions in the database's `alembic_version` table (none for an empty database)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return set()
        return set(connection.scalars(text("SELECT version_num FROM alembic_version")))


def upgrade_to(engine: Engine, revision: str) -> None:
    """Bring the schema to `revision` (tests use this to start from an old schema).

    All pending migrations run in one transaction, so a start killed half-way leaves the
    database as it was; starts that race each other take turns.
    """
    from alembic import command

    config = alembic_config()
    with migration_transaction(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


@contextmanager
def migration_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the migration lock until it commits."""
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            with _sqlite_migration_transaction(connection):
                yield connection
            return
        with connection.begin():
            if connection.dialect.name == "postgresql":
                # Several app replicas may start together; only one migrates at a time.
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY}
                )
            yield connection


@contextmanager
def _sqlite_migration_transaction(connection: Connection) -> Iterator[None]:
    # pysqlite's legacy transaction handling runs DDL outside any transaction, so a killed
    # migration left half a schema behind. With isolation_level None it begins nothing on its
    # own and every statement joins the explicit BEGIN IMMEDIATE, which also takes SQLite's
    # write lock: a second start waits (busy_timeout) and then finds the schema up to date.
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.isolation_level = None
    # As SQLite's own recipe for table rebuilds: foreign keys off (batch migrations drop and
    # recreate tables), checked before commit.
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        yield
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"the migration would break {len(broken)} foreign keys")
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()
        driver.isolation_level = ""


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
