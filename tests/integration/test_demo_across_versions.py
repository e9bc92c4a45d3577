"""The demo organisation across the 2026.1 -> 2027.1 change, stored and read back: old quarters
keep exactly the scores 2026.1 gives them, recent ones are on 2027.1, and trends are mapped."""

from __future__ import annotations

import pytest

from assessments.content.in_force import kept_version, load_content
from assessments.service.content_versions import put_in_force, stored_library
from assessments.service.readiness import ReadinessService
from assessments.service.team_scoring import history_changes, history_points, keys_of, score_view
from assessments.storage.db import upgrade_to_head
from assessments.storage.seeding import seed_demo_if_empty
from assessments.storage.store import utc_now
from scoring import score_assessment
from tests.integration.conftest import Database


@pytest.fixture
def seeded(database: Database) -> ReadinessService:
    content = load_content()
    upgrade_to_head(database.engine)
    put_in_force(database.engine, content, utc_now)
    service = ReadinessService(database.engine, content)
    assert seed_demo_if_empty(service) is not None
    return service


def test_old_assessments_keep_their_2026_1_scores(seeded: ReadinessService) -> None:
    library = stored_library(seeded.engine, load_content())
    previous = kept_version("autonomy-readiness", "2026.1")
    assert previous is not None
    team = "analytics-engineering"
    history = seeded.team_history(team)
    old = [a for a in history if a.period in ("2026-Q1", "2026-Q2")]
    assert len(old) == 2
    for assessment in old:
        assert keys_of(assessment) == (
            ("autonomy-readiness", "2026.1"),
            ("default-chains", "2026.1"),
        )
        as_stored = score_view(library, assessment)
        on_2026_1 = score_assessment(
            previous.rubric, previous.scoring_catalogue, assessment.to_scoring()
        )
        assert as_stored == on_2026_1
        assert len(as_stored.chains) == 13


def test_recent_assessments_are_on_2027_1_and_the_history_is_mapped_and_marked(
    seeded: ReadinessService,
) -> None:
    library = stored_library(seeded.engine, load_content())
    history = seeded.team_history("analytics-engineering")
    recent = [a for a in history if a.period in ("2026-Q3", "2026-Q4")]
    assert {keys_of(a)[0] for a in recent} == {("autonomy-readiness", "2027.1")}
    assert len(score_view(library, recent[-1]).chains) == 15
    changes = history_changes(history_points(library, history))
    assert [(c.period, c.mapped) for c in changes] == [("2026-Q3", True)]
