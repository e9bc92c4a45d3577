"""Vega-Lite figure builders for one team: pure functions of scoring results, easy to test."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from assessments.content.comparable import Basis, VersionChange
from assessments.service.team_scoring import HistoryPoint
from scoring.results import AssessmentResult
from ui.figures.marks import (
    FIT_WIDTH,
    LINE_BREAK,
    PADDING,
    TEXT_COLOUR,
    wrap,
    wrapped_axis,
    wrapped_legend,
)
from ui.figures.vega import FONT_SIZE, Figure
from ui.figures.versions import period_x, stretch_numbers, version_marks

LEVEL_COLOURS = ("#b2182b", "#ef8a62", "#fddbc7", "#91bfdb", "#2166ac")
"""Readiness level 0..4, red (exposed) to blue (verified); safe for red-green blindness."""
WEAKEST_OUTLINE = "#8a8a8a"
"""Mid grey: visible on the light and the dark theme."""
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
"""Okabe-Ito colours for pillar lines: distinct for every common colour-vision deficiency."""
NAME_WIDTH = 14
"""Pillar names wrap at about this many characters, so a 390 px phone keeps room for bars."""


def level_colour(level: int, top_level: int = 4) -> str:
    """The colour of a readiness level, stretched over 0..top so the top level is blue."""
    top = len(LEVEL_COLOURS) - 1
    return LEVEL_COLOURS[round(max(0, min(level, top_level)) * top / max(top_level, 1))]


def pillar_levels_figure(result: AssessmentResult, top_level: int = 4) -> Figure:
    """Horizontal bars: one per pillar, length = level (0..top), weakest pillar outlined.

    Colours run red to blue over the questionnaire's levels, whatever their number; each bar
    ends in "level · score", and the tooltip gives the pillar's explanation.
    """
    pillars = list(result.pillars)
    frame = pd.DataFrame(
        {
            "pillar": [p.name for p in pillars],
            "name": [wrap(p.name, NAME_WIDTH) for p in pillars],
            "level": [p.level for p in pillars],
            "score": [round(p.score, 1) for p in pillars],
            "text": [f"{p.level} · {p.score:.0f}" for p in pillars],
            "colour": [level_colour(p.level, top_level) for p in pillars],
            "outline": [
                WEAKEST_OUTLINE if p.pillar == result.weakest_pillar else "transparent"
                for p in pillars
            ],
            "explanation": [p.explanation for p in pillars],
        }
    )
    lines = sum(name.count(LINE_BREAK) + 1 for name in frame["name"])
    y = alt.Y("name:N", sort=list(frame["name"]), axis=wrapped_axis())
    x = alt.X(
        "level:Q",
        title="Readiness level",
        scale=alt.Scale(domain=[0, top_level + 0.9], nice=False),
        axis=alt.Axis(values=list(range(top_level + 1)), format="d"),
    )
    tooltip = [
        alt.Tooltip("pillar:N", title="Pillar"),
        alt.Tooltip("level:Q", title="Level"),
        alt.Tooltip("score:Q", title="Score", format=".0f"),
        alt.Tooltip("explanation:N", title="Why"),
    ]
    base = alt.Chart(frame).encode(y=y, x=x, tooltip=tooltip)
    bars = base.mark_bar(strokeWidth=2).encode(
        color=alt.Color("colour:N", scale=None), stroke=alt.Stroke("outline:N", scale=None)
    )
    text = base.mark_text(align="left", dx=4, fontSize=FONT_SIZE, color=TEXT_COLOUR).encode(
        text="text:N"
    )
    return alt.LayerChart(
        layer=[bars, text],
        title=f"Overall level {result.overall_level}: the weakest pillar sets it",
        height=18 * lines + 24 * len(pillars),
        autosize=FIT_WIDTH,
        padding=PADDING,
    )


def history_figure(points: Sequence[HistoryPoint], changes: Sequence[VersionChange] = ()) -> Figure:
    """Lines: each pillar's score per period, level in the tooltip; version changes marked.

    Periods mapped forward from an older questionnaire version have open markers; where no map
    exists the line breaks at the change instead of joining two scales.
    """
    periods = sorted({p.period for p in points})
    breaks = [c.period for c in changes if not c.mapped]
    pillars = list(dict.fromkeys(p.pillar for p in points))
    rows = []
    for pillar in pillars:
        series = sorted((p for p in points if p.pillar == pillar), key=lambda p: p.period)
        stretches = stretch_numbers([p.period for p in series], breaks)
        rows += [
            {
                "period": p.period,
                "pillar": p.pillar,
                "score": p.score,
                "level": p.level,
                "stretch": stretch,
                "mapped": p.basis is Basis.MAPPED,
                "basis": basis_text(p),
            }
            for p, stretch in zip(series, stretches, strict=True)
        ]
    frame = pd.DataFrame.from_records(
        rows, columns=["period", "pillar", "score", "level", "stretch", "mapped", "basis"]
    )
    colour = alt.Scale(domain=pillars, range=list(series_colours(len(pillars))))
    base = alt.Chart(frame).encode(
        x=period_x(periods),
        y=alt.Y(
            "score:Q", title="Pillar score (0–100)", scale=alt.Scale(domain=[0, 100], nice=False)
        ),
        tooltip=[
            alt.Tooltip("pillar:N", title="Pillar"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("score:Q", title="Score", format=".0f"),
            alt.Tooltip("level:Q", title="Level"),
            alt.Tooltip("basis:N", title="Footing"),
        ],
    )
    lines = base.mark_line(strokeWidth=3).encode(
        color=alt.Color("pillar:N", scale=colour, legend=wrapped_legend(pillars), sort=pillars),
        detail="stretch:N",
    )
    markers = base.mark_point(size=80, filled=True, strokeWidth=2, opacity=1).encode(
        stroke=alt.Stroke("pillar:N", scale=colour, legend=None),
        fill=alt.when(alt.datum.mapped)
        .then(alt.value("transparent"))
        .otherwise(alt.Fill("pillar:N", scale=colour, legend=None)),
    )
    return alt.LayerChart(
        layer=[lines, markers, *version_marks(periods, changes)],
        height=260,
        autosize=FIT_WIDTH,
        padding=PADDING,
    )


def series_colours(count: int) -> tuple[str, ...]:
    """The first `count` pillar colours, repeating past the six Okabe-Ito ones."""
    return tuple(SERIES_COLOURS[i % len(SERIES_COLOURS)] for i in range(count))


def basis_text(point: HistoryPoint) -> str:
    """What a period's numbers stand on, for the tooltip."""
    if point.basis is Basis.MAPPED:
        return f"mapped forward from version {point.version}"
    if point.basis is Basis.NOT_COMPARABLE:
        return f"version {point.version}, not comparable"
    return f"as answered on version {point.version}" if point.version else "as answered"
