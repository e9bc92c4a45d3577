"""Path to the next unlock: the fewest answer improvements, as the spec's steps prescribe."""

from __future__ import annotations

import pytest

from scoring import (
    AllOf,
    Answer,
    AnyOf,
    AssessmentInput,
    Catalogue,
    ChainRemoved,
    ChainSpec,
    Condition,
    Improvement,
    MinAnswer,
    MinPillarLevel,
    PillarSpec,
    QuestionSpec,
    Risk,
    Rubric,
    Toil,
    UnlockPath,
    score_assessment,
)


def rubric(*questions: tuple[str, float, bool, int]) -> Rubric:
    """Questions as (id, weight, critical, max); BR-* in blast radius, PA-* in prod access."""
    specs = tuple(
        QuestionSpec(qid, "br" if qid.startswith("BR") else "pa", w, crit, top)
        for qid, w, crit, top in questions
    )
    pillars = (PillarSpec("br", "Blast radius"), PillarSpec("pa", "Production access"))
    return Rubric("test", "1", pillars, specs)


def catalogue(*unlocks: Condition) -> Catalogue:
    return Catalogue(
        "test",
        "1",
        tuple(
            ChainSpec(f"c{i}", f"Chain {i}", i, unlock, Risk.LOW, Toil.LOW)
            for i, unlock in enumerate(unlocks, start=1)
        ),
    )


def answer(spec) -> Answer:
    return {"na": Answer.not_applicable(), "dk": Answer.dont_know()}.get(spec) or Answer.of(spec)


def paths(
    r: Rubric, c: Catalogue, answers: dict[str, int | str], removed=()
) -> tuple[UnlockPath, ...]:
    assessment = AssessmentInput({q: answer(s) for q, s in answers.items()}, frozenset(removed))
    return score_assessment(r, c, assessment).recommendation.unlock_paths


def only_path(
    r: Rubric, unlock: Condition, answers: dict[str, int | str]
) -> tuple[tuple[Improvement, ...], int]:
    (path,) = paths(r, catalogue(unlock), answers)
    return path.improvements, path.steps


FOUR_EQUAL = rubric(("BR-01", 1, False, 4), ("BR-02", 1, False, 4))


@pytest.mark.parametrize(
    ("answers", "required", "improvements", "steps"),
    [
        ({"BR-01": 1}, 3, (Improvement("BR-01", 1, 3),), 2),
        ({"BR-01": "dk"}, 3, (Improvement("BR-01", 0, 3),), 3),
        ({}, 2, (Improvement("BR-01", 0, 2),), 2),
        # Don't know is not an answer: a `min: 0` condition asks for one, at no step.
        ({"BR-01": "dk"}, 0, (Improvement("BR-01", 0, 0),), 0),
    ],
    ids=["value", "dont-know-counts-as-0", "unanswered-counts-as-0", "answer-it"],
)
def test_min_answer_condition_raises_that_question_to_the_minimum(
    answers, required, improvements, steps
):
    assert only_path(FOUR_EQUAL, MinAnswer("BR-01", required), answers) == (improvements, steps)


@pytest.mark.parametrize(
    ("questions", "answers", "level", "improvements"),
    [
        # BR-02 (weight 3) adds 0.75 per step vs BR-01's 0.25: greedy takes it although
        # BR-01 sits lower and comes first.
        (
            (("BR-01", 1, False, 4), ("BR-02", 3, False, 4)),
            {"BR-01": 0, "BR-02": 2},
            3,
            (Improvement("BR-02", 2, 4),),
        ),
        # A 0-2 scale adds more per step than a 0-4 scale of the same weight.
        (
            (("BR-01", 1, False, 4), ("BR-02", 1, False, 2)),
            {"BR-01": 0, "BR-02": 0},
            2,
            (Improvement("BR-02", 0, 2),),
        ),
        # Equal weight per step: the lowest current value goes first.
        (
            (("BR-01", 1, False, 4), ("BR-02", 1, False, 4)),
            {"BR-01": 3, "BR-02": 1},
            3,
            (Improvement("BR-02", 1, 2),),
        ),
        # Equal weight and value: questionnaire order.
        (
            (("BR-01", 1, False, 4), ("BR-02", 1, False, 4)),
            {"BR-01": 2, "BR-02": 2},
            3,
            (Improvement("BR-01", 2, 3),),
        ),
        # Don't know counts as 0 and is raised like any other answer.
        (
            (("BR-01", 1, False, 4), ("BR-02", 1, False, 4)),
            {"BR-01": 4, "BR-02": "dk"},
            3,
            (Improvement("BR-02", 0, 1),),
        ),
        # Not applicable is never changed, even when it would add the most.
        (
            (("BR-01", 10, False, 4), ("BR-02", 1, False, 4)),
            {"BR-01": "na", "BR-02": 0},
            2,
            (Improvement("BR-02", 0, 2),),
        ),
    ],
    ids=[
        "heavier-weight-first",
        "shorter-scale-first",
        "lowest-value-on-tie",
        "questionnaire-order-on-tie",
        "dont-know-raised",
        "not-applicable-untouched",
    ],
)
def test_pillar_level_condition_raises_the_step_that_adds_most_score(
    questions, answers, level, improvements
):
    improvements_, steps = only_path(rubric(*questions), MinPillarLevel("br", level), answers)
    assert (improvements_, steps) == (improvements, sum(i.target - i.current for i in improvements))


