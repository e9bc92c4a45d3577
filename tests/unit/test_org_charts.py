"""The leadership figures' data: z values, axis labels, hover slugs, status colours, pages."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from assessments.reports.org_table import pillar_names, unit_rollup, with_change
from tests.unit.tiny_org import q3_table, q4_table, tiny_content
from ui.figures.chains import chains_matrix_figure
from ui.figures.org import (
    STATUS_COLOURS,
    heatmap_figure,
    unit_rollup_figure,
)
from ui.figures.team import LEVEL_COLOURS
from ui.pagination import page_caption, page_count, paginate

CONTENT = tiny_content()
PILLARS = pillar_names(CONTENT.rubric)
CATALOGUE = CONTENT.scoring_catalogue
SUBMITTED = ["billing", "checkout", "runtime"]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return with_change(q4_table(CONTENT), q3_table(CONTENT), PILLARS)


def _z(figure) -> list[list[float | None]]:
    return [[None if math.isnan(v) else v for v in row] for row in figure.data[0].z]


@pytest.mark.parametrize(
    ("mode", "z"),
    [
        ("level", [[1, 2, 1], [3, 3, 3], [2, 0, 0]]),
        ("score", [[25, 50, 37.5], [75, 75, 75], [50, 0, 25]]),
        ("change", [[0, 0, 0], [25, 25, 25], [-25, -25, -25]]),
    ],
)
def test_heatmap_colours_each_submitted_team_by_level_score_or_change(table, mode, z):
    figure = heatmap_figure(table, mode, PILLARS, earlier_period="2026-Q3")
    assert _z(figure) == z


def test_heatmap_columns_are_the_pillars_then_overall(table):
    figure = heatmap_figure(table, "level", PILLARS)
    assert list(figure.data[0].x) == ["Blast radius", "Production<br>access", "Overall"]


def test_heatmap_rows_are_grouped_by_unit_on_a_two_level_axis(table):
    figure = heatmap_figure(table, "level", PILLARS)
    units, teams = figure.data[0].y
    assert list(units) == ["Payments", "Payments", "Platform"]
    assert list(teams) == ["Billing", "Checkout", "Runtime"]


def test_heatmap_level_mode_uses_one_flat_colour_band_per_level(table):
    trace = heatmap_figure(table, "level", PILLARS).data[0]
    assert (trace.zmin, trace.zmax) == (-0.5, 4.5)
    bands = [colour for _, colour in trace.colorscale]
    assert bands == [c for c in LEVEL_COLOURS for _ in range(2)]


def test_heatmap_change_mode_diverges_around_zero(table):
    trace = heatmap_figure(table, "change", PILLARS).data[0]
    assert (trace.zmid, trace.zmin, trace.zmax) == (0, -25.0, 25.0)


def test_heatmap_cells_carry_the_team_slug_for_the_drill_down(table):
    markers = heatmap_figure(table, "level", PILLARS).data[1]
    assert [c[0] for c in markers.customdata] == [s for s in SUBMITTED for _ in range(3)]
    assert list(markers.x[:3]) == ["Blast radius", "Production<br>access", "Overall"]


def test_heatmap_hover_shows_score_level_and_weakest_pillar(table):
    markers = heatmap_figure(table, "level", PILLARS).data[1]
    assert markers.customdata[7][1] == (
        "<b>Runtime</b> · Platform<br>Production access: level 0, score 0"
        "<br>Weakest pillar: Production access"
    )


def test_heatmap_hover_in_change_mode_gives_the_change_since_the_earlier_period(table):
    markers = heatmap_figure(table, "change", PILLARS, earlier_period="2026-Q3").data[1]
    assert markers.customdata[3][1].endswith(
        "<br>Change since 2026-Q3: score +25, level +1<br>Weakest pillar: Blast radius"
    )


def test_heatmap_escapes_team_names_so_they_cannot_become_markup():
    named = q4_table(CONTENT, names={"billing": "<b>Bill</b>"})
    figure = heatmap_figure(named, "level", PILLARS)
    assert figure.data[0].y[1][0] == "&lt;b&gt;Bill&lt;/b&gt;"
    assert "<b>Bill" not in figure.data[1].customdata[0][1]


def test_heatmap_height_grows_with_the_number_of_rows(table):
    assert heatmap_figure(table, "level", PILLARS).layout.height == 260
    big = pd.concat([table] * 40)
    big.index = [f"t{i}" for i in range(len(big))]
    assert heatmap_figure(big, "level", PILLARS).layout.height == 140 + 26 * 120


def test_chains_matrix_has_one_legend_entry_per_status_with_a_human_label(table):
    figure = chains_matrix_figure(table, CATALOGUE)
    legend = [t.name for t in figure.data if t.showlegend]
    assert legend == [
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
    trace = next(t for t in chains_matrix_figure(table, CATALOGUE).data if t.name == status)
    assert trace.marker.color == colour


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
    trace = next(t for t in chains_matrix_figure(table, CATALOGUE).data if t.name == status)
    got = list(zip(trace.x, trace.y[1], [c[0] for c in trace.customdata], strict=True))
    assert got == cells


def test_chains_matrix_marks_removed_too_early_with_an_x_as_well_as_a_colour(table):
    traces = {t.name: t for t in chains_matrix_figure(table, CATALOGUE).data}
    assert traces["Removed too early"].marker.symbol == "square-x"
    assert traces["Removed"].marker.symbol == "square"


def test_chains_matrix_keeps_teams_in_table_order_whatever_their_statuses(table):
    first = chains_matrix_figure(table, CATALOGUE).data[0]
    assert list(first.y[1]) == ["Billing", "Checkout", "Runtime"]
    assert list(STATUS_COLOURS) == [
        "next",
        "eligible",
        "blocked",
        "removed",
        "removed_too_early",
        "permanent",
    ]


def test_unit_rollup_figure_colours_units_by_mean_level(table):
    figure = unit_rollup_figure(unit_rollup(table, PILLARS), PILLARS)
    trace = figure.data[0]
    assert list(trace.y) == ["Payments (2/2)", "Platform (1/3)"]
    assert _z(figure) == [[2.0, 2.5, 2.0], [2.0, 0.0, 0.0]]
    assert trace.text[0] == ["2.0", "2.5", "2.0"]


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
    assert list(figure.data[0].y[1]) == ["Checkout (billing)", "Checkout (checkout)", "Runtime"]
