"""Evidence bounds: answers held against configuration facts, an explicit input of both engines.

A contradicted answer counts at its bound everywhere (pillar scores, critical caps, unlock
conditions and paths) and earns no confidence; an answer the facts support counts as
evidenced. The bounds come from outside (the evidence rules); scoring only applies them, with
the same two rules (`rules.contradicted`, `rules.counted_value`) on one team's answers and on
the org's answer matrices.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from scoring import rules
from scoring.frames import VALUE, AnswerMatrix, evidence_matrices
from scoring.model import Answer, AnswerKind


@dataclass(frozen=True)
class EvidenceBounds:
    """What the facts say about one team's answers.

    Attributes:
        bounds: question id → the highest value its answer may count at.
        supported: ids of the answers the facts support.
    """

    bounds: Mapping[str, int] = field(default_factory=dict)
    supported: frozenset[str] = frozenset()


NO_EVIDENCE = EvidenceBounds()


def counted_answer(question: str, answer: Answer, evidence: EvidenceBounds) -> Answer:
    """The answer as scoring counts it: at most its bound, evidenced when supported."""
    if answer.kind is not AnswerKind.VALUE or answer.value is None:
        return answer
    bound = evidence.bounds.get(question, rules.NO_BOUND)
    if rules.contradicted(True, answer.value, bound):
        value = int(rules.counted_value(answer.value, bound))
        return Answer(AnswerKind.VALUE, value, has_evidence=False, contradicted=True)
    if question in evidence.supported:
        return replace(answer, has_evidence=True)
    return answer


def counted_answers(answers: Mapping[str, Answer], evidence: EvidenceBounds) -> dict[str, Answer]:
    """Every answer as `counted_answer` says."""
    if evidence == NO_EVIDENCE:
        return dict(answers)
    return {qid: counted_answer(qid, answer, evidence) for qid, answer in answers.items()}


def counted_matrix(
    matrix: AnswerMatrix, evidence: pd.DataFrame, ids: pd.Index, question_ids: list[str]
) -> AnswerMatrix:
    """The org's answers as scoring counts them, by the evidence frame (EVIDENCE_COLUMNS)."""
    bound, supported = evidence_matrices(evidence, ids, question_ids)
    is_value = matrix.kind == VALUE
    refuted = rules.contradicted(is_value, matrix.value, bound)
    return AnswerMatrix(
        kind=matrix.kind,
        value=rules.counted_value(matrix.value, bound),
        evidence=(matrix.evidence | (supported & is_value)) & ~refuted,
        contradicted=np.asarray(refuted, dtype=bool),
    )
