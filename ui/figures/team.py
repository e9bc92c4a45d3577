"""Plotly figure builders for one team: pure functions of scoring results, easy to test."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import plotly.graph_objects as go

from assessments.content.comparable import Basis, VersionChange
from assessments.service.team_scoring import HistoryPoint
from scoring.results import AssessmentResult
from ui.figures.versions import mark_version_changes, segments

LEVEL_COLOURS = ("#b2182b", "#ef8a62", "#fddbc7", "#91bfdb", "#2166ac")
"""Readiness level 0..4, red (exposed) to blue (verified); safe for red-green blindness."""
WEAKEST_OUTLINE = "#8a8a8a"
"""Mid grey: visible on the light and the dark theme."""
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
"""Okabe-Ito colours for pillar lines: distinct for every common colour-vision deficiency."""
FONT = dict(family="DejaVu Sans, Arial, sans-serif", size=13)


def level_colour(level: int, top_level: int = 4) -> str:
    """The colour of a readiness level, stretched over 0..top so the top level is blue."""
    top = len(LEVEL_COLOURS) - 1
    return LEVEL_COLOURS[round(max(0, min(level, top_level)) * top / max(top_level, 1))]


def pillar_levels_figure(result: AssessmentResult, top_level: int = 4) -> go.Figure:
    """Horizontal bars: one per pillar, length = level (0..top), weakest pillar outlined.

    Colours run red to blue over the questionnaire's levels, whatever their number.
    """
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
                color=[level_colour(level, top_level) for level in levels],
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
            automargin=True,
            title="Readiness level",
            range=[0, top_level + 0.9],
            tickvals=list(range(top_level + 1)),
        ),
        yaxis=dict(automargin=True, autorange="reversed"),
        showlegend=False,
        title=dict(text=f"Overall level {result.overall_level}: the weakest pillar sets it"),
    )
    return figure


def history_figure(
    points: Sequence[HistoryPoint], changes: Sequence[VersionChange] = ()
) -> go.Figure:
    """Lines: each pillar's score per period, level in the hover text; version changes marked.

    Periods mapped forward from an older questionnaire version have open markers; where no map
    exists the line breaks at the change instead of joining two scales.
    """
    figure = go.Figure()
    periods = sorted({p.period for p in points})
    breaks = [c.period for c in changes if not c.mapped]
    for index, pillar in enumerate(dict.fromkeys(p.pillar for p in points)):
        series = sorted((p for p in points if p.pillar == pillar), key=lambda p: p.period)
        by_period = {p.period: p for p in series}
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        parts = segments([p.period for p in series], [p.score for p in series], breaks)
        for number, (xs, ys) in enumerate(parts):
            shown = [by_period[x] for x in xs]
            figure.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    name=pillar,
                    legendgroup=pillar,
                    showlegend=number == 0,
                    mode="lines+markers",
                    line=dict(color=colour, width=3),
                    marker=dict(
                        size=9,
                        symbol=[
                            "circle-open" if p.basis is Basis.MAPPED else "circle" for p in shown
                        ],
                    ),
                    customdata=[[p.level, _basis_text(p)] for p in shown],
                    hovertemplate="%{x}: score %{y:.0f}, level %{customdata[0]}%{customdata[1]}"
                    "<extra>" + pillar + "</extra>",
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
    return mark_version_changes(figure, periods, changes)


def _basis_text(point: HistoryPoint) -> str:
    if point.basis is Basis.MAPPED:
        return f"<br>mapped forward from version {point.version}"
    if point.basis is Basis.NOT_COMPARABLE:
        return f"<br>version {point.version}, not comparable"
    return ""
