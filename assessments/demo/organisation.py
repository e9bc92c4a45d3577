"""A deterministic demo organisation: units, teams and a few quarters of realistic assessments.

Pure: the same questionnaire, catalogue and seed always give the same organisation; no
database, clock or global randomness. Each team has a maturity; its answers drift upward
quarter by quarter, and it removes the chain the scoring recommends (most of the time).
A few teams remove a chain too early, some miss the last quarter or leave it in draft.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from assessments.content.answers import AnswerEntry
from assessments.content.catalogue import ChainCatalogue
from assessments.content.migration import migrate
from assessments.content.questionnaire import Question, Questionnaire
from assessments.demo.names import (
    NOT_APPLICABLE_REASONS,
    manager_email,
    pick,
    slugify,
    team_names,
    unit_names,
)
from assessments.demo.records import DemoAssessment, DemoOrg, DemoTeam, DemoUnit, EarlierVersion
from assessments.periods import period_sequence
from scoring.model import AllOf, AnyOf, AssessmentInput, Catalogue, Condition, MinAnswer, Rubric
from scoring.vectorised import inputs_to_frames, score_org

REMOVE_NEXT_CHANCE = 0.6
TOO_EARLY_SHARE = 0.08
MISSING_LAST_SHARE = 0.10
DRAFT_LAST_SHARE = 0.05
EVIDENCE_SHARE = 0.6
NOT_APPLICABLE_CHANCE = 0.04
FOCUS_PACE = 0.7


@dataclass
class _Trajectory:
    """One team's hidden state while its quarters are generated."""

    team: DemoTeam
    manager: str
    maturity: float
    pace: float
    latent: dict[str, int]
    not_applicable: dict[str, str]
    evidenced: set[str]
    dont_know: set[str]
    removed: list[str] = field(default_factory=list)
    answers: dict[str, AnswerEntry] = field(default_factory=dict)
    previous: dict[str, AnswerEntry] = field(default_factory=dict)


def generate_demo_org(
    questionnaire: Questionnaire,
    catalogue: ChainCatalogue,
    *,
    teams: int = 40,
    units: int = 6,
    quarters: int = 4,
    last_period: str = "2026-Q4",
    seed: int = 7,
    earlier: EarlierVersion | None = None,
) -> DemoOrg:
    """A realistic organisation of `teams` teams in `units` units over `quarters` quarters.

    With `earlier`, its first quarters are answered on the earlier version; at the change each
    team's answers go through the migration map and new questions get a first answer.
    """
    if teams < 0 or units < 1 or quarters < 1:
        raise ValueError(
            f"a demo org needs teams >= 0, units >= 1 and quarters >= 1;"
            f" got teams={teams}, units={units}, quarters={quarters}"
        )
    rng = random.Random(seed)
    switch_at = 0 if earlier is None else min(earlier.quarters, quarters)
    first = questionnaire if earlier is None or switch_at == 0 else earlier.questionnaire
    first_catalogue = catalogue if earlier is None or switch_at == 0 else earlier.catalogue
    rubric, chains = first.to_rubric(), first_catalogue.to_scoring()
    demo_units, demo_teams = _structure(rng, teams, units)
    trajectories = [_trajectory(rng, first, team, i) for i, team in enumerate(demo_teams)]
    asked = first
    picked = rng.sample(trajectories, len(trajectories))
    missing = _share(picked, 0, MISSING_LAST_SHARE)
    drafts = _share(picked, len(missing), DRAFT_LAST_SHARE)
    too_early_teams = _share(picked, len(missing) + len(drafts), TOO_EARLY_SHARE)
    periods = period_sequence(last_period, quarters)
    too_early_at = {
        t.team.slug: rng.randrange(max(0, quarters - 2), quarters) for t in too_early_teams
    }
    missing_slugs = {t.team.slug for t in missing}
    draft_slugs = {t.team.slug for t in drafts}

    assessments: list[DemoAssessment] = []
    for index, period in enumerate(periods):
        if earlier is not None and index == switch_at and index > 0:
            for trajectory in trajectories:
                _move_to_version(rng, earlier, questionnaire, trajectory)
            asked, rubric, chains = questionnaire, questionnaire.to_rubric(), catalogue.to_scoring()
        for trajectory in trajectories:
            focus = _focus(chains, trajectory.removed)
            _answer_quarter(rng, asked, trajectory, focus, first=index == 0)
        if index == 0:
            _prehistory(rng, rubric, chains, trajectories)
        scored = _score(rubric, chains, trajectories)
        next_chains = scored["next_chain"].to_dict()
        last = index == quarters - 1
        for trajectory in trajectories:
            slug = trajectory.team.slug
            if last and slug in missing_slugs:
                continue
            early = too_early_at.get(slug) == index and _remove_too_early(
                rng, chains, trajectory, scored, slug
            )
            draft = last and slug in draft_slugs
            assessment = _assessment(rng, asked, chains, trajectory, period, draft=draft)
            if earlier is not None and index < switch_at:
                assessment = replace(assessment, on_earlier_version=True)
            assessments.append(assessment)
            if not early and next_chains[slug] is not None and rng.random() < REMOVE_NEXT_CHANCE:
                trajectory.removed.append(next_chains[slug])
    return DemoOrg(
        units=demo_units,
        teams=demo_teams,
        assessments=tuple(assessments),
        earlier=earlier if switch_at > 0 else None,
    )


