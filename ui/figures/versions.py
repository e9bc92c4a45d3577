"""The period axis of trend charts, and questionnaire version changes marked on it.

Periods sit on a band scale with no padding, each point at the middle of its band. A change
is drawn at the start of its first period's band (`bandPosition=0`): exactly halfway between
the last period before it and its first period, whatever the chart's width.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from assessments.content.comparable import VersionChange
from ui.figures.marks import TEXT_COLOUR

MARKER_COLOUR = "#8a8a8a"
"""Mid grey: the dotted marks read on the light and the dark theme alike."""


def period_scale(periods: Sequence[str]) -> alt.Scale:
    """Every period in order, one band each, with no gaps between bands."""
    return alt.Scale(type="band", domain=list(periods), paddingInner=0, paddingOuter=0)


def period_x(periods: Sequence[str], *, title: str | None = "Period") -> alt.X:
    """The x encoding of a point on a trend chart: the middle of its period's band."""
    return alt.X(
        "period:O",
        scale=period_scale(periods),
        title=title,
        bandPosition=0.5,
        axis=alt.Axis(labelAngle=0, labelOverlap=True),
    )


def change_label(change: VersionChange) -> str:
    """ "version 2 (earlier mapped)" or "version 2: series breaks"."""
    if change.mapped:
        return f"version {change.after} (earlier mapped)"
    return f"version {change.after}: series breaks"


def version_marks(periods: Sequence[str], changes: Sequence[VersionChange]) -> list[alt.Chart]:
    """A dotted vertical rule between the last period before each change and its first
    period, labelled at the top; no layers when no change falls on the chart."""
    shown = [c for c in changes if c.period in periods and c.period != periods[0]]
    if not shown:
        return []
    frame = pd.DataFrame(
        {"period": [c.period for c in shown], "label": [change_label(c) for c in shown]}
    )
    x = alt.X("period:O", scale=period_scale(periods), bandPosition=0, title="Period")
    base = alt.Chart(frame).encode(x=x)
    rule = base.mark_rule(color=MARKER_COLOUR, strokeWidth=2, strokeDash=[2, 3])
    text = base.mark_text(
        align="left", baseline="top", dx=4, dy=2, fontSize=11, color=TEXT_COLOUR
    ).encode(y=alt.value(0), text="label:N")
    return [rule, text]


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


def stretch_numbers(periods: Sequence[str], breaks_before: Sequence[str]) -> list[int]:
    """For each period of one series (in order), the number of its comparable stretch: a
    line drawn per stretch breaks at every unmapped change."""
    parts = segments(periods, [0.0] * len(periods), breaks_before)
    return [number for number, (xs, _) in enumerate(parts) for _ in xs]
