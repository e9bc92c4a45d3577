"""Track-record unlock conditions: removed long enough, and a clean incident record.

The assessment date is an input; each case says what holds, the gap text, and when waiting is
all it takes, the day to wait for.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from assessments.content.loading import load_questionnaire
from cli.main import main
from scoring import (
    AllOf,
    Answer,
    AssessmentInput,
    Catalogue,
    ChainSpec,
    MinAnswer,
    PillarSpec,
    QuestionSpec,
    Risk,
    Rubric,
    Toil,
    score_assessment,
)
from scoring.conditions import TeamState, evaluate
from scoring.model import NoIncident, RemovedFor
from scoring.track_record import IncidentRecord, Severity

DAY = date(2026, 12, 1)
RUBRIC = Rubric(
    "test",
    "1",
    (PillarSpec("br", "Blast radius"), PillarSpec("pa", "Production access")),
    (QuestionSpec("BR-01", "br", 1.0, False, 4), QuestionSpec("PA-01", "pa", 1.0, False, 4)),
)
REVIEW = ChainSpec("merge-review", "Human review before merge", 1, AllOf(()), Risk.LOW, Toil.HIGH)
DEPLOYS = ChainSpec(
    "prod-deploy",
    "Approve production deploys",
    2,
    AllOf(
        (
            RemovedFor("merge-review", 28),
            NoIncident(("br", "pa"), Severity.HIGH, 90),
        )
    ),
    Risk.HIGH,
    Toil.HIGH,
)
CATALOGUE = Catalogue("test", "1", (REVIEW, DEPLOYS))
REMOVED_FOR = RemovedFor("merge-review", 28)
CLEAN = NoIncident(("br",), Severity.HIGH, 90)


def incident(day: str, severity: str = "high", pillar: str = "br") -> IncidentRecord:
    return IncidentRecord(1, date.fromisoformat(day), Severity(severity), pillar)


def state(removed=("merge-review",), since=None, incidents=(), as_of=DAY) -> TeamState:
    return TeamState(
        rubric=RUBRIC,
        catalogue=CATALOGUE,
        pillar_levels={"br": 2, "pa": 2},
        answers={},
        removed=frozenset(removed),
        as_of=as_of,
        removed_since=since or {},
        incidents=tuple(incidents),
    )


@pytest.mark.parametrize(
    ("team", "met", "text"),
    [
        (
            state(since={"merge-review": date(2026, 11, 3)}),
            True,
            "chain 'Human review before merge' removed with sign-off 28 days ago ≥ 28",
        ),
        (
            state(since={"merge-review": date(2026, 11, 20)}),
            False,
            "chain 'Human review before merge' removed 11 days ago, needs 28"
            " (wait until 2026-12-18)",
        ),
        (
            state(since={"merge-review": date(2026, 12, 10)}),
            False,
            "chain 'Human review before merge' removed 0 days ago, needs 28"
            " (wait until 2027-01-07)",
        ),
        (
            state(),
            False,
            "chain 'Human review before merge' has no signed-off removal; needs 28 days since one",
        ),
        (
            state(removed=(), since={"merge-review": date(2026, 1, 1)}),
            False,
            "chain 'Human review before merge' is still in place; needs it removed for 28 days",
        ),
        (
            state(since={"merge-review": date(2026, 1, 1)}, as_of=None),
            False,
            "chain 'Human review before merge' has no signed-off removal (no assessment date);"
            " needs 28 days since one",
        ),
    ],
    ids=[
        "exactly long enough",
        "too recent",
        "yet to take effect",
        "without sign-off",
        "put back",
        "no assessment date",
    ],
)
def test_removed_for(team, met, text):
    outcome = evaluate(REMOVED_FOR, team)
    assert outcome.met is met
    assert (outcome.satisfied if met else tuple(g.text for g in outcome.gaps)) == (text,)


@pytest.mark.parametrize(
    ("incidents", "met", "text"),
    [
        ([], True, "no high or worse incident in Blast radius in the last 90 days"),
        (
            [incident("2026-09-01")],
            True,
            "no high or worse incident in Blast radius in the last 90 days",
        ),
        (
            [incident("2026-11-03", "medium")],
            True,
            "no high or worse incident in Blast radius in the last 90 days",
        ),
        (
            [incident("2026-11-03", "critical", "pa")],
            True,
            "no high or worse incident in Blast radius in the last 90 days",
        ),
        (
            [incident("2026-12-05")],
            True,
            "no high or worse incident in Blast radius in the last 90 days",
        ),
        (
            [incident("2026-09-02")],
            False,
            "high incident in Blast radius on 2026-09-02; needs none in 90 days"
            " (wait until 2026-12-02)",
        ),
        (
            [incident("2026-09-20", "critical"), incident("2026-11-03")],
            False,
            "high incident in Blast radius on 2026-11-03; needs none in 90 days"
            " (wait until 2027-02-02)",
        ),
    ],
    ids=[
        "none",
        "just outside the window",
        "below the severity",
        "another pillar",
        "after the assessment date",
        "on the window's first day",
        "the latest counts",
    ],
)
def test_no_incident(incidents, met, text):
    outcome = evaluate(CLEAN, state(incidents=incidents))
    assert outcome.met is met
    assert (outcome.satisfied if met else tuple(g.text for g in outcome.gaps)) == (text,)


def test_without_an_assessment_date_a_clean_record_cannot_be_shown():
    outcome = evaluate(CLEAN, state(as_of=None))
    assert [g.text for g in outcome.gaps] == [
        "no assessment date; needs no high or worse incident in Blast radius in the last 90 days"
    ]


def scored(**track):
    return score_assessment(
        RUBRIC,
        CATALOGUE,
        AssessmentInput(
            answers={"BR-01": Answer.of(2), "PA-01": Answer.of(2)},
            removed_chains=frozenset({"merge-review"}),
            **track,
        ),
    )


def test_an_unlock_path_that_needs_only_time_says_until_when():
    result = scored(
        as_of=DAY,
        removed_since={"merge-review": date(2026, 11, 20)},
        incidents=(incident("2026-10-01"),),
    )
    assert result.chain("prod-deploy").status.value == "blocked"
    (path,) = result.recommendation.unlock_paths
    # Removed 28 days on 18 Dec; the incident of 1 Oct is 91 days back on 31 Dec.
    assert (path.chain, path.improvements, path.wait_until, path.only_time) == (
        "prod-deploy",
        (),
        date(2026, 12, 31),
        True,
    )


def test_a_path_with_answers_to_raise_and_time_to_wait_carries_both():
    deploys = ChainSpec(
        "prod-deploy", "Approve production deploys", 2,
        AllOf((RemovedFor("merge-review", 28), MinAnswer("BR-01", 3))), Risk.HIGH, Toil.HIGH,
    )  # fmt: skip
    catalogue = Catalogue("test", "1", (REVIEW, deploys))
    result = score_assessment(
        RUBRIC,
        catalogue,
        AssessmentInput(
            answers={"BR-01": Answer.of(2), "PA-01": Answer.of(2)},
            removed_chains=frozenset({"merge-review"}),
            as_of=DAY,
            removed_since={"merge-review": date(2026, 11, 20)},
        ),
    )
    (path,) = result.recommendation.unlock_paths
    assert [(i.question, i.target) for i in path.improvements] == [("BR-01", 3)]
    assert (path.wait_until, path.only_time) == (date(2026, 12, 18), False)


def test_a_removal_without_sign_off_has_no_path_and_is_removed_too_early_downstream():
    result = scored(as_of=DAY, removed_since={})
    assert result.recommendation.unlock_paths == ()
    assert "has no signed-off removal" in result.chain("prod-deploy").reason


def test_the_cli_report_says_wait_until_when_time_is_the_only_gap(tmp_path, capsys):
    # A 2027.1 sheet (the version in force, whose catalogue has track-record conditions):
    # every answer at the top of its scale with evidence, chains 1-9 removed, production
    # deploys signed off on 20 Dec, so remediation approval waits only for its 56 days.
    data = Path(__file__).resolve().parents[2] / "data"
    questionnaire = load_questionnaire(data / "questionnaires" / "autonomy-readiness.yaml")
    removed = [
        "tool-call-approval",
        "nonprod-deploy-approval",
        "ci-run-approval",
        "live-session-supervision",
        "plan-signoff",
        "merge-review",
        "change-advisory-board",
        "external-comms-approval",
        "prod-deploy-approval",
    ]
    sheet = {
        "team": "developer-platform",
        "period": "2026-Q4",
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version},
        "answers": {
            q.id: {"value": len(q.scale) - 1, "evidence": f"https://wiki.example.com/{q.id}"}
            for q in questionnaire.questions
        },
        "removed_chains": removed,
        "removed_since": {
            **{chain: date(2026, 3, 1) for chain in removed},
            "prod-deploy-approval": date(2026, 12, 20),
        },
    }
    answers = tmp_path / "developer-platform.yaml"
    answers.write_text(yaml.safe_dump(sheet, sort_keys=False))

    assert main(["score", str(answers)]) == 0

    out = capsys.readouterr().out
    assert "Approve incident remediation (remediation-approval): wait until 2027-02-14" in out
