"""Properties of score_assessment over random questionnaires, catalogues and answers."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import (
    AllOf,
    Answer,
    AnswerKind,
    AnyOf,
    AssessmentInput,
    AssessmentResult,
    Catalogue,
    ChainRemoved,
    ChainSpec,
    ChainStatus,
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

PILLAR_IDS = ("br", "pa", "os")
EXAMPLES = settings(max_examples=200, deadline=None)


@st.composite
def rubrics(draw: st.DrawFn) -> Rubric:
    pillar_count = draw(st.integers(1, 3))
    pillars = tuple(PillarSpec(p, p.upper()) for p in PILLAR_IDS[:pillar_count])
    questions = tuple(
        QuestionSpec(
            id=f"Q-{i:02d}",
            pillar=draw(st.sampled_from(pillars)).id,
            weight=draw(st.sampled_from((0.1, 0.5, 1.0, 1.5, 2.0, 3.0, 7.3))),
            critical=draw(st.booleans()),
            max_value=draw(st.integers(1, 5)),
        )
        for i in range(draw(st.integers(1, 8)))
    )
    a, b, c, d = sorted(
        float(cut) for cut in draw(st.sets(st.integers(1, 100), min_size=4, max_size=4))
    )
    thresholds = draw(st.sampled_from(((20.0, 40.0, 60.0, 80.0), (a, b, c, d))))
    return Rubric("random", "1", pillars, questions, thresholds)


def draw_answers(draw: st.DrawFn, rubric: Rubric) -> dict[str, Answer]:
    answers = {}
    for question in rubric.questions:
        kind = draw(st.integers(0, 5))
        if kind <= 1:
            value = draw(st.integers(0, question.max_value))
            answers[question.id] = Answer.of(value, evidence=kind == 1)
        elif kind < 5:
            answers[question.id] = (
                Answer.not_applicable(),
                Answer.dont_know(),
                Answer.unanswered(),
            )[kind - 2]
    return answers


def draw_condition(
    draw: st.DrawFn, rubric: Rubric, chain_ids: tuple[str, ...], depth: int = 0
) -> Condition:
    kinds = (
        ["pillar", "question"]
        + (["chain"] if chain_ids else [])
        + (["all", "any"] if depth < 2 else [])
    )
    kind = draw(st.sampled_from(kinds))
    if kind == "pillar":
        pillar = draw(st.sampled_from(rubric.pillars)).id
        return MinPillarLevel(pillar, draw(st.integers(0, 4)))
    if kind == "question":
        question = draw(st.sampled_from(rubric.questions))
        return MinAnswer(question.id, draw(st.integers(0, question.max_value)))
    if kind == "chain":
        return ChainRemoved(draw(st.sampled_from(chain_ids)))
    count = draw(st.integers(0 if kind == "all" else 1, 3))
    children = tuple(draw_condition(draw, rubric, chain_ids, depth + 1) for _ in range(count))
    return AllOf(children) if kind == "all" else AnyOf(children)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Rubric, Catalogue, AssessmentInput]:
    rubric = draw(rubrics())
    chain_ids = tuple(f"c{i}" for i in range(1, draw(st.integers(0, 5)) + 1))
    chains = []
    for order, chain_id in enumerate(chain_ids, start=1):
        permanent = draw(st.integers(0, 3)) == 0
        others = tuple(c for c in chain_ids if c != chain_id)
        chains.append(
            ChainSpec(
                id=chain_id,
                name=f"Chain {order}",
                order=order,
                unlock=None if permanent else draw_condition(draw, rubric, others),
                risk=draw(st.sampled_from(list(Risk))),
                toil=draw(st.sampled_from(list(Toil))),
                permanent=permanent,
            )
        )
    removed = frozenset(c for c in chain_ids if draw(st.booleans()))
    answers = draw_answers(draw, rubric)
    return rubric, Catalogue("random", "1", tuple(chains)), AssessmentInput(answers, removed)


@EXAMPLES
@given(cases())
def test_scores_levels_and_confidence_stay_in_range(case):
    result = score_assessment(*case)
    for pillar in result.pillars:
        assert 0.0 <= pillar.score <= 100.0 + 1e-9
        assert 0 <= pillar.level <= pillar.score_level <= 4
    assert 0 <= result.overall_level <= 4
    assert 0.0 <= result.confidence.value <= 1.0


@EXAMPLES
@given(cases())
def test_at_most_one_chain_is_next_and_it_is_the_recommendation(case):
    result = score_assessment(*case)
    next_chains = [c.chain for c in result.chains if c.status is ChainStatus.NEXT]
    recommended = result.recommendation.next_chain
    assert next_chains == ([] if recommended is None else [recommended])


@EXAMPLES
@given(cases())
def test_scoring_is_deterministic(case):
    assert score_assessment(*case) == score_assessment(*case)


def raised(
    rubric: Rubric, answers: dict[str, Answer], index: int, value: int
) -> dict[str, Answer] | None:
    """One answer raised: a value by one step, don't know or unanswered to `value`."""
    question = rubric.questions[index % len(rubric.questions)]
    current = answers.get(question.id, Answer.unanswered())
    if current.kind is AnswerKind.NOT_APPLICABLE:
        return None
    if current.kind is AnswerKind.VALUE:
        if current.value is None or current.value >= question.max_value:
            return None
        return {**answers, question.id: replace(current, value=current.value + 1)}
    return {**answers, question.id: Answer.of(min(value, question.max_value))}


@EXAMPLES
@given(cases(), st.integers(0, 100), st.integers(0, 5))
def test_raising_one_answer_never_lowers_a_level_or_blocks_an_eligible_chain(case, index, value):
    rubric, catalogue, assessment = case
    answers = raised(rubric, assessment.answers, index, value)
    if answers is None:
        return
    before = score_assessment(rubric, catalogue, assessment)
    after = score_assessment(rubric, catalogue, replace(assessment, answers=answers))
    for old, new in zip(before.pillars, after.pillars, strict=True):
        assert new.score >= old.score
        assert new.score_level >= old.score_level
        assert new.level >= old.level
    assert after.overall_level >= before.overall_level
    for old_chain, new_chain in zip(before.chains, after.chains, strict=True):
        if old_chain.status in (ChainStatus.NEXT, ChainStatus.ELIGIBLE):
            assert new_chain.status is not ChainStatus.BLOCKED


def improved(result: AssessmentResult, assessment: AssessmentInput, chain: str) -> AssessmentInput:
    path = next(p for p in result.recommendation.unlock_paths if p.chain == chain)
    answers = dict(assessment.answers)
    for step in path.improvements:
        answers[step.question] = Answer.of(step.target)
    return AssessmentInput(answers, assessment.removed_chains | frozenset(path.chains_first))


@EXAMPLES
@given(cases())
def test_following_an_unlock_path_unlocks_its_chain(case):
    rubric, catalogue, assessment = case
    result = score_assessment(rubric, catalogue, assessment)
    for path in result.recommendation.unlock_paths:
        after = score_assessment(rubric, catalogue, improved(result, assessment, path.chain))
        assert after.chain(path.chain).status in (ChainStatus.NEXT, ChainStatus.ELIGIBLE)
        assert path.steps == sum(i.target - i.current for i in path.improvements)
        assert all(i.target >= i.current for i in path.improvements)
