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


def test_a_long_table_is_as_tall_as_the_rows_it_shows_not_as_all_of_them() -> None:
    from ui.exports.review_sections import Table
    from ui.review_view import screenful
    from ui.tables import full_height

    rows = tuple((f"Team {n:03}", str(n % 5)) for n in range(2000))
    view = screenful(Table(("Team", "Level"), rows))

    # 2,000 rows kept, 50 shown: the page must not reserve blank space for the other 1,950.
    assert len(view.frame) == 50
    assert view.height == full_height(50) < full_height(2000)
    assert view.note == "The first 50 of 2,000 rows; the review pack below has every row."
    short = screenful(Table(("Team", "Level"), rows[:3]))
    assert (len(short.frame), short.height, short.note) == (3, full_height(3), "")
