"""A decision never contradicts itself: no chain is recommended (or counts as safely removed)
beyond the autonomy the team's overall level allows (docs/scoring-model.md, "Overall-level
floor"). Both engines apply the same rule."""

from __future__ import annotations

import pytest

from assessments.content.in_force import load_content
from assessments.demo.organisation import generate_demo_org
from scoring.assessment import score_assessment
from scoring.model import AllOf, AssessmentInput, ChainSpec, MinAnswer, MinPillarLevel, Risk, Toil
from scoring.results import ChainStatus
from scoring.rules import unlock_condition
from scoring.vectorised import inputs_to_frames, score_org

CONTENT = load_content()
RUBRIC, CATALOGUE = CONTENT.rubric, CONTENT.scoring_catalogue
PILLARS = [p.id for p in RUBRIC.pillars]


def _chain(unlock, floor: int) -> ChainSpec:
    return ChainSpec("x", "X", 1, unlock, Risk.LOW, Toil.LOW, min_overall_level=floor)


@pytest.mark.parametrize(
    ("unlock", "floor", "expected"),
    [
        (MinAnswer("BR-01", 3), 0, MinAnswer("BR-01", 3)),
        (
            MinAnswer("BR-01", 3),
            2,
            AllOf((MinAnswer("BR-01", 3), *(MinPillarLevel(p, 2) for p in PILLARS))),
        ),
        (
            AllOf((MinPillarLevel("blast_radius", 3), MinAnswer("BR-01", 3))),
            2,
            AllOf(
                (
                    MinPillarLevel("blast_radius", 3),
                    MinAnswer("BR-01", 3),
                    MinPillarLevel("production_access", 2),
                    MinPillarLevel("orchestrator_skill", 2),
                )
            ),
        ),
    ],
)
def test_a_chains_floor_adds_every_pillar_it_does_not_already_demand(unlock, floor, expected):
    assert unlock_condition(_chain(unlock, floor), PILLARS) == expected


@pytest.fixture(scope="module")
def demo():
    return generate_demo_org(
        CONTENT.questionnaire, CONTENT.catalogue, teams=60, units=4, quarters=3, seed=5
    )


def test_no_team_is_told_to_remove_a_chain_beyond_its_overall_level(demo) -> None:
    floors = {c.id: c.min_overall_level for c in CATALOGUE.chains}
    checked = 0
    for assessment in demo.assessments:
        result = score_assessment(RUBRIC, CATALOGUE, _input(assessment))
        for chain in result.chains:
            if chain.status in (ChainStatus.NEXT, ChainStatus.ELIGIBLE, ChainStatus.REMOVED):
                assert floors[chain.chain] <= result.overall_level, (chain.chain, result)
        checked += 1
    assert checked == len(demo.assessments) > 100


def test_both_engines_agree_on_every_status_with_the_floor(demo) -> None:
    ids = list(range(len(demo.assessments)))
    answers, removed = inputs_to_frames({i: _input(a) for i, a in enumerate(demo.assessments)})
    org = score_org(RUBRIC, CATALOGUE, answers, removed, assessment_ids=ids)
    for i, assessment in zip(ids, demo.assessments, strict=True):
        result = score_assessment(RUBRIC, CATALOGUE, _input(assessment))
        assert org.at[i, "next_chain"] == result.recommendation.next_chain
        for chain in result.chains:
            assert org.at[i, f"status:{chain.chain}"] == chain.status.value


def _input(assessment) -> AssessmentInput:
    return AssessmentInput(
        {qid: entry.to_scoring() for qid, entry in assessment.answers.items()},
        frozenset(assessment.removed_chains),
    )
