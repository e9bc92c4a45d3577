"""SqlStore: one transaction per unit of work, with its time and an audit recorder bound.

Services never see a session: they ask the store for a unit of work and get a repository
(`assessments/storage/repository.py`) that knows the SQL, the moment the work happens and
who does it, so every audit entry of one unit of work carries the same actor and time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from assessments.storage.audit import AuditRecorder
from assessments.storage.contract import ConstraintViolation
from assessments.storage.db import session_factory
from assessments.storage.repository import SqlRepository

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time in UTC, timezone-aware."""
    return datetime.now(UTC)


class SqlStore:
    """Units of work over one database: SQLite by default, PostgreSQL by URL."""

    def __init__(self, engine: Engine, *, clock: Clock | None = None) -> None:
        self._engine = engine
        self._sessions = session_factory(engine)
        self._clock = clock or utc_now

    @property
    def engine(self) -> Engine:
        """The engine this store writes through."""
        return self._engine

    @contextmanager
    def unit_of_work(self, actor: str = "") -> Iterator[SqlRepository]:
        """One transaction: commits when the block ends, rolls back if it raises.

        Raises:
            ConstraintViolation: the database refused a write (between replicas: a race lost).
        """
        try:
            with self._sessions.begin() as session:
                now = self._clock().astimezone(UTC)
                yield SqlRepository(session, AuditRecorder(session, actor, now))
        except IntegrityError as error:
            raise ConstraintViolation(str(error.orig)) from error
