"""Mark questionnaire version changes on trend charts: a dotted vertical line and a label."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from assessments.content.comparable import VersionChange

MARKER_COLOUR = "#555555"


def mark_version_changes(
    figure: go.Figure, periods: Sequence[str], changes: Sequence[VersionChange]
) -> go.Figure:
    """Draw each change between the last period before it and its first period.

    A mapped change reads "v2 (earlier mapped)"; an unmapped one "v2: series breaks".
    """
    for change in changes:
        if change.period not in periods:
            continue
        # Category axes place period i at i; halfway to the previous one is i - 0.5.
        x = list(periods).index(change.period) - 0.5
        text = (
            f"version {change.after} (earlier mapped)"
            if change.mapped
            else f"version {change.after}: series breaks"
        )
        figure.add_shape(
            type="line",
            xref="x",
            yref="paper",
            x0=x,
            x1=x,
            y0=0,
            y1=1,
            line=dict(color=MARKER_COLOUR, width=2, dash="dot"),
        )
        figure.add_annotation(
            x=x,
            y=1,
            xref="x",
            yref="paper",
            text=text,
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            font=dict(size=11, color=MARKER_COLOUR),
        )
    return figure


def segments(
    xs: Sequence[str], ys: Sequence[float], breaks_before: Sequence[str]
) -> list[tuple[list[str], list[float]]]:
    """The series cut before each period in `breaks_before`: one line per comparable stretch."""
    parts: list[tuple[list[str], list[float]]] = []
    for x, y in zip(xs, ys, strict=True):
        if not parts or (x in breaks_before and parts[-1][0]):
            parts.append(([], []))
        parts[-1][0].append(x)
        parts[-1][1].append(y)
    return parts
