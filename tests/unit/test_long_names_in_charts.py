"""A 200-character team name keeps the heatmap readable: the axis shows it shortened with an
ellipsis (never more than 40 characters), the hover shows it whole."""

from __future__ import annotations

from assessments.reports.org_table import pillar_names
from tests.unit.tiny_org import q4_table, tiny_content
from ui.figures.org import heatmap_figure

CONTENT = tiny_content()
PILLARS = pillar_names(CONTENT.rubric)
LONG = "Checkout " + "and payments " * 15 + "& <b>Co</b>"


def test_a_long_team_name_is_shortened_on_the_axis_and_whole_in_the_hover():
    figure = heatmap_figure(q4_table(CONTENT, names={"billing": LONG}), "level", PILLARS)

    units, teams = figure.data[0].y
    assert len(LONG) > 200
    assert list(teams) == [
        "Checkout and payments and payments and…",
        "Checkout",
        "Runtime",
    ]
    assert max(len(t) for t in (*teams, *units)) <= 40
    assert "Checkout and payments and payments and payments" in figure.data[1].customdata[0][1]
    assert "&amp; &lt;b&gt;Co&lt;/b&gt;" in figure.data[1].customdata[0][1]


def test_two_long_names_that_shorten_alike_stay_two_rows():
    names = {"billing": LONG + " one", "checkout": LONG + " two"}
    figure = heatmap_figure(q4_table(CONTENT, names=names), "level", PILLARS)

    _, teams = figure.data[0].y
    assert list(teams) == [
        "Checkout and payments and payments and… (billing)",
        "Checkout and payments and payments and… (checkout)",
        "Runtime",
    ]
