"""Pillar scores and levels, the overall level, the weakest pillar and the autonomy they allow."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from scoring import rules
from scoring.model import (
    MAX_LEVEL,
    Answer,
    AnswerKind,
    PillarSpec,
    QuestionSpec,
    Rubric,
)
from scoring.results import AutonomyLevel, PillarResult
from scoring.rules import score_level

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


def credited(answer: Answer) -> int:
    """The scale value an answer counts as (`rules.credited_value`)."""
    value: int = rules.credited_value(answer.kind is AnswerKind.VALUE, answer.value or 0)
    return value


def pillar_score(questions: Iterable[QuestionSpec], answers: Mapping[str, Answer]) -> float:
    """Weighted partial credit (`rules.answer_credit`, `rules.pillar_score`) over applicable
    questions."""
    credit = 0.0
    total_weight = 0.0
    # Accumulated left to right in questionnaire order, term by term, the order the
    # vectorised engine adds its columns in, so both reach the same float.
    for question in questions:
        answer = answer_to(question.id, answers)
        if not is_applicable(answer):
            continue
        credit += answer_term(question, answer)
        total_weight += question.weight
    return float(rules.pillar_score(credit, total_weight))


def answer_term(question: QuestionSpec, answer: Answer) -> float:
    """One applicable answer's term: `rules.answer_credit`, or `rules.table_credit` where the
    questionnaire sets a credit per option."""
    value = rules.within_scale(credited(answer), question.max_value)
    if question.credits is None:
        return float(rules.answer_credit(question.weight, value, question.max_value))
    return float(rules.table_credit(question.weight, question.credits[value]))


def critical_cap(question: QuestionSpec, answer: Answer, top_level: int = MAX_LEVEL) -> int | None:
    """The level a critical question allows its pillar (`rules.critical_cap`, or the option's
    own `caps` entry); None when it does not cap (not critical, or not applicable)."""
    if not question.critical or not is_applicable(answer):
        return None
    value = rules.within_scale(credited(answer), question.max_value)
    if question.caps is not None:
        # Don't know and unanswered cap at 0, whatever the lowest option allows.
        return question.caps[value] if answer.kind is AnswerKind.VALUE else 0
    return int(rules.critical_cap(value, question.max_value, top_level))


def lowest_value_for_cap(
    question: QuestionSpec, level: int, top_level: int = MAX_LEVEL
) -> int | None:
    """The lowest answer whose critical cap reaches `level`; None when no answer does."""
    if question.caps is not None:
        return next((v for v, cap in enumerate(question.caps) if cap >= level), None)
    return int(rules.lowest_value_for_cap(level, question.max_value, top_level))


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


def autonomy_level(overall: int, top_level: int = MAX_LEVEL) -> AutonomyLevel:
    """The autonomy level (Feng, McDonald & Zhang, 2025) an overall readiness level allows,
    scaled to the questionnaire's levels (`rules.autonomy_index`)."""
    return AUTONOMY_BY_LEVEL[rules.autonomy_index(max(0, min(overall, top_level)), top_level)]
