"""The shipped questionnaire: fixed ids, critical set and anchored, non-vague scales."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from assessments.content.questionnaire import Question, Questionnaire

DEFAULT_QUESTIONNAIRE = (
    Path(__file__).resolve().parents[2] / "data" / "questionnaires" / "autonomy-readiness.yaml"
)

PILLAR_PREFIXES = {"blast_radius": "BR", "production_access": "PA", "orchestrator_skill": "OS"}
CRITICAL_IDS = {"BR-01", "BR-04", "BR-09", "PA-01", "PA-03", "PA-06", "OS-01", "OS-02", "OS-05"}
LABELS = ["Absent", "Ad hoc", "Documented", "Enforced", "Verified"]
VAGUE = re.compile(
    r"\b(good|mature|adequate|appropriate|sufficient|robust|proper|reasonable)\b", re.IGNORECASE
)


def load() -> Questionnaire:
    return Questionnaire.model_validate(yaml.safe_load(DEFAULT_QUESTIONNAIRE.read_text("utf-8")))


QUESTIONS = load().questions


def test_default_questionnaire_has_thirty_questions() -> None:
    assert len(QUESTIONS) == 30


@pytest.mark.parametrize(("pillar", "prefix"), PILLAR_PREFIXES.items())
def test_each_pillar_has_ten_questions_in_id_order(pillar: str, prefix: str) -> None:
    ids = [q.id for q in load().questions_of(pillar)]
    assert ids == [f"{prefix}-{n:02d}" for n in range(1, 11)]


def test_critical_questions_are_exactly_the_weakest_link_controls() -> None:
    assert {q.id for q in QUESTIONS if q.critical} == CRITICAL_IDS


def test_critical_questions_weigh_three_and_others_less() -> None:
    assert {q.id for q in QUESTIONS if q.weight == 3} == CRITICAL_IDS


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_every_question_has_five_labelled_levels(question: Question) -> None:
    assert [(level.value, level.label) for level in question.scale] == list(enumerate(LABELS))


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_no_level_description_of_a_question_repeats(question: Question) -> None:
    descriptions = [level.description for level in question.scale]
    assert len(set(descriptions)) == len(descriptions)


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_level_descriptions_use_no_vague_adjectives(question: Question) -> None:
    vague = [(level.value, m) for level in question.scale for m in VAGUE.findall(level.description)]
    assert vague == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("A Robust process exists.", ["Robust"]),
        ("Roles are appropriate and proper.", ["appropriate", "proper"]),
        ("Permissions are applied properly to property.", []),
    ],
)
def test_vague_adjective_check_matches_whole_words_only(text: str, found: list[str]) -> None:
    assert VAGUE.findall(text) == found
