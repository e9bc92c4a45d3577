"""The leadership figures: cell values, unit blocks, legends, tooltips, the click, pages."""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd
import pytest

from assessments.reports.org_table import pillar_names, unit_rollup, with_change
from tests.unit.tiny_org import q3_table, q4_table, tiny_content
from ui.figures.chains import SQUARE_WITH_X, chains_matrix_figure
from ui.figures.org import (
    STATUS_COLOURS,
    heatmap_cells,
    heatmap_figure,
    unit_rollup_figure,
)
from ui.figures.team import LEVEL_COLOURS
from ui.org_widgets import selected_slug
from ui.pagination import page_caption, page_count, paginate

CONTENT = tiny_content()
PILLARS = pillar_names(CONTENT.rubric)
CATALOGUE = CONTENT.scoring_catalogue
SUBMITTED = ["billing", "checkout", "runtime"]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return with_change(q4_table(CONTENT), q3_table(CONTENT), PILLARS)


def _spec(figure) -> dict[str, Any]:
    spec: dict[str, Any] = figure.to_dict()
    return spec


def _cells(figure) -> pd.DataFrame:
    """The one dataset a grid draws from."""
    (rows,) = _spec(figure)["datasets"].values()
    return pd.DataFrame(rows)


def _blocks(figure) -> list[tuple[str, list[str]]]:
    """Per unit block: its title and its rows, top to bottom."""
    return [
        (block["title"]["text"], block["layer"][0]["encoding"]["y"]["sort"])
        for block in _spec(figure)["vconcat"]
    ]


def _colour(figure) -> dict[str, Any]:
    colour: dict[str, Any] = _spec(figure)["vconcat"][0]["layer"][0]["encoding"]["color"]
    chosen: dict[str, Any] = colour.get("condition", colour)
    return chosen


def _grid(frame: pd.DataFrame, column: str) -> list[list[Any]]:
    """A cell column as rows of the grid (teams × columns, in order)."""
    values = frame[column].tolist()
    width = frame["column"].nunique()
    return [
        [None if isinstance(v, float) and math.isnan(v) else v for v in values[i : i + width]]
        for i in range(0, len(values), width)
    ]


@pytest.mark.parametrize(
    ("mode", "values", "text"),
    [
        ("level", [[1, 2, 1], [3, 3, 3], [2, 0, 0]], [["1", "2", "1"], ["3", "3", "3"]]),
        ("score", [[25, 50, 37.5], [75, 75, 75], [50, 0, 25]], [["25", "50", "38"], ["75"] * 3]),
        ("change", [[0, 0, 0], [25, 25, 25], [-25, -25, -25]], [["0"] * 3, ["+25"] * 3]),
    ],
)
def test_heatmap_colours_each_submitted_team_by_level_score_or_change(table, mode, values, text):
    cells = _cells(heatmap_figure(table, mode, PILLARS, earlier_period="2026-Q3"))
    assert _grid(cells, "value") == values
    assert _grid(cells, "text")[:2] == text
    assert list(dict.fromkeys(cells["slug"])) == SUBMITTED


def test_heatmap_writes_a_true_minus_sign_on_a_fall(table):
    cells = heatmap_cells(table, "change", PILLARS)
    assert cells["text"].tolist()[-3:] == ["−25", "−25", "−25"]


def test_heatmap_columns_are_the_pillars_then_overall_in_lines_that_never_tilt(table):
    spec = _spec(heatmap_figure(table, "level", PILLARS))
    x = spec["vconcat"][0]["layer"][0]["encoding"]["x"]
    assert x["sort"] == ["Blast radius", "Production\naccess", "Overall"]
    assert x["axis"]["labelExpr"] == "split(datum.label, '\\n')"
    assert x["axis"]["labelAngle"] == 0
    # Only the first block names the columns.
    assert spec["vconcat"][1]["layer"][0]["encoding"]["x"]["axis"] is None


def test_heatmap_rows_are_grouped_by_unit_in_blocks_titled_with_the_unit(table):
    assert _blocks(heatmap_figure(table, "level", PILLARS)) == [
        ("Payments", ["Billing", "Checkout"]),
        ("Platform", ["Runtime"]),
    ]


