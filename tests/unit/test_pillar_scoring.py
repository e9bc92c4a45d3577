"""Pillar scores, score levels, critical caps, overall level, weakest pillar and autonomy."""

from __future__ import annotations

import pytest

from scoring import (
    Answer,
    AssessmentInput,
    AutonomyLevel,
    Catalogue,
    PillarResult,
    PillarSpec,
    QuestionSpec,
    Rubric,
    score_assessment,
)
from scoring.pillars import critical_cap, weakest_pillar
from scoring.rules import score_level

PILLAR_NAMES = {"br": "Blast radius", "pa": "Production access", "os": "Orchestrator skill"}
EMPTY_CATALOGUE = Catalogue("none", "1", ())


def question(
    qid: str, pillar: str = "br", weight: float = 1.0, critical: bool = False, max_value: int = 4
) -> QuestionSpec:
    return QuestionSpec(qid, pillar, weight, critical, max_value)


def rubric(*questions: QuestionSpec, thresholds=(20.0, 40.0, 60.0, 80.0)) -> Rubric:
    pillar_ids = list(dict.fromkeys(q.pillar for q in questions))
    pillars = tuple(PillarSpec(p, PILLAR_NAMES[p]) for p in pillar_ids)
    return Rubric("test", "1", pillars, questions, thresholds)


def answer(spec) -> Answer:
    if spec == "na":
        return Answer.not_applicable()
    if spec == "dk":
        return Answer.dont_know()
    if spec == "un":
        return Answer.unanswered()
    return Answer.of(spec)


def answers_for(questions, specs) -> dict[str, Answer]:
    """Answers by position; None leaves the question out of the answers (unanswered)."""
    return {q.id: answer(s) for q, s in zip(questions, specs, strict=True) if s is not None}


def score(questions: tuple[QuestionSpec, ...], specs, thresholds=(20.0, 40.0, 60.0, 80.0)):
    result = score_assessment(
        rubric(*questions, thresholds=thresholds),
        EMPTY_CATALOGUE,
        AssessmentInput(answers_for(questions, specs)),
    )
    return result.pillars[0]


@pytest.mark.parametrize(
    ("weights", "max_values", "specs", "expected"),
    [
        ((1, 1), (4, 4), (4, 0), 50.0),
        ((3, 1), (4, 4), (4, 0), 75.0),
        ((1, 3), (4, 4), (2, 4), 87.5),
        ((1, 1, 2), (4, 4, 4), (1, 2, 3), 100 * (1 * 1 / 4 + 1 * 2 / 4 + 2 * 3 / 4) / 4),
        ((1,), (3,), (2,), 100 * (1 * 2 / 3) / 1),
        ((2, 1), (3, 5), (1, 5), 100 * (2 * 1 / 3 + 1 * 5 / 5) / 3),
        ((1, 1), (4, 4), (4, "na"), 100.0),
        ((1, 5), (4, 4), (4, "na"), 100.0),
        ((1, 1), (4, 4), (4, "dk"), 50.0),
        ((1, 1), (4, 4), (4, "un"), 50.0),
        ((1, 1), (4, 4), (4, None), 50.0),
        ((1, 1), (4, 4), ("na", "na"), 0.0),
        ((1, 1), (4, 4), ("dk", "un"), 0.0),
        ((0.5, 1.5), (4, 4), (4, 4), 100.0),
    ],
    ids=[
        "equal-weights",
        "heavy-full-answer",
        "heavy-partial",
        "three-questions",
        "scale-0-3",
        "mixed-scales",
        "not-applicable-excluded",
        "heavy-not-applicable-excluded",
        "dont-know-is-0",
        "unanswered-is-0",
        "missing-is-unanswered",
        "all-not-applicable-scores-0",
        "dont-know-and-unanswered-score-0",
        "fractional-weights",
    ],
)
def test_pillar_score_is_weighted_partial_credit_over_applicable_questions(
    weights, max_values, specs, expected
):
    questions = tuple(
        question(f"BR-{i:02d}", weight=w, max_value=m)
        for i, (w, m) in enumerate(zip(weights, max_values, strict=True), start=1)
    )
    assert score(questions, specs).score == expected


