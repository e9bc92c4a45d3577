"""Seeding a demo organisation: one bulk transaction, and only into an empty database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from assessments.content.answers import AnswerEntry
from assessments.errors import InvalidInputError
from assessments.service.readiness import ReadinessService
from assessments.storage.seeding import SeedSummary, period_start, seed_demo, seed_demo_if_empty


@dataclass(frozen=True)
class Unit:
    slug: str
    name: str


@dataclass(frozen=True)
class Team:
    slug: str
    name: str
    unit_slug: str


@dataclass(frozen=True)
class Assessment:
    team_slug: str
    period: str
    status: str
    answers: dict[str, AnswerEntry]
    removed_chains: tuple[str, ...] = ()
    submitted_by: str = "lead@example.com"


@dataclass(frozen=True)
class Org:
    units: tuple[Unit, ...]
    teams: tuple[Team, ...]
    assessments: tuple[Assessment, ...] = field(default=())


FULL = {
    "BR-01": AnswerEntry(value=2, evidence="https://example.com/br"),
    "BR-02": AnswerEntry(value=1),
    "PA-01": AnswerEntry(dont_know=True),
    "PA-02": AnswerEntry(not_applicable="no production"),
    "OS-01": AnswerEntry(value=2, note="pairing"),
}
TINY = Org(
    units=(Unit("payments", "Payments"), Unit("platform", "Platform")),
    teams=(
        Team("checkout", "Checkout", "payments"),
        Team("billing", "Billing", "payments"),
        Team("runtime", "Runtime", "platform"),
    ),
    assessments=(
        Assessment("checkout", "2026-Q3", "submitted", FULL, ("tool-approval",)),
        Assessment("checkout", "2026-Q4", "submitted", FULL, ("tool-approval", "merge-review")),
        Assessment("billing", "2026-Q4", "submitted", {**FULL, "BR-01": AnswerEntry(value=4)}),
        Assessment("runtime", "2026-Q4", "draft", {"BR-01": AnswerEntry(value=1)}),
    ),
)


def test_seed_demo_writes_every_unit_team_assessment_and_answer(service: ReadinessService):
    summary = seed_demo(service, TINY)
    assert summary == SeedSummary(units=2, teams=3, assessments=4, answers=16, chain_states=3)
    assert [t.slug for t in service.list_teams()] == ["billing", "checkout", "runtime"]
    assert service.periods() == ["2026-Q3", "2026-Q4"]
    history = service.team_history("checkout")
    assert [(h.period, h.status, h.answers, h.removed_chains) for h in history] == [
        ("2026-Q3", "submitted", FULL, frozenset({"tool-approval"})),
        ("2026-Q4", "submitted", FULL, frozenset({"tool-approval", "merge-review"})),
    ]
    assert history[0].submitted_by == "lead@example.com"
    assert history[0].submitted_at == datetime(2026, 8, 21, 9, 0, tzinfo=UTC)
    snapshot = service.period_snapshot("2026-Q4")
    assert [(t.team.slug, t.latest is not None, t.has_draft) for t in snapshot.teams] == [
        ("billing", True, False),
        ("checkout", True, False),
        ("runtime", False, True),
    ]
    assert (len(snapshot.answers), len(snapshot.removed)) == (10, 2)
    draft = service.open_draft("runtime", "2026-Q4", actor="ana@example.com")
    assert (draft.revision, draft.answers) == (1, {"BR-01": AnswerEntry(value=1)})
    [entry] = service.audit_entries(action="demo.seed")
    assert (entry.actor, entry.details) == (
        "demo-seed",
        {"units": 2, "teams": 3, "assessments": 4, "answers": 16, "chain_states": 3},
    )


def test_seed_demo_if_empty_seeds_once(service: ReadinessService):
    assert seed_demo_if_empty(service, lambda: TINY) == SeedSummary(2, 3, 4, 16, 3)
    assert seed_demo_if_empty(service, lambda: TINY) is None
    assert len(service.list_teams()) == 3
    assert len(service.audit_entries(action="demo.seed")) == 1


def test_seed_demo_if_empty_leaves_a_real_org_alone(service: ReadinessService):
    service.create_unit("ops", "Ops", actor="admin@example.com")
    service.create_team("sre", "SRE", "ops", actor="admin@example.com")
    calls: list[str] = []

    def make_demo_org() -> Org:
        calls.append("generated")
        return TINY

    assert seed_demo_if_empty(service, make_demo_org) is None
    assert calls == []
    assert [t.slug for t in service.list_teams()] == ["sre"]


@pytest.mark.parametrize(
    ("org", "message"),
    [
        (
            Org(TINY.units, (Team("x", "X", "nowhere"),)),
            "demo team 'x' is in unknown unit 'nowhere'",
        ),
        (
            Org(TINY.units, TINY.teams, (Assessment("ghost", "2026-Q4", "draft", {}),)),
            "demo assessment for unknown team 'ghost'",
        ),
        (
            Org(
                TINY.units,
                TINY.teams,
                (Assessment("checkout", "2026-Q4", "draft", {"ZZ-01": AnswerEntry(value=1)}),),
            ),
            "unknown question 'ZZ-01': questionnaire test-readiness version 3 has no such question",
        ),
        (
            Org(TINY.units, TINY.teams, (Assessment("checkout", "2026-Q4", "draft", {}, ("x",)),)),
            "unknown approval chain 'x': catalogue test-chains version 1 has no such chain",
        ),
    ],
)
def test_an_inconsistent_demo_org_is_refused_before_anything_is_written(
    service: ReadinessService, org, message
):
    with pytest.raises(InvalidInputError) as raised:
        seed_demo(service, org)
    assert str(raised.value) == message
    assert service.list_units() == []


@pytest.mark.parametrize(
    ("period", "start"),
    [
        ("2026-Q1", datetime(2026, 1, 1, tzinfo=UTC)),
        ("2026-Q2", datetime(2026, 4, 1, tzinfo=UTC)),
        ("2026-Q4", datetime(2026, 10, 1, tzinfo=UTC)),
    ],
)
def test_period_start_is_the_first_day_of_the_quarter(period, start):
    assert period_start(period) == start


def test_demo_timestamps_never_lie_in_the_future(service: ReadinessService) -> None:
    seed_demo(service, TINY)
    for team in service.list_teams():
        for assessment in service.team_history(team.slug):
            assert assessment.submitted_at is not None
            assert assessment.submitted_at <= datetime.now(UTC)