def test_heatmap_keeps_table_order_even_when_a_unit_comes_back(table):
    shuffled = table.loc[["billing", "runtime", "checkout", "ci", "edge"]]
    assert _blocks(heatmap_figure(shuffled, "level", PILLARS)) == [
        ("Payments", ["Billing"]),
        ("Platform", ["Runtime"]),
        ("Payments", ["Checkout"]),
    ]


def test_heatmap_level_mode_has_one_legend_colour_per_level(table):
    colour = _colour(heatmap_figure(table, "level", PILLARS))
    assert colour["type"] == "ordinal"
    assert colour["scale"] == {"domain": [0, 1, 2, 3, 4], "range": list(LEVEL_COLOURS)}
    assert colour["legend"]["title"] == "Level"


def test_heatmap_level_colours_stretch_over_a_three_level_questionnaire(table):
    colour = _colour(heatmap_figure(table, "level", PILLARS, top_level=2))
    assert colour["scale"]["domain"] == [0, 1, 2]
    assert colour["scale"]["range"] == [LEVEL_COLOURS[0], LEVEL_COLOURS[2], LEVEL_COLOURS[4]]


def test_heatmap_score_mode_runs_red_to_blue_over_0_to_100(table):
    colour = _colour(heatmap_figure(table, "score", PILLARS))
    assert (colour["type"], colour["legend"]["title"]) == ("quantitative", "Score")
    assert colour["scale"]["domain"] == [0, 100]
    assert colour["scale"]["range"] == list(LEVEL_COLOURS)


def test_heatmap_change_mode_diverges_around_zero_and_blanks_teams_without_a_comparison(table):
    encoding = _spec(heatmap_figure(table, "change", PILLARS))["vconcat"][0]["layer"][0]
    colour = encoding["encoding"]["color"]
    assert colour["condition"]["scale"] == {
        "domain": [-25.0, 25.0],
        "domainMid": 0,
        "scheme": "redblue",
    }
    assert colour["condition"]["legend"]["title"] == "Score change"
    assert colour["condition"]["test"] == "isValid(datum.value)"
    assert colour["value"] == "transparent"


def test_heatmap_cells_without_a_comparison_are_blank_and_say_why(table):
    uncompared = table.assign(compared=table.index != "runtime")
    uncompared.loc["runtime", [c for c in table if "change" in c]] = float("nan")
    cells = heatmap_cells(uncompared, "change", PILLARS, earlier_period="2026-Q3")
    runtime = cells[cells["slug"] == "runtime"]
    assert runtime["text"].tolist() == ["", "", ""]
    assert runtime["value"].isna().all()
    assert set(runtime["change"]) == {"No submission to compare with since 2026-Q3"}


def test_heatmap_numbers_stay_readable_on_deep_and_pale_cells(table):
    cells = heatmap_cells(table, "level", PILLARS)
    ink = dict(zip(cells["value"], cells["ink"], strict=True))
    # Level 0 is deep red and 3 pale blue; 2 is the palest.
    assert (ink[0.0], ink[2.0], ink[3.0]) == ("#ffffff", "#1a1a1a", "#1a1a1a")


def test_a_click_on_any_heatmap_block_selects_the_team_by_slug(table):
    spec = _spec(heatmap_figure(table, "level", PILLARS))
    assert spec["params"] == [
        {
            "name": "team",
            "select": {"type": "point", "fields": ["slug"], "on": "click"},
            "views": ["cells_0", "cells_1"],
        }
    ]
    assert [b["layer"][0]["name"] for b in spec["vconcat"]] == ["cells_0", "cells_1"]


def test_heatmap_tooltip_shows_team_unit_level_score_and_weakest_pillar(table):
    figure = heatmap_figure(table, "level", PILLARS)
    tooltip = _spec(figure)["vconcat"][0]["layer"][0]["encoding"]["tooltip"]
    assert [(t["field"], t["title"]) for t in tooltip] == [
        ("team", "Team"),
        ("unit", "Unit"),
        ("pillar", "Pillar"),
        ("level", "Level"),
        ("score", "Score"),
        ("weakest", "Weakest pillar"),
    ]
    cells = _cells(figure)
    assert cells.iloc[7][["team", "unit", "pillar", "level", "score", "weakest"]].tolist() == [
        "Runtime",
        "Platform",
        "Production access",
        "0",
        "0",
        "Production access",
    ]
    assert cells.iloc[8][["level", "score"]].tolist() == [
        "0 (the weakest pillar's)",
        "25 (mean of the pillars)",
    ]


