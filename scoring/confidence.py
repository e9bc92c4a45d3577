"""How far a team's answers can be trusted: unanswered, don't know and missing evidence."""

from __future__ import annotations

from collections.abc import Mapping

from scoring import rules
from scoring.model import Answer, AnswerKind, Rubric
from scoring.pillars import answer_to, is_applicable
from scoring.results import Confidence, ConfidenceBand
from scoring.rules import CONFIDENCE_BANDS


def answer_confidence(answer: Answer) -> float:
    """How far one answer can be trusted (`rules.answer_confidence`)."""
    is_value = answer.kind is AnswerKind.VALUE
    return float(
        rules.answer_confidence(
            is_value, answer.value or 0, answer.has_evidence, answer.contradicted
        )
    )


def confidence_band(value: float) -> ConfidenceBand:
    """High at 0.8 and above, medium at 0.5 and above, low below (`rules`)."""
    return CONFIDENCE_BANDS[rules.confidence_band_index(value)]


def score_confidence(rubric: Rubric, answers: Mapping[str, Answer]) -> Confidence:
    """Weighted confidence over all applicable questions of all pillars."""
    trusted = 0.0
    total_weight = 0.0
    unanswered: list[str] = []
    dont_know: list[str] = []
    without_evidence: list[str] = []
    contradicted: list[str] = []
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
        elif answer.contradicted:
            contradicted.append(question.id)
        elif answer_confidence(answer) < 1.0:
            without_evidence.append(question.id)
    value = float(rules.weighted_confidence(trusted, total_weight))
    return Confidence(
        value=value,
        band=confidence_band(value),
        unanswered=tuple(unanswered),
        dont_know=tuple(dont_know),
        without_evidence=tuple(without_evidence),
        contradicted=tuple(contradicted),
    )
