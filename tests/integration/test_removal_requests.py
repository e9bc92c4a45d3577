"""The removal request lifecycle on SQLite and PostgreSQL: request, approve, decline, expire.

Org: payments (checkout, billing), platform (runtime). Checkout submitted 2026-Q3 with blast
radius high enough that `tool-approval` is its next chain; `merge-review` waits on it.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import pytest

from assessments.access import Grant, Role, principal
from assessments.content.answers import AnswerEntry
from assessments.errors import AuthorizationError, InvalidInputError, NotFoundError
from assessments.service.readiness import ReadinessService
from scoring.track_record import Removal
from tests.integration.conftest import START, Clock
from tests.integration.storage_samples import submitted

READY = {
    "BR-01": AnswerEntry(value=3),
    "BR-02": AnswerEntry(value=3),
    "PA-01": AnswerEntry(value=2),
    "PA-02": AnswerEntry(value=2),
    "OS-01": AnswerEntry(value=1),
}
ANA = "ana@example.com"  # team editor of checkout
RITA = "rita@example.com"  # approver of the whole organisation
PAT = "pat@example.com"  # approver of platform only
TODAY = START.date()


@pytest.fixture
def world(org: ReadinessService) -> ReadinessService:
    org.grant_role(ANA, Grant(Role.TEAM_EDITOR, "checkout"), actor="admin@example.com")
    org.grant_role(RITA, Grant(Role.APPROVER), actor="admin@example.com")
    org.grant_role(PAT, Grant(Role.APPROVER, "platform"), actor="admin@example.com")
    submitted(org, "checkout", "2026-Q3", READY)
    return org


def request(service: ReadinessService, chain: str = "tool-approval", actor: str = ANA):
    return service.request_removal(
        "checkout",
        chain,
        reason="Every agent runs in a fresh VM",
        planned_on=TODAY + timedelta(days=7),
        actor=actor,
    )


def actions(service: ReadinessService) -> list[tuple[str, str, str]]:
    return [
        (e.action, e.actor, e.entity_id)
        for e in reversed(service.audit_entries())
        if e.action.startswith("removal.")
    ]


def test_a_request_approved_by_an_approver_takes_effect_on_the_planned_date(world):
    asked = request(world)
    assert (asked.status, asked.team_slug, asked.chain_id, asked.requested_by) == (
        "pending",
        "checkout",
        "tool-approval",
        ANA,
    )

    decided = world.decide_removal(asked.id, approve=True, note="Sandbox evidence seen", actor=RITA)

    assert (decided.status, decided.decided_by, decided.decision_note, decided.effective_on) == (
        "approved",
        RITA,
        "Sandbox evidence seen",
        TODAY + timedelta(days=7),
    )
    assert world.track_record("checkout")[0] == (
        Removal("tool-approval", TODAY + timedelta(days=7)),
    )
    assert actions(world) == [
        ("removal.request", ANA, str(asked.id)),
        ("removal.approve", RITA, str(asked.id)),
    ]


def test_a_declined_request_needs_a_note_and_removes_nothing(world):
    asked = request(world)
    with pytest.raises(InvalidInputError, match="say why you decline"):
        world.decide_removal(asked.id, approve=False, note=" ", actor=RITA)

    declined = world.decide_removal(asked.id, approve=False, note="Show a drill", actor=RITA)

    assert (declined.status, declined.effective_on) == ("declined", None)
    assert world.track_record("checkout")[0] == ()
    with pytest.raises(InvalidInputError, match="already declined; nothing to decide"):
        world.decide_removal(asked.id, approve=True, note="", actor=RITA)


@pytest.mark.parametrize(
    ("grants", "decider", "message"),
    [
        (
            (Grant(Role.APPROVER),),
            ANA,
            "ana@example.com may not decide request {id}: you made this request; someone else"
            " must approve or decline it",
        ),
        (
            (Grant(Role.APPROVER), Grant(Role.TEAM_EDITOR, "checkout")),
            "eve@example.com",
            "eve@example.com may not decide request {id}: you are a team editor of checkout;"
            " an approver who does not edit the team must decide",
        ),
        (
            (),
            PAT,
            "pat@example.com may not decide request {id}: pat@example.com is not an approver"
            " for unit payments",
        ),
        (
            (Grant(Role.ORG_VIEWER),),
            "vp@example.com",
            "vp@example.com may not decide request {id}: vp@example.com is not an approver"
            " for unit payments",
        ),
    ],
    ids=["own request", "editor of the team", "approver of another unit", "viewer"],
)
def test_separation_of_duties_is_refused_with_a_clear_message_and_nothing_changes(
    world, grants, decider, message
):
    for grant in grants:
        world.grant_role(decider, grant, actor="admin@example.com")
    asked = request(world)

    with pytest.raises(AuthorizationError) as refused:
        world.decide_removal(asked.id, approve=True, note="ok", actor=decider)

    assert str(refused.value) == message.format(id=asked.id)
    assert world.removal_requests()[0].status == "pending"
    assert actions(world) == [("removal.request", ANA, str(asked.id))]


def test_a_signed_in_approver_is_checked_by_their_own_grants(world):
    asked = request(world)
    self_approval = principal(ANA, Grant(Role.TEAM_EDITOR, "checkout"), Grant(Role.ADMIN))
    with pytest.raises(AuthorizationError, match="you made this request"):
        world.acting_as(self_approval).decide_removal(asked.id, approve=True, note="")
    admin = principal("admin@example.com", Grant(Role.ADMIN))
    approved = world.acting_as(admin).decide_removal(asked.id, approve=True, note="", actor="x")
    assert approved.decided_by == "admin@example.com"


def test_undecided_requests_expire_after_the_configured_days(world, clock: Clock):
    world.request_expiry_days = 10
    asked = request(world)
    clock.advance(minutes=10 * 24 * 60 - 1)
    assert world.removal_requests()[0].status == "pending"
    clock.advance(minutes=1)

    (expired,) = world.removal_requests()

    assert (expired.status, expired.decided_by, expired.decision_note) == (
        "expired",
        "expiry",
        "undecided for 10 days",
    )
    with pytest.raises(InvalidInputError, match="already expired"):
        world.decide_removal(asked.id, approve=True, note="late", actor=RITA)
    assert actions(world) == [
        ("removal.request", ANA, str(asked.id)),
        ("removal.expire", "expiry", str(asked.id)),
    ]


@pytest.mark.parametrize(
    ("team", "chain", "planned", "message"),
    [
        (
            "checkout",
            "merge-review",
            7,
            "'Review before merge' is not eligible for removal in checkout's 2026-Q3"
            " assessment (it is blocked); close its gaps first",
        ),
        ("checkout", "prod-write", 7, "'Production write' is permanent and is never removed"),
        (
            "billing",
            "tool-approval",
            7,
            "billing has no submitted assessment yet; submit one, then request",
        ),
        (
            "checkout",
            "tool-approval",
            -1,
            "the planned date 2026-11-01 is in the past; pick today or later",
        ),
    ],
    ids=["blocked chain", "permanent chain", "no assessment", "past date"],
)
def test_only_a_chain_eligible_now_can_be_requested(world, team, chain, planned, message):
    with pytest.raises(InvalidInputError) as refused:
        world.request_removal(
            team, chain, reason="ready", planned_on=TODAY + timedelta(days=planned), actor=ANA
        )
    assert str(refused.value) == message
    assert world.removal_requests() == []


def test_one_open_request_per_team_and_chain(world):
    request(world)
    with pytest.raises(InvalidInputError, match="already has an open request to remove"):
        request(world)
    with pytest.raises(NotFoundError, match="no chain with id 'nope'"):
        request(world, chain="nope")


def test_requests_decisions_and_incidents_move_every_period_version(world: ReadinessService):
    # A sign-off or an incident changes track records in every period after it, so each such
    # write moves the structure version that every period's cached table is keyed on.
    def versions() -> tuple[str, str, str]:
        return (
            world.org_data_version(),
            world.period_data_version("2026-Q3"),
            world.period_data_version("2026-Q4"),
        )

    seen = [versions()]
    asked = request(world)
    seen.append(versions())
    world.decide_removal(asked.id, approve=True, note="Sandbox evidence seen", actor=RITA)
    seen.append(versions())
    world.record_incident(
        {
            "team": "checkout",
            "date": TODAY.isoformat(),
            "severity": "low",
            "pillar": "blast_radius",
            "chain": "",
            "summary": "agent retried a deploy",
            "link": "",
        },
        actor=ANA,
    )
    seen.append(versions())

    for before, after in pairwise(seen):
        assert [b != a for b, a in zip(before, after, strict=True)] == [True, True, True]
