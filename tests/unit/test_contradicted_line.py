"""The contradicted-claims line under the heatmap and in the review at organisation scale."""

from __future__ import annotations

import pandas as pd

from ui.evidence_sections import contradicted_line

PREFIX = ":material/fact_check: Contradicted claims, counted at their evidence bounds: "


def _table(counts: dict[str, float | None]) -> pd.DataFrame:
    return pd.DataFrame({"team": list(counts), "contradicted": list(counts.values())})


def test_twelve_teams_name_the_ten_with_most_and_count_the_rest() -> None:
    counts: dict[str, float | None] = {f"Team {c}": 1.0 for c in "ABCDEFGHIJ"}
    counts |= {"Zeta": 4.0, "Omega": 2.0, "None": None, "Clean": 0.0}

    assert contradicted_line(_table(counts)) == (
        PREFIX + "Zeta 4, Omega 2, Team A 1, Team B 1, Team C 1, Team D 1, Team E 1, Team F 1,"
        " Team G 1, Team H 1; and 2 more teams: “Only teams with contradicted claims” on the org"
        " heatmap lists them all"
    )


def test_a_few_teams_are_all_named_and_markup_in_names_is_inert() -> None:
    line = contradicted_line(_table({"**Bold** team": 2.0, "Plain": 1.0}))

    assert line == PREFIX + "\\*\\*Bold\\*\\* team 2, Plain 1"


def test_no_line_without_contradictions_or_without_the_column() -> None:
    assert contradicted_line(_table({"A": 0.0, "B": None})) is None
    assert contradicted_line(pd.DataFrame({"team": ["A"]})) is None
