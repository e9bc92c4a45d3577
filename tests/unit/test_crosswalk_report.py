"""A team's gaps listed by standard, and the departures its removed or next chains take."""

from __future__ import annotations

from assessments.content.answers import AnswerEntry
from assessments.content.in_force import load_content
from assessments.reports.crosswalk import StandardGap, departures, gaps_by_standard
from scoring import score_assessment
from scoring.model import AssessmentInput

CONTENT = load_content()


def answers_at(value: int, **overrides: AnswerEntry) -> dict[str, AnswerEntry]:
    found = {q.id: AnswerEntry(value=value) for q in CONTENT.questionnaire.questions}
    found.update({k.replace("_", "-"): v for k, v in overrides.items()})
    return found


def test_only_answers_below_3_dont_know_and_unanswered_are_gaps_by_standard() -> None:
    answers = answers_at(3, BR_12=AnswerEntry(value=1), OS_11=AnswerEntry(dont_know=True))
    del answers["PA-11"]
    found = gaps_by_standard(CONTENT.questionnaire, answers)
    assert found["OWASP Top 10 for Agentic Applications"] == [
        StandardGap("OWASP Top 10 for Agentic Applications", "ASI01", "BR-12", "1 (Ad hoc)"),
        StandardGap("OWASP Top 10 for Agentic Applications", "ASI03", "PA-11", "unanswered"),
        StandardGap("OWASP Top 10 for Agentic Applications", "ASI06", "BR-12", "1 (Ad hoc)"),
        StandardGap("OWASP Top 10 for Agentic Applications", "ASI10", "PA-11", "unanswered"),
    ]
    # Natural order of ids: C2 before C9 before C13.
    assert [(g.reference, g.question) for g in found["OWASP AISVS"]] == [
        ("C2", "BR-12"),
        ("C9", "BR-12"),
        ("C13", "OS-11"),
    ]
    assert list(found) == [
        "OWASP Top 10 for Agentic Applications",
        "OWASP AISVS",
        "AWS Well-Architected Agentic AI Lens",
        "CSA AI Controls Matrix",
    ]


def test_not_applicable_is_never_a_gap_and_a_team_at_3_has_none() -> None:
    answers = answers_at(3, BR_12=AnswerEntry(not_applicable="No agent reads untrusted input."))
    assert gaps_by_standard(CONTENT.questionnaire, answers) == {}


def test_a_removed_merge_review_shows_its_departure_from_aisvs() -> None:
    team = AssessmentInput(
        answers={q: e.to_scoring() for q, e in answers_at(4).items()},
        removed_chains=frozenset({"merge-review"}),
    )
    result = score_assessment(CONTENT.rubric, CONTENT.scoring_catalogue, team)
    [departure] = departures(CONTENT.catalogue, result)
    assert (departure.chain, departure.standard, departure.removed) == (
        "merge-review",
        "OWASP AISVS",
        True,
    )
