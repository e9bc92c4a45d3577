"""Every chart reads on the light and the dark theme: no white boxes, no near-black lines."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from assessments.reports import org_review
from assessments.reports.org_table import pillar_names, unit_rollup, with_change
from assessments.service.team_scoring import HistoryPoint
from tests.unit.tiny_org import history, q3_table, q4_table, tiny_content
from ui.figures.chains import chains_matrix_figure
from ui.figures.org import (
    PILLAR_COLOURS,
    heatmap_figure,
    unit_rollup_figure,
)
from ui.figures.review import removable_now_figure, trend_figure
from ui.figures.team import SERIES_COLOURS, history_figure

CONTENT = tiny_content()
PILLARS = pillar_names(CONTENT.rubric)
LIGHT, DARK = "#ffffff", "#0e1117"
"""Streamlit's light and dark page backgrounds."""


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _figures() -> dict[str, go.Figure]:
    table = with_change(q4_table(CONTENT), q3_table(CONTENT), PILLARS)
    trends = org_review.pillar_trends(history(CONTENT), PILLARS)
    points = [
        HistoryPoint(period, name, level, score)
        for period, score, level in (("2026-Q3", 40.0, 1), ("2026-Q4", 60.0, 2))
        for name in PILLARS.values()
    ]
    return {
        "heatmap": heatmap_figure(table, "level", PILLARS),
        "chains matrix": chains_matrix_figure(table, CONTENT.scoring_catalogue),
        "units": unit_rollup_figure(unit_rollup(table, PILLARS), PILLARS),
        "trend": trend_figure(trends, PILLARS),
        "removable now": removable_now_figure(
            org_review.removable_now(table, CONTENT.scoring_catalogue)
        ),
        "team history": history_figure(points),
    }


@pytest.mark.parametrize("name", list(_figures()))
def test_no_figure_paints_a_white_background_over_the_theme(name) -> None:
    layout = _figures()[name].layout
    for colour in (layout.plot_bgcolor, layout.paper_bgcolor):
        assert colour in (None, "rgba(0,0,0,0)")


@pytest.mark.parametrize("name", ["trend", "team history"])
def test_every_line_stays_visible_on_the_light_and_the_dark_theme(name) -> None:
    for trace in _figures()[name].data:
        for background in (LIGHT, DARK):
            assert contrast(trace.line.color, background) >= 2, (trace.name, background)


def test_a_pillar_has_the_same_colour_in_the_team_history_and_the_review() -> None:
    assert PILLAR_COLOURS == SERIES_COLOURS
    trend = {t.name: t.line.color for t in _figures()["trend"].data}
    team = {t.name: t.line.color for t in _figures()["team history"].data}
    assert {n: trend[n] for n in PILLARS.values()} == {n: team[n] for n in PILLARS.values()}
