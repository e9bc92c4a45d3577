"""Score one assessment: pillar levels, confidence, chain statuses and the recommendation."""

from __future__ import annotations

from scoring import rules
from scoring.chains import assess_chains, recommend
from scoring.conditions import TeamState
from scoring.confidence import score_confidence
from scoring.evidence import NO_EVIDENCE, EvidenceBounds, counted_answers
from scoring.model import AssessmentInput, Catalogue, Rubric
from scoring.pillars import AUTONOMY_BY_LEVEL, overall_level, score_pillars, weakest_pillar
from scoring.results import AssessmentResult, AutonomyLevel, ChainResult, ChainStatus
from scoring.unlock import unlock_paths


def score_assessment(
    rubric: Rubric,
    catalogue: Catalogue,
    assessment: AssessmentInput,
    evidence: EvidenceBounds = NO_EVIDENCE,
) -> AssessmentResult:
    """Explain one team: every number traces back to its answers (docs/scoring-model.md).

    `evidence` bounds answers the configuration contradicts (they count at the bound,
    everywhere) and marks those it supports as evidenced (docs/evidence.md).
    """
    known = {q.id for q in rubric.questions}
    # Answers to questions the rubric does not have are ignored; missing ones are unanswered.
    given = {qid: answer for qid, answer in assessment.answers.items() if qid in known}
    answers = counted_answers(given, evidence)
    pillars = score_pillars(rubric, answers)
    overall = overall_level(pillars)
    confidence = score_confidence(rubric, answers)
    state = TeamState(
        rubric=rubric,
        catalogue=catalogue,
        pillar_levels={p.pillar: p.level for p in pillars},
        answers=answers,
        removed=assessment.removed_chains,
    )
    chains = assess_chains(catalogue, state)
    blocked = [c.chain for c in chains if c.status is ChainStatus.BLOCKED]
    eligible = frozenset(
        c.chain for c in chains if c.status in (ChainStatus.NEXT, ChainStatus.ELIGIBLE)
    )
    paths = unlock_paths(rubric, catalogue, answers, assessment.removed_chains, blocked, eligible)
    return AssessmentResult(
        pillars=pillars,
        overall_level=overall,
        weakest_pillar=weakest_pillar(pillars),
        confidence=confidence,
        autonomy=allowed_autonomy(catalogue, chains, overall, rubric.top_level),
        chains=chains,
        recommendation=recommend(catalogue, chains, paths, confidence.band),
    )


def allowed_autonomy(
    catalogue: Catalogue, chains: tuple[ChainResult, ...], overall: int, top_level: int
) -> AutonomyLevel:
    """The autonomy the overall level allows, lowered by the cap of every chain that still holds.

    E.g. while the permanent production-write and irreversible-operations chains stand, a human
    still approves some production actions, so agents there run at most at L4 Approver.
    """
    index = rules.autonomy_index(max(0, min(overall, top_level)), top_level)
    status = {c.chain: c.status for c in chains}
    for chain in catalogue.chains:
        if chain.autonomy_cap is not None:
            applies = status.get(chain.id) is not ChainStatus.REMOVED
            index = rules.capped_autonomy_index(index, chain.autonomy_cap, applies)
    return AUTONOMY_BY_LEVEL[index]
