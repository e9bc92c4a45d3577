"""Scores stay within bounds on any content, and both engines agree across mixed versions."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import AssessmentInput, Catalogue, PillarSpec, QuestionSpec, Rubric, score_assessment
from scoring.by_version import score_org_by_version
from scoring.vectorised import inputs_to_frames
from tests.unit.test_org_scoring_equivalence import WEIGHTS, assessment_inputs, catalogues


@st.composite
def thresholds(draw: st.DrawFn) -> tuple[float, ...]:
    count = draw(st.integers(1, 5))
    points = sorted(draw(st.sets(st.integers(1, 100), min_size=count, max_size=count)))
    return tuple(float(p) for p in points)


@st.composite
def rising(draw: st.DrawFn, length: int, low: int, high: int) -> tuple[int, ...]:
    return tuple(sorted(draw(st.integers(low, high)) for _ in range(length)))


@st.composite
def rubrics_with_options(draw: st.DrawFn, version: str = "1") -> Rubric:
    levels = draw(thresholds())
    top = len(levels)
    pillars = tuple(PillarSpec(f"p{i}", f"Pillar {i}") for i in range(draw(st.integers(1, 5))))
    questions = []
    for pillar in pillars:
        for k in range(draw(st.integers(1, 4))):
            max_value = draw(st.integers(1, 5))
            credits = None
            if draw(st.booleans()):
                steps = draw(rising(max_value, 0, 100))
                credits = (0.0, *(s / 100 for s in steps))
            caps = draw(rising(max_value + 1, 0, top)) if draw(st.booleans()) else None
            questions.append(
                QuestionSpec(
                    id=f"{pillar.id}-q{k}",
                    pillar=pillar.id,
                    weight=draw(WEIGHTS),
                    critical=draw(st.booleans()),
                    max_value=max_value,
                    credits=credits,
                    caps=caps,
                )
            )
    return Rubric("random", version, pillars, tuple(questions), levels)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_no_score_leaves_0_to_100_and_no_level_the_questionnaires_levels(data):
    rubric = data.draw(rubrics_with_options())
    catalogue = data.draw(catalogues(rubric))
    assessment = data.draw(assessment_inputs(rubric, catalogue))

    result = score_assessment(rubric, catalogue, assessment)

    for pillar in result.pillars:
        assert 0.0 <= pillar.score <= 100.0
        assert 0 <= pillar.level <= pillar.score_level <= rubric.top_level
    assert 0 <= result.overall_level <= rubric.top_level


@st.composite
def mixed_organisations(draw: st.DrawFn):
    old = draw(rubrics_with_options("1"))
    new = draw(rubrics_with_options("2"))
    versions: dict[str, tuple[Rubric, Catalogue]] = {
        "1": (old, draw(catalogues(old))),
        "2": (new, draw(catalogues(new))),
    }
    inputs: dict[str, AssessmentInput] = {}
    version_of: dict[str, str] = {}
    for i in range(draw(st.integers(1, 20))):
        key = draw(st.sampled_from(["1", "2"]))
        rubric, catalogue = versions[key]
        inputs[f"a{i}"] = draw(assessment_inputs(rubric, catalogue))
        version_of[f"a{i}"] = key
    return versions, version_of, inputs


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed_organisations())
def test_both_engines_agree_on_every_assessment_across_mixed_versions(organisation):
    versions, version_of, inputs = organisation
    answers, removed = inputs_to_frames(inputs)

    frame = score_org_by_version(versions, version_of, answers, removed, list(inputs))

    assert list(frame.index) == list(inputs)
    for assessment_id, assessment in inputs.items():
        rubric, catalogue = versions[version_of[assessment_id]]
        expected = score_assessment(rubric, catalogue, assessment)
        row = frame.loc[assessment_id]
        for pillar in expected.pillars:
            assert row[f"score:{pillar.pillar}"] == pytest.approx(pillar.score, abs=1e-9)
            assert row[f"level:{pillar.pillar}"] == pillar.level
        assert row["overall_level"] == expected.overall_level
        assert row["autonomy"] == expected.autonomy.value
        assert row["next_chain"] == expected.recommendation.next_chain
        for chain in expected.chains:
            assert row[f"status:{chain.chain}"] == chain.status.value
