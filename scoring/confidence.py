"""How far a team's answers can be trusted: unanswered, don't know and missing evidence."""

from __future__ import annotations

from collections.abc import Mapping

from scoring.model import Answer, AnswerKind, Rubric
from scoring.pillars import answer_to, is_applicable
from scoring.results import Confidence, ConfidenceBand

HIGH_CONFIDENCE = 0.8
MEDIUM_CONFIDENCE = 0.5
UNEVIDENCED_CREDIT = 0.5
"""Confidence in a value above 0 that no evidence link backs."""


def answer_confidence(answer: Answer) -> float:
    """1 for a value with evidence or a value of 0, 0.5 for other values, 0 otherwise."""
    if answer.kind is not AnswerKind.VALUE:
        return 0.0
    # Claiming "absent" needs no proof; any higher claim does.
    if answer.has_evidence or not answer.value:
        return 1.0
    return UNEVIDENCED_CREDIT


def confidence_band(value: float) -> ConfidenceBand:
    """High at 0.8 and above, medium at 0.5 and above, low below."""
    if value >= HIGH_CONFIDENCE:
        return ConfidenceBand.HIGH
    if value >= MEDIUM_CONFIDENCE:
        return ConfidenceBand.MEDIUM
    return ConfidenceBand.LOW


def score_confidence(rubric: Rubric, answers: Mapping[str, Answer]) -> Confidence:
    """Weighted confidence over all applicable questions of all pillars."""
    trusted = 0.0
    total_weight = 0.0
    unanswered: list[str] = []
    dont_know: list[str] = []
    without_evidence: list[str] = []
    for question in rubric.questions:
        answer = answer_to(question.id, answers)
        if not is_applicable(answer):
            continue
        trusted += question.weight * answer_confidence(answer)
        total_weight += question.weight
        if answer.kind is AnswerKind.UNANSWERED:
            unanswered.append(question.id)
        elif answer.kind is AnswerKind.DONT_KNOW:
            dont_know.append(question.id)
        elif answer_confidence(answer) < 1.0:
            without_evidence.append(question.id)
    value = trusted / total_weight if total_weight > 0 else 0.0
    return Confidence(
        value=value,
        band=confidence_band(value),
        unanswered=tuple(unanswered),
        dont_know=tuple(dont_know),
        without_evidence=tuple(without_evidence),
    )
