"""Chain status: each of the six statuses, with its gaps, satisfied conditions and reason."""

from __future__ import annotations

import pytest

from scoring import (
    AllOf,
    Answer,
    AssessmentInput,
    Catalogue,
    ChainRemoved,
    ChainSpec,
    ChainStatus,
    Gap,
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
CATALOGUE = Catalogue(
    "test",
    "1",
    (
        ChainSpec(
            "tool-calls", "Approve each tool call", 1, MinAnswer("BR-01", 3), Risk.LOW, Toil.HIGH
        ),
        ChainSpec(
            "merge-review",
            "Human review before merge",
            2,
            AllOf((ChainRemoved("tool-calls"), MinPillarLevel("br", 2))),
            Risk.MEDIUM,
            Toil.HIGH,
        ),
        ChainSpec("prod-write", "Prod write", 3, None, Risk.HIGH, Toil.LOW, permanent=True),
    ),
)


def chain_result(br01: int, br02: int, removed: set[str], chain: str):
    answers = {"BR-01": Answer.of(br01, evidence=True), "BR-02": Answer.of(br02, evidence=True)}
    result = score_assessment(RUBRIC, CATALOGUE, AssessmentInput(answers, frozenset(removed)))
    return result.chain(chain)


@pytest.mark.parametrize(
    ("br01", "br02", "removed", "chain", "status", "satisfied", "gaps", "reason"),
    [
        (
            3,
            0,
            set(),
            "tool-calls",
            ChainStatus.NEXT,
            ("BR-01 is 3 ≥ 3",),
            (),
            "The only eligible chain (risk low); saves high toil. Conditions met: BR-01 is 3 ≥ 3.",
        ),
        (
            2,
            0,
            set(),
            "tool-calls",
            ChainStatus.BLOCKED,
            (),
            ("BR-01 is 2, needs 3",),
            "Blocked by 1 unmet condition: BR-01 is 2, needs 3.",
        ),
        (
            3,
            0,
            {"tool-calls"},
            "tool-calls",
            ChainStatus.REMOVED,
            ("BR-01 is 3 ≥ 3",),
            (),
            "Removed; its unlock conditions still hold. Conditions met: BR-01 is 3 ≥ 3.",
        ),
        (
            2,
            0,
            {"tool-calls"},
            "tool-calls",
            ChainStatus.REMOVED_TOO_EARLY,
            (),
            ("BR-01 is 2, needs 3",),
            "Removed too early: BR-01 is 2, needs 3. Reinstate it, or close these gaps.",
        ),
        (
            4,
            4,
            {"prod-write"},
            "prod-write",
            ChainStatus.REMOVED_TOO_EARLY,
            (),
            ("'Prod write' is permanent and must stay",),
            "Removed too early: it is permanent. Reinstate it.",
        ),
        (
            4,
            4,
            set(),
            "prod-write",
            ChainStatus.PERMANENT,
            (),
            (),
            "Permanent: never recommended for removal.",
        ),
        (
            0,
            0,
            set(),
            "merge-review",
            ChainStatus.BLOCKED,
            (),
            ("chain 'Approve each tool call' is still in place", "Blast radius level 0, needs 2"),
            "Blocked by 2 unmet conditions: chain 'Approve each tool call' is still in place;"
            " Blast radius level 0, needs 2.",
        ),
        (
            2,
            0,
            {"tool-calls"},
            "merge-review",
            ChainStatus.BLOCKED,
            ("chain 'Approve each tool call' is removed",),
            ("Blast radius level 1, needs 2",),
            "Blocked by 1 unmet condition: Blast radius level 1, needs 2.",
        ),
        (
            2,
            2,
            {"tool-calls", "merge-review"},
            "merge-review",
            ChainStatus.REMOVED,
            ("chain 'Approve each tool call' is removed", "Blast radius level 2 ≥ 2"),
            (),
            "Removed; its unlock conditions still hold. Conditions met:"
            " chain 'Approve each tool call' is removed; Blast radius level 2 ≥ 2.",
        ),
    ],
    ids=[
        "in-place-holds-next",
        "in-place-fails-blocked",
        "removed-holds-removed",
        "removed-fails-too-early",
        "removed-permanent-too-early",
        "in-place-permanent",
        "blocked-on-chain-and-level",
        "blocked-keeps-satisfied-part",
        "removed-on-a-chain-removed-too-early",
    ],
)
def test_chain_status_table(br01, br02, removed, chain, status, satisfied, gaps, reason):
    result = chain_result(br01, br02, removed, chain)
    assert (result.status, result.satisfied, tuple(g.text for g in result.gaps), result.reason) == (
        status,
        satisfied,
        gaps,
        reason,
    )


def test_permanent_chain_removed_gives_a_gap_of_kind_permanent():
    result = chain_result(4, 4, {"prod-write"}, "prod-write")
    assert result.gaps == (
        Gap("permanent", "", None, None, "'Prod write' is permanent and must stay"),
    )


def test_second_eligible_chain_is_eligible_with_its_rank():
    answers = {"BR-01": Answer.of(3, evidence=True), "BR-02": Answer.of(4, evidence=True)}
    catalogue = Catalogue(
        "test",
        "1",
        (
            *CATALOGUE.chains,
            ChainSpec(
                "cab", "Change advisory board", 4, MinPillarLevel("br", 1), Risk.MEDIUM, Toil.LOW
            ),
        ),
    )
    result = score_assessment(RUBRIC, catalogue, AssessmentInput(answers)).chain("cab")
    assert (result.status, result.reason) == (
        ChainStatus.ELIGIBLE,
        "Eligible; ranked 2 of 2 (risk medium, saves low toil)."
        " Conditions met: Blast radius level 4 ≥ 1.",
    )


def test_chains_are_listed_in_catalogue_order():
    result = score_assessment(RUBRIC, CATALOGUE, AssessmentInput())
    assert [c.chain for c in result.chains] == ["tool-calls", "merge-review", "prod-write"]


def test_chain_with_empty_conditions_is_eligible_and_says_so():
    catalogue = Catalogue(
        "test", "1", (ChainSpec("free", "Free", 1, AllOf(()), Risk.LOW, Toil.LOW),)
    )
    result = score_assessment(RUBRIC, catalogue, AssessmentInput()).chain("free")
    assert (result.status, result.reason) == (
        ChainStatus.NEXT,
        "The only eligible chain (risk low); saves low toil. No unlock conditions.",
    )
