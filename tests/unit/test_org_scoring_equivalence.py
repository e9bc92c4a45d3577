"""The vectorised org scoring equals the per-assessment engine on random organisations.

Frames come from `inputs_to_frames`, which builds them with `scoring.frames.answer_frame`:
the same builder the app's org history and period snapshots use.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import (
    AllOf,
    Answer,
    AnyOf,
    AssessmentInput,
    Catalogue,
    ChainRemoved,
    ChainSpec,
    Condition,
    MinAnswer,
    MinPillarLevel,
    PillarSpec,
    QuestionSpec,
    Risk,
    Rubric,
    Toil,
    score_assessment,
)
from scoring.model import NoIncident, RemovedFor
from scoring.track_record import IncidentRecord, Severity
from scoring.track_record_facts import track_record_frames
from scoring.vectorised import inputs_to_frames, score_org

DAY = date(2026, 12, 1)

# Weights that put scores exactly on thresholds, and arbitrary ones that do not.
WEIGHTS = st.sampled_from([1.0, 2.0, 3.0, 0.5, 1.5, 0.3, 0.1, 2.7]) | st.floats(
    min_value=0.05, max_value=10.0, allow_nan=False, allow_infinity=False
)
THRESHOLDS = st.sampled_from(
    [(20.0, 40.0, 60.0, 80.0), (25.0, 50.0, 75.0, 100.0), (10.0, 33.3, 50.0, 90.0)]
)


@st.composite
def rubrics(draw: st.DrawFn) -> Rubric:
    pillars = tuple(PillarSpec(f"p{i}", f"Pillar {i}") for i in range(draw(st.integers(2, 4))))
    questions = [
        QuestionSpec(
            id=f"{pillar.id}-q{k}",
            pillar=pillar.id,
            weight=draw(WEIGHTS),
            critical=draw(st.booleans()),
            max_value=draw(st.integers(3, 5)),
        )
        for pillar in pillars
        for k in range(draw(st.integers(1, 5)))
    ]
    # Questionnaire order need not group questions by pillar.
    ordered = draw(st.permutations(questions))
    return Rubric("random", "1", pillars, tuple(ordered), draw(THRESHOLDS))


@st.composite
def conditions(draw: st.DrawFn, rubric: Rubric, earlier: list[str], depth: int = 0) -> Condition:
    # Drawn with integers only: building nested strategies per chain is what makes this slow.
    kinds = ["pillar", "question", "no_incident"] + (["chain", "removed_for"] if earlier else [])
    kinds += ["all", "any"] * (depth < 2)
    kind = kinds[draw(st.integers(0, len(kinds) - 1))]
    if kind == "pillar":
        pillar = rubric.pillars[draw(st.integers(0, len(rubric.pillars) - 1))]
        return MinPillarLevel(pillar.id, draw(st.integers(0, 4)))
    if kind == "question":
        question = rubric.questions[draw(st.integers(0, len(rubric.questions) - 1))]
        return MinAnswer(question.id, draw(st.integers(0, question.max_value)))
    if kind == "chain":
        return ChainRemoved(earlier[draw(st.integers(0, len(earlier) - 1))])
    if kind == "removed_for":
        return RemovedFor(earlier[draw(st.integers(0, len(earlier) - 1))], draw(st.integers(1, 90)))
    if kind == "no_incident":
        count = draw(st.integers(1, len(rubric.pillars)))
        pillars = tuple(p.id for p in rubric.pillars[:count])
        severity = list(Severity)[draw(st.integers(0, 3))]
        return NoIncident(pillars, severity, draw(st.integers(1, 120)))
    children = tuple(
        draw(conditions(rubric, earlier, depth + 1)) for _ in range(draw(st.integers(0, 3)))
    )
    return AllOf(children) if kind == "all" else AnyOf(children)


@st.composite
def catalogues(draw: st.DrawFn, rubric: Rubric) -> Catalogue:
    count = draw(st.integers(1, 8))
    orders = draw(st.permutations(range(1, count + 1)))
    chains: list[ChainSpec] = []
    for k in range(count):
        permanent = draw(st.sampled_from([False, False, False, True]))
        earlier = [c.id for c in chains]
        unlock = None if permanent and draw(st.booleans()) else draw(conditions(rubric, earlier))
        chains.append(
            ChainSpec(
                id=f"chain-{k}",
                name=f"Chain {k}",
                order=orders[k],
                unlock=unlock,
                risk=draw(st.sampled_from(list(Risk))),
                toil=draw(st.sampled_from(list(Toil))),
                permanent=permanent,
            )
        )
    return Catalogue("random", "1", tuple(chains))


def answer_from_code(code: int) -> Answer | None:
    """Decode one drawn integer: a missing answer, N/A, don't know, unanswered, or a value."""
    special = [None, Answer.not_applicable(), Answer.dont_know(), Answer.unanswered()]
    if code < len(special):
        return special[code]
    value, evidence = divmod(code - len(special), 2)
    return Answer.of(value, evidence=bool(evidence))


