"""Evidence bounds: answers held against configuration facts, as an explicit scoring input.

A contradicted answer counts at its bound everywhere (levels, conditions, unlock paths); an
answer the facts support counts as evidenced in confidence. The bounds come from outside
(the evidence rules); scoring only applies them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from scoring.model import Answer, AnswerKind, AssessmentInput


@dataclass(frozen=True)
class EvidenceBounds:
    """What the facts say about a team's answers.

    Attributes:
        bounds: question id → the highest value its answer may count at.
        supported: ids of the answers the facts support.
    """

    bounds: Mapping[str, int] = field(default_factory=dict)
    supported: frozenset[str] = frozenset()


NO_EVIDENCE = EvidenceBounds()


def bounded_answer(question: str, answer: Answer, evidence: EvidenceBounds) -> Answer:
    """The answer as scoring counts it: at most its bound, evidenced when supported."""
    if answer.kind is not AnswerKind.VALUE or answer.value is None:
        return answer
    bound = evidence.bounds.get(question)
    if bound is not None and answer.value > bound:
        return Answer(AnswerKind.VALUE, bound, has_evidence=False)
    if question in evidence.supported:
        return replace(answer, has_evidence=True)
    return answer


def bounded_input(assessment: AssessmentInput, evidence: EvidenceBounds) -> AssessmentInput:
    """`assessment` with every answer counted as `bounded_answer` says."""
    if evidence == NO_EVIDENCE:
        return assessment
    return AssessmentInput(
        answers={
            qid: bounded_answer(qid, answer, evidence) for qid, answer in assessment.answers.items()
        },
        removed_chains=assessment.removed_chains,
    )
