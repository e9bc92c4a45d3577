"""Plotly figure builders for one team: pure functions of scoring results, easy to test."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import plotly.graph_objects as go

from assessments.service.team_scoring import HistoryPoint
from scoring.results import AssessmentResult

LEVEL_COLOURS = ("#b2182b", "#ef8a62", "#fddbc7", "#91bfdb", "#2166ac")
"""Readiness level 0..4, red (exposed) to blue (verified); safe for red-green blindness."""
WEAKEST_OUTLINE = "#8a8a8a"
"""Mid grey: visible on the light and the dark theme."""
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
"""Okabe-Ito colours for pillar lines: distinct for every common colour-vision deficiency."""
FONT = dict(family="DejaVu Sans, Arial, sans-serif", size=13)


def pillar_levels_figure(result: AssessmentResult) -> go.Figure:
    """Horizontal bars: one per pillar, length = level (0-4), weakest pillar outlined."""
    pillars = list(result.pillars)
    # Names wrapped and short bar labels, so a 390 px phone still shows every word.
    names = ["<br>".join(textwrap.wrap(p.name, 14)) for p in pillars]
    levels = [p.level for p in pillars]
    figure = go.Figure(
        go.Bar(
            x=levels,
            y=names,
            orientation="h",
            marker=dict(
                color=[LEVEL_COLOURS[level] for level in levels],
                line=dict(
                    color=[
                        WEAKEST_OUTLINE if p.pillar == result.weakest_pillar else "rgba(0,0,0,0)"
                        for p in pillars
                    ],
                    width=2,
                ),
            ),
            text=[f"{p.level} · {p.score:.0f}" for p in pillars],
            textposition="outside",
            cliponaxis=False,
            hovertext=[f"level {p.level}, score {p.score:.0f}: {p.explanation}" for p in pillars],
            hoverinfo="text",
        )
    )
    figure.update_layout(
        font=FONT,
        height=80 + 60 * len(pillars),
        margin=dict(l=10, r=10, t=30, b=40),
        xaxis=dict(
            automargin=True, title="Readiness level", range=[0, 4.9], tickvals=[0, 1, 2, 3, 4]
        ),
        yaxis=dict(automargin=True, autorange="reversed"),
        showlegend=False,
        title=dict(text=f"Overall level {result.overall_level}: the weakest pillar sets it"),
    )
    return figure


def history_figure(points: Sequence[HistoryPoint]) -> go.Figure:
    """Lines: each pillar's score per period, with its level in the hover text."""
    figure = go.Figure()
    periods = sorted({p.period for p in points})
    for index, pillar in enumerate(dict.fromkeys(p.pillar for p in points)):
        series = sorted((p for p in points if p.pillar == pillar), key=lambda p: p.period)
        figure.add_trace(
            go.Scatter(
                x=[p.period for p in series],
                y=[p.score for p in series],
                name=pillar,
                mode="lines+markers",
                line=dict(color=SERIES_COLOURS[index % len(SERIES_COLOURS)], width=3),
                customdata=[p.level for p in series],
                hovertemplate="%{x}: score %{y:.0f}, level %{customdata}<extra>"
                + pillar
                + "</extra>",
            )
        )
    figure.update_layout(
        font=FONT,
        height=320,
        margin=dict(l=10, r=10, t=30, b=40),
        xaxis=dict(
            automargin=True,
            title="Period",
            type="category",
            categoryorder="array",
            categoryarray=periods,
        ),
        yaxis=dict(automargin=True, title="Pillar score (0–100)", range=[0, 100]),
        legend=dict(orientation="h", y=-0.25),
    )
    return figure
