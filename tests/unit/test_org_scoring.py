"""Vectorised org scoring on a tiny hand-made organisation, with exact expected rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scoring.model import (
    AllOf,
    Answer,
    AnyOf,
    AssessmentInput,
    Catalogue,
    ChainRemoved,
    ChainSpec,
    MinAnswer,
    MinPillarLevel,
    PillarSpec,
    QuestionSpec,
    Risk,
    Rubric,
    Toil,
)
from scoring.vectorised import inputs_to_frames, score_org

RUBRIC = Rubric(
    id="tiny",
    version="1",
    pillars=(PillarSpec("br", "Blast radius"), PillarSpec("pa", "Production access")),
    questions=(
        QuestionSpec("BR-01", "br", weight=2.0, critical=True, max_value=4),
        QuestionSpec("BR-02", "br", weight=1.0, critical=False, max_value=4),
        QuestionSpec("PA-01", "pa", weight=1.0, critical=False, max_value=4),
        QuestionSpec("PA-02", "pa", weight=3.0, critical=True, max_value=3),
    ),
)

CATALOGUE = Catalogue(
    id="tiny",
    version="1",
    chains=(
        ChainSpec(
            "sandbox", "Approve each tool call", 1, MinPillarLevel("br", 2), Risk.LOW, Toil.HIGH
        ),
        ChainSpec(
            "ci",
            "Approve CI runs",
            2,
            AllOf((ChainRemoved("sandbox"), MinAnswer("PA-01", 3))),
            Risk.LOW,
            Toil.MEDIUM,
        ),
        ChainSpec(
            "deploy",
            "Approve prod deploys",
            3,
            AnyOf((MinPillarLevel("pa", 3), MinAnswer("BR-02", 4))),
            Risk.MEDIUM,
            Toil.HIGH,
        ),
        ChainSpec("break-glass", "Break-glass", 4, None, Risk.HIGH, Toil.LOW, permanent=True),
    ),
)

INPUTS = {
    "mature": AssessmentInput(
        answers={
            "BR-01": Answer.of(4, evidence=True),
            "BR-02": Answer.of(4, evidence=True),
            "PA-01": Answer.of(3, evidence=True),
            "PA-02": Answer.of(3, evidence=True),
        },
        removed_chains=frozenset({"sandbox"}),
    ),
    "capped": AssessmentInput(
        answers={
            "BR-01": Answer.of(1),
            "BR-02": Answer.of(4, evidence=True),
            "PA-01": Answer.not_applicable(),
            "PA-02": Answer.dont_know(),
        }
    ),
    "too-early": AssessmentInput(removed_chains=frozenset({"ci", "break-glass"})),
}

EXPECTED = {
    "mature": {
        # br: (2*4/4 + 1*4/4) / 3; pa: (1*3/4 + 3*3/3) / 4.
        "score:br": 100.0,
        "score:pa": 93.75,
        "level:br": 4,
        "level:pa": 4,
        "overall_level": 4,
        "weakest_pillar": "pa",
        "confidence": 1.0,
        "confidence_band": "high",
        "autonomy": "L5 Observer",
        "status:sandbox": "removed",
        "status:ci": "next",
        "status:deploy": "eligible",
        "status:break-glass": "permanent",
        "next_chain": "ci",
        "alerts": 0,
    },
    "capped": {
        # br scores 50 (level 2) but BR-01 at 1 caps it at 1; PA-02 "don't know" caps pa at 0.
        "score:br": 50.0,
        "score:pa": 0.0,
        "level:br": 1,
        "level:pa": 0,
        "overall_level": 0,
        "weakest_pillar": "pa",
        "confidence": 2 / 6,
        "confidence_band": "low",
        "autonomy": "L1 Operator",
        "status:sandbox": "blocked",
        "status:ci": "blocked",
        "status:deploy": "next",
        "status:break-glass": "permanent",
        "next_chain": "deploy",
        "alerts": 0,
    },
    "too-early": {
        "score:br": 0.0,
        "score:pa": 0.0,
        "level:br": 0,
        "level:pa": 0,
        "overall_level": 0,
        "weakest_pillar": "br",
        "confidence": 0.0,
        "confidence_band": "low",
        "autonomy": "L1 Operator",
        "status:sandbox": "blocked",
        "status:ci": "removed_too_early",
        "status:deploy": "blocked",
        "status:break-glass": "removed_too_early",
        "next_chain": None,
        "alerts": 2,
    },
    "not-started": {
        "score:br": 0.0,
        "score:pa": 0.0,
        "level:br": 0,
        "level:pa": 0,
        "overall_level": 0,
        "weakest_pillar": "br",
        "confidence": 0.0,
        "confidence_band": "low",
        "autonomy": "L1 Operator",
        "status:sandbox": "blocked",
        "status:ci": "blocked",
        "status:deploy": "blocked",
        "status:break-glass": "permanent",
        "next_chain": None,
        "alerts": 0,
    },
}


@pytest.fixture(scope="module")
def scored() -> pd.DataFrame:
    answers, removed = inputs_to_frames(INPUTS)
    return score_org(RUBRIC, CATALOGUE, answers, removed, assessment_ids=list(EXPECTED))


@pytest.mark.parametrize("assessment_id", list(EXPECTED))
def test_each_assessment_gets_exactly_its_scores_levels_statuses_and_next_chain(
    scored, assessment_id
):
    assert scored.loc[assessment_id].to_dict() == EXPECTED[assessment_id]


def test_result_has_one_row_per_requested_assessment_in_order_and_fixed_columns(scored):
    assert list(scored.index) == ["mature", "capped", "too-early", "not-started"]
    assert scored.index.name == "assessment_id"
    assert list(scored.columns) == list(EXPECTED["mature"])


def test_default_assessments_are_every_id_in_either_frame_in_order_of_appearance():
    answers, removed = inputs_to_frames(INPUTS)

    scored = score_org(RUBRIC, CATALOGUE, answers, removed)

    # "too-early" has no answer rows, so it first appears in the removed frame.
    assert list(scored.index) == ["mature", "capped", "too-early"]


def test_team_and_period_tuples_work_as_assessment_ids():
    ids = [("checkout-web", "2026-Q3"), ("checkout-web", "2026-Q4")]
    answers, removed = inputs_to_frames({ids[0]: INPUTS["capped"], ids[1]: INPUTS["mature"]})

    scored = score_org(RUBRIC, CATALOGUE, answers, removed, assessment_ids=ids)

    assert list(scored.index) == ids
    assert list(scored["next_chain"]) == ["deploy", "ci"]


def test_rows_for_unknown_questions_and_chains_count_for_nothing():
    answers, removed = inputs_to_frames(
        {
            "capped": AssessmentInput(
                answers={**INPUTS["capped"].answers, "XX-99": Answer.of(4, evidence=True)},
                removed_chains=frozenset({"retired-chain"}),
            )
        }
    )

    scored = score_org(RUBRIC, CATALOGUE, answers, removed)

    assert scored.loc["capped"].to_dict() == EXPECTED["capped"]


def test_a_score_a_rounding_error_below_a_threshold_still_reaches_the_level():
    rubric = Rubric(
        id="rounding",
        version="1",
        pillars=(PillarSpec("br", "Blast radius"),),
        questions=(
            QuestionSpec("BR-01", "br", weight=0.1, critical=False, max_value=4),
            QuestionSpec("BR-02", "br", weight=0.2, critical=False, max_value=4),
            QuestionSpec("BR-03", "br", weight=0.7, critical=False, max_value=4),
        ),
    )
    values = {"BR-01": 1, "BR-02": 1, "BR-03": 3}
    answers, removed = inputs_to_frames(
        {"team": AssessmentInput({q: Answer.of(v) for q, v in values.items()})}
    )

    row = score_org(rubric, Catalogue("none", "1", ()), answers, removed).loc["team"]

    assert row["score:br"] == 59.999999999999986  # 60 in exact arithmetic
    assert row["level:br"] == 3


def test_inputs_become_long_form_answer_rows_and_removed_chain_rows():
    answers, removed = inputs_to_frames(
        {"capped": INPUTS["capped"], "too-early": INPUTS["too-early"]}
    )

    assert answers.to_dict("records") == [
        {"assessment_id": "capped", "question_id": "BR-01", "kind": "value", "value": 1.0,
         "has_evidence": False},
        {"assessment_id": "capped", "question_id": "BR-02", "kind": "value", "value": 4.0,
         "has_evidence": True},
        {"assessment_id": "capped", "question_id": "PA-01", "kind": "not_applicable",
         "value": pytest.approx(np.nan, nan_ok=True), "has_evidence": False},
        {"assessment_id": "capped", "question_id": "PA-02", "kind": "dont_know",
         "value": pytest.approx(np.nan, nan_ok=True), "has_evidence": False},
    ]  # fmt: skip
    assert removed.to_dict("records") == [
        {"assessment_id": "too-early", "chain_id": "break-glass"},
        {"assessment_id": "too-early", "chain_id": "ci"},
    ]


def _frame(rows: list[tuple[object, ...]]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["assessment_id", "question_id", "kind", "value", "has_evidence"]
    )


NO_REMOVALS = pd.DataFrame({"assessment_id": [], "chain_id": []})


@pytest.mark.parametrize(
    ("answers", "removed", "message"),
    [
        (
            _frame([("a", "BR-01", "maybe", np.nan, False)]),
            NO_REMOVALS,
            "an unknown answer kind ['maybe']; use one of"
            " ['value', 'not_applicable', 'dont_know', 'unanswered']",
        ),
        (
            _frame([("a", "BR-01", "maybe", np.nan, False), ("a", "BR-02", "perhaps", 1.0, False)]),
            NO_REMOVALS,
            "unknown answer kinds ['maybe', 'perhaps']; use one of"
            " ['value', 'not_applicable', 'dont_know', 'unanswered']",
        ),
        (
            _frame([("a", "BR-01", "value", np.nan, False)]),
            NO_REMOVALS,
            "an answer of kind 'value' has no value",
        ),
        (
            _frame(
                [("a", "BR-01", "value", 2.0, False), ("a", "BR-01", "dont_know", np.nan, False)]
            ),
            NO_REMOVALS,
            "an assessment answers the same question twice",
        ),
        (
            _frame([]).drop(columns=["has_evidence"]),
            NO_REMOVALS,
            "answers frame lacks a column ['has_evidence']; expected"
            " ['assessment_id', 'question_id', 'kind', 'value', 'has_evidence']",
        ),
        (
            _frame([]),
            pd.DataFrame({"assessment_id": []}),
            "removed frame lacks a column ['chain_id']; expected ['assessment_id', 'chain_id']",
        ),
    ],
)
def test_malformed_frames_are_rejected_with_a_message_that_says_what_is_wrong(
    answers, removed, message
):
    with pytest.raises(ValueError) as error:
        score_org(RUBRIC, CATALOGUE, answers, removed)

    assert str(error.value) == message


def test_repeated_assessment_ids_are_rejected():
    with pytest.raises(ValueError) as error:
        score_org(RUBRIC, CATALOGUE, _frame([]), NO_REMOVALS, assessment_ids=["a", "b", "a"])

    assert str(error.value) == "assessment ids must be unique; repeated: ['a']"
