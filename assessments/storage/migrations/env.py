"""Alembic environment: runs migrations on the connection the caller hands over.

`assessments.storage.db.upgrade_to` passes its connection in `config.attributes["connection"]`,
so in-memory and temporary SQLite databases migrate too; without one, the URL comes from
`READINESS_DATABASE_URL` (the SQLite file under `var/` by default).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from assessments.storage.db import database_url, make_engine, migration_transaction


def run_on(connection: Connection) -> None:
    """Run the pending migrations on `connection`."""
    # Batch mode recreates tables on SQLite where ALTER TABLE cannot do the change.
    context.configure(connection=connection, target_metadata=None, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run them on a database")

handed_over = context.config.attributes.get("connection")
if handed_over is not None:
    run_on(handed_over)
else:
    engine = make_engine(database_url())
    try:
        with migration_transaction(engine) as connection:
            run_on(connection)
    finally:
        engine.dispose()
