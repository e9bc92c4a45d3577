"""How the self-assessment page counts carried answers and names the confirm button."""

from __future__ import annotations

import pytest

from ui.carried_answers import confirm_label, progress_line


@pytest.mark.parametrize(
    ("answered", "carried", "line"),
    [
        (set(), {}, "0 of 30 questions answered"),
        ({"A", "B"}, {}, "2 of 30 questions answered"),
        ({"A", "B"}, {"A": "2026-Q3", "B": "2026-Q3"}, "0 of 30 questions answered · 2 carried"
         " answers to confirm"),
        ({"A", "B"}, {"B": "2026-Q3"}, "1 of 30 questions answered · 1 carried answer to confirm"),
        # A mark on a question no longer answered (cleared in between) is not waiting.
        ({"A"}, {"B": "2026-Q3"}, "1 of 30 questions answered"),
    ],
)  # fmt: skip
def test_progress_counts_only_confirmed_answers_as_answered(
    answered: set[str], carried: dict[str, str], line: str
):
    assert progress_line(answered, carried, 30) == line


@pytest.mark.parametrize(
    ("periods", "label"),
    [
        (["2026-Q3"], "Confirm the answer carried from 2026-Q3"),
        (["2026-Q3"] * 10, "Confirm the 10 answers carried from 2026-Q3"),
        (["2026-Q2", "2026-Q3"], "Confirm the 2 answers carried"),
    ],
)
def test_the_confirm_button_names_how_many_answers_and_where_they_came_from(
    periods: list[str], label: str
):
    assert confirm_label(periods) == label
