"""A database that refuses or loses a statement, told in plain words: what happened, that
nothing was changed, and what to do. Hooked into every engine (`make_engine`)."""

from __future__ import annotations

from sqlalchemy.engine import ExceptionContext

from assessments.errors import StorageError

NOTHING_CHANGED = "nothing was saved or changed"
LOST = (
    f"The connection to the database was lost, so {NOTHING_CHANGED}. Try again in a moment;"
    " the app reconnects on its own."
)
READ_ONLY = (
    f"The database is read-only, so {NOTHING_CHANGED}. An admin must make it writable again"
    " (the database file's permissions, or a primary instead of a read-only replica)."
)
FULL = (
    f"The database's disk is full, so {NOTHING_CHANGED}. An admin must free space where the"
    " database is stored; then try again."
)
BUSY = (
    f"The database was busy for too long, so {NOTHING_CHANGED}. Try again in a moment; tell an"
    " admin if it keeps happening."
)

# SQLite's result codes (sqlite3 exceptions carry their name) and PostgreSQL's SQLSTATEs.
_SQLITE = {"SQLITE_READONLY": READ_ONLY, "SQLITE_FULL": FULL, "SQLITE_BUSY": BUSY}
_POSTGRES = {"25006": READ_ONLY, "53100": FULL, "55P03": BUSY}
_SERVER_GONE = {"57P01", "57P02", "57P03"}
"""Terminated by an admin, a crash, or a server shutting down: psycopg does not count these
as disconnects, so without this the pool's pre-ping would raise instead of reconnecting."""


def plain_storage_error(context: ExceptionContext) -> StorageError | None:
    """A `handle_error` hook: the StorageError to raise instead, or None to let it pass.

    Constraint violations and programming errors pass unchanged: they are bugs or races the
    service handles itself. The pool is still invalidated on a lost connection.
    """
    error = context.original_exception
    sqlstate = getattr(error, "sqlstate", None)
    if sqlstate in _SERVER_GONE:
        context.is_disconnect = True
    if context.is_pre_ping:
        return None  # the pool replaces the connection when is_disconnect is set
    if context.is_disconnect:
        return StorageError(LOST)
    name = str(getattr(error, "sqlite_errorname", ""))
    for prefix, message in _SQLITE.items():
        if name.startswith(prefix):
            return StorageError(message)
    if isinstance(sqlstate, str) and sqlstate in _POSTGRES:
        return StorageError(_POSTGRES[sqlstate])
    return None
