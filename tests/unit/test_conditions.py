"""Unlock conditions: each kind, nesting, and the gap texts with current vs required values."""

from __future__ import annotations

import pytest

from scoring import (
    AllOf,
    Answer,
    AnyOf,
    Catalogue,
    ChainRemoved,
    ChainSpec,
    Gap,
    MinAnswer,
    MinPillarLevel,
    PillarSpec,
    QuestionSpec,
    Risk,
    Rubric,
    Toil,
)
from scoring.conditions import ConditionOutcome, TeamState, evaluate

RUBRIC = Rubric(
    "test",
    "1",
    (PillarSpec("br", "Blast radius"), PillarSpec("pa", "Production access")),
    (
        QuestionSpec("BR-01", "br", 1.0, False, 4),
        QuestionSpec("BR-05", "br", 1.0, False, 4),
        QuestionSpec("PA-01", "pa", 1.0, False, 4),
    ),
)
CATALOGUE = Catalogue(
    "test",
    "1",
    (
        ChainSpec("tool-calls", "Approve each tool call", 1, AllOf(()), Risk.LOW, Toil.HIGH),
        ChainSpec("merge-review", "Human review before merge", 2, None, Risk.LOW, Toil.HIGH),
    ),
)


def state(answers=None, levels=None, removed=()) -> TeamState:
    return TeamState(
        rubric=RUBRIC,
        catalogue=CATALOGUE,
        pillar_levels={"br": 2, "pa": 1} if levels is None else levels,
        answers=answers or {},
        removed=frozenset(removed),
    )


def answer_gap(question: str, current: int | None, required: int, text: str) -> Gap:
    return Gap("answer", question, current, required, text)


@pytest.mark.parametrize(
    ("answer", "required", "expected"),
    [
        (Answer.of(3), 3, ConditionOutcome(True, ("BR-05 is 3 ≥ 3",), ())),
        (Answer.of(4, evidence=True), 3, ConditionOutcome(True, ("BR-05 is 4 ≥ 3",), ())),
        (Answer.of(0), 0, ConditionOutcome(True, ("BR-05 is 0 ≥ 0",), ())),
        (
            Answer.not_applicable(),
            4,
            ConditionOutcome(True, ("BR-05 is not applicable (counts as met)",), ()),
        ),
        (
            Answer.of(2),
            3,
            ConditionOutcome(False, (), (answer_gap("BR-05", 2, 3, "BR-05 is 2, needs 3"),)),
        ),
        (
            Answer.dont_know(),
            3,
            ConditionOutcome(
                False, (), (answer_gap("BR-05", None, 3, "BR-05 is don't know, needs 3"),)
            ),
        ),
        (
            Answer.unanswered(),
            3,
            ConditionOutcome(
                False, (), (answer_gap("BR-05", None, 3, "BR-05 is unanswered, needs 3"),)
            ),
        ),
        (
            None,
            3,
            ConditionOutcome(
                False, (), (answer_gap("BR-05", None, 3, "BR-05 is unanswered, needs 3"),)
            ),
        ),
        (
            Answer.dont_know(),
            0,
            ConditionOutcome(
                False, (), (answer_gap("BR-05", None, 0, "BR-05 is don't know, needs 0"),)
            ),
        ),
    ],
    ids=[
        "equal",
        "above",
        "zero-needs-zero",
        "not-applicable-satisfies",
        "below",
        "dont-know",
        "unanswered",
        "missing",
        "dont-know-is-not-an-answer",
    ],
)
def test_min_answer_condition(answer, required, expected):
    answers = {} if answer is None else {"BR-05": answer}
    assert evaluate(MinAnswer("BR-05", required), state(answers)) == expected


@pytest.mark.parametrize(
    ("level", "required", "expected"),
    [
        (3, 3, ConditionOutcome(True, ("Blast radius level 3 ≥ 3",), ())),
        (4, 1, ConditionOutcome(True, ("Blast radius level 4 ≥ 1",), ())),
        (0, 0, ConditionOutcome(True, ("Blast radius level 0 ≥ 0",), ())),
        (
            2,
            3,
            ConditionOutcome(
                False, (), (Gap("pillar_level", "br", 2, 3, "Blast radius level 2, needs 3"),)
            ),
        ),
        (
            0,
            4,
            ConditionOutcome(
                False, (), (Gap("pillar_level", "br", 0, 4, "Blast radius level 0, needs 4"),)
            ),
        ),
    ],
)
def test_min_pillar_level_condition_names_the_pillar(level, required, expected):
    outcome = evaluate(MinPillarLevel("br", required), state(levels={"br": level, "pa": 0}))
    assert outcome == expected