def _move_to_version(
    rng: random.Random, earlier: EarlierVersion, new: Questionnaire, trajectory: _Trajectory
) -> None:
    """The team's hidden levels read on the new version: mapped where the map carries them,
    a first answer where it asks something new (from the team's maturity, as at the start)."""
    as_answers = {qid: AnswerEntry(value=value) for qid, value in trajectory.latent.items()}
    carried = migrate(earlier.migration_map, earlier.questionnaire, new, as_answers).answers
    strength = rng.gauss(0, 0.5)
    latent: dict[str, int] = {}
    for question in new.questions:
        entry = carried.get(question.id)
        if entry is not None and entry.value is not None:
            latent[question.id] = entry.value
            continue
        base = trajectory.maturity * question.max_value + strength + rng.gauss(0, 0.7)
        latent[question.id] = min(question.max_value, max(0, round(base)))
        if rng.random() < EVIDENCE_SHARE:
            trajectory.evidenced.add(question.id)
    trajectory.latent = latent
    known = set(latent)
    trajectory.not_applicable = {q: r for q, r in trajectory.not_applicable.items() if q in known}
    trajectory.dont_know &= known


def _structure(
    rng: random.Random, teams: int, units: int
) -> tuple[tuple[DemoUnit, ...], tuple[DemoTeam, ...]]:
    """Units of uneven size, every unit with a team when there are enough teams."""
    names = unit_names(units)
    weights = [rng.uniform(0.8, 1.2) for _ in names]
    sizes = [1 if i < teams else 0 for i in range(units)]
    for _ in range(teams - sum(sizes)):
        sizes[rng.choices(range(units), weights=weights)[0]] += 1
    taken: set[str] = set()
    demo_teams = [
        DemoTeam(slug=slugify(team), name=team, unit_slug=slugify(unit))
        for unit, size in zip(names, sizes, strict=True)
        for team in team_names(unit, size, taken, rng)
    ]
    return tuple(DemoUnit(slugify(n), n) for n in names), tuple(demo_teams)


def _trajectory(
    rng: random.Random, questionnaire: Questionnaire, team: DemoTeam, index: int
) -> _Trajectory:
    """A maturity, a pace, and each question's starting level, for one team."""
    maturity = min(0.95, max(0.05, rng.gauss(0.55, 0.18)))
    strength = {p.id: rng.gauss(0, 0.5) for p in questionnaire.pillars}
    latent: dict[str, int] = {}
    not_applicable: dict[str, str] = {}
    evidenced: set[str] = set()
    for question in questionnaire.questions:
        base = maturity * question.max_value + strength[question.pillar] + rng.gauss(0, 0.7)
        latent[question.id] = min(question.max_value, max(0, round(base)))
        if question.allow_not_applicable and rng.random() < NOT_APPLICABLE_CHANCE:
            not_applicable[question.id] = pick(
                rng, NOT_APPLICABLE_REASONS.get(question.pillar, ("Not used here.",))
            )
        if rng.random() < EVIDENCE_SHARE:
            evidenced.add(question.id)
    return _Trajectory(
        team=team,
        manager=manager_email(index),
        maturity=maturity,
        pace=0.25 + 0.35 * maturity + rng.uniform(0, 0.1),
        latent=latent,
        not_applicable=not_applicable,
        evidenced=evidenced,
        dont_know=set(),
    )


def _focus(catalogue: Catalogue, removed: Sequence[str]) -> dict[str, int]:
    """The answers the team works towards: those its next chain in the catalogue's order needs."""
    for chain in catalogue.chains:
        if not chain.permanent and chain.id not in removed and chain.unlock is not None:
            return dict(_answer_minimums(chain.unlock))
    return {}


def _answer_minimums(condition: Condition) -> list[tuple[str, int]]:
    if isinstance(condition, MinAnswer):
        return [(condition.question, condition.value)]
    if isinstance(condition, AllOf | AnyOf):
        return [pair for child in condition.conditions for pair in _answer_minimums(child)]
    return []


