"""A 200-character team name keeps the heatmap readable: the axis shows it shortened with an
ellipsis (never more than 30 characters), the tooltip shows it whole and as typed."""

from __future__ import annotations

from assessments.reports.org_table import pillar_names
from tests.unit.tiny_org import q4_table, tiny_content
from ui.figures.org import heatmap_cells, heatmap_figure

CONTENT = tiny_content()
PILLARS = pillar_names(CONTENT.rubric)
LONG = "Checkout " + "and payments " * 15 + "& <b>Co</b>"


def _rows(table) -> list[str]:
    spec = heatmap_figure(table, "level", PILLARS).to_dict()
    return [row for block in spec["vconcat"] for row in block["layer"][0]["encoding"]["y"]["sort"]]


def test_a_long_team_name_is_shortened_on_the_axis_and_whole_in_the_tooltip():
    table = q4_table(CONTENT, names={"billing": LONG})

    rows = _rows(table)
    assert len(LONG) > 200
    assert rows == ["Checkout and payments and pay…", "Checkout", "Runtime"]
    assert max(len(r) for r in rows) <= 30
    billing = heatmap_cells(table, "level", PILLARS).query("slug == 'billing'")
    assert set(billing["team"]) == {LONG}


def test_a_long_name_does_not_widen_the_name_column_past_its_cap_or_40_percent_of_a_phone():
    spec = heatmap_figure(q4_table(CONTENT, names={"billing": LONG}), "level", PILLARS).to_dict()
    y = spec["vconcat"][0]["layer"][0]["encoding"]["y"]["axis"]
    x = spec["vconcat"][0]["layer"][0]["encoding"]["x"]["scale"]
    names = "min(237, round(0.4 * width))"
    # The names sit inside the plot, left of the cells.
    assert (y["offset"], y["labelLimit"]) == ({"expr": f"-{names}"}, {"expr": f"{names} - 8"})
    assert x["range"] == [{"expr": names}, {"expr": "width"}]


def test_two_long_names_that_shorten_alike_stay_two_rows_with_their_slugs_in_sight():
    names = {"billing": LONG + " one", "checkout": LONG + " two"}

    rows = _rows(q4_table(CONTENT, names=names))

    assert rows == ["Checkout and paymen… (billing)", "Checkout and payme… (checkout)", "Runtime"]
    assert max(len(r) for r in rows) <= 30