@pytest.mark.parametrize(
    ("removed", "expected"),
    [
        (
            {"merge-review"},
            ConditionOutcome(True, ("chain 'Human review before merge' is removed",), ()),
        ),
        (
            {"tool-calls"},
            ConditionOutcome(
                False,
                (),
                (
                    Gap(
                        "chain_removed",
                        "merge-review",
                        0,
                        1,
                        "chain 'Human review before merge' is still in place",
                    ),
                ),
            ),
        ),
    ],
)
def test_chain_removed_condition_names_the_chain(removed, expected):
    assert evaluate(ChainRemoved("merge-review"), state(removed=removed)) == expected


def test_empty_all_holds_with_nothing_to_say():
    assert evaluate(AllOf(()), state()) == ConditionOutcome(True, (), ())


def test_all_lists_every_satisfied_child_and_every_gap_through_nesting():
    condition = AllOf(
        (
            MinPillarLevel("br", 2),
            AllOf((MinAnswer("BR-01", 3), MinAnswer("PA-01", 2))),
            ChainRemoved("tool-calls"),
        )
    )
    answers = {"BR-01": Answer.of(1), "PA-01": Answer.of(2)}
    assert evaluate(condition, state(answers)) == ConditionOutcome(
        False,
        ("Blast radius level 2 ≥ 2", "PA-01 is 2 ≥ 2"),
        (
            answer_gap("BR-01", 1, 3, "BR-01 is 1, needs 3"),
            Gap(
                "chain_removed",
                "tool-calls",
                0,
                1,
                "chain 'Approve each tool call' is still in place",
            ),
        ),
    )


def test_all_holds_when_every_child_holds():
    condition = AllOf((MinPillarLevel("pa", 1), MinAnswer("BR-01", 1)))
    outcome = evaluate(condition, state({"BR-01": Answer.of(1)}))
    assert outcome == ConditionOutcome(
        True, ("Production access level 1 ≥ 1", "BR-01 is 1 ≥ 1"), ()
    )


def test_any_holds_on_its_first_holding_option_and_reports_only_that_one():
    condition = AnyOf((MinAnswer("BR-01", 4), MinAnswer("BR-05", 2), MinPillarLevel("br", 1)))
    answers = {"BR-01": Answer.of(1), "BR-05": Answer.of(2)}
    assert evaluate(condition, state(answers)) == ConditionOutcome(True, ("BR-05 is 2 ≥ 2",), ())


def test_unmet_any_gives_one_any_of_gap_whose_options_are_the_childrens_gaps():
    condition = AnyOf(
        (
            MinAnswer("BR-01", 3),
            AllOf((MinPillarLevel("pa", 3), ChainRemoved("tool-calls"))),
            AllOf((MinAnswer("PA-01", 2), MinAnswer("BR-05", 4))),
        )
    )
    answers = {"BR-01": Answer.dont_know(), "PA-01": Answer.of(2), "BR-05": Answer.of(3)}
    br01 = answer_gap("BR-01", None, 3, "BR-01 is don't know, needs 3")
    pa = Gap("pillar_level", "pa", 1, 3, "Production access level 1, needs 3")
    tool = Gap(
        "chain_removed", "tool-calls", 0, 1, "chain 'Approve each tool call' is still in place"
    )
    bundle = Gap(
        "all_of",
        "",
        None,
        None,
        "all of: (Production access level 1, needs 3)"
        " and (chain 'Approve each tool call' is still in place)",
        (pa, tool),
    )
    br05 = answer_gap("BR-05", 3, 4, "BR-05 is 3, needs 4")
    expected_gap = Gap(
        "any_of",
        "",
        None,
        None,
        "one of: (BR-01 is don't know, needs 3)"
        " or (all of: (Production access level 1, needs 3)"
        " and (chain 'Approve each tool call' is still in place))"
        " or (BR-05 is 3, needs 4)",
        (br01, bundle, br05),
    )
    assert evaluate(condition, state(answers)) == ConditionOutcome(False, (), (expected_gap,))


def test_empty_any_never_holds():
    outcome = evaluate(AnyOf(()), state())
    assert (outcome.met, [g.kind for g in outcome.gaps]) == (False, ["any_of"])


def test_any_nested_in_all_contributes_its_single_gap():
    condition = AllOf(
        (MinAnswer("BR-01", 1), AnyOf((MinAnswer("BR-05", 2), ChainRemoved("tool-calls"))))
    )
    outcome = evaluate(condition, state({"BR-01": Answer.of(1), "BR-05": Answer.of(0)}))
    assert (outcome.met, outcome.satisfied, [g.text for g in outcome.gaps]) == (
        False,
        ("BR-01 is 1 ≥ 1",),
        ["one of: (BR-05 is 0, needs 2) or (chain 'Approve each tool call' is still in place)"],
    )


def test_any_nested_in_all_holds_when_one_option_holds():
    condition = AllOf((AnyOf((MinAnswer("BR-05", 2), ChainRemoved("tool-calls"))),))
    outcome = evaluate(condition, state(removed={"tool-calls"}))
    assert outcome == ConditionOutcome(True, ("chain 'Approve each tool call' is removed",), ())
