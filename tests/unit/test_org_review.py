"""The org table, unit roll-up and quarterly review on a tiny hand-made organisation."""

from __future__ import annotations

import math
from typing import cast

import pandas as pd
import pytest

from assessments.reports import org_review
from assessments.reports.org_table import (
    change_since,
    in_unit,
    org_table,
    pillar_names,
    unit_rollup,
    with_change,
)
from assessments.service.quarterly_review import build_review
from scoring.vectorised import score_org
from tests.unit.tiny_org import history, q3_table, q4_table, snapshot, tiny_content

CONTENT = tiny_content()
PILLARS = pillar_names(CONTENT.rubric)
CATALOGUE = CONTENT.scoring_catalogue


@pytest.fixture(scope="module")
def q4() -> pd.DataFrame:
    return q4_table(CONTENT)


@pytest.fixture(scope="module")
def q3() -> pd.DataFrame:
    return q3_table(CONTENT)


def test_org_table_has_one_row_per_team_in_unit_then_name_order(q4):
    assert list(q4.index) == ["billing", "checkout", "ci", "edge", "runtime"]
    assert list(q4["unit"]) == ["Payments", "Payments", "Platform", "Platform", "Platform"]


@pytest.mark.parametrize(
    ("team", "coverage"),
    [
        ("billing", "submitted"),
        ("checkout", "submitted"),
        ("ci", "draft only"),
        ("edge", "no submission"),
        ("runtime", "submitted"),
    ],
)
def test_coverage_state_says_submitted_draft_only_or_no_submission(q4, team, coverage):
    assert q4.at[team, "coverage"] == coverage


@pytest.mark.parametrize(
    ("team", "levels", "scores", "overall", "weakest", "mean_score"),
    [
        ("billing", (1, 2), (25.0, 50.0), 1, "blast_radius", 37.5),
        ("checkout", (3, 3), (75.0, 75.0), 3, "blast_radius", 75.0),
        ("runtime", (2, 0), (50.0, 0.0), 0, "production_access", 25.0),
    ],
)
def test_submitted_team_row_carries_its_levels_scores_and_weakest_pillar(
    q4, team, levels, scores, overall, weakest, mean_score
):
    row = q4.loc[team]
    assert (row["level:blast_radius"], row["level:production_access"]) == levels
    assert (row["score:blast_radius"], row["score:production_access"]) == scores
    assert row["overall_level"] == overall
    assert row["weakest_pillar"] == weakest
    assert row["mean_score"] == mean_score
    assert row["questionnaire_version"] == "1"


@pytest.mark.parametrize(
    ("team", "sandbox", "deploy", "prod_write", "next_chain", "alerts"),
    [
        ("billing", "blocked", "removed_too_early", "permanent", None, 1),
        ("checkout", "removed", "next", "permanent", "deploy", 0),
        ("runtime", "eligible", "blocked", "removed_too_early", None, 1),
    ],
)
def test_team_row_carries_each_chain_status_and_the_next_chain(
    q4, team, sandbox, deploy, prod_write, next_chain, alerts
):
    row = q4.loc[team]
    assert row["status:sandbox"] == sandbox
    assert row["status:deploy"] == deploy
    assert row["status:prod-write"] == prod_write
    assert row["next_chain"] == next_chain
    assert row["alerts"] == alerts


def test_team_without_submission_has_no_levels_or_statuses(q4):
    row = q4.loc["edge"]
    assert row["assessment_id"] is pd.NA
    assert row["level:blast_radius"] is pd.NA
    assert math.isnan(row["score:blast_radius"])
    assert pd.isna(row["status:sandbox"])


def test_period_without_submissions_gives_every_team_and_no_scores():
    empty = snapshot("2027-Q1", {})
    scores = score_org(CONTENT.rubric, CATALOGUE, empty.answers, empty.removed, assessment_ids=[])
    table = org_table(empty, scores)
    assert list(table["coverage"]) == ["no submission"] * 5
    assert table["overall_level"].isna().all()


