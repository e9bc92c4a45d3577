"""Pillar scores and levels, the overall level, the weakest pillar and the autonomy they allow."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from scoring.model import (
    MAX_LEVEL,
    SCORE_EPSILON,
    Answer,
    AnswerKind,
    PillarSpec,
    QuestionSpec,
    Rubric,
)
from scoring.results import AutonomyLevel, PillarResult

UNANSWERED = Answer.unanswered()

AUTONOMY_BY_LEVEL = (
    AutonomyLevel.L1,
    AutonomyLevel.L2,
    AutonomyLevel.L3,
    AutonomyLevel.L4,
    AutonomyLevel.L5,
)
"""Allowed autonomy for overall readiness levels 0, 1, 2, 3 and 4."""


def answer_to(question_id: str, answers: Mapping[str, Answer]) -> Answer:
    """The team's answer to a question; a missing answer is unanswered."""
    return answers.get(question_id, UNANSWERED)


def is_applicable(answer: Answer) -> bool:
    """Whether an answer counts in its pillar (everything but "not applicable")."""
    return answer.kind is not AnswerKind.NOT_APPLICABLE


def credited_value(answer: Answer) -> int:
    """The scale value an answer counts as: its value, or 0 for don't know and unanswered."""
    if answer.kind is AnswerKind.VALUE and answer.value is not None:
        return answer.value
    return 0


def pillar_score(questions: Iterable[QuestionSpec], answers: Mapping[str, Answer]) -> float:
    """Weighted partial credit, `100 * sum(w * v / max) / sum(w)` over applicable questions."""
    credit = 0.0
    total_weight = 0.0
    applicable = False
    # Accumulated left to right in questionnaire order, term by term exactly as the spec
    # writes it, so the vectorised org scoring can reproduce the same float.
    for question in questions:
        answer = answer_to(question.id, answers)
        if not is_applicable(answer):
            continue
        applicable = True
        credit += answer_credit(question, credited_value(answer))
        total_weight += question.weight
    if not applicable or total_weight == 0:
        return 0.0
    # Rounding can land a full score a hair above 100; a score never leaves 0-100.
    return min(100.0, 100 * credit / total_weight)


def score_level(score: float, thresholds: Sequence[float]) -> int:
    """The highest level whose threshold the score reaches (within SCORE_EPSILON), else 0."""
    level = 0
    for candidate, threshold in enumerate(thresholds, start=1):
        if score + SCORE_EPSILON >= threshold:
            level = candidate
    return level


def answer_credit(question: QuestionSpec, value: int) -> float:
    """One answer's term of its pillar's weighted sum: `w * v / max`, or `w * credit(v)`.

    The default is written `w * v / max`, term by term as before per-option credits existed,
    so the default content scores to the same float. A value beyond the scale counts as its top.
    """
    value = min(value, question.max_value)
    if question.credits is None:
        return question.weight * value / question.max_value
    return question.weight * question.credits[value]


def critical_cap(question: QuestionSpec, answer: Answer, top_level: int = MAX_LEVEL) -> int | None:
    """The level a critical question allows its pillar; None when it does not cap.

    The answer's own `caps` entry where the questionnaire sets them, else
    `floor(top_level * v / max)`; don't know and unanswered cap at 0.
    """
    if not question.critical or not is_applicable(answer):
        return None
    value = min(credited_value(answer), question.max_value)
    if question.caps is not None:
        return question.caps[value] if answer.kind is AnswerKind.VALUE else 0
    if answer.kind is AnswerKind.VALUE:
        return top_level * value // question.max_value
    return 0


def lowest_value_for_cap(
    question: QuestionSpec, level: int, top_level: int = MAX_LEVEL
) -> int | None:
    """The lowest answer whose critical cap reaches `level`; None when no answer does."""
    if question.caps is not None:
        return next((v for v, cap in enumerate(question.caps) if cap >= level), None)
    return -(-level * question.max_value // top_level)


def score_pillar(rubric: Rubric, pillar: PillarSpec, answers: Mapping[str, Answer]) -> PillarResult:
    """Score one pillar: weighted score, the level it reaches and any critical cap."""
    questions = rubric.questions_of(pillar.id)
    score = pillar_score(questions, answers)
    reached = score_level(score, rubric.level_thresholds)
    caps = [
        (question.id, cap)
        for question in questions
        if (cap := critical_cap(question, answer_to(question.id, answers), rubric.top_level))
        is not None
    ]
    level = min([reached, *(cap for _, cap in caps)])
    capped_by = tuple(question_id for question_id, cap in caps if cap < reached)
    applicable = sum(1 for q in questions if is_applicable(answer_to(q.id, answers)))
    return PillarResult(
        pillar=pillar.id,
        name=pillar.name,
        score=score,
        score_level=reached,
        level=level,
        capped_by=capped_by,
        applicable=applicable,
        explanation=_explain(score, reached, level, capped_by, applicable),
    )


def _explain(
    score: float, reached: int, level: int, capped_by: tuple[str, ...], applicable: int
) -> str:
    if applicable == 0:
        return "no applicable question, so level 0"
    sentence = f"score {score:.1f} reaches level {reached}"
    if capped_by:
        sentence += f"; capped at {level} by critical {', '.join(capped_by)}"
    return sentence


def score_pillars(rubric: Rubric, answers: Mapping[str, Answer]) -> tuple[PillarResult, ...]:
    """Score every pillar, in questionnaire order."""
    return tuple(score_pillar(rubric, pillar, answers) for pillar in rubric.pillars)


def overall_level(pillars: Sequence[PillarResult]) -> int:
    """The team's level: its weakest pillar's level (0 with no pillars)."""
    return min((p.level for p in pillars), default=0)


def weakest_pillar(pillars: Sequence[PillarResult]) -> str:
    """The lowest-level pillar; ties go to the lower score, then questionnaire order."""
    if not pillars:
        return ""
    # min() keeps the first of equal keys, which is questionnaire order.
    return min(pillars, key=lambda p: (p.level, p.score)).pillar


def autonomy_index(overall: int, top_level: int = MAX_LEVEL) -> int:
    """Index into AUTONOMY_BY_LEVEL: `floor(4 * overall / top)`, the identity for levels 0-4."""
    return MAX_LEVEL * max(0, min(overall, top_level)) // max(top_level, 1)


def autonomy_level(overall: int, top_level: int = MAX_LEVEL) -> AutonomyLevel:
    """The autonomy level (Feng, McDonald & Zhang, 2025) an overall readiness level allows.

    Scaled to the questionnaire's levels: its top level allows L5, level 0 L1.
    """
    return AUTONOMY_BY_LEVEL[autonomy_index(overall, top_level)]
