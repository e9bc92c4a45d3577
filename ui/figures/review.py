"""Plotly figure builders for the quarterly review: pillar trends and chains teams could remove."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from assessments.content.comparable import VersionChange
from assessments.reports.org_table import STATUS_LABELS
from scoring.results import ChainStatus
from ui.figures.chains import chain_label
from ui.figures.org import (
    OVERALL,
    OVERALL_COLOUR,
    PILLAR_COLOURS,
    STATUS_COLOURS,
    figure_height,
    label,
)
from ui.figures.team import FONT
from ui.figures.versions import mark_version_changes

CHAIN_NAME_WIDTH = 26
"""Chain names on the removable-now chart wrap at about this many characters: a 390 px phone
keeps room for the bars, and no name is cut at the figure's left edge."""


def removable_now_figure(removable: pd.DataFrame) -> go.Figure:
    """Per removable chain: how many teams could remove it now (next, or an eligible one)."""
    rows = removable[~removable["permanent"]].sort_values("order")
    whole = [chain_label(o, n) for o, n in zip(rows["order"], rows["chain"], strict=True)]
    names = ["<br>".join(textwrap.wrap(name, CHAIN_NAME_WIDTH)) or name for name in whole]
    figure = go.Figure()
    for status, column in (
        (ChainStatus.NEXT.value, "next"),
        (ChainStatus.ELIGIBLE.value, "eligible"),
    ):
        figure.add_trace(
            go.Bar(
                x=rows[column].tolist(),
                y=names,
                customdata=whole,
                orientation="h",
                name=STATUS_LABELS[status],
                marker=dict(color=STATUS_COLOURS[status]),
                hovertemplate="%{customdata}: %{x} teams<extra>"
                + STATUS_LABELS[status]
                + "</extra>",
            )
        )
    totals = rows["could_remove_now"].tolist()
    figure.add_trace(
        go.Scatter(
            x=totals,
            y=names,
            mode="text",
            text=[f"  {t}" for t in totals],
            textposition="middle right",
            showlegend=False,
            hoverinfo="skip",
        )
    )
    # Each extra line of a wrapped name adds about 15 px; one-line rows keep the usual height.
    lines = sum(name.count("<br>") for name in names)
    figure.update_layout(
        font=FONT,
        barmode="stack",
        height=figure_height(len(rows), extra=120) + 15 * lines,
        margin=dict(l=10, r=30, t=30, b=40),
        xaxis=dict(
            automargin=True,
            title="Teams",
            rangemode="tozero",
            fixedrange=True,
            # Whole teams only: no 0.5 ticks on a small org.
            tick0=0,
            dtick=max(1, math.ceil(max(totals, default=0) / 8)),
        ),
        yaxis=dict(automargin=True, autorange="reversed", fixedrange=True),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, traceorder="normal"),
    )
    return figure


def trend_figure(
    org_trends: pd.DataFrame,
    pillars: Mapping[str, str],
    *,
    unit_trends: pd.DataFrame | None = None,
    unit_name: str | None = None,
    measure: Literal["score", "level"] = "level",
    baseline: str | None = None,
    changes: Sequence[VersionChange] = (),
    top_level: int = 4,
) -> go.Figure:
    """Per pillar and overall, the mean level (or score) per period; a unit's lines dashed.

    The value axis spans the data (at least one level, or 20 score points) rather than the
    whole scale, so pillars that differ by a little do not sit on one line; a chosen
    `baseline` period is marked with a dotted line. Questionnaire version changes are marked;
    where no map exists each line breaks there instead of joining two scales.
    """
    breaks = [c.period for c in changes if not c.mapped]
    column = "mean_score" if measure == "score" else "mean_level"
    other = "mean_level" if measure == "score" else "mean_score"
    periods = sorted(
        set(org_trends["period"]) | set([] if unit_trends is None else unit_trends["period"])
    )
    names = {**pillars, "overall": OVERALL}
    words = {"mean_score": "mean score", "mean_level": "mean level"}
    scopes: list[tuple[str, pd.DataFrame, str]] = [("Organisation", org_trends, "solid")]
    if unit_trends is not None:
        scopes.append((label(unit_name or "Unit"), unit_trends, "dash"))
    figure = go.Figure()
    for scope, trends, dash in scopes:
        for i, (pid, name) in enumerate(names.items()):
            series = trends[trends["pillar"] == pid].sort_values("period")
            colour = OVERALL_COLOUR if pid == "overall" else PILLAR_COLOURS[i % len(PILLAR_COLOURS)]
            name_shown = f"{scope} · {label(name)}" if unit_trends is not None else label(name)
            for number, part in enumerate(_parts(series, breaks)):
                figure.add_trace(
                    go.Scatter(
                        x=part["period"].tolist(),
                        y=part[column].tolist(),
                        name=name_shown,
                        legendgroup=name_shown,
                        showlegend=number == 0,
                        mode="lines+markers",
                        line=dict(color=colour, dash=dash, width=3 if pid == "overall" else 2),
                        customdata=np.column_stack([part[other], part["teams"]]),
                        hovertemplate=(
                            f"{scope} · {label(name)}<br>%{{x}}: {words[column]} %{{y:.1f}}, "
                            f"{words[other]} %{{customdata[0]:.1f}}"
                            "<br>%{customdata[1]} teams<extra></extra>"
                        ),
                    )
                )
    figure.update_layout(
        font=FONT,
        height=380,
        margin=dict(l=10, r=10, t=30, b=40),
        xaxis=dict(
            automargin=True,
            title="Period",
            type="category",
            categoryorder="array",
            categoryarray=periods,
        ),
        yaxis=dict(
            automargin=True,
            title="Mean pillar score (0–100)"
            if measure == "score"
            else f"Mean readiness level (0–{top_level})",
            range=_value_range([t.y for t in figure.data], measure),
        ),
        legend=dict(orientation="h", y=-0.2),
    )
    if baseline is not None and baseline in periods:
        figure.add_vline(
            x=periods.index(baseline),
            line=dict(dash="dot", width=2, color=OVERALL_COLOUR),
            annotation_text=f"baseline {baseline}",
            annotation_position="top",
        )
    return mark_version_changes(figure, periods, changes)


def _parts(series: pd.DataFrame, breaks: Sequence[str]) -> list[pd.DataFrame]:
    """The rows cut before each break period, one frame per comparable stretch."""
    if not breaks or series.empty:
        return [series]
    stretch = series["period"].isin(breaks).cumsum()
    return [part for _, part in series.groupby(stretch, sort=True)]


def _value_range(series: Sequence[Sequence[float] | None], measure: str) -> list[float]:
    """The data's span with some room, at least one level (or 20 points), within the scale."""
    top, least = (100.0, 20.0) if measure == "score" else (4.0, 1.0)
    values = [float(v) for ys in series for v in (ys or ()) if v is not None and v == v]
    if not values:
        return [0.0, top]
    low, high = min(values), max(values)
    pad = max((least - (high - low)) / 2, least / 10)
    low, high = max(0.0, low - pad), min(top, high + pad)
    return [low, high]
