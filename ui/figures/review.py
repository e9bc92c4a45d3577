"""Vega-Lite figure builders for the quarterly review: pillar trends and chains teams could
remove now."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

import altair as alt
import pandas as pd

from assessments.content.comparable import VersionChange
from assessments.reports.org_table import STATUS_LABELS
from scoring.results import ChainStatus
from ui.figures.marks import (
    FIT_WIDTH,
    LINE_BREAK,
    PADDING,
    TEXT_COLOUR,
    wrap,
    wrapped_axis,
    wrapped_legend,
)
from ui.figures.org import OVERALL, OVERALL_COLOUR, PILLAR_COLOURS, STATUS_COLOURS
from ui.figures.vega import FONT_SIZE, Figure
from ui.figures.versions import labelled_rules, period_x, stretch_numbers, version_marks

CHAIN_NAME_WIDTH = 26
"""Chain names on the removable-now chart wrap at about this many characters: a 390 px phone
keeps room for the bars, and no name is cut at the figure's left edge."""
TREND_HEIGHT = 300
"""The trend plot's height in pixels (axes and legends come on top)."""
REMOVABLE = (ChainStatus.NEXT.value, ChainStatus.ELIGIBLE.value)
"""The statuses a team could remove a chain from now, in stacking order."""


def removable_now_figure(removable: pd.DataFrame) -> Figure:
    """Per removable chain: how many teams could remove it now (next, or an eligible one)."""
    rows = removable[~removable["permanent"]].sort_values("order")
    whole = [f"{o}. {n}" for o, n in zip(rows["order"], rows["chain"], strict=True)]
    names = [wrap(name, CHAIN_NAME_WIDTH) for name in whole]
    frame = pd.DataFrame.from_records(
        [
            {
                "chain": chain,
                "name": name,
                "status": STATUS_LABELS[status],
                "stack": stack,
                "teams": int(count),
                "total": int(total),
            }
            for chain, name, (_, row), total in zip(
                whole, names, rows.iterrows(), rows["could_remove_now"], strict=True
            )
            for stack, status in enumerate(REMOVABLE)
            for count in (row[status],)
        ],
        columns=["chain", "name", "status", "stack", "teams", "total"],
    )
    totals = frame.drop_duplicates("chain")
    most = int(totals["total"].max()) if len(totals) else 0
    y = alt.Y("name:N", sort=names, axis=wrapped_axis())
    ticks = _whole_ticks(most)
    labels = [STATUS_LABELS[s] for s in REMOVABLE]
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X(
                "teams:Q",
                stack="zero",
                title="Teams",
                axis=alt.Axis(format="d", values=list(ticks)),
                scale=alt.Scale(domain=[0, ticks[-1]], nice=False),
            ),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=labels, range=[STATUS_COLOURS[s] for s in REMOVABLE]),
                legend=alt.Legend(orient="top", title=None, direction="vertical"),
            ),
            order=alt.Order("stack:Q"),
            tooltip=[
                alt.Tooltip("chain:N", title="Chain"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("teams:Q", title="Teams"),
            ],
        )
    )
    ends = (
        alt.Chart(totals)
        .mark_text(align="left", dx=4, fontSize=FONT_SIZE, color=TEXT_COLOUR)
        .encode(
            y=y,
            x=alt.X("total:Q", scale=alt.Scale(domain=[0, ticks[-1]], nice=False)),
            text=alt.Text("total:Q"),
            tooltip=[
                alt.Tooltip("chain:N", title="Chain"),
                alt.Tooltip("total:Q", title="Teams that could remove it now"),
            ],
        )
    )
    lines = sum(name.count(LINE_BREAK) + 1 for name in names)
    return alt.LayerChart(
        layer=[bars, ends], height=16 * lines + 14 * len(names), autosize=FIT_WIDTH, padding=PADDING
    )


