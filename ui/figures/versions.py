"""The period axis of trend charts, and questionnaire version changes marked on it.

Periods sit on a band scale with no padding, each point at the middle of its band. A change
is drawn at the start of its first period's band (`bandPosition=0`): exactly halfway between
the last period before it and its first period, whatever the chart's width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import altair as alt
import pandas as pd

from assessments.content.comparable import VersionChange
from ui.figures.marks import LINE_BREAK, TEXT_COLOUR

SIDES: tuple[tuple[str, Literal["left", "right"], int], ...] = (
    ("right", "left", 4),
    ("left", "right", -4),
)
"""Where a rule's label sits, how it aligns there, and its offset from the rule."""
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
        axis=alt.Axis(labelAngle=0, labelOverlap=True, labelFlush=False),
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
    labels = [(c.period, change_label(c), _two_lines(c)) for c in shown]
    return labelled_rules(periods, labels, band_position=0, colour=MARKER_COLOUR)


def _two_lines(change: VersionChange) -> str:
    """The label on two short lines, so it fits beside the rule on a phone."""
    if change.mapped:
        return f"version {change.after}\n(earlier mapped)"
    return f"version {change.after}:\nseries breaks"


def labelled_rules(
    periods: Sequence[str],
    labels: Sequence[tuple[str, str, str]],
    *,
    band_position: float,
    colour: str,
    bottom: int | None = None,
) -> list[alt.Chart]:
    """Dotted vertical rules at periods, each labelled at the top of the plot (or the bottom).

    Args:
        periods: the chart's periods, in order.
        labels: (period, label, text drawn): the label is the whole sentence (the tooltip),
            the text the same on lines split by a line break.
        band_position: 0 puts a rule at the start of its period's band (between two
            periods), 0.5 through the period's point.
        colour: the rule's colour.
        bottom: the plot's height, to label the rules at its bottom instead: a baseline's
            label there never meets the label of a version change a period away.

    A label sits right of its rule in the left half of the chart and left of it in the right
    half, so it never runs past the chart's edge.
    """
    if not labels:
        return []
    frame = pd.DataFrame.from_records(
        [
            {
                "period": period,
                "label": label,
                "text": text,
                "side": "right"
                if (periods.index(period) + band_position) / len(periods) <= 0.5
                else "left",
            }
            for period, label, text in labels
        ],
        columns=["period", "label", "text", "side"],
    )
    x = alt.X("period:O", scale=period_scale(periods), bandPosition=band_position, title="Period")
    base = alt.Chart(frame).encode(x=x, tooltip=[alt.Tooltip("label:N", title="Marks")])
    rule = base.mark_rule(color=colour, strokeWidth=2, strokeDash=[2, 3])
    texts = [
        base.transform_filter(alt.datum.side == side)
        .mark_text(
            align=align,
            baseline="top" if bottom is None else "bottom",
            dx=dx,
            dy=2 if bottom is None else -2,
            fontSize=11,
            color=TEXT_COLOUR,
            lineBreak=LINE_BREAK,
        )
        .encode(y=alt.value(bottom or 0), text="text:N")
        for side, align, dx in SIDES
        if side in set(frame["side"])
    ]
    return [rule, *texts]


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
