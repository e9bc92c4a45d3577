"""What every command of the service shares: the store, the content and whom it acts for."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Engine

from assessments.content.catalogue import ChainCatalogue
from assessments.content.in_force import Content as InForce
from assessments.content.questionnaire import Questionnaire
from assessments.content.versions import ContentLibrary
from assessments.errors import NotFoundError
from assessments.service.guard import Access, TeamAccess
from assessments.storage.content_versions import ContentVersionStore
from assessments.storage.contract import Repository, Store
from assessments.storage.db import session_factory
from assessments.storage.store import Clock, SqlStore
from assessments.storage.views import TeamView

__all__ = ["Clock", "Content", "ServiceCore"]


class Content(Protocol):
    """The questionnaire and chain catalogue that answers are checked against."""

    @property
    def questionnaire(self) -> Questionnaire: ...

    @property
    def catalogue(self) -> ChainCatalogue: ...


class ServiceCore:
    """Holds the store, the content and the access; each public call is one unit of work.

    Args:
        store: an engine (wrapped in a `SqlStore` with `clock`), or any `Store`.
        content: the questionnaire and catalogue in force.
        clock: the time writes are stamped with (default: now, UTC).
        access: whom the service acts for (default: trusted, for the CLI and start-up).
    """

    def __init__(
        self,
        store: Engine | Store,
        content: Content,
        *,
        clock: Clock | None = None,
        access: Access | None = None,
        library: ContentLibrary | None = None,
    ) -> None:
        self._store: Store = SqlStore(store, clock=clock) if isinstance(store, Engine) else store
        self._content = content
        self._library = library
        self.access = access or Access()

    @property
    def library(self) -> ContentLibrary:
        """The content in force and every version stored with it (read when not given).

        Every assessment is scored, checked and prefilled on the version it was answered on.
        """
        if self._library is not None:
            return self._library
        in_force = self._content
        if not isinstance(in_force, InForce):
            in_force = InForce.of(in_force.questionnaire, in_force.catalogue)
        if isinstance(self._store, SqlStore):
            with session_factory(self._store.engine).begin() as session:
                return ContentLibrary.of(in_force, ContentVersionStore(session).all())
        return ContentLibrary.of(in_force)

    @property
    def store(self) -> Store:
        """Where the service reads and writes."""
        return self._store

    @property
    def content(self) -> Content:
        """The questionnaire and catalogue answers are checked against."""
        return self._content

    @property
    def engine(self) -> Engine:
        """The engine of a service over SQL (to dispose of it)."""
        if not isinstance(self._store, SqlStore):
            raise TypeError("this service does not run over a SQL database")
        return self._store.engine

    def may_read_team(self, team_slug: str) -> bool:
        """Whether this person may read the team's submitted assessments."""
        if self.access.may_edit(team_slug):
            return True
        units = self.access.viewed_units
        if units is None:
            return True
        return bool(units) and self._team(team_slug).unit_slug in units

    def require_team_access(self, team_slug: str, access: TeamAccess) -> None:
        """Raise AuthorizationError unless this person may read (or edit) the team."""
        if access is TeamAccess.EDIT and not self.access.may_edit(team_slug):
            raise self.access.deny(f"edit {team_slug}'s draft")
        if access is TeamAccess.READ and not self.may_read_team(team_slug):
            raise self.access.deny(f"read {team_slug}'s assessments")

    def _team(self, team_slug: str) -> TeamView:
        with self._store.unit_of_work() as repo:
            return find_team(repo, team_slug)


def find_team(repo: Repository, team_slug: str) -> TeamView:
    """The team with this slug; NotFoundError if there is none."""
    found = repo.team(team_slug)
    if found is None:
        raise NotFoundError(f"no team with slug {team_slug!r}")
    return found
