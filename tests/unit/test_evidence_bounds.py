"""Evidence bounds in scoring: a contradicted answer counts at its bound everywhere and earns no
confidence, a supported one counts as evidenced; both engines agree."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import (
    NO_EVIDENCE,
    Answer,
    AnswerKind,
    AssessmentInput,
    EvidenceBounds,
    score_assessment,
)
from scoring.evidence import counted_answer
from scoring.track_record_facts import track_record_frames
from scoring.vectorised import inputs_to_frames, score_org
from tests.unit.test_org_scoring_equivalence import assessment_inputs, catalogues, rubrics
from tests.unit.tiny_org import tiny_content

CONTENT = tiny_content()
RUBRIC, CATALOGUE = CONTENT.rubric, CONTENT.scoring_catalogue


def test_a_value_above_its_bound_counts_at_the_bound_and_is_marked_contradicted() -> None:
    evidence = EvidenceBounds(bounds={"BR-03": 1})
    assert counted_answer("BR-03", Answer.of(3, evidence=True), evidence) == Answer(
        AnswerKind.VALUE, 1, has_evidence=False, contradicted=True
    )


def test_a_value_within_its_bound_is_kept_and_support_counts_as_evidence() -> None:
    evidence = EvidenceBounds(bounds={"BR-03": 2}, supported=frozenset({"BR-03"}))
    assert counted_answer("BR-03", Answer.of(2), evidence) == Answer.of(2, evidence=True)


def test_non_values_are_never_bounded() -> None:
    evidence = EvidenceBounds(bounds={"BR-03": 0}, supported=frozenset({"BR-03"}))
    for answer in (Answer.dont_know(), Answer.not_applicable(), Answer.unanswered()):
        assert counted_answer("BR-03", answer, evidence) == answer


def test_a_contradicted_answer_lowers_the_score_and_earns_no_confidence() -> None:
    question = RUBRIC.questions[0]
    top = question.max_value
    assessment = AssessmentInput({question.id: Answer.of(top, evidence=True)})
    claimed = score_assessment(RUBRIC, CATALOGUE, assessment)
    bounded = score_assessment(
        RUBRIC, CATALOGUE, assessment, EvidenceBounds(bounds={question.id: 0})
    )
    pillar = question.pillar
    assert claimed.pillar(pillar).score > 0
    assert bounded.pillar(pillar).score == 0
    assert bounded.confidence.contradicted == (question.id,)
    assert question.id not in bounded.confidence.without_evidence
    assert bounded.confidence.value < claimed.confidence.value


@st.composite
def organisations_with_evidence(draw: st.DrawFn):
    rubric = draw(rubrics())
    catalogue = draw(catalogues(rubric))
    inputs = {k: draw(assessment_inputs(rubric, catalogue)) for k in range(draw(st.integers(1, 6)))}
    evidence = {}
    for k in inputs:
        bounds = {
            q.id: draw(st.integers(0, q.max_value)) for q in rubric.questions if draw(st.booleans())
        }
        supported = frozenset(q.id for q in rubric.questions if draw(st.booleans()))
        evidence[k] = EvidenceBounds(bounds, supported)
    return rubric, catalogue, inputs, evidence


def evidence_frame(evidence: dict[int, EvidenceBounds]) -> pd.DataFrame:
    rows = [
        (k, qid, float(bounds.bounds.get(qid, float("nan"))), qid in bounds.supported)
        for k, bounds in evidence.items()
        for qid in sorted(set(bounds.bounds) | bounds.supported)
    ]
    return pd.DataFrame(rows, columns=["assessment_id", "question_id", "bound", "supported"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations_with_evidence())
def test_both_engines_count_evidence_alike(organisation) -> None:
    rubric, catalogue, inputs, evidence = organisation
    answers, removed = inputs_to_frames(inputs)
    org = score_org(
        rubric,
        catalogue,
        answers,
        removed,
        list(inputs),
        track_record=track_record_frames(inputs),
        evidence=evidence_frame(evidence),
    )
    for k, assessment in inputs.items():
        one = score_assessment(rubric, catalogue, assessment, evidence[k])
        row = org.loc[k]
        for pillar in one.pillars:
            assert row[f"score:{pillar.pillar}"] == pytest.approx(pillar.score, abs=1e-9)
            assert row[f"level:{pillar.pillar}"] == pillar.level
        assert row["overall_level"] == one.overall_level
        assert row["confidence"] == pytest.approx(one.confidence.value, abs=1e-9)
        assert row["next_chain"] == one.recommendation.next_chain
        for chain in one.chains:
            assert row[f"status:{chain.chain}"] == chain.status.value


def test_no_evidence_scores_as_before() -> None:
    assessment = AssessmentInput({q.id: Answer.of(q.max_value) for q in RUBRIC.questions})
    assert score_assessment(RUBRIC, CATALOGUE, assessment, NO_EVIDENCE) == score_assessment(
        RUBRIC, CATALOGUE, assessment
    )
