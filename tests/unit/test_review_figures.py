"""The review's charts: trends say what they plot, mark the baseline and spread close lines;
the removable-now bars stack per chain with whole-team ticks and wrapped names."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from assessments.reports import org_review
from assessments.reports.org_table import pillar_names, with_change
from assessments.service.quarterly_review import build_review
from tests.unit.tiny_org import history, q3_table, q4_table, tiny_content
from tests.unit.vega_spec import encoding, layers, rows, texts
from ui.exports.review_sections import pack_sections
from ui.figures.org import STATUS_COLOURS
from ui.figures.review import removable_now_figure, trend_figure

CONTENT = tiny_content()
PILLARS = pillar_names(CONTENT.rubric)
CATALOGUE = CONTENT.scoring_catalogue
LONG = "Approve production deploys (the agent never deploys its own artifact)"


def removable(chain: str = LONG) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order": [1, 2, 3],
            "chain": [chain, "CAB", "Write to production"],
            "permanent": [False, False, True],
            "next": [1, 0, 0],
            "eligible": [0, 2, 0],
            "could_remove_now": [1, 2, 0],
        }
    )


def test_the_trend_chart_plots_the_mean_level_its_axis_names() -> None:
    trends = org_review.pillar_trends(history(CONTENT), PILLARS)
    figure = trend_figure(trends, PILLARS)

    assert encoding(figure)["y"]["title"] == "Mean readiness level (0–4)"
    first = trends[trends["pillar"] == "blast_radius"].sort_values("period")
    drawn = [r["value"] for r in rows(layers(figure, "line")[0]) if r["pillar"] == "Blast radius"]
    assert drawn == first["mean_level"].tolist()


def test_the_value_axis_spans_the_data_so_close_lines_separate() -> None:
    trends = org_review.pillar_trends(history(CONTENT), PILLARS)
    low, high = encoding(trend_figure(trends, PILLARS))["y"]["scale"]["domain"]
    levels = trends["mean_level"].astype(float)
    assert 0 <= low <= levels.min() and levels.max() <= high <= 4
    assert high - low < 4


def test_a_chosen_baseline_is_marked_on_the_trend_chart() -> None:
    trends = org_review.pillar_trends(history(CONTENT), PILLARS)
    figure = trend_figure(trends, PILLARS, baseline="2026-Q3")

    (rule,) = layers(figure, "rule")
    assert rows(rule) == [
        {
            "period": "2026-Q3",
            "label": "baseline 2026-Q3",
            "text": "baseline 2026-Q3",
            "side": "right",
        }
    ]
    assert encoding(figure, 2)["x"]["bandPosition"] == 0.5
    # Labelled at the plot's foot: a version change's label a period away sits at its head.
    (label,) = layers(figure, "text")
    assert (label.mark.baseline, encoding(figure, 3)["y"]) == ("bottom", {"value": 300})
    assert texts(figure) == ["baseline 2026-Q3"]


def test_the_trend_draws_a_line_per_pillar_and_dashes_the_unit() -> None:
    scored = history(CONTENT)
    org = org_review.pillar_trends(scored, PILLARS)
    unit = org_review.pillar_trends(scored, PILLARS, unit_slug="platform")
    figure = trend_figure(org, PILLARS, unit_trends=unit, unit_name="Platform", measure="score")

    drawn = rows(layers(figure, "line")[0])
    assert list(dict.fromkeys((r["scope"], r["pillar"]) for r in drawn)) == [
        ("Organisation", "Blast radius"),
        ("Organisation", "Production access"),
        ("Organisation", "Overall"),
        ("Platform", "Blast radius"),
        ("Platform", "Production access"),
        ("Platform", "Overall"),
    ]
    blast = [
        r["value"] for r in drawn if r["scope"] == "Organisation" and r["pillar"] == "Blast radius"
    ]
    assert blast == [62.5, 50.0]
    dash = encoding(figure)["strokeDash"]
    assert dash["field"] == "scope"
    assert dash["scale"] == {"domain": ["Organisation", "Platform"], "range": [[1, 0], [6, 4]]}


def test_a_hostile_unit_name_reaches_the_trend_verbatim() -> None:
    scored = history(CONTENT)
    org = org_review.pillar_trends(scored, PILLARS)
    unit = org_review.pillar_trends(scored, PILLARS, unit_slug="platform")
    name = "<script>alert(1)</script> & =cmd|' R&D 🚀 שלום"
    figure = trend_figure(org, PILLARS, unit_trends=unit, unit_name=name)

    assert name in {r["scope"] for r in rows(layers(figure, "line")[0])}
    # The legend looks the name up as a JSON string literal and draws it as text.
    legend = encoding(figure)["strokeDash"]["legend"]["labelExpr"]
    assert json.dumps(["Organisation", name]) in legend


def test_a_long_unit_name_is_shortened_and_wrapped_in_the_legend_only() -> None:
    scored = history(CONTENT)
    org = org_review.pillar_trends(scored, PILLARS)
    unit = org_review.pillar_trends(scored, PILLARS, unit_slug="platform")
    name = "Platform " * 25
    figure = trend_figure(org, PILLARS, unit_trends=unit, unit_name=name)

    assert name in {r["scope"] for r in rows(layers(figure, "line")[0])}
    legend = encoding(figure)["strokeDash"]["legend"]["labelExpr"]
    drawn = json.loads(legend.split(" ? ")[1].split("[indexof")[0])
    assert all(len(line) <= 18 for line in drawn[1])
    assert len(" ".join(drawn[1])) == 60 and drawn[1][-1].endswith("…")


def test_removable_now_stacks_next_and_eligible_per_removable_chain() -> None:
    table = with_change(q4_table(CONTENT), q3_table(CONTENT), PILLARS)
    figure = removable_now_figure(org_review.removable_now(table, CATALOGUE))

    bars, _ = layers(figure, "bar") + layers(figure, "text")
    assert [(r["chain"], r["status"], r["teams"]) for r in rows(bars)] == [
        ("1. Approve each tool call", "Next to remove", 0),
        ("1. Approve each tool call", "Eligible now", 1),
        ("2. Approve deploys", "Next to remove", 1),
        ("2. Approve deploys", "Eligible now", 0),
    ]
    colour = encoding(figure)["color"]["scale"]
    assert colour == {
        "domain": ["Next to remove", "Eligible now"],
        "range": [STATUS_COLOURS["next"], STATUS_COLOURS["eligible"]],
    }
    assert encoding(figure)["order"] == {"field": "stack", "type": "quantitative"}


def test_removable_now_wraps_long_chain_names_totals_each_bar_and_tooltips_the_whole_name():
    figure = removable_now_figure(removable())

    (bars,) = layers(figure, "bar")
    names = list(dict.fromkeys(r["name"] for r in rows(bars)))
    assert names == [
        "1. Approve production\ndeploys (the agent never\ndeploys its own artifact)",
        "2. CAB",
    ]
    assert encoding(figure)["y"]["axis"]["labelExpr"] == "split(datum.label, '\\n')"
    assert [r["chain"] for r in rows(bars)][::2] == [f"1. {LONG}", "2. CAB"]
    assert {"field": "chain", "title": "Chain", "type": "nominal"} in encoding(figure)["tooltip"]
    (ends,) = layers(figure, "text")
    assert [(r["chain"], r["total"]) for r in rows(ends)] == [(f"1. {LONG}", 1), ("2. CAB", 2)]
    # Two more lines of name, two more lines of height.
    assert figure.height == removable_now_figure(removable("One")).height + 32


@pytest.mark.parametrize(
    ("most", "ticks"), [(0, [0, 1]), (2, [0, 1, 2, 3]), (40, list(range(0, 46, 5)))]
)
def test_removable_now_ticks_whole_teams_past_the_longest_bar(most: int, ticks: list[int]) -> None:
    frame = removable().assign(next=[most, 0, 0], eligible=[0, 0, 0], could_remove_now=[most, 0, 0])
    x = encoding(removable_now_figure(frame))["x"]
    assert (x["axis"]["values"], x["axis"]["format"]) == (ticks, "d")
    assert x["scale"]["domain"] == [0, ticks[-1]]


def test_the_first_quarter_has_no_empty_previous_quarter_column() -> None:
    review = build_review(
        CONTENT,
        q3_table(CONTENT),
        q3_table(CONTENT).iloc[0:0],
        history(CONTENT),
        period="2026-Q3",
    )
    standing = pack_sections(review)[0]
    assert standing.tables[0].headers == (
        "Pillar",
        "Mean level 2026-Q3",
        "Mean score 2026-Q3",
    )
    assert (
        standing.paragraphs[-1]
        == "No team submitted in 2026-Q2, so there is nothing to compare with."
    )


def test_a_200_character_chain_name_is_cut_on_the_axis_and_whole_in_the_tooltip() -> None:
    name = "Approve " + "x" * 192
    (bars,) = layers(removable_now_figure(removable(name)), "bar")

    first = rows(bars)[0]
    assert first["chain"] == f"1. {name}"
    lines = first["name"].split("\n")
    assert len(lines) <= 4 and lines[-1].endswith("…")
    assert len("".join(lines)) <= 80
