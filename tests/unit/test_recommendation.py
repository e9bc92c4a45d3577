"""The recommendation: one next chain by risk, toil and order, or exactly why none."""

from __future__ import annotations

import pytest

from scoring import (
    AllOf,
    Answer,
    AssessmentInput,
    Catalogue,
    ChainSpec,
    ChainStatus,
    MinAnswer,
    MinPillarLevel,
    PillarSpec,
    QuestionSpec,
    Risk,
    Rubric,
    Toil,
    score_assessment,
)

RUBRIC = Rubric(
    "test",
    "1",
    (PillarSpec("br", "Blast radius"),),
    (QuestionSpec("BR-01", "br", 1.0, False, 4), QuestionSpec("BR-02", "br", 1.0, False, 4)),
)
CONFIDENT = {"BR-01": Answer.of(1, evidence=True), "BR-02": Answer.of(1, evidence=True)}
FREE = AllOf(())


def chain(chain_id: str, risk: str, toil: str, order: int, unlock=FREE, permanent=False):
    name = chain_id.replace("-", " ").capitalize()
    return ChainSpec(chain_id, name, order, unlock, Risk(risk), Toil(toil), permanent)


def recommend(chains, answers=None, removed=()):
    catalogue = Catalogue("test", "1", tuple(chains))
    assessment = AssessmentInput(CONFIDENT if answers is None else answers, frozenset(removed))
    return score_assessment(RUBRIC, catalogue, assessment)


@pytest.mark.parametrize(
    ("chains", "ranked"),
    [
        (
            [("a", "high", "high"), ("b", "low", "low"), ("c", "medium", "high")],
            ["b", "c", "a"],
        ),
        (
            [("a", "low", "low"), ("b", "low", "high"), ("c", "low", "medium")],
            ["b", "c", "a"],
        ),
        ([("a", "low", "low"), ("b", "medium", "high")], ["a", "b"]),
        (
            [("a", "medium", "medium"), ("b", "medium", "medium"), ("c", "medium", "medium")],
            ["a", "b", "c"],
        ),
        (
            [("a", "high", "low"), ("b", "low", "medium"), ("c", "low", "medium")],
            ["b", "c", "a"],
        ),
    ],
    ids=["risk-first", "toil-second", "risk-beats-toil", "order-last", "mixed"],
)
def test_eligible_chains_rank_by_risk_then_toil_then_catalogue_order(chains, ranked):
    specs = [chain(cid, risk, toil, order) for order, (cid, risk, toil) in enumerate(chains, 1)]
    rec = recommend(specs).recommendation
    assert (rec.next_chain, list(rec.alternatives)) == (ranked[0], ranked[1:])


def test_next_chain_is_marked_next_and_the_others_eligible():
    result = recommend([chain("a", "high", "high", 1), chain("b", "low", "low", 2)])
    assert [(c.chain, c.status) for c in result.chains] == [
        ("a", ChainStatus.ELIGIBLE),
        ("b", ChainStatus.NEXT),
    ]


def test_next_reason_names_risk_toil_competition_and_satisfied_conditions():
    unlock = AllOf((MinPillarLevel("br", 1), MinAnswer("BR-01", 1)))
    rec = recommend(
        [
            chain("a", "low", "high", 1, unlock),
            chain("b", "medium", "high", 2),
            chain("c", "high", "low", 3),
        ]
    ).recommendation
    assert rec.reason == (
        "Lowest risk (low) among 3 eligible chains; saves high toil."
        " Conditions met: Blast radius level 1 ≥ 1; BR-01 is 1 ≥ 1."
    )


def test_permanent_chain_is_never_recommended_even_when_lowest_risk():
    rec = recommend(
        [chain("keep", "low", "high", 1, None, permanent=True), chain("b", "high", "low", 2)]
    ).recommendation
    assert (rec.next_chain, rec.alternatives) == ("b", ())