def test_change_since_gives_level_and_score_deltas_for_teams_in_both_periods(q4, q3):
    change = change_since(q4, q3, PILLARS)
    assert list(change["compared"]) == [True, True, False, False, True]
    assert change.at["checkout", "level_change:blast_radius"] == 1
    assert change.at["checkout", "score_change:production_access"] == 25.0
    assert change.at["runtime", "level_change:production_access"] == -1
    assert change.at["runtime", "earlier_overall_level"] == 1
    assert change.at["runtime", "overall_level_change"] == -1
    assert change.at["runtime", "mean_score_change"] == -25.0
    assert change.at["billing", "mean_score_change"] == 0.0
    assert change.at["ci", "level_change:blast_radius"] is pd.NA
    assert math.isnan(cast(float, change.at["ci", "score_change:blast_radius"]))


def test_unit_rollup_counts_coverage_and_averages_levels_of_submitted_teams(q4):
    rollup = unit_rollup(q4, PILLARS).set_index("unit_slug")
    payments, platform = rollup.loc["payments"], rollup.loc["platform"]
    assert (payments["teams"], payments["submitted"], payments["coverage"]) == (2, 2, 1.0)
    assert payments["mean_level:blast_radius"] == 2.0
    assert payments["median_level:production_access"] == 2.5
    assert payments["mean_score:production_access"] == 62.5
    assert payments["mean_level:overall"] == 2.0
    assert [payments[f"teams_at_level_{n}"] for n in range(5)] == [0, 1, 0, 1, 0]
    assert (platform["teams"], platform["submitted"]) == (3, 1)
    assert (platform["draft_only"], platform["no_submission"]) == (1, 1)
    assert platform["coverage"] == pytest.approx(1 / 3)
    assert [platform[f"teams_at_level_{n}"] for n in range(5)] == [1, 0, 0, 0, 0]


def test_movers_rank_by_overall_level_then_mean_score_and_say_what_moved(q4, q3):
    up, down = org_review.movers(with_change(q4, q3, PILLARS), PILLARS)
    assert list(up.index) == ["checkout"]
    assert up.at["checkout", "overall_level_change"] == 1
    assert up.at["checkout", "mean_score_change"] == 25.0
    assert up.at["checkout", "moved"] == "Blast radius 2→3; Production access 2→3"
    assert list(down.index) == ["runtime"]
    assert down.at["runtime", "moved"] == "Blast radius 3→2; Production access 1→0"


def test_movers_break_level_ties_by_mean_score_and_cap_at_the_limit():
    changed = pd.DataFrame(
        {
            "team": ["A", "B", "C", "D"],
            "unit": ["U"] * 4,
            "compared": [True] * 4,
            "earlier_overall_level": [1, 1, 1, 1],
            "overall_level": [2, 2, 1, 2],
            "overall_level_change": [1, 1, 0, 1],
            "earlier_mean_score": [40.0, 40.0, 40.0, 40.0],
            "mean_score": [45.0, 60.0, 70.0, 50.0],
            "mean_score_change": [5.0, 20.0, 30.0, 10.0],
        },
        index=["a", "b", "c", "d"],
    )
    up, down = org_review.movers(changed, {}, limit=3)
    assert list(up.index) == ["b", "d", "a"]
    assert list(up["moved"]) == ["scores only; levels unchanged"] * 3
    assert down.empty


def test_chain_changes_list_chains_removed_and_reinstated_since_the_earlier_submission(q4, q3):
    changes = org_review.chain_changes(q4, q3, CATALOGUE)
    assert changes[["team_slug", "chain_id", "change", "status"]].values.tolist() == [
        ["billing", "sandbox", "reinstated", "blocked"],
        ["checkout", "sandbox", "removed", "removed"],
        ["runtime", "prod-write", "removed", "removed_too_early"],
    ]
    counts = org_review.chain_change_counts(changes, CATALOGUE)
    assert counts.values.tolist() == [
        ["sandbox", "Approve each tool call", 1, 1],
        ["prod-write", "Prod write", 1, 0],
    ]


def test_new_alerts_are_too_early_now_and_not_before(q4, q3):
    alerts = org_review.new_alerts(q4, q3, CATALOGUE)
    assert alerts[["team_slug", "chain_id", "before"]].values.tolist() == [
        ["runtime", "prod-write", "Permanent (stays)"]
    ]