@pytest.mark.parametrize(
    ("specs", "applicable"),
    [((4, 0, 1), 3), ((4, "na", 1), 2), (("na", "na", "na"), 0), (("dk", None, "na"), 2)],
)
def test_applicable_counts_every_question_but_not_applicable(specs, applicable):
    questions = (question("BR-01"), question("BR-02"), question("BR-03"))
    assert score(questions, specs).applicable == applicable


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (0.0, 0),
        (19.99, 0),
        (20.0 - 1e-8, 0),
        (20.0 - 1e-10, 1),
        (20.0, 1),
        (39.99, 1),
        (40.0, 2),
        (59.99, 2),
        (60.0, 3),
        (79.99, 3),
        (80.0, 4),
        (100.0, 4),
    ],
)
def test_score_level_is_the_highest_threshold_reached_within_epsilon(value, level):
    assert score_level(value, (20.0, 40.0, 60.0, 80.0)) == level


@pytest.mark.parametrize(
    ("value", "level"),
    [(9.99, 0), (10.0, 1), (29.99, 1), (30.0, 2), (50.0, 3), (89.99, 3), (90.0, 4)],
)
def test_score_level_uses_the_questionnaires_own_thresholds(value, level):
    assert score_level(value, (10.0, 30.0, 50.0, 90.0)) == level


@pytest.mark.parametrize(
    ("values", "score_value", "level"),
    [
        ((4, 0, 0, 0, 0), 20.0, 1),
        ((4, 4, 0, 0, 0), 40.0, 2),
        ((4, 4, 4, 0, 0), 60.0, 3),
        ((4, 4, 4, 4, 0), 80.0, 4),
        ((3, 0, 0, 0, 0), 15.0, 0),
        ((4, 3, 4, 4, 0), 75.0, 3),
    ],
)
def test_answers_landing_exactly_on_a_threshold_reach_that_level(values, score_value, level):
    questions = tuple(question(f"BR-{i:02d}") for i in range(1, 6))
    pillar = score(questions, values)
    assert (pillar.score, pillar.score_level, pillar.level) == (score_value, level, level)


@pytest.mark.parametrize(
    ("max_value", "spec", "cap"),
    [
        (4, 0, 0),
        (4, 1, 1),
        (4, 2, 2),
        (4, 3, 3),
        (4, 4, 4),
        (3, 0, 0),
        (3, 1, 1),
        (3, 2, 2),
        (3, 3, 4),
        (5, 1, 0),
        (5, 2, 1),
        (5, 3, 2),
        (5, 4, 3),
        (5, 5, 4),
        (4, "dk", 0),
        (4, "un", 0),
        (4, "na", None),
    ],
)
def test_critical_question_caps_at_floor_of_four_times_value_over_max(max_value, spec, cap):
    assert critical_cap(question("BR-01", critical=True, max_value=max_value), answer(spec)) == cap


def test_non_critical_question_never_caps():
    assert critical_cap(question("BR-01", critical=False), Answer.dont_know()) is None


@pytest.mark.parametrize(
    ("specs", "score_level_", "level", "capped_by"),
    [
        # BR-01 critical (weight 1), BR-02 critical (weight 1), BR-03 plain (weight 6).
        ((4, 4, 4), 4, 4, ()),
        ((2, 4, 4), 4, 2, ("BR-01",)),
        ((2, 3, 4), 4, 2, ("BR-01", "BR-02")),
        ((3, 2, 4), 4, 2, ("BR-01", "BR-02")),
        (("dk", 4, 4), 4, 0, ("BR-01",)),
        ((None, 4, 4), 4, 0, ("BR-01",)),
        (("un", "dk", 4), 3, 0, ("BR-01", "BR-02")),
        (("na", 4, 4), 4, 4, ()),
        (("na", "na", 4), 4, 4, ()),
        ((3, 4, 2), 2, 2, ()),
        ((2, 4, 2), 2, 2, ()),
        ((1, 4, 2), 2, 1, ("BR-01",)),
        ((0, 0, 0), 0, 0, ()),
    ],
)
def test_pillar_level_is_score_level_capped_by_its_critical_questions(
    specs, score_level_, level, capped_by
):
    questions = (
        question("BR-01", critical=True),
        question("BR-02", critical=True),
        question("BR-03", weight=6),
    )
    pillar = score(questions, specs)
    assert (pillar.score_level, pillar.level, pillar.capped_by) == (score_level_, level, capped_by)


@pytest.mark.parametrize(
    ("max_value", "value", "level"),
    [(3, 2, 2), (3, 3, 4), (5, 2, 1), (5, 4, 3), (5, 5, 4)],
)
def test_critical_cap_on_non_default_scales_limits_the_level(max_value, value, level):
    questions = (
        question("BR-01", critical=True, max_value=max_value),
        question("BR-02", weight=100),
    )
    assert score(questions, (value, 4)).level == level


