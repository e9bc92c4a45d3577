"""Evidence bounds in scoring: a contradicted answer counts at its bound, a supported one as
evidenced; without evidence nothing changes."""

from __future__ import annotations

from scoring import Answer, AssessmentInput
from scoring.evidence import NO_EVIDENCE, EvidenceBounds, bounded_answer, bounded_input


def test_a_value_above_its_bound_counts_at_the_bound_without_evidence() -> None:
    evidence = EvidenceBounds(bounds={"BR-03": 1})
    assert bounded_answer("BR-03", Answer.of(3, evidence=True), evidence) == Answer.of(1)


def test_a_value_within_its_bound_is_kept() -> None:
    evidence = EvidenceBounds(bounds={"BR-03": 2})
    assert bounded_answer("BR-03", Answer.of(2), evidence) == Answer.of(2)


def test_a_supported_value_counts_as_evidenced() -> None:
    evidence = EvidenceBounds(supported=frozenset({"PA-05"}))
    assert bounded_answer("PA-05", Answer.of(2), evidence) == Answer.of(2, evidence=True)


def test_non_values_are_never_bounded() -> None:
    evidence = EvidenceBounds(bounds={"BR-03": 0}, supported=frozenset({"BR-03"}))
    for answer in (Answer.dont_know(), Answer.not_applicable(), Answer.unanswered()):
        assert bounded_answer("BR-03", answer, evidence) == answer


def test_no_evidence_leaves_the_input_as_it_is() -> None:
    assessment = AssessmentInput({"BR-01": Answer.of(4)}, frozenset({"tool-call-approval"}))
    assert bounded_input(assessment, NO_EVIDENCE) is assessment
    bounded = bounded_input(assessment, EvidenceBounds(bounds={"BR-01": 1}))
    assert bounded == AssessmentInput({"BR-01": Answer.of(1)}, frozenset({"tool-call-approval"}))