@st.composite
def assessment_inputs(draw: st.DrawFn, rubric: Rubric, catalogue: Catalogue) -> AssessmentInput:
    # One integer per question keeps generating 30 assessments cheap.
    answers = {}
    for question in rubric.questions:
        answer = answer_from_code(draw(st.integers(0, 4 + 2 * question.max_value + 1)))
        if answer is not None:
            answers[question.id] = answer
    marked = draw(st.integers(0, 2 ** len(catalogue.chains) - 1))
    removed = {c.id for k, c in enumerate(catalogue.chains) if marked >> k & 1}
    # Ids the rubric and catalogue do not know (a retired question or chain) count for nothing.
    strays = draw(st.integers(0, 3))
    if strays & 1:
        answers["RETIRED-99"] = Answer.of(4, evidence=True)
    if strays & 2:
        removed.add("retired-chain")
    # A track record: an assessment date (or none), signed-off removals, incidents.
    as_of = None if draw(st.integers(0, 5)) == 0 else DAY - timedelta(days=draw(st.integers(0, 60)))
    since = {
        c.id: DAY - timedelta(days=draw(st.integers(0, 150)))
        for c in catalogue.chains
        if c.id in removed and draw(st.integers(0, 3))
    }
    incidents = tuple(
        IncidentRecord(
            k,
            DAY - timedelta(days=draw(st.integers(-10, 200))),
            list(Severity)[draw(st.integers(0, 3))],
            rubric.pillars[draw(st.integers(0, len(rubric.pillars) - 1))].id,
        )
        for k in range(draw(st.integers(0, 3)))
    )
    return AssessmentInput(
        answers=answers,
        removed_chains=frozenset(removed),
        as_of=as_of,
        removed_since=since,
        incidents=incidents,
    )


@st.composite
def organisations(
    draw: st.DrawFn,
) -> tuple[Rubric, Catalogue, dict[str, AssessmentInput]]:
    rubric = draw(rubrics())
    catalogue = draw(catalogues(rubric))
    count = draw(st.integers(1, 30))
    inputs = {f"team-{i}": draw(assessment_inputs(rubric, catalogue)) for i in range(count)}
    return rubric, catalogue, inputs


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations())
def test_org_scoring_equals_per_assessment_scoring_for_every_assessment(organisation):
    rubric, catalogue, inputs = organisation
    answers, removed = inputs_to_frames(inputs)
    track_record = track_record_frames(inputs)

    frame = score_org(
        rubric, catalogue, answers, removed, assessment_ids=list(inputs), track_record=track_record
    )

    assert list(frame.index) == list(inputs)
    for assessment_id, assessment in inputs.items():
        expected = score_assessment(rubric, catalogue, assessment)
        row = frame.loc[assessment_id]
        for pillar in expected.pillars:
            assert row[f"score:{pillar.pillar}"] == pytest.approx(pillar.score, abs=1e-9)
            assert row[f"level:{pillar.pillar}"] == pillar.level
        assert row["overall_level"] == expected.overall_level
        assert row["weakest_pillar"] == expected.weakest_pillar
        assert row["confidence"] == pytest.approx(expected.confidence.value, abs=1e-9)
        assert row["confidence_band"] == expected.confidence.band.value
        assert row["autonomy"] == expected.autonomy.value
        for chain in expected.chains:
            assert row[f"status:{chain.chain}"] == chain.status.value
        assert row["next_chain"] == expected.recommendation.next_chain
        assert row["alerts"] == len(expected.recommendation.alerts)