@pytest.mark.parametrize(
    ("specs", "explanation"),
    [
        ((4, 4, 2), "score 75.0 reaches level 3"),
        ((2, 4, 4), "score 87.5 reaches level 4; capped at 2 by critical BR-01"),
        (("dk", 2, 4), "score 62.5 reaches level 3; capped at 0 by critical BR-01, BR-02"),
        (("na", "na", "na"), "no applicable question, so level 0"),
    ],
)
def test_pillar_explanation_names_the_score_level_and_the_cap(specs, explanation):
    questions = (
        question("BR-01", critical=True),
        question("BR-02", critical=True),
        question("BR-03", weight=2),
    )
    assert score(questions, specs).explanation == explanation


QUESTIONS_3_PILLARS = (
    question("BR-01", "br"),
    question("PA-01", "pa"),
    question("PA-02", "pa", weight=3),
    question("OS-01", "os"),
)


@pytest.mark.parametrize(
    ("specs", "overall", "weakest"),
    [
        ((4, 4, 4, 4), 4, "br"),
        ((4, 2, 2, 4), 2, "pa"),
        ((4, 4, 4, 1), 1, "os"),
        # pa: score 50, level 2; os: score 50, level 2: equal, so questionnaire order.
        ((4, 2, 2, 2), 2, "pa"),
        # br, pa and os all at level 2; pa's 43.75 is below the others' 50.
        ((2, 4, 1, 2), 2, "pa"),
        ((3, 2, 2, 2), 2, "pa"),
        ((0, 0, 0, 0), 0, "br"),
        (("na", 4, 4, 4), 0, "br"),
    ],
)
def test_overall_level_is_the_weakest_pillar_with_ties_to_lower_score_then_order(
    specs, overall, weakest
):
    result = score_assessment(
        rubric(*QUESTIONS_3_PILLARS),
        EMPTY_CATALOGUE,
        AssessmentInput(answers_for(QUESTIONS_3_PILLARS, specs)),
    )
    assert (result.overall_level, result.weakest_pillar) == (overall, weakest)


def pillar_result(pillar: str, level: int, score_value: float) -> PillarResult:
    return PillarResult(pillar, pillar, score_value, level, level, (), 1, "")


@pytest.mark.parametrize(
    ("pillars", "weakest"),
    [
        ((("a", 2, 50.0), ("b", 1, 39.0), ("c", 1, 20.0)), "c"),
        ((("a", 1, 30.0), ("b", 1, 30.0), ("c", 1, 20.0)), "c"),
        ((("a", 1, 30.0), ("b", 1, 30.0), ("c", 2, 40.0)), "a"),
        ((("a", 3, 30.0), ("b", 2, 90.0), ("c", 2, 90.0)), "b"),
        ((), ""),
    ],
)
def test_weakest_pillar_breaks_level_ties_by_lower_score_then_questionnaire_order(pillars, weakest):
    assert weakest_pillar([pillar_result(*p) for p in pillars]) == weakest


@pytest.mark.parametrize(
    ("value", "autonomy"),
    [
        (0, AutonomyLevel.L1),
        (1, AutonomyLevel.L2),
        (2, AutonomyLevel.L3),
        (3, AutonomyLevel.L4),
        (4, AutonomyLevel.L5),
    ],
)
def test_overall_level_maps_to_the_allowed_autonomy_level(value, autonomy):
    questions = tuple(question(f"BR-{i:02d}") for i in range(1, 5))
    specs = tuple(4 if i < value else 0 for i in range(4))
    result = score_assessment(
        rubric(*questions), EMPTY_CATALOGUE, AssessmentInput(answers_for(questions, specs))
    )
    assert (result.overall_level, result.autonomy) == (value, autonomy)


def test_answers_to_questions_outside_the_rubric_are_ignored():
    questions = (question("BR-01"), question("BR-02"))
    answers = {"BR-01": Answer.of(4), "XX-99": Answer.of(4), "BR-03": Answer.of(4)}
    result = score_assessment(rubric(*questions), EMPTY_CATALOGUE, AssessmentInput(answers))
    assert (result.pillars[0].score, result.confidence.unanswered) == (50.0, ("BR-02",))


def test_pillars_are_reported_in_questionnaire_order_with_names():
    result = score_assessment(rubric(*QUESTIONS_3_PILLARS), EMPTY_CATALOGUE, AssessmentInput())
    assert [(p.pillar, p.name) for p in result.pillars] == [
        ("br", "Blast radius"),
        ("pa", "Production access"),
        ("os", "Orchestrator skill"),
    ]
