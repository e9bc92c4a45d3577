"""Permanent chains that need a human approval cap production autonomy at L4 Approver (2027.1),
in both engines; the 2026.1 content, which declares no cap, scores as it always did."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.content.in_force import Content, kept_version, load_content
from assessments.reports.crosswalk import autonomy_ceiling
from scoring import score_assessment
from scoring.model import Answer, AnswerKind, AssessmentInput
from scoring.results import AutonomyLevel
from scoring.vectorised import inputs_to_frames, score_org

DATA = Path(__file__).resolve().parents[2] / "data"


def everything_at(
    content: Content, value: int, removed: frozenset[str] = frozenset()
) -> AssessmentInput:
    return AssessmentInput(
        answers={
            q.id: Answer(AnswerKind.VALUE, value, has_evidence=True)
            for q in content.questionnaire.questions
        },
        removed_chains=removed,
    )


def both_engines(content: Content, team: AssessmentInput) -> tuple[str, str]:
    one = score_assessment(content.rubric, content.scoring_catalogue, team).autonomy.value
    answers, removed = inputs_to_frames({1: team})
    org = score_org(content.rubric, content.scoring_catalogue, answers, removed, [1])
    return one, str(org.loc[1, "autonomy"])


def test_a_level_4_team_runs_at_l4_on_2027_1_and_the_report_says_why() -> None:
    content = load_content()
    team = everything_at(content, 4)
    assert both_engines(content, team) == ("L4 Approver", "L4 Approver")
    result = score_assessment(content.rubric, content.scoring_catalogue, team)
    assert result.overall_level == 4
    assert autonomy_ceiling(content.catalogue, result) == (
        "Capped at L4 Approver in production (level 4 alone would allow L5 Observer) while"
        " “Prod write and break-glass” and “Irreversible and privilege-expanding operations”"
        " stay, as they always do: a human still approves those actions, so L5 Observer"
        " applies to sandboxes only."
    )


def test_removing_a_permanent_chain_never_lifts_the_cap() -> None:
    content = load_content()
    team = everything_at(
        content, 4, frozenset({"prod-write-break-glass", "irreversible-operations"})
    )
    assert both_engines(content, team) == ("L4 Approver", "L4 Approver")


@pytest.mark.parametrize(("value", "autonomy"), [(0, "L1 Operator"), (3, "L4 Approver")])
def test_below_the_ceiling_the_level_decides_and_nothing_is_said(value: int, autonomy: str) -> None:
    content = load_content()
    team = everything_at(content, value)
    assert both_engines(content, team) == (autonomy, autonomy)
    result = score_assessment(content.rubric, content.scoring_catalogue, team)
    assert autonomy_ceiling(content.catalogue, result) is None


def test_the_same_team_on_2026_1_keeps_its_l5_observer() -> None:
    previous = kept_version("autonomy-readiness", "2026.1")
    assert previous is not None
    assert both_engines(previous, everything_at(previous, 4)) == (
        AutonomyLevel.L5.value,
        AutonomyLevel.L5.value,
    )
