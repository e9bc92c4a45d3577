"""Quarterly periods: stepping back across years and runs of quarters."""

from __future__ import annotations

import pytest

from assessments.periods import parse_period, period_sequence, previous_period


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2026-Q4", "2026-Q3"),
        ("2026-Q2", "2026-Q1"),
        ("2026-Q1", "2025-Q4"),
        ("2000-Q1", "1999-Q4"),
    ],
)
def test_previous_period_steps_back_one_quarter_across_year_ends(period, expected):
    assert previous_period(period) == expected


@pytest.mark.parametrize(
    ("last_period", "count", "expected"),
    [
        ("2026-Q4", 4, ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]),
        ("2026-Q4", 8, [f"{year}-Q{q}" for year in (2025, 2026) for q in (1, 2, 3, 4)]),
        ("2026-Q2", 4, ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]),
        ("2026-Q1", 1, ["2026-Q1"]),
        ("2026-Q1", 0, []),
    ],
)
def test_period_sequence_lists_the_quarters_ending_with_the_last_oldest_first(
    last_period, count, expected
):
    assert period_sequence(last_period, count) == expected


@pytest.mark.parametrize(("period", "expected"), [("2026-Q4", (2026, 4)), ("1999-Q1", (1999, 1))])
def test_parse_period_gives_year_and_quarter(period, expected):
    assert parse_period(period) == expected


@pytest.mark.parametrize("period", ["2026-Q5", "2026-Q0", "2026Q4", "26-Q4", "2026-q4", ""])
def test_a_period_that_is_not_a_quarter_is_rejected_with_a_hint(period):
    with pytest.raises(ValueError) as error:
        previous_period(period)

    assert str(error.value) == (
        f"period {period!r} is not a quarter (hint: write it as e.g. 2026-Q4)"
    )


def test_a_negative_count_of_quarters_is_rejected():
    with pytest.raises(ValueError) as error:
        period_sequence("2026-Q4", -1)

    assert str(error.value) == "count must be 0 or more; got -1"