def test_heatmap_tooltip_in_change_mode_gives_the_change_since_the_earlier_period(table):
    figure = heatmap_figure(table, "change", PILLARS, earlier_period="2026-Q3")
    tooltip = _spec(figure)["vconcat"][0]["layer"][0]["encoding"]["tooltip"]
    assert (tooltip[-1]["field"], tooltip[-1]["title"]) == ("change", "Change since 2026-Q3")
    assert _cells(figure).iloc[3]["change"] == "score +25, level +1"


@pytest.mark.parametrize("name", ["<b>Bill</b>", "<script>alert(1)</script>", "=cmd|' /C calc'!A0"])
def test_heatmap_shows_hostile_team_names_verbatim_as_text(name):
    named = q4_table(CONTENT, names={"billing": name})
    figure = heatmap_figure(named, "level", PILLARS)
    assert _blocks(figure)[0][1][0] == name
    assert set(_cells(figure).query("slug == 'billing'")["team"]) == {name}
    assert "&lt;" not in json.dumps(_spec(figure))


def test_every_heatmap_row_is_one_step_high_however_many_teams(table):
    big = pd.concat([table] * 40)
    big.index = [f"t{i}" for i in range(len(big))]
    spec = _spec(heatmap_figure(big, "level", PILLARS))
    assert {b["height"]["step"] for b in spec["vconcat"]} == {26}
    assert sum(len(rows) for _, rows in _blocks(heatmap_figure(big, "level", PILLARS))) == 120


def test_chains_matrix_has_one_legend_entry_per_status_with_a_human_label(table):
    colour = _spec(chains_matrix_figure(table, CATALOGUE))["vconcat"][0]["layer"][0]["encoding"]
    assert colour["color"]["legend"]["title"] == "Status"
    assert colour["color"]["scale"]["domain"] == [
        "Next to remove",
        "Eligible now",
        "In place (blocked)",
        "Removed",
        "Removed too early",
        "Permanent (stays)",
    ]


