"""The team report downloads: an unlock path says "don't know", not 0, and names its questions."""

from __future__ import annotations

from assessments.content.in_force import load_content
from scoring.assessment import score_assessment
from scoring.model import Answer, AssessmentInput
from ui.exports.team_report_download import TeamReport, team_report_html, team_report_markdown

CONTENT = load_content()


def _report() -> TeamReport:
    answers = {q.id: Answer.of(3, evidence=True) for q in CONTENT.questionnaire.questions}
    answers["BR-01"] = Answer.dont_know()
    result = score_assessment(
        CONTENT.rubric, CONTENT.scoring_catalogue, AssessmentInput(answers, frozenset())
    )
    return TeamReport(CONTENT, "Checkout", "2026-Q4", "draft preview", result)


def test_an_unlock_path_through_a_dont_know_answer_says_dont_know_not_zero() -> None:
    report = _report()
    question = CONTENT.questionnaire.question("BR-01")
    path = next(
        p for p in report.result.recommendation.unlock_paths if p.chain == "tool-call-approval"
    )
    assert [(i.question, i.current) for i in path.improvements][:1] == [("BR-01", 0)]

    markdown = team_report_markdown(report)

    assert f"BR-01 ({question.text}) don't know → 3" in markdown
    assert "BR-01 (" + question.text + ") 0 →" not in markdown
    assert "<td>don&#x27;t know</td>" in team_report_html(report)
