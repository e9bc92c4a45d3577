"""The shipped questionnaires (2027.1 in force, 2026.1 kept): ids, critical set, anchored scales,
observable facts without vague adjectives, evidence hints and references."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from assessments.content.questionnaire import Question, Questionnaire

QUESTIONNAIRES = Path(__file__).resolve().parents[2] / "data" / "questionnaires"
DEFAULT_QUESTIONNAIRE = QUESTIONNAIRES / "autonomy-readiness.yaml"
PREVIOUS_QUESTIONNAIRE = QUESTIONNAIRES / "previous" / "autonomy-readiness-2026.1.yaml"
IDS_2027 = {
    "blast_radius": [
        "BR-01",
        "BR-02",
        "BR-03",
        "BR-04",
        "BR-05",
        "BR-06",
        "BR-08",
        "BR-09",
        "BR-11",
        "BR-12",
    ],
    "production_access": [
        "PA-01",
        "PA-02",
        "PA-03",
        "PA-05",
        "PA-06",
        "PA-07",
        "PA-08",
        "PA-09",
        "PA-10",
        "PA-11",
    ],
    "orchestrator_skill": [
        "OS-01",
        "OS-02",
        "OS-03",
        "OS-04",
        "OS-05",
        "OS-06",
        "OS-07",
        "OS-09",
        "OS-10",
        "OS-11",
    ],
}
NEW_OR_REWORKED_2027 = {"BR-03", "BR-06", "BR-08", "BR-11", "BR-12", "PA-02", "PA-07", "PA-08"}
NEW_OR_REWORKED_2027 |= {"PA-11", "OS-06", "OS-11"}

PILLAR_PREFIXES = {"blast_radius": "BR", "production_access": "PA", "orchestrator_skill": "OS"}
CRITICAL_IDS = {"BR-01", "BR-04", "BR-09", "PA-01", "PA-03", "PA-06", "OS-01", "OS-02", "OS-05"}
LABELS = ["Absent", "Ad hoc", "Documented", "Enforced", "Verified"]
VAGUE = re.compile(
    r"\b(good|mature|adequate|appropriate|sufficient|robust|proper|reasonable)\b", re.IGNORECASE
)


def load(path: Path = DEFAULT_QUESTIONNAIRE) -> Questionnaire:
    return Questionnaire.model_validate(yaml.safe_load(path.read_text("utf-8")))


VERSIONS = {"2027.1": load(), "2026.1": load(PREVIOUS_QUESTIONNAIRE)}
QUESTIONS = [q for questionnaire in VERSIONS.values() for q in questionnaire.questions]
NEW_QUESTIONS = [q for q in VERSIONS["2027.1"].questions if q.id in NEW_OR_REWORKED_2027]


def test_the_version_in_force_is_2027_1_and_the_kept_one_2026_1() -> None:
    assert [(q.id, q.version) for q in VERSIONS.values()] == [
        ("autonomy-readiness", "2027.1"),
        ("autonomy-readiness", "2026.1"),
    ]


@pytest.mark.parametrize("version", VERSIONS)
def test_default_questionnaire_has_thirty_questions(version: str) -> None:
    assert len(VERSIONS[version].questions) == 30


@pytest.mark.parametrize(("pillar", "prefix"), PILLAR_PREFIXES.items())
def test_2026_1_pillars_have_ten_questions_in_id_order(pillar: str, prefix: str) -> None:
    ids = [q.id for q in VERSIONS["2026.1"].questions_of(pillar)]
    assert ids == [f"{prefix}-{n:02d}" for n in range(1, 11)]


@pytest.mark.parametrize("pillar", PILLAR_PREFIXES)
def test_2027_1_pillars_have_ten_questions_retired_ids_never_reused(pillar: str) -> None:
    assert [q.id for q in VERSIONS["2027.1"].questions_of(pillar)] == IDS_2027[pillar]


@pytest.mark.parametrize("version", VERSIONS)
def test_critical_questions_are_exactly_the_weakest_link_controls(version: str) -> None:
    assert {q.id for q in VERSIONS[version].questions if q.critical} == CRITICAL_IDS


@pytest.mark.parametrize("version", VERSIONS)
def test_critical_questions_weigh_three_and_others_less(version: str) -> None:
    assert {q.id for q in VERSIONS[version].questions if q.weight == 3} == CRITICAL_IDS


@pytest.mark.parametrize("question", VERSIONS["2027.1"].questions, ids=lambda q: q.id)
def test_every_2027_1_question_names_a_standard_it_answers_to(question: Question) -> None:
    assert question.references is not None
    assert question.references.by_standard()


@pytest.mark.parametrize("question", NEW_QUESTIONS, ids=lambda q: q.id)
def test_new_questions_hint_at_a_record_or_configuration_to_show(question: Question) -> None:
    hint = question.evidence_hint.lower()
    assert any(
        word in hint
        for word in ("configuration", "record", "log", "list", "inventory", "query", "rulesets")
    ), hint


@pytest.mark.parametrize("question", NEW_QUESTIONS, ids=lambda q: q.id)
def test_new_questions_verified_level_names_a_recurring_check(question: Question) -> None:
    verified = question.scale[4].description
    recurring = r"\b(scheduled|monthly|daily|each month|in the last 90 days|alerts?)\b"
    assert re.search(recurring, verified), verified


def test_2027_1_asks_about_the_late_2026_gaps() -> None:
    texts = {q.id: (q.text + " " + q.help).lower() for q in VERSIONS["2027.1"].questions}
    assert "lethal trifecta" in texts["BR-12"]
    assert "out of band" in texts["BR-11"] and "degraded modes" in texts["BR-11"]
    assert "budget" in texts["BR-08"]
    assert "inventory" in texts["PA-11"] and "owner" in texts["PA-11"]
    assert "labelled" in texts["OS-11"]
    assert (
        "mcp" in texts["PA-08"]
        and "sandboxed" in VERSIONS["2027.1"].question("PA-08").scale[3].description
    )
    assert "classifier" in texts["BR-03"]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: f"{q.id}")
def test_every_question_has_five_labelled_levels(question: Question) -> None:
    assert [(level.value, level.label) for level in question.scale] == list(enumerate(LABELS))


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: f"{q.id}")
def test_no_level_description_of_a_question_repeats(question: Question) -> None:
    descriptions = [level.description for level in question.scale]
    assert len(set(descriptions)) == len(descriptions)


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: f"{q.id}")
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