@pytest.mark.parametrize(
    ("status", "colour"),
    [
        ("Next to remove", "#1b7837"),
        ("Eligible now", "#a6dba0"),
        ("In place (blocked)", "#d9d9d9"),
        ("Removed", "#2166ac"),
        ("Removed too early", "#d55e00"),
        ("Permanent (stays)", "#525252"),
    ],
)
def test_chains_matrix_gives_each_status_its_own_colour(table, status, colour):
    scale = _colour(chains_matrix_figure(table, CATALOGUE))["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True))[status] == colour


@pytest.mark.parametrize(
    ("status", "cells"),
    [
        ("Next to remove", [("2. Approve deploys", "Checkout", "checkout")]),
        ("Eligible now", [("1. Approve each tool call", "Runtime", "runtime")]),
        (
            "Removed too early",
            [("2. Approve deploys", "Billing", "billing"), ("3. Prod write", "Runtime", "runtime")],
        ),
        ("Removed", [("1. Approve each tool call", "Checkout", "checkout")]),
    ],
)
def test_chains_matrix_puts_each_cell_under_its_status(table, status, cells):
    frame = _cells(chains_matrix_figure(table, CATALOGUE)).query("status == @status")
    got = list(zip(frame["column"], frame["row"], frame["slug"], strict=True))
    assert got == cells


def test_chains_matrix_marks_removed_too_early_with_an_x_as_well_as_a_colour(table):
    shape = _spec(chains_matrix_figure(table, CATALOGUE))["vconcat"][0]["layer"][0]["encoding"]
    scale = shape["shape"]["scale"]
    shapes = dict(zip(scale["domain"], scale["range"], strict=True))
    assert shapes["Removed too early"] == SQUARE_WITH_X
    assert {shapes[s] for s in shapes if s != "Removed too early"} == {"square"}
    # Colour and shape share the field and title, so the legend shows the X too.
    assert shape["shape"]["legend"] == shape["color"]["legend"]


def test_chains_matrix_keeps_teams_in_table_order_grouped_by_unit(table):
    figure = chains_matrix_figure(table, CATALOGUE)
    assert _blocks(figure) == [("Payments", ["Billing", "Checkout"]), ("Platform", ["Runtime"])]
    assert _spec(figure)["params"][0]["select"]["fields"] == ["slug"]
    assert list(STATUS_COLOURS) == [
        "next",
        "eligible",
        "blocked",
        "removed",
        "removed_too_early",
        "permanent",
    ]


def test_chains_matrix_tooltip_names_team_unit_chain_and_status(table):
    figure = chains_matrix_figure(table, CATALOGUE)
    tooltip = _spec(figure)["vconcat"][0]["layer"][0]["encoding"]["tooltip"]
    assert [t["title"] for t in tooltip] == ["Team", "Unit", "Chain", "Status"]
    first = _cells(figure).iloc[1]
    assert first[["team", "unit", "chain", "status"]].tolist() == [
        "Billing",
        "Payments",
        "Approve deploys",
        "Removed too early",
    ]


def test_unit_rollup_figure_colours_units_by_mean_level(table):
    figure = unit_rollup_figure(unit_rollup(table, PILLARS), PILLARS)
    spec = _spec(figure)
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["Payments (2/2)", "Platform (1/3)"]
    cells = _cells(figure)
    assert _grid(cells, "value") == [[2.0, 2.5, 2.0], [2.0, 0.0, 0.0]]
    assert _grid(cells, "text")[0] == ["2.0", "2.5", "2.0"]
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"]["domain"] == [0, 4]
    assert colour["legend"]["title"] == "Mean level"
    assert cells.iloc[3][["unit", "median", "score", "submitted"]].tolist() == [
        "Platform",
        "2.0",
        "50",
        "1 of 3 teams",
    ]


@pytest.mark.parametrize(
    ("rows", "size", "pages"), [(0, 50, 1), (1, 50, 1), (50, 50, 1), (51, 50, 2), (2000, 50, 40)]
)
def test_page_count_covers_every_row(rows, size, pages):
    assert page_count(rows, size) == pages


@pytest.mark.parametrize(
    ("page", "index"), [(1, [0, 1]), (2, [2, 3]), (3, [4]), (9, [4]), (0, [0, 1])]
)
def test_paginate_returns_the_rows_of_a_page_clamped_to_the_pages_there_are(page, index):
    frame = pd.DataFrame({"n": range(5)})
    assert list(paginate(frame, page, 2)["n"]) == index


def test_page_caption_names_the_rows_shown():
    assert page_caption(2000, 2, 50) == "Teams 51–100 of 2,000"
    assert page_caption(0, 1, 50) == "No teams"


def test_two_teams_with_the_same_name_in_a_unit_keep_their_own_rows():
    named = q4_table(CONTENT, names={"billing": "Checkout"})
    figure = heatmap_figure(named, "level", PILLARS)
    assert _blocks(figure)[0] == ("Payments", ["Checkout (billing)", "Checkout (checkout)"])
    assert list(dict.fromkeys(_cells(figure)["row"])) == [
        "Checkout (billing)",
        "Checkout (checkout)",
        "Runtime",
    ]


@pytest.mark.parametrize(
    ("state", "slug"),
    [
        ({"selection": {"team": [{"slug": "checkout"}]}}, "checkout"),
        ({"selection": {"team": []}}, None),
        ({"selection": {}}, None),
        (None, None),
    ],
)
def test_a_click_on_a_grid_opens_the_selected_teams_slug(state, slug):
    assert selected_slug(state) == slug


def _keys(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for value in node.values() for k in _keys(value)}
    if isinstance(node, list):
        return {k for item in node for k in _keys(item)}
    return set()


@pytest.mark.parametrize("grid", ["heatmap", "units", "chains matrix"])
def test_no_grid_paints_a_background_or_sets_a_theme_of_its_own(table, grid):
    figure = {
        "heatmap": lambda: heatmap_figure(table, "change", PILLARS),
        "units": lambda: unit_rollup_figure(unit_rollup(table, PILLARS), PILLARS),
        "chains matrix": lambda: chains_matrix_figure(table, CATALOGUE),
    }[grid]()
    spec = _spec(figure)
    assert not _keys(spec) & {"background", "usermeta"}
    # Streamlit's theme styles fonts, axes and legends in light and dark alike.
    assert spec["config"] == {"view": {"continuousWidth": 300, "continuousHeight": 300}}