@pytest.mark.parametrize(
    ("max_value", "level", "target"),
    [(4, 3, 3), (4, 4, 4), (5, 3, 4), (5, 1, 2), (3, 2, 2), (3, 3, 3)],
)
def test_pillar_level_condition_first_lifts_critical_caps_to_the_lowest_value_allowed(
    max_value, level, target
):
    # BR-02 alone reaches level 4, so only the critical cap stands in the way.
    r = rubric(("BR-01", 1, True, max_value), ("BR-02", 100, False, 4))
    improvements, _ = only_path(r, MinPillarLevel("br", level), {"BR-01": 0, "BR-02": 4})
    assert improvements == (Improvement("BR-01", 0, target),)


def test_critical_dont_know_is_lifted_then_the_score_is_raised():
    r = rubric(("BR-01", 1, True, 4), ("BR-02", 1, False, 4))
    improvements, steps = only_path(r, MinPillarLevel("br", 3), {"BR-01": "dk", "BR-02": 1})
    # BR-01 to 3 lifts the cap (score 50); one more step on BR-02 (lower value) reaches 62.5.
    assert (improvements, steps) == (
        (Improvement("BR-01", 0, 3), Improvement("BR-02", 1, 2)),
        4,
    )


def test_all_conditions_are_satisfied_together_on_one_answer_vector():
    # BR-02 to 3 already gives 37.5; one step on BR-01 then reaches level 2.
    unlock = AllOf((MinAnswer("BR-02", 3), MinPillarLevel("br", 2)))
    assert only_path(FOUR_EQUAL, unlock, {"BR-01": 0, "BR-02": 0}) == (
        (Improvement("BR-01", 0, 1), Improvement("BR-02", 0, 3)),
        4,
    )


@pytest.mark.parametrize(
    ("unlock", "improvements"),
    [
        (
            AnyOf((MinAnswer("BR-01", 4), MinAnswer("BR-02", 2))),
            (Improvement("BR-02", 1, 2),),
        ),
        (
            AnyOf((MinAnswer("BR-02", 3), MinAnswer("BR-01", 3))),
            (Improvement("BR-02", 1, 3),),
        ),
        (
            AnyOf((ChainRemoved("c2"), MinAnswer("BR-01", 2))),
            (Improvement("BR-01", 1, 2),),
        ),
        (
            AnyOf((MinPillarLevel("pa", 1), MinAnswer("BR-01", 3))),
            (Improvement("BR-01", 1, 3),),
        ),
    ],
    ids=["cheaper-option", "tie-to-first-listed", "answers-beat-waiting", "impossible-skipped"],
)
def test_any_takes_the_option_with_fewest_steps(unlock, improvements):
    r = rubric(("BR-01", 1, False, 4), ("BR-02", 1, False, 4), ("PA-01", 1, False, 4))
    c = catalogue(unlock, MinAnswer("BR-01", 4))
    (first, *_) = paths(r, c, {"BR-01": 1, "BR-02": 1, "PA-01": "na"})
    assert (first.chain, first.improvements, first.chains_first) == ("c1", improvements, ())


def test_chain_waiting_on_a_blocked_chain_is_not_near():
    r = FOUR_EQUAL
    c = catalogue(
        MinAnswer("BR-01", 2),
        AllOf((ChainRemoved("c1"), MinAnswer("BR-02", 1))),
        MinAnswer("BR-01", 3),
        MinAnswer("BR-01", 4),
        MinAnswer("BR-02", 4),
    )
    result = paths(r, c, {"BR-01": 0, "BR-02": 0})
    assert [(p.chain, p.steps, p.chains_first) for p in result] == [
        ("c1", 2, ()),
        ("c3", 3, ()),
        ("c4", 4, ()),
    ]


def test_chain_waiting_only_on_an_eligible_chain_comes_after_answer_only_paths():
    c = catalogue(
        MinAnswer("BR-01", 1),
        AllOf((ChainRemoved("c1"), MinAnswer("BR-02", 1))),
        MinAnswer("BR-01", 3),
        AllOf((ChainRemoved("c2"), MinAnswer("BR-02", 1))),
    )
    result = paths(FOUR_EQUAL, c, {"BR-01": 1, "BR-02": 0})
    assert [(p.chain, p.steps, p.chains_first) for p in result] == [
        ("c3", 2, ()),
        ("c2", 1, ("c1",)),
    ]
    assert result[1].improvements == (Improvement("BR-02", 0, 1),)


def test_nearest_three_rank_by_steps_then_catalogue_order():
    c = catalogue(
        MinAnswer("BR-01", 4),
        MinAnswer("BR-02", 2),
        MinAnswer("BR-01", 2),
        MinAnswer("BR-02", 3),
        MinAnswer("BR-01", 1),
    )
    result = paths(FOUR_EQUAL, c, {"BR-01": 0, "BR-02": 0})
    assert [(p.chain, p.steps) for p in result] == [("c5", 1), ("c2", 2), ("c3", 2)]


def test_only_blocked_chains_get_paths_and_unreachable_ones_none():
    c = catalogue(
        MinAnswer("BR-01", 1),
        MinPillarLevel("pa", 1),
        MinAnswer("BR-02", 2),
        MinAnswer("BR-02", 5),
    )
    r = rubric(("BR-01", 1, False, 4), ("BR-02", 1, False, 4), ("PA-01", 1, False, 4))
    result = paths(r, c, {"BR-01": 1, "BR-02": 0, "PA-01": "na"})
    assert [p.chain for p in result] == ["c3"]


def test_chains_removed_are_not_waited_on():
    c = catalogue(MinAnswer("BR-01", 1), AllOf((ChainRemoved("c1"), MinAnswer("BR-02", 1))))
    result = paths(FOUR_EQUAL, c, {"BR-01": 1, "BR-02": 0}, removed={"c1"})
    assert [(p.chain, p.improvements, p.chains_first) for p in result] == [
        ("c2", (Improvement("BR-02", 0, 1),), ())
    ]
