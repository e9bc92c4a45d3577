"""A review section's table on the page shows a screenful; the pack keeps every row."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _section_page() -> None:
    from ui.exports.review_sections import Section, Table
    from ui.review_view import render_section

    rows = tuple((f"Team {n:03}", str(n % 5)) for n in range(120))
    render_section(Section("Low confidence", tables=(Table(("Team", "Level"), rows),)), "s")


def test_a_long_table_shows_its_first_rows_and_says_how_many_there_are() -> None:
    at = AppTest.from_function(_section_page).run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert list(shown["Team"]) == [f"Team {n:03}" for n in range(50)]
    assert at.caption[0].value == "The first 50 of 120 rows; the review pack below has every row."