def test_every_alert_is_new_when_the_team_did_not_submit_before(q4):
    nothing_before = q4.assign(coverage="no submission")
    alerts = org_review.new_alerts(q4, nothing_before, CATALOGUE)
    assert alerts[["team_slug", "chain_id", "before"]].values.tolist() == [
        ["billing", "deploy", "no submission"],
        ["runtime", "prod-write", "no submission"],
    ]


def test_low_confidence_lists_teams_whose_recommendation_is_provisional(q4):
    low = org_review.low_confidence(q4, CATALOGUE)
    assert low.values.tolist() == [["Runtime", "Platform", 0.25, "none"]]


def test_questionnaire_versions_count_the_submitted_assessments(q4):
    versions = org_review.questionnaire_versions(q4)
    assert versions.values.tolist() == [["tiny", "1", 3]]


def test_removable_now_counts_teams_per_chain_that_could_remove_it(q4):
    removable = org_review.removable_now(q4, CATALOGUE).set_index("chain_id")
    columns = ["next", "eligible", "could_remove_now", "removed", "removed_too_early", "blocked"]
    assert removable.loc["sandbox", columns].to_numpy().tolist() == [0, 1, 1, 1, 0, 1]
    assert removable.loc["deploy", columns].to_numpy().tolist() == [1, 0, 1, 0, 1, 1]
    assert removable.loc["prod-write", columns].to_numpy().tolist() == [0, 0, 0, 0, 1, 0]
    assert removable.loc["prod-write", "permanent"]


@pytest.mark.parametrize(
    ("unit", "period", "pillar", "mean_score", "mean_level", "teams"),
    [
        (None, "2026-Q3", "blast_radius", 62.5, 2.5, 4),
        (None, "2026-Q4", "blast_radius", 50.0, 2.0, 3),
        (None, "2026-Q4", "overall", 137.5 / 3, 4 / 3, 3),
        ("platform", "2026-Q3", "blast_radius", 87.5, 3.5, 2),
        ("platform", "2026-Q4", "production_access", 0.0, 0.0, 1),
    ],
)
def test_pillar_trends_average_each_period_for_the_org_or_one_unit(
    unit, period, pillar, mean_score, mean_level, teams
):
    trends = org_review.pillar_trends(history(CONTENT), PILLARS, unit_slug=unit)
    row = trends[(trends["period"] == period) & (trends["pillar"] == pillar)].iloc[0]
    assert row["mean_score"] == pytest.approx(mean_score)
    assert row["mean_level"] == pytest.approx(mean_level)
    assert row["teams"] == teams


def test_pillar_trends_stop_at_the_reviewed_period():
    trends = org_review.pillar_trends(history(CONTENT), PILLARS, until="2026-Q3")
    assert set(trends["period"]) == {"2026-Q3"}


def test_review_of_one_unit_keeps_only_its_teams_and_compares_with_the_previous_period(q4, q3):
    review = build_review(CONTENT, q4, q3, history(CONTENT), period="2026-Q4", unit_slug="platform")
    assert review.unit_name == "Platform"
    assert list(review.table.index) == ["ci", "edge", "runtime"]
    assert (review.submitted, review.compared) == (1, 1)
    assert list(review.no_submission.index) == ["edge"]
    assert list(review.draft_only.index) == ["ci"]
    assert review.comparison.set_index("pillar").at["blast_radius", "mean_level:2026-Q3"] == 3.5
    assert review.unit_trends is not None
    assert list(review.movers_down.index) == ["runtime"]


def test_review_with_a_baseline_adds_its_column_and_per_team_change(q4, q3):
    review = build_review(
        CONTENT,
        q4,
        q3,
        history(CONTENT),
        period="2026-Q4",
        baseline=q3,
        baseline_period="2026-Q2",
    )
    assert review.baseline_period == "2026-Q2"
    assert review.comparison.set_index("pillar").at["overall", "mean_level:2026-Q2"] == 2.0
    assert review.baseline_change is not None
    assert review.baseline_change.at["checkout", "overall_level_change"] == 1


def test_in_unit_without_a_unit_keeps_every_team(q4):
    assert in_unit(q4, None) is q4
    assert list(in_unit(q4, "payments").index) == ["billing", "checkout"]
