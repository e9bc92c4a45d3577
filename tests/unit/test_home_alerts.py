"""The home page's early-removal alert at scale: ten teams by name, the rest counted."""

from __future__ import annotations

import pandas as pd

from assessments.reports.front_door import org_standing
from ui.front_door import alert_text


def _table(alerts: list[int]) -> pd.DataFrame:
    """An org table of submitted teams `t00`, `t01`, … in unit `U`, with these alert counts."""
    slugs = [f"t{i:02d}" for i in range(len(alerts))]
    return pd.DataFrame(
        {
            "team": slugs,
            "unit": ["U"] * len(alerts),
            "coverage": ["submitted"] * len(alerts),
            "overall_level": [1] * len(alerts),
            "alerts": alerts,
        },
        index=pd.Index(slugs, name="team_slug"),
    )


def test_twelve_alerting_teams_show_the_ten_with_most_chains_and_count_the_rest() -> None:
    alerts = [1, 3, 0, 1, 2, 1, 1, 5, 1, 1, 1, 2, 1]  # t02 has none: 12 teams alert
    standing = org_standing(_table(alerts), {}, "2026-Q4")

    text = alert_text(standing.alert_teams)

    assert text.splitlines() == [
        "**12 teams removed a chain too early (most chains first):**",
        "- U · t07: 5 chains",
        "- U · t01: 3 chains",
        "- U · t04: 2 chains",
        "- U · t11: 2 chains",
        "- U · t00: 1 chain",
        "- U · t03: 1 chain",
        "- U · t05: 1 chain",
        "- U · t06: 1 chain",
        "- U · t08: 1 chain",
        "- U · t09: 1 chain",
        "- and 2 more teams: the chains matrix marks every chain removed too early",
    ]


def test_a_few_alerting_teams_are_all_named_without_a_remainder_line() -> None:
    standing = org_standing(_table([0, 1, 4]), {}, "2026-Q4")

    assert alert_text(standing.alert_teams).splitlines() == [
        "**2 teams removed a chain too early:**",
        "- U · t02: 4 chains",
        "- U · t01: 1 chain",
    ]
