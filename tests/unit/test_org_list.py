"""The org heatmap's list layout in words: per team its levels, scores and changes; per unit
its coverage and mean levels (the tiny org's numbers worked out by hand)."""

from __future__ import annotations

import pytest

from assessments.reports.org_table import pillar_names, unit_rollup, with_change
from tests.unit.tiny_org import q3_table, q4_table, tiny_content
from ui.org_list import ListEntry, bracketed_change, team_entries, unit_entries

CONTENT = tiny_content()
PILLARS = pillar_names(CONTENT.rubric)


@pytest.mark.parametrize(
    ("change", "words"),
    [(1, " (+1)"), (-25.0, " (−25)"), (0, " (±0)"), (0.4, " (±0)"), (12.6, " (+13)"), (None, "")],
)
def test_a_change_reads_as_a_signed_number_in_brackets(change, words):
    assert bracketed_change(change) == words


def test_each_submitted_team_lists_its_levels_scores_and_changes_since_last_quarter():
    table = with_change(q4_table(CONTENT), q3_table(CONTENT), PILLARS)

    assert team_entries(table, PILLARS, "2026-Q3") == [
        ListEntry(
            "billing",
            "Billing",
            "Payments · Overall level 1 (±0) · mean score 38 (±0)",
            [
                "Blast radius: level 1 (±0) · score 25 (±0)",
                "Production access: level 2 (±0) · score 50 (±0)",
            ],
        ),
        ListEntry(
            "checkout",
            "Checkout",
            "Payments · Overall level 3 (+1) · mean score 75 (+25)",
            [
                "Blast radius: level 3 (+1) · score 75 (+25)",
                "Production access: level 3 (+1) · score 75 (+25)",
            ],
        ),
        ListEntry(
            "runtime",
            "Runtime",
            "Platform · Overall level 0 (−1) · mean score 25 (−25)",
            [
                "Blast radius: level 2 (−1) · score 50 (−25)",
                "Production access: level 0 (−1) · score 0 (−25)",
            ],
        ),
    ]


def test_a_team_without_an_earlier_submission_says_so_instead_of_changes():
    earlier = q3_table(CONTENT).drop(index="checkout")
    table = with_change(q4_table(CONTENT), earlier, PILLARS)

    checkout = next(e for e in team_entries(table, PILLARS, "2026-Q3") if e.key == "checkout")

    assert checkout.subtitle == "Payments · Overall level 3 · mean score 75"
    assert checkout.lines == [
        "Blast radius: level 3 · score 75",
        "Production access: level 3 · score 75",
        "No submission in 2026-Q3 to compare with.",
    ]


def test_each_unit_lists_its_coverage_then_its_mean_and_median_levels():
    assert unit_entries(unit_rollup(q4_table(CONTENT), PILLARS), PILLARS) == [
        ListEntry(
            "payments",
            "Payments",
            "2 of 2 teams submitted",
            [
                "Overall: mean level 2.0, median 2.0",
                "Blast radius: mean level 2.0, median 2.0",
                "Production access: mean level 2.5, median 2.5",
            ],
        ),
        ListEntry(
            "platform",
            "Platform",
            "1 of 3 teams submitted; 1 with a draft only; 1 with no submission",
            [
                "Overall: mean level 0.0, median 0.0",
                "Blast radius: mean level 2.0, median 2.0",
                "Production access: mean level 0.0, median 0.0",
            ],
        ),
    ]


def test_a_unit_where_nobody_submitted_says_so():
    waiting = q4_table(CONTENT).loc[["ci", "edge"]]

    assert unit_entries(unit_rollup(waiting, PILLARS), PILLARS) == [
        ListEntry(
            "platform",
            "Platform",
            "0 of 2 teams submitted; 1 with a draft only; 1 with no submission",
            ["No team has submitted yet."],
        )
    ]
