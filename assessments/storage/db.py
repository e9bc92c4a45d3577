"""Where the data lives: the database URL, the engine, sessions and schema upgrades.

Nothing here runs at import time; the app and the CLI call `make_engine` and
`upgrade_to_head` on start.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from assessments.settings import Settings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD = "head"

# Any constant will do; it only has to be the same for every replica of the app.
_MIGRATION_LOCK_KEY = 7_204_113_901


def database_url() -> str:
    """The database URL of the settings: `READINESS_DATABASE_URL`, else a SQLite file under
    `var/` (for Alembic run by hand; the app and the CLI pass their settings' URL)."""
    return Settings.from_environment().database_url


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: `database_url()`), with SQLite set up for a web app."""
    parsed = make_url(url or database_url())
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    in_memory = parsed.database in (None, "", ":memory:")
    if in_memory:
        # One shared connection, or every session would see its own empty database.
        kwargs["poolclass"] = StaticPool
    else:
        Path(str(parsed.database)).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, **kwargs)
    event.listen(engine, "connect", _sqlite_pragmas(wal=not in_memory))
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
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Bring the schema up to the newest migration; safe to call on every start."""
    upgrade_to(engine, HEAD)


def upgrade_to(engine: Engine, revision: str) -> None:
    """Bring the schema to `revision` (tests use this to start from an old schema)."""
    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Several app replicas may start together; only one migrates at a time.
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY}
            )
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
