"""Integration fixtures: every storage test runs on SQLite and on a real PostgreSQL.

PostgreSQL comes from `READINESS_TEST_POSTGRES_URL` (default: the local `test` database);
each test gets a fresh schema, dropped afterwards. Without a reachable server the postgres
cases are skipped, unless `REQUIRE_POSTGRES` is set (as in CI), where they fail loudly.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from assessments.content.catalogue import ChainCatalogue
from assessments.content.in_force import Content
from assessments.content.questionnaire import Questionnaire
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to_head
from tests.integration.memory_store import MemoryStore

POSTGRES_URL_ENV = "READINESS_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
START = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)


@dataclass
class Database:
    """An empty database for one test: its kind, URL and an engine on it."""

    kind: str
    url: str
    engine: Engine

    def another_engine(self) -> Engine:
        """A second engine on the same database, as a second app replica would have."""
        return make_engine(self.url)


class Clock:
    """A clock the test moves by hand, so timestamps and messages are exact."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: int) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now


def _scale(top: int) -> list[dict[str, object]]:
    return [
        {"value": v, "label": f"level {v}", "description": f"observable fact {v}"}
        for v in range(top + 1)
    ]


def _question(qid: str, pillar: str, top: int = 4, **extra: object) -> dict[str, object]:
    return {
        "id": qid,
        "pillar": pillar,
        "text": f"Question {qid}?",
        "help": "Why it matters.",
        "scale": _scale(top),
        "evidence_hint": "A link to the policy.",
        **extra,
    }


def make_content() -> Content:
    """A small questionnaire and catalogue, independent of the shipped YAML."""
    questionnaire = Questionnaire.model_validate(
        {
            "id": "test-readiness",
            "version": "3",
            "title": "Test questionnaire",
            "pillars": [
                {"id": "blast_radius", "name": "Blast radius", "description": "Damage."},
                {"id": "production_access", "name": "Production access", "description": "Keys."},
                {"id": "orchestrator_skill", "name": "Orchestrator skill", "description": "Use."},
            ],
            "questions": [
                _question("BR-01", "blast_radius"),
                _question("BR-02", "blast_radius", critical=True),
                _question("PA-01", "production_access", allow_not_applicable=False),
                _question("PA-02", "production_access"),
                _question("OS-01", "orchestrator_skill", top=2),
            ],
        }
    )
    chain = {
        "protects": ["blast_radius"],
        "gate": "A human approves.",
        "risk": "low",
        "toil": "high",
        "reinstate_when": "After an incident.",
        "compensating_controls": ["sandbox"],
    }
    catalogue = ChainCatalogue.model_validate(
        {
            "id": "test-chains",
            "version": "1",
            "title": "Test chains",
            "questionnaire": "test-readiness",
            "chains": [
                {
                    **chain,
                    "id": "tool-approval",
                    "order": 1,
                    "name": "Approve each tool call",
                    "unlock": {"pillar": "blast_radius", "min_level": 2},
                },
                {
                    **chain,
                    "id": "merge-review",
                    "order": 2,
                    "name": "Review before merge",
                    "unlock": {"chain_removed": "tool-approval"},
                },
                {
                    **chain,
                    "id": "prod-write",
                    "order": 3,
                    "name": "Production write",
                    "permanent": True,
                    "compensating_controls": [],
                },
            ],
        }
    )
    return Content.of(questionnaire, catalogue)


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine | str]:
    """An engine on the PostgreSQL test server, or why it cannot be reached (checked once)."""
    url = os.environ.get(POSTGRES_URL_ENV) or DEFAULT_POSTGRES_URL
    admin = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        admin.dispose()
        yield f"PostgreSQL at {url} is not reachable: {error.orig}"
        return
    yield admin
    admin.dispose()


def _reachable(admin: Engine | str) -> Engine:
    if isinstance(admin, Engine):
        return admin
    if os.environ.get("REQUIRE_POSTGRES"):
        pytest.fail(f"{admin} (REQUIRE_POSTGRES is set)", pytrace=False)
    pytest.skip(admin)


def _empty_database(
    kind: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'readiness.db'}"
        engine = make_engine(url)
        yield Database("sqlite", url, engine)
        engine.dispose()
        return
    admin = _reachable(request.getfixturevalue("postgres_admin"))
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    rendered = admin.url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )
    engine = make_engine(rendered)
    try:
        yield Database("postgres", rendered, engine)
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """An empty database (no schema yet): a temporary SQLite file or a fresh PostgreSQL schema."""
    yield from _empty_database(request.param, request, tmp_path_factory)


@pytest.fixture
def another_database(
    database: Database, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """A second empty database of the same kind as `database` (e.g. to import an export into)."""
    yield from _empty_database(database.kind, request, tmp_path_factory)


@pytest.fixture
def content() -> Content:
    return make_content()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(database: Database, content: Content, clock: Clock) -> ReadinessService:
    """A service over an up-to-date schema, with a hand-moved clock."""
    upgrade_to_head(database.engine)
    return ReadinessService(database.engine, content, clock=clock)


def with_org(service: ReadinessService) -> ReadinessService:
    """The service with two units and three teams."""
    service.create_unit("payments", "Payments", actor="admin@example.com")
    service.create_unit("platform", "Platform", actor="admin@example.com")
    service.create_team("checkout", "Checkout", "payments", actor="admin@example.com")
    service.create_team("billing", "Billing", "payments", actor="admin@example.com")
    service.create_team("runtime", "Runtime", "platform", actor="admin@example.com")
    return service


@pytest.fixture
def org(service: ReadinessService) -> ReadinessService:
    """The service with two units and three teams."""
    return with_org(service)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres), "memory"])
def any_org(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    content: Content,
    clock: Clock,
) -> Iterator[ReadinessService]:
    """`org`, on SQLite, on PostgreSQL, and over the in-memory store (no SQL at all)."""
    if request.param == "memory":
        yield with_org(ReadinessService(MemoryStore(clock), content))
        return
    for database in _empty_database(request.param, request, tmp_path_factory):
        upgrade_to_head(database.engine)
        yield with_org(ReadinessService(database.engine, content, clock=clock))