def _answer_quarter(
    rng: random.Random,
    questionnaire: Questionnaire,
    trajectory: _Trajectory,
    focus: dict[str, int],
    *,
    first: bool,
) -> None:
    """This quarter's answers: levels only rise, and "don't know" only clears."""
    trajectory.previous = trajectory.answers
    for question in questionnaire.questions:
        qid = question.id
        if first:
            if rng.random() < 0.15 * (1 - trajectory.maturity):
                trajectory.dont_know.add(qid)
        else:
            # Teams put their effort where the next unlock needs it.
            pace = FOCUS_PACE if trajectory.latent[qid] < focus.get(qid, 0) else trajectory.pace
            if trajectory.latent[qid] < question.max_value and rng.random() < pace:
                trajectory.latent[qid] += 1
            if qid in trajectory.dont_know and rng.random() < 0.6:
                trajectory.dont_know.discard(qid)
    trajectory.answers = {q.id: _entry(trajectory, q) for q in questionnaire.questions}


def _entry(trajectory: _Trajectory, question: Question) -> AnswerEntry:
    qid = question.id
    if qid in trajectory.not_applicable:
        return AnswerEntry(not_applicable=trajectory.not_applicable[qid])
    if qid in trajectory.dont_know:
        return AnswerEntry(dont_know=True)
    value = trajectory.latent[qid]
    evidence = (
        f"https://wiki.example.com/{trajectory.team.slug}/{qid.lower()}"
        if value >= 2 and qid in trajectory.evidenced
        else None
    )
    return AnswerEntry(value=value, evidence=evidence)


def _prehistory(
    rng: random.Random, rubric: Rubric, catalogue: Catalogue, trajectories: Sequence[_Trajectory]
) -> None:
    """Chains mature teams had already removed before the first period, one per round."""
    rounds = {t.team.slug: int(t.maturity * 4 + rng.random()) for t in trajectories}
    for round_ in range(max(rounds.values(), default=0)):
        next_chains = _score(rubric, catalogue, trajectories)["next_chain"].to_dict()
        for trajectory in trajectories:
            next_chain = next_chains[trajectory.team.slug]
            if rounds[trajectory.team.slug] > round_ and next_chain is not None:
                trajectory.removed.append(next_chain)


def _score(
    rubric: Rubric, catalogue: Catalogue, trajectories: Sequence[_Trajectory]
) -> pd.DataFrame:
    """Score every team's current answers and removed chains at once."""
    inputs = {
        t.team.slug: AssessmentInput(
            answers={qid: entry.to_scoring() for qid, entry in t.answers.items()},
            removed_chains=frozenset(t.removed),
        )
        for t in trajectories
    }
    answers, removed = inputs_to_frames(inputs)
    return score_org(rubric, catalogue, answers, removed, assessment_ids=list(inputs))


def _remove_too_early(
    rng: random.Random,
    catalogue: Catalogue,
    trajectory: _Trajectory,
    scored: pd.DataFrame,
    slug: str,
) -> bool:
    """Over-autonomy: the team drops a chain whose unlock conditions do not hold."""
    blocked = [c.id for c in catalogue.chains if scored.at[slug, f"status:{c.id}"] == "blocked"]
    if not blocked:
        return False
    trajectory.removed.append(pick(rng, blocked))
    return True


def _assessment(
    rng: random.Random,
    questionnaire: Questionnaire,
    catalogue: Catalogue,
    trajectory: _Trajectory,
    period: str,
    *,
    draft: bool,
) -> DemoAssessment:
    answers = dict(trajectory.answers)
    if draft:
        # A draft in progress: prefilled from last quarter, updated up to some question.
        questions = questionnaire.questions
        updated = {q.id for q in questions[: rng.randint(len(questions) // 3, len(questions))]}
        answers = {
            qid: entry if qid in updated else trajectory.previous[qid]
            for qid, entry in answers.items()
            if qid in updated or qid in trajectory.previous
        }
    return DemoAssessment(
        team_slug=trajectory.team.slug,
        period=period,
        status="draft" if draft else "submitted",
        answers=answers,
        removed_chains=tuple(c.id for c in catalogue.chains if c.id in trajectory.removed),
        submitted_by=trajectory.manager,
    )


def _share(trajectories: list[_Trajectory], start: int, share: float) -> list[_Trajectory]:
    """The next `share` of the shuffled teams (at least one), after the first `start`."""
    count = max(1, round(share * len(trajectories)))
    return trajectories[start : start + count]
