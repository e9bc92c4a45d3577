"""Confidence: evidence, don't know, unanswered and not applicable, and its bands."""

from __future__ import annotations

import pytest

from scoring import (
    Answer,
    AssessmentInput,
    Catalogue,
    ConfidenceBand,
    PillarSpec,
    QuestionSpec,
    Rubric,
    score_assessment,
)
from scoring.confidence import confidence_band

EMPTY_CATALOGUE = Catalogue("none", "1", ())
PILLARS = (PillarSpec("br", "Blast radius"), PillarSpec("pa", "Production access"))


def rubric(weights: tuple[float, ...]) -> Rubric:
    questions = tuple(
        QuestionSpec(f"{'BR' if i % 2 else 'PA'}-{i:02d}", "br" if i % 2 else "pa", w, False, 4)
        for i, w in enumerate(weights, start=1)
    )
    return Rubric("test", "1", PILLARS, questions)


def answer(spec) -> Answer | None:
    """ "4e" is 4 with evidence, 4 is 4 without; "na", "dk", "un"; None leaves it out."""
    table = {"na": Answer.not_applicable(), "dk": Answer.dont_know(), "un": Answer.unanswered()}
    if spec is None:
        return None
    if isinstance(spec, str) and spec.endswith("e"):
        return Answer.of(int(spec[:-1]), evidence=True)
    return table[spec] if isinstance(spec, str) else Answer.of(spec)


def confidence(weights, specs):
    r = rubric(weights)
    answers = {
        q.id: a for q, s in zip(r.questions, specs, strict=True) if (a := answer(s)) is not None
    }
    return score_assessment(r, EMPTY_CATALOGUE, AssessmentInput(answers)).confidence


@pytest.mark.parametrize(
    ("weights", "specs", "value", "band"),
    [
        ((1, 1), ("4e", "2e"), 1.0, ConfidenceBand.HIGH),
        ((1, 1), (0, 0), 1.0, ConfidenceBand.HIGH),
        ((1, 1), (0, "0e"), 1.0, ConfidenceBand.HIGH),
        ((1, 1), (3, 1), 0.5, ConfidenceBand.MEDIUM),
        ((1, 1), ("4e", 3), 0.75, ConfidenceBand.MEDIUM),
        ((1, 1), ("4e", "dk"), 0.5, ConfidenceBand.MEDIUM),
        ((1, 1), ("4e", "un"), 0.5, ConfidenceBand.MEDIUM),
        ((1, 1), ("4e", None), 0.5, ConfidenceBand.MEDIUM),
        ((1, 1), ("dk", None), 0.0, ConfidenceBand.LOW),
        ((1, 1), ("4e", "na"), 1.0, ConfidenceBand.HIGH),
        ((1, 1), (2, "na"), 0.5, ConfidenceBand.MEDIUM),
        ((1, 1), ("na", "na"), 0.0, ConfidenceBand.LOW),
        ((3, 1), ("4e", "dk"), 0.75, ConfidenceBand.MEDIUM),
        ((1, 3), ("4e", "dk"), 0.25, ConfidenceBand.LOW),
        ((1, 3), (2, "dk"), 0.125, ConfidenceBand.LOW),
        ((1, 1, 1, 1, 1), ("1e", "2e", "3e", "4e", "dk"), 0.8, ConfidenceBand.HIGH),
        ((1, 1, 1, 1), ("1e", "2e", 3, "dk"), 0.625, ConfidenceBand.MEDIUM),
        ((1, 1, 1, 1), ("1e", "dk", 3, "dk"), 0.375, ConfidenceBand.LOW),
        ((), (), 0.0, ConfidenceBand.LOW),
    ],
)
def test_confidence_is_weighted_over_applicable_questions(weights, specs, value, band):
    result = confidence(weights, specs)
    assert (result.value, result.band) == (value, band)


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (1.0, ConfidenceBand.HIGH),
        (0.8, ConfidenceBand.HIGH),
        (0.7999, ConfidenceBand.MEDIUM),
        (0.5, ConfidenceBand.MEDIUM),
        (0.4999, ConfidenceBand.LOW),
        (0.0, ConfidenceBand.LOW),
    ],
)
def test_confidence_band_boundaries(value, band):
    assert confidence_band(value) is band


def test_confidence_lists_what_lowers_it_in_questionnaire_order():
    result = confidence(
        (1, 1, 1, 1, 1, 1, 1, 1),
        (3, "dk", None, 0, "un", "2e", 1, "dk"),
    )
    assert (result.unanswered, result.dont_know, result.without_evidence) == (
        ("BR-03", "BR-05"),
        ("PA-02", "PA-08"),
        ("BR-01", "BR-07"),
    )


def test_not_applicable_questions_are_not_listed_as_lowering_confidence():
    result = confidence((1, 1), ("na", "na"))
    assert (result.unanswered, result.dont_know, result.without_evidence) == ((), (), ())
