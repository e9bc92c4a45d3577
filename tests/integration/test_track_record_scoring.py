"""Track-record conditions on stored data, SQLite and PostgreSQL: the org table (vectorised)
and the team report (per assessment) agree, and time alone moves a chain from blocked to next."""

from __future__ import annotations

from datetime import date

import pytest

from assessments.access import Grant, Role
from assessments.content.answers import AnswerEntry
from assessments.content.catalogue import ChainCatalogue
from assessments.content.in_force import Content
from assessments.reports.org_table import period_table
from assessments.reports.track_record import assessment_track_records, team_track_record_input
from assessments.service.readiness import ReadinessService
from assessments.service.team_scoring import score_view
from assessments.storage.db import upgrade_to_head
from tests.integration.conftest import Clock, Database

READY = {"BR-01": 3, "BR-02": 3, "PA-01": 2, "PA-02": 2, "OS-01": 1}


@pytest.fixture
def waiting(database: Database, content: Content, clock: Clock) -> ReadinessService:
    """Merge review may go once tool approval has been removed, with sign-off, for 28 days."""
    raw = content.catalogue.model_dump(mode="json")
    for chain in raw["chains"]:
        if chain["id"] == "merge-review":
            chain["unlock"] = {"removed_for": {"chain": "tool-approval", "days": 28}}
    catalogue = ChainCatalogue.model_validate(raw)
    upgrade_to_head(database.engine)
    service = ReadinessService(
        database.engine, Content.of(content.questionnaire, catalogue), clock=clock
    )
    service.create_unit("payments", "Payments", actor="seed")
    service.create_team("checkout", "Checkout", "payments", actor="seed")
    service.grant_role("rita@example.com", Grant(Role.APPROVER), actor="seed")
    return service


def _submit(service: ReadinessService, period: str, removed: tuple[str, ...] = ()) -> None:
    draft = service.open_draft("checkout", period, actor="ana@example.com")
    for qid, value in READY.items():
        draft = service.save_answer(
            draft.id, qid, AnswerEntry(value=value), expected_version=draft.version, actor="ana"
        )
    for chain in removed:
        draft = service.set_chain_state(
            draft.id, chain, True, expected_version=draft.version, actor="ana"
        )
    service.submit(draft.id, expected_version=draft.version, actor="ana")


@pytest.mark.parametrize(
    ("today", "status"), [(date(2026, 11, 20), "blocked"), (date(2026, 12, 15), "next")]
)
def test_a_chain_waiting_on_time_unlocks_in_both_engines_alike(waiting, today, status):
    _submit(waiting, "2026-Q3")
    asked = waiting.request_removal(
        "checkout", "tool-approval", reason="sandboxed", planned_on=date(2026, 11, 2),
        actor="ana@example.com",
    )  # fmt: skip
    waiting.decide_removal(asked.id, approve=True, note="ok", actor="rita@example.com")
    _submit(waiting, "2026-Q4", ("tool-approval",))
    content = waiting.content
    requests, incidents = waiting.removal_requests(), waiting.incidents()

    snapshot = waiting.period_snapshot("2026-Q4")
    rows = [(t.latest.id, t.team.slug, "2026-Q4") for t in snapshot.submitted if t.latest]
    frames = assessment_track_records(rows, requests, incidents, today)
    table = period_table(snapshot, content.rubric, content.scoring_catalogue, track_record=frames)
    track = team_track_record_input("checkout", "2026-Q4", requests, incidents, today)
    result = score_view(content, waiting.latest_submitted("checkout", "2026-Q4"), track)

    assert table.at["checkout", "status:merge-review"] == status
    assert result.chain("merge-review").status.value == status
    if status == "blocked":
        (path,) = [p for p in result.recommendation.unlock_paths if p.chain == "merge-review"]
        assert (path.only_time, path.wait_until) == (True, date(2026, 11, 30))
