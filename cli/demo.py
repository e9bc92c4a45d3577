"""`readiness demo`: seed a generated demo organisation into the configured database."""

from __future__ import annotations

import sys

from assessments.content.in_force import load_content
from assessments.demo.earlier import earlier_version
from assessments.demo.organisation import generate_demo_org
from assessments.errors import ReadinessError
from assessments.periods import parse_period
from assessments.service.content_versions import put_in_force
from assessments.service.readiness import ReadinessService
from assessments.settings import Settings
from assessments.storage.db import make_engine, upgrade_to_head
from assessments.storage.seeding import seed_demo_if_empty
from assessments.storage.store import utc_now


def run_demo(
    settings: Settings, teams: int, units: int, quarters: int, last_period: str, seed: int
) -> int:
    """Seed an empty database; refuse (exit 1) when it already holds teams."""
    if teams < 1 or units < 1 or quarters < 1 or units > teams:
        raise ReadinessError(
            "need at least 1 team, 1 unit and 1 quarter, and no more units than teams"
        )
    parse_period(last_period)
    content = load_content(data_dir=settings.data_dir)
    engine = make_engine(settings.database_url)
    try:
        upgrade_to_head(engine)
        put_in_force(engine, content, utc_now)
        service = ReadinessService(engine, content)
        print(f"Generating {teams} teams in {units} units over {quarters} quarters…", flush=True)
        summary = seed_demo_if_empty(
            service,
            lambda: generate_demo_org(
                content.questionnaire,
                content.catalogue,
                teams=teams,
                units=units,
                quarters=quarters,
                last_period=last_period,
                seed=seed,
                earlier=earlier_version(content.questionnaire, quarters),
            ),
        )
    finally:
        engine.dispose()
    if summary is None:
        raise ReadinessError(
            "the database already holds teams; point READINESS_DATABASE_URL at an empty one"
        )
    print(
        f"Seeded {summary.units} units, {summary.teams} teams, {summary.assessments} "
        f"assessments and {summary.answers} answers.",
        file=sys.stdout,
    )
    return 0