def test_removed_too_early_blocks_the_recommendation_and_keeps_eligible_as_alternatives():
    chains = [
        chain("early", "low", "high", 1, MinAnswer("BR-01", 4)),
        chain("b", "high", "low", 2),
        chain("c", "low", "low", 3),
        chain("keep", "low", "high", 4, None, permanent=True),
    ]
    result = recommend(chains, removed={"early", "keep"})
    rec = result.recommendation
    assert (rec.next_chain, rec.reason, rec.alternatives, rec.alerts) == (
        None,
        "Resolve 2 removed-too-early alerts first: reinstate each chain or close its gaps.",
        ("c", "b"),
        ("early", "keep"),
    )
    assert [c.status for c in result.chains] == [
        ChainStatus.REMOVED_TOO_EARLY,
        ChainStatus.ELIGIBLE,
        ChainStatus.ELIGIBLE,
        ChainStatus.REMOVED_TOO_EARLY,
    ]
    assert result.chain("c").reason == (
        "Eligible, but resolve the removed-too-early alerts first. No unlock conditions."
    )


def test_one_removed_too_early_alert_uses_the_count_one():
    rec = recommend(
        [chain("early", "low", "high", 1, MinAnswer("BR-01", 4))], removed={"early"}
    ).recommendation
    assert rec.reason == (
        "Resolve 1 removed-too-early alert first: reinstate the chain or close its gaps."
    )


@pytest.mark.parametrize(
    ("chains", "removed", "reason"),
    [
        (
            [chain("a", "low", "low", 1), chain("keep", "low", "low", 2, None, permanent=True)],
            {"a"},
            "Every removable chain is already removed.",
        ),
        (
            [chain("keep", "low", "low", 1, None, permanent=True)],
            set(),
            "Every removable chain is already removed.",
        ),
        (
            [
                chain("far", "low", "low", 1, MinAnswer("BR-01", 4)),
                chain("near", "low", "low", 2, MinAnswer("BR-02", 2)),
            ],
            set(),
            "No chain can be removed yet; the nearest is Near: BR-02 is 1, needs 2.",
        ),
        (
            [
                chain("first", "low", "low", 1, MinAnswer("BR-01", 3)),
                chain("second", "low", "low", 2, MinAnswer("BR-02", 3)),
            ],
            set(),
            "No chain can be removed yet; the nearest is First: BR-01 is 1, needs 3.",
        ),
    ],
    ids=["all-removed", "only-permanent", "nearest-by-steps", "nearest-tie-by-order"],
)
def test_no_eligible_chain_says_why(chains, removed, reason):
    rec = recommend(chains, removed=removed).recommendation
    assert (rec.next_chain, rec.reason) == (None, reason)


def test_nearest_falls_back_to_catalogue_order_when_no_answers_can_unlock():
    rubric_na = {"BR-01": Answer.not_applicable(), "BR-02": Answer.not_applicable()}
    rec = recommend(
        [
            chain("a", "low", "low", 1, MinPillarLevel("br", 1)),
            chain("b", "low", "low", 2, MinPillarLevel("br", 2)),
        ],
        answers=rubric_na,
    ).recommendation
    assert (rec.unlock_paths, rec.reason) == (
        (),
        "No chain can be removed yet; the nearest is A: Blast radius level 0, needs 1.",
    )


@pytest.mark.parametrize(
    ("answers", "provisional"),
    [
        ({"BR-01": Answer.of(4, evidence=True), "BR-02": Answer.of(0)}, False),
        ({"BR-01": Answer.of(4), "BR-02": Answer.of(3)}, False),
        ({"BR-01": Answer.of(4), "BR-02": Answer.dont_know()}, True),
        ({}, True),
    ],
    ids=["high", "medium", "low", "nothing-answered"],
)
def test_recommendation_on_low_confidence_is_provisional(answers, provisional):
    rec = recommend([chain("a", "low", "low", 1)], answers=answers).recommendation
    assert (rec.next_chain, rec.provisional) == ("a", provisional)
