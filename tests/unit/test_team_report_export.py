"""The team report downloads: an unlock path says "don't know", not 0, and names its questions;
the HTML draws its chart as inert SVG."""

from __future__ import annotations

import re
from dataclasses import replace

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


def test_the_html_download_draws_the_levels_chart_as_svg_with_hostile_names_as_text() -> None:
    report = replace(_report(), team_name="<script>alert(1)</script> & Co")
    html = team_report_html(report)
    assert "<script" not in html.lower()
    assert html.count("<figure><svg ") == 1  # no history: the levels chart only
    texts = re.findall(r"<text\b[^>]*>(.*?)</text>", html, flags=re.S)
    drawn = " ".join(re.sub(r"<[^>]+>", " ", t) for t in texts)
    for pillar in CONTENT.questionnaire.pillars:  # a label may be drawn on several lines
        assert all(word in drawn.split() for word in pillar.name.split()), pillar.name
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
