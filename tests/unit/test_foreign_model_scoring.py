"""The agent-samm example: five pillars, credits 0/0.25/0.5/1, levels 0-3, its own ids."""

from __future__ import annotations

from pathlib import Path

from assessments.content.in_force import load_content
from assessments.content.loading import load_answer_sheet
from assessments.files.validation import validate_paths
from scoring import Answer, AssessmentInput, score_assessment
from scoring.results import AutonomyLevel

SAMM = Path(__file__).resolve().parents[2] / "data" / "examples" / "agent-samm"
CONTENT = load_content(
    SAMM / "questionnaires" / "agent-samm.yaml", SAMM / "catalogues" / "agent-samm-chains.yaml"
)


def test_the_example_folder_validates_clean():
    report = validate_paths([SAMM])
    assert [str(p) for p in report.problems] == []
    assert len(report.files) == 3


def test_credits_levels_and_caps_score_the_example_team_as_written():
    sheet = load_answer_sheet(
        SAMM / "answers" / "platform-ops.yaml", CONTENT.questionnaire, CONTENT.catalogue
    )
    result = score_assessment(CONTENT.rubric, CONTENT.scoring_catalogue, sheet.to_scoring())
    assert [(p.pillar, round(p.score, 1), p.score_level, p.level) for p in result.pillars] == [
        ("governance", 66.7, 2, 2),  # (2 x 0.5 + 1 x 1) / 3
        ("design", 37.5, 1, 1),  # (0.5 + 0.25) / 2
        ("implementation", 83.3, 2, 2),  # (2 x 1 + 0.5) / 3, below 85
        ("verification", 25.0, 1, 1),  # (0.5 + don't know) / 2
        ("operations", 66.7, 2, 1),  # O-KS-2-A "Half" caps at 1 (caps_at)
    ]
    assert result.overall_level == 1
    assert result.autonomy is AutonomyLevel.L2
    assert result.recommendation.next_chain is None


def test_the_top_of_three_levels_allows_the_top_autonomy_level():
    answers = {q.id: Answer.of(3, evidence=True) for q in CONTENT.questionnaire.questions}
    result = score_assessment(CONTENT.rubric, CONTENT.scoring_catalogue, AssessmentInput(answers))
    assert {p.level for p in result.pillars} == {3}
    assert result.autonomy is AutonomyLevel.L5
    assert CONTENT.questionnaire.level_name(3) == "Level 3 - optimised"