def _whole_ticks(most: int) -> range:
    """Whole-team ticks from 0 past `most`, at most about eight of them."""
    step = max(1, math.ceil(max(most, 1) / 8))
    return range(0, most + step + 1, step)


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
) -> Figure:
    """Per pillar and overall, the mean level (or score) per period; a unit's lines dashed.

    The value axis spans the data (at least one level, or 20 score points) rather than the
    whole scale, so pillars that differ by a little do not sit on one line; a chosen
    `baseline` period is marked with a dotted line. Questionnaire version changes are marked;
    where no map exists each line breaks there instead of joining two scales.
    """
    frame = trend_frame(org_trends, pillars, unit_trends, unit_name, changes, measure)
    periods = sorted(set(frame["period"]))
    names = [*pillars.values(), OVERALL]
    colours = [
        *(PILLAR_COLOURS[i % len(PILLAR_COLOURS)] for i in range(len(pillars))),
        OVERALL_COLOUR,
    ]
    scopes = list(dict.fromkeys(frame["scope"]))
    title = (
        "Mean pillar score (0–100)"
        if measure == "score"
        else f"Mean readiness level (0–{top_level})"
    )
    other = "Mean level" if measure == "score" else "Mean score"
    base = alt.Chart(frame).encode(
        x=period_x(periods),
        y=alt.Y(
            "value:Q",
            title=title,
            scale=alt.Scale(
                domain=value_range(frame["value"], measure, top_level), nice=False, zero=False
            ),
        ),
        tooltip=[
            alt.Tooltip("scope:N", title="Of"),
            alt.Tooltip("pillar:N", title="Pillar"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("value:Q", title=title.split(" (")[0], format=".1f"),
            alt.Tooltip("other:Q", title=other, format=".1f"),
            alt.Tooltip("teams:Q", title="Teams"),
        ],
    )
    colour = alt.Color(
        "pillar:N",
        scale=alt.Scale(domain=names, range=colours),
        sort=names,
        legend=wrapped_legend(names),
    )
    dash = alt.StrokeDash(
        "scope:N",
        scale=alt.Scale(domain=scopes, range=[[1, 0], [6, 4]][: len(scopes)]),
        # Over the chart: two legends under it would sit side by side, past a phone's edge.
        legend=wrapped_legend(scopes, orient="top", line_colour=OVERALL_COLOUR)
        if len(scopes) > 1
        else None,
    )
    lines = base.mark_line().encode(
        color=colour,
        strokeDash=dash,
        strokeWidth=alt.StrokeWidth("width:Q", scale=None),
        detail="stretch:N",
    )
    # Points as a layer of their own: on the line mark they would turn the dash legend's
    # symbols into invisible dots.
    points = base.mark_point(filled=True, size=30, opacity=1).encode(color=colour)
    layers: list[alt.Chart] = [lines, points]
    if baseline is not None and baseline in periods:
        label = f"baseline {baseline}"
        layers += labelled_rules(
            periods,
            [(baseline, label, label)],
            band_position=0.5,
            colour=OVERALL_COLOUR,
            bottom=TREND_HEIGHT,
        )
    layers += version_marks(periods, changes)
    return alt.LayerChart(layer=layers, height=TREND_HEIGHT, autosize=FIT_WIDTH, padding=PADDING)


def trend_frame(
    org_trends: pd.DataFrame,
    pillars: Mapping[str, str],
    unit_trends: pd.DataFrame | None,
    unit_name: str | None,
    changes: Sequence[VersionChange],
    measure: Literal["score", "level"],
) -> pd.DataFrame:
    """One row per scope, pillar and period: the value plotted and what the tooltip adds.

    `stretch` numbers the comparable stretches of a line: it breaks at every unmapped change.
    """
    column = "mean_score" if measure == "score" else "mean_level"
    other = "mean_level" if measure == "score" else "mean_score"
    breaks = [c.period for c in changes if not c.mapped]
    names = {**pillars, "overall": OVERALL}
    scopes = [("Organisation", org_trends)]
    if unit_trends is not None:
        scopes.append((unit_name or "Unit", unit_trends))
    rows = []
    for scope, trends in scopes:
        for pid, name in names.items():
            series = trends[trends["pillar"] == pid].sort_values("period")
            stretches = stretch_numbers(list(series["period"]), breaks)
            for (_, row), stretch in zip(series.iterrows(), stretches, strict=True):
                rows.append(
                    {
                        "scope": scope,
                        "pillar": name,
                        "period": row["period"],
                        "value": float(row[column]),
                        "other": float(row[other]),
                        "teams": int(row["teams"]),
                        "stretch": stretch,
                        "width": 3 if pid == "overall" else 2,
                    }
                )
    columns = ["scope", "pillar", "period", "value", "other", "teams", "stretch", "width"]
    return pd.DataFrame.from_records(rows, columns=columns)


def value_range(
    values: Sequence[float] | pd.Series, measure: str, top_level: int = 4
) -> list[float]:
    """The data's span with some room, at least one level (or 20 points), within the scale."""
    top, least = (100.0, 20.0) if measure == "score" else (float(top_level), 1.0)
    shown = [float(v) for v in values if v is not None and v == v]
    if not shown:
        return [0.0, top]
    low, high = min(shown), max(shown)
    pad = max((least - (high - low)) / 2, least / 10)
    return [max(0.0, low - pad), min(top, high + pad)]
