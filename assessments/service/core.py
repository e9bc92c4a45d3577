"""What every part of the service shares: the content, the clock and one transaction per call."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import Engine

from assessments.content.catalogue import ChainCatalogue
from assessments.content.in_force import Content as InForce
from assessments.content.questionnaire import Questionnaire
from assessments.content.versions import ContentLibrary
from assessments.storage.content_versions import ContentVersionStore
from assessments.storage.db import session_factory
from assessments.storage.repository import SqlRepository

Clock = Callable[[], datetime]


class Content(Protocol):
    """The questionnaire and chain catalogue that answers are checked against."""

    @property
    def questionnaire(self) -> Questionnaire: ...

    @property
    def catalogue(self) -> ChainCatalogue: ...


def utc_now() -> datetime:
    """The current time in UTC, timezone-aware."""
    return datetime.now(UTC)


class ServiceCore:
    """Holds the engine and content; each public call runs in one transaction."""

    def __init__(
        self,
        engine: Engine,
        content: Content,
        *,
        clock: Clock | None = None,
        library: ContentLibrary | None = None,
    ) -> None:
        self._engine = engine
        self._content = content
        self._sessions = session_factory(engine)
        self._clock = clock or utc_now
        self._library = library

    @property
    def library(self) -> ContentLibrary:
        """The content in force and every stored version (read from the database if not given).

        Every assessment is scored, checked and prefilled on the version it was answered on.
        """
        if self._library is None:
            with self._sessions.begin() as session:
                stored = ContentVersionStore(session).all()
            in_force = self._content
            if not isinstance(in_force, InForce):
                in_force = InForce.of(in_force.questionnaire, in_force.catalogue)
            return ContentLibrary.of(in_force, stored)
        return self._library

    @property
    def content(self) -> Content:
        """The questionnaire and catalogue answers are checked against."""
        return self._content

    @property
    def engine(self) -> Engine:
        """The engine this service writes through."""
        return self._engine

    def _now(self) -> datetime:
        return self._clock().astimezone(UTC)

    @contextmanager
    def unit_of_work(self) -> Iterator[SqlRepository]:
        """One transaction: commits when the block ends, rolls back if it raises."""
        with self._sessions.begin() as session:
            yield SqlRepository(session)
