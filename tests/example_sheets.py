"""An example team's answers (written on questionnaire 2026.1) carried onto the version in force."""

from __future__ import annotations

from pathlib import Path

from assessments.content.answers import AnswerEntry
from assessments.content.in_force import kept_version
from assessments.content.loading import load_answer_sheet
from assessments.service.core import Content

NEW_QUESTION_ANSWER = AnswerEntry(value=3)
"""What the example teams are taken to answer to a question their 2026.1 file does not hold."""


def example_answers_in_force(
    path: Path, content: Content
) -> tuple[dict[str, AnswerEntry], tuple[str, ...]]:
    """The file's answers to the questions in force (others answered 3) and its removed chains
    that the catalogue in force still has."""
    answered_on = kept_version("autonomy-readiness", "2026.1")
    assert answered_on is not None, "data/questionnaires/previous/ keeps 2026.1"
    sheet = load_answer_sheet(path, answered_on.questionnaire, answered_on.catalogue)
    answers = {
        q.id: sheet.answers.get(q.id, NEW_QUESTION_ANSWER) for q in content.questionnaire.questions
    }
    chains = {c.id for c in content.catalogue.chains}
    return answers, tuple(c for c in sheet.removed_chains if c in chains)
