"""The demo organisation's track record: removal requests, incidents and one reinstatement.

Pure and deterministic: the same demo org, content, day and seed give the same record. Most
chain removals the demo teams made on time were signed off (the rest show as removed without
sign-off); some teams have a request pending, declined or expired for their next chain;
teams at lower readiness have more incidents; and one team's signed-off removal is followed
by a critical incident involving the chain, so its report shows a reinstate alert.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from assessments.content.catalogue import ChainCatalogue
from assessments.content.questionnaire import Questionnaire
from assessments.demo.records import DemoAssessment, DemoOrg
from assessments.periods import period_bounds
from scoring.model import AssessmentInput
from scoring.track_record import (
    IncidentRecord,
    ReinstateRule,
    Removal,
    Severity,
    reinstate_alerts,
)
from scoring.vectorised import inputs_to_frames, score_org

APPROVERS = ("rita.approver@example.com", "sam.approver@example.com")
SIGNED_OFF_SHARE = 0.75
OPEN_REQUEST_SHARE = 0.25
INCIDENT_CHANCE_BY_LEVEL = (0.7, 0.45, 0.3, 0.15, 0.08)
SEVERITY_WEIGHTS = ((Severity.LOW, 0.5), (Severity.MEDIUM, 0.32), (Severity.HIGH, 0.18))
WHAT_HAPPENED = {
    "blast_radius": (
        "Agent ran a migration against the shared staging database",
        "Agent's change deleted test fixtures other teams used",
        "Near miss: agent tried to reach the internet outside its allowlist",
    ),
    "production_access": (
        "Agent session used an engineer's long-lived token",
        "Near miss: agent requested write access it did not need",
        "Agent read a production table outside its task",
    ),
    "orchestrator_skill": (
        "Agent built far more than the task asked; reviewers missed it",
        "Agent kept retrying a failing deploy; nobody had set a stop rule",
        "Merged agent change nobody on the team could explain",
    ),
}
DECIDED = ("declined", "expired")
OPEN_STATUSES = ("pending", "declined", "pending", "expired", "pending")
"""The latest requests of the demo teams, in turn: mostly waiting, some decided."""


@dataclass(frozen=True)
class DemoRequest:
    """A removal request as the demo seeds it (decided ones with their decision)."""

    team_slug: str
    chain_id: str
    reason: str
    planned_on: date
    status: str
    requested_by: str
    requested_at: datetime
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_note: str | None = None
    effective_on: date | None = None


@dataclass(frozen=True)
class DemoIncident:
    """An incident as the demo seeds it."""

    team_slug: str
    occurred_on: date
    severity: Severity
    pillar: str
    chain_id: str | None
    summary: str
    recorded_by: str


@dataclass(frozen=True)
class DemoTrackRecord:
    """Every request and incident of the demo organisation."""

    requests: tuple[DemoRequest, ...]
    incidents: tuple[DemoIncident, ...]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def generate_track_record(
    org: DemoOrg,
    questionnaire: Questionnaire,
    catalogue: ChainCatalogue,
    *,
    today: date,
    seed: int = 11,
) -> DemoTrackRecord:
    """Requests and incidents for the demo org, none dated after `today`."""
    rng = random.Random(seed)
    done = [a for a in org.assessments if a.status == "submitted"]
    scores = _scores(questionnaire, catalogue, done)
    requests: list[DemoRequest] = []
    incidents: list[DemoIncident] = []
    rules = catalogue.reinstate_rules()
    pillars = [p.id for p in questionnaire.pillars]
    by_team: dict[str, list[tuple[int, DemoAssessment]]] = {}
    for index, assessment in enumerate(done):
        by_team.setdefault(assessment.team_slug, []).append((index, assessment))
    opened = 0
    for team_slug in sorted(by_team):
        removed_since: dict[str, date] = {}
        before: set[str] = set()
        for index, assessment in by_team[team_slug]:
            first, last = period_bounds(assessment.period)
            row = scores[index]
            for chain in sorted(set(assessment.removed_chains) - before):
                signed = row.get(f"status:{chain}") == "removed"
                if signed and rng.random() < SIGNED_OFF_SHARE:
                    made = _approved(rng, team_slug, chain, assessment.submitted_by, first, today)
                    if made is not None:
                        requests.append(made)
                        assert made.effective_on is not None
                        removed_since[chain] = made.effective_on
            before = set(assessment.removed_chains)
            removals = [Removal(c, removed_since.get(c)) for c in sorted(before)]
            level = int(str(row.get("overall_level", 0)))
            incidents += _incidents(
                rng, team_slug, assessment.submitted_by, level, pillars,
                (first, min(last, today)), rules, removals,
            )  # fmt: skip
        latest_index, latest = by_team[team_slug][-1]
        next_chain = scores[latest_index].get("next_chain")
        if next_chain and rng.random() < OPEN_REQUEST_SHARE:
            status = OPEN_STATUSES[opened % len(OPEN_STATUSES)]
            opened += 1
            made = _open(rng, status, team_slug, str(next_chain), latest.submitted_by, today)
            requests.append(made)
    reinstated = _reinstatement(requests, by_team, rules, today)
    return DemoTrackRecord(tuple(requests), tuple(incidents + reinstated))


def _scores(
    questionnaire: Questionnaire, catalogue: ChainCatalogue, done: Sequence[DemoAssessment]
) -> list[dict[str, object]]:
    inputs = {
        index: AssessmentInput(
            answers={qid: entry.to_scoring() for qid, entry in a.answers.items()},
            removed_chains=frozenset(a.removed_chains),
        )
        for index, a in enumerate(done)
    }
    answers, removed = inputs_to_frames(inputs)
    frame = score_org(
        questionnaire.to_rubric(), catalogue.to_scoring(), answers, removed,
        assessment_ids=list(inputs),
    )  # fmt: skip
    return [{str(k): v for k, v in frame.loc[index].items()} for index in inputs]


def _approved(
    rng: random.Random, team: str, chain: str, manager: str, first: date, today: date
) -> DemoRequest | None:
    asked = first + timedelta(days=rng.randint(2, 12))
    decided = asked + timedelta(days=rng.randint(1, 5))
    effective = asked + timedelta(days=14)
    if decided > today:
        return None
    return DemoRequest(
        team, chain, "Compensating controls in place and evidenced in the assessment",
        effective, "approved", manager, _at(asked), rng.choice(APPROVERS), _at(decided, 15),
        "Evidence checked", effective,
    )  # fmt: skip


def _open(
    rng: random.Random, status: str, team: str, chain: str, manager: str, today: date
) -> DemoRequest:
    reason = "The unlock conditions hold and the controls run in CI"
    if status == "pending":
        asked = today - timedelta(days=rng.randint(1, 9))
        return DemoRequest(
            team, chain, reason, asked + timedelta(days=14), status, manager, _at(asked)
        )
    if status == "declined":
        asked = today - timedelta(days=rng.randint(12, 25))
        return DemoRequest(
            team, chain, reason, asked + timedelta(days=14), status, manager, _at(asked),
            rng.choice(APPROVERS), _at(asked + timedelta(days=3), 15),
            "Show a rollback drill first",
        )  # fmt: skip
    asked = today - timedelta(days=rng.randint(35, 50))
    return DemoRequest(
        team, chain, reason, asked + timedelta(days=14), status, manager, _at(asked),
        "expiry", _at(asked + timedelta(days=30), 0), "undecided for 30 days",
    )  # fmt: skip


def _incidents(
    rng: random.Random,
    team: str,
    manager: str,
    level: int,
    pillars: list[str],
    window: tuple[date, date],
    rules: dict[str, ReinstateRule],
    removals: list[Removal],
) -> list[DemoIncident]:
    """Random incidents of one team-quarter; none that would raise a reinstate alert."""
    found: list[DemoIncident] = []
    first, last = window
    chance = INCIDENT_CHANCE_BY_LEVEL[min(level, 4)]
    while len(found) < 3 and last >= first and rng.random() < chance:
        day = first + timedelta(days=rng.randint(0, (last - first).days))
        pillar = rng.choice(pillars)
        severity = rng.choices([s for s, _ in SEVERITY_WEIGHTS], [w for _, w in SEVERITY_WEIGHTS])[
            0
        ]
        probe = IncidentRecord(0, day, severity, pillar)
        if reinstate_alerts(rules, removals, [probe], last):
            severity = Severity.LOW if severity is Severity.MEDIUM else Severity.MEDIUM
            if reinstate_alerts(rules, removals, [IncidentRecord(0, day, severity, pillar)], last):
                severity = Severity.LOW
        summary = rng.choice(WHAT_HAPPENED.get(pillar, ("Agent incident",)))
        found.append(DemoIncident(team, day, severity, pillar, None, summary, manager))
    return found


def _reinstatement(
    requests: Sequence[DemoRequest],
    by_team: dict[str, list[tuple[int, DemoAssessment]]],
    rules: dict[str, ReinstateRule],
    today: date,
) -> list[DemoIncident]:
    """A critical incident involving one team's signed-off chain, after its removal."""
    for request in requests:
        latest = by_team[request.team_slug][-1][1]
        effective = request.effective_on
        if (
            request.status == "approved"
            and effective is not None
            and request.chain_id in latest.removed_chains
            and request.chain_id in rules
            and effective < today - timedelta(days=3)
        ):
            rule = rules[request.chain_id]
            pillar = sorted(rule.pillars)[0] if rule.pillars else "blast_radius"
            return [
                DemoIncident(
                    request.team_slug,
                    today - timedelta(days=3),
                    Severity.CRITICAL,
                    pillar,
                    request.chain_id,
                    "Agent action through this chain's path reached production; rolled back",
                    latest.submitted_by,
                )
            ]
    return []
