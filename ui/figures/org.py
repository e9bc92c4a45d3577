"""Plotly figure builders for the leadership views: pure functions of org tables.

Team and unit names are HTML-escaped before they reach a figure: plotly renders a subset of
HTML in labels and hover text, and a team name must never become markup.
"""

from __future__ import annotations

import html
import textwrap
from collections import Counter
from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from assessments.reports.org_table import submitted
from scoring.results import ChainStatus
from ui.figures.team import FONT, LEVEL_COLOURS, SERIES_COLOURS, level_colour

HeatmapMode = Literal["level", "score", "change"]
HEATMAP_MODES: tuple[HeatmapMode, ...] = ("level", "score", "change")
OVERALL = "Overall"
ROW_HEIGHT = 26
STATUS_COLOURS = {
    ChainStatus.NEXT.value: "#1b7837",
    ChainStatus.ELIGIBLE.value: "#a6dba0",
    ChainStatus.BLOCKED.value: "#d9d9d9",
    ChainStatus.REMOVED.value: "#2166ac",
    ChainStatus.REMOVED_TOO_EARLY.value: "#d55e00",
    ChainStatus.PERMANENT.value: "#525252",
}
"""One colour per chain status; removed-too-early also gets an X so it reads without colour."""
PILLAR_COLOURS = SERIES_COLOURS
"""The same pillar colours as the team history, so a pillar keeps its colour on every page."""
OVERALL_COLOUR = "#8a8a8a"
"""Mid grey: readable on the light and the dark theme alike (contrast above 3:1 on both)."""
TRANSPARENT = "rgba(0,0,0,0)"
"""Figures paint no background of their own: the page's theme (light or dark) shows through."""
CHANGE_COLOURSCALE = "RdBu"
# A fixed-size colour bar at the top: on a tall chart a full-height bar would scroll away.
COLOURBAR = dict(lenmode="pixels", len=220, yanchor="top", y=1, ticklabelposition="outside bottom")


AXIS_NAME_WIDTH = 40
"""Team and unit names on an axis: longer ones end in an ellipsis."""


def label(text: object) -> str:
    """Text made safe for a plotly label or hover (it renders a subset of HTML)."""
    return html.escape(str(text), quote=False)


def wrapped(text: str, width: int = 16) -> str:
    """A column label broken onto lines of about `width` characters, so it never tilts."""
    return "<br>".join(textwrap.wrap(label(text), width)) or label(text)


def figure_height(rows: int, *, extra: int = 140) -> int:
    """Chart height that grows with the number of rows, so every label stays readable."""
    return max(260, extra + ROW_HEIGHT * rows)


def shortened(text: object, width: int = AXIS_NAME_WIDTH) -> str:
    """An axis label of at most `width` characters (the hover keeps the full name): a
    200-character team name would otherwise squeeze the chart into a strip."""
    whole = " ".join(str(text).split())
    return label(whole if len(whole) <= width else whole[: width - 1].rstrip() + "…")


def team_axis(table: pd.DataFrame) -> list[list[str]]:
    """Two-level y categories, [units, teams]: plotly draws the unit groups and dividers.

    Long names are shortened; a team name repeated within a unit (or shortened to the same
    label) gets its slug appended, so rows never merge.
    """
    units = [shortened(u) for u in table["unit"]]
    teams = [shortened(t) for t in table["team"]]
    counts = Counter(zip(units, teams, strict=True))
    repeated = {pair for pair, n in counts.items() if n > 1}
    names = [
        f"{team} ({label(slug)})" if (unit, team) in repeated else team
        for unit, team, slug in zip(units, teams, table.index, strict=True)
    ]
    return [units, names]


def _level_colourscale(top_level: int = 4) -> list[tuple[float, str]]:
    """One flat band per readiness level over z = -0.5..top + 0.5, red (0) to blue (top)."""
    scale: list[tuple[float, str]] = []
    bands = top_level + 1
    for level in range(bands):
        colour = level_colour(level, top_level)
        scale += [(level / bands, colour), ((level + 1) / bands, colour)]
    return scale


def smooth_level_colourscale() -> list[tuple[float, str]]:
    """LEVEL_COLOURS spread evenly, for means and scores that fall between levels."""
    return [(i / (len(LEVEL_COLOURS) - 1), c) for i, c in enumerate(LEVEL_COLOURS)]


def number_text(value: object, digits: int = 0, *, signed: bool = False) -> str:
    """A number for a cell: rounded, "+3" when signed, a true minus sign, "" when missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    # Past the missing checks `value` is a number (int, float or numpy scalar) from an object cell.
    number = float(value)  # type: ignore[arg-type]
    text = f"{number:+.{digits}f}" if signed else f"{number:.{digits}f}"
    if signed and float(text) == 0:
        text = f"{0:.{digits}f}"
    return text.replace("-", "−")


def heatmap_figure(
    table: pd.DataFrame,
    mode: HeatmapMode,
    pillars: Mapping[str, str],
    *,
    earlier_period: str | None = None,
    top_level: int = 4,
) -> go.Figure:
    """Teams (grouped by unit) × pillars + Overall, coloured by level, score or change.

    Levels are coloured over the questionnaire's levels 0..`top_level`.

    Only teams that submitted are drawn. "change" needs the columns of
    `assessments.reports.org_table.change_since`; it colours by pillar score change (Overall: mean
    score change). An invisible marker per cell carries the hover text and the team slug in
    `customdata[0]`, because plotly selection events do not report heatmap cells.
    """
    rows = submitted(table)
    columns = [wrapped(name) for name in [*pillars.values(), OVERALL]]
    level_cols = [*(f"level:{p}" for p in pillars), "overall_level"]
    score_cols = [*(f"score:{p}" for p in pillars), "mean_score"]
    levels = rows[level_cols].astype(float).to_numpy()
    scores = rows[score_cols].astype(float).to_numpy()
    if mode == "level":
        z, text = levels, [[number_text(v) for v in row] for row in levels]
    elif mode == "score":
        z, text = scores, [[number_text(v) for v in row] for row in scores]
    else:
        change_cols = [*(f"score_change:{p}" for p in pillars), "mean_score_change"]
        z = rows[change_cols].astype(float).to_numpy()
        text = [[number_text(v, signed=True) for v in row] for row in z]
    y = team_axis(rows)
    figure = go.Figure(go.Heatmap(z=z, x=columns, y=y, text=text, hoverinfo="skip", xgap=2, ygap=2))
    figure.update_traces(texttemplate="%{text}", **_heatmap_colours(mode, z, top_level))
    hover = _heatmap_hover(rows, pillars, mode, earlier_period)
    figure.add_trace(
        go.Scatter(
            x=[c for _ in range(len(rows)) for c in columns],
            y=[[u for u in y[0] for _ in columns], [t for t in y[1] for _ in columns]],
            customdata=[
                [slug, h] for slug, cells in zip(rows.index, hover, strict=True) for h in cells
            ],
            mode="markers",
            marker=dict(symbol="square", size=22, opacity=0),
            selected=dict(marker=dict(opacity=0)),
            unselected=dict(marker=dict(opacity=0)),
            hovertemplate="%{customdata[1]}<extra></extra>",
            showlegend=False,
            name="teams",
        )
    )
    figure.update_layout(
        font=FONT,
        height=figure_height(len(rows)),
        margin=dict(l=10, r=10, t=40, b=20),
        # Explicit ranges: autorange would pad for the invisible markers' size.
        xaxis=dict(
            automargin=True,
            side="top",
            type="category",
            fixedrange=True,
            range=[-0.5, len(columns) - 0.5],
        ),
        yaxis=dict(automargin=True, fixedrange=True, showgrid=False, range=[len(rows) - 0.5, -0.5]),
        clickmode="event+select",
        dragmode=False,
        hoverlabel=dict(align="left"),
        plot_bgcolor=TRANSPARENT,
        paper_bgcolor=TRANSPARENT,
    )
    return figure


def _heatmap_colours(mode: HeatmapMode, z: np.ndarray, top_level: int = 4) -> dict[str, object]:
    if mode == "level":
        return dict(
            colorscale=_level_colourscale(top_level),
            zmin=-0.5,
            zmax=top_level + 0.5,
            colorbar=dict(
                title=dict(text="Level"), tickvals=list(range(top_level + 1)), **COLOURBAR
            ),
        )
    if mode == "score":
        return dict(
            colorscale=smooth_level_colourscale(),
            zmin=0,
            zmax=100,
            colorbar=dict(title=dict(text="Score"), **COLOURBAR),
        )
    finite = np.abs(z[np.isfinite(z)]) if z.size else np.array([])
    reach = max(10.0, float(finite.max()) if finite.size else 0.0)
    return dict(
        colorscale=CHANGE_COLOURSCALE,
        zmid=0,
        zmin=-reach,
        zmax=reach,
        colorbar=dict(title=dict(text="Score change"), **COLOURBAR),
    )


def _heatmap_hover(
    rows: pd.DataFrame, pillars: Mapping[str, str], mode: HeatmapMode, earlier: str | None
) -> list[list[str]]:
    """Per row, per column: team, unit, level, score, weakest pillar (and change)."""
    hover = []
    for _, row in rows.iterrows():
        head = f"<b>{label(row['team'])}</b> · {label(row['unit'])}"
        weakest = pillars.get(str(row["weakest_pillar"]), str(row["weakest_pillar"]))
        tail = f"<br>Weakest pillar: {label(weakest)}"
        cells = []
        for pid, name in [*pillars.items(), ("", OVERALL)]:
            level = row[f"level:{pid}"] if pid else row["overall_level"]
            score = row[f"score:{pid}"] if pid else row["mean_score"]
            what = (
                f"level {level}, score {number_text(score)}"
                if pid
                else (f"level {level} (weakest pillar), mean score {number_text(score)}")
            )
            line = f"<br>{label(name)}: {what}"
            if mode == "change":
                line += _change_line(row, pid, earlier)
            cells.append(head + line + tail)
        hover.append(cells)
    return hover


def _change_line(row: pd.Series, pid: str, earlier: str | None) -> str:
    since = f" since {earlier}" if earlier else ""
    if not row.get("compared", False):
        return f"<br>No submission to compare with{since}"
    level_change = row[f"level_change:{pid}"] if pid else row["overall_level_change"]
    score_change = row[f"score_change:{pid}"] if pid else row["mean_score_change"]
    return (
        f"<br>Change{since}: score {number_text(score_change, signed=True)}, "
        f"level {number_text(level_change, signed=True)}"
    )


def unit_rollup_figure(rollup: pd.DataFrame, pillars: Mapping[str, str]) -> go.Figure:
    """Units × pillars + Overall, coloured by the mean level of the teams that submitted."""
    titles = [*pillars.values(), OVERALL]
    columns = [wrapped(title) for title in titles]
    keys = [*pillars, "overall"]
    z = rollup[[f"mean_level:{k}" for k in keys]].astype(float).to_numpy()
    names = [
        f"{label(u)} ({s}/{t})"
        for u, s, t in zip(rollup["unit"], rollup["submitted"], rollup["teams"], strict=True)
    ]
    hover = []
    for _, row in rollup.iterrows():
        cells = []
        for key, title in zip(keys, titles, strict=True):
            mean, median = row[f"mean_level:{key}"], row[f"median_level:{key}"]
            score = (
                "" if key == "overall" else f", mean score {number_text(row[f'mean_score:{key}'])}"
            )
            cells.append(
                f"<b>{label(row['unit'])}</b> · {label(title)}<br>"
                f"mean level {number_text(mean, 1)}, median {number_text(median, 1)}"
                f"{score}<br>{row['submitted']} of {row['teams']} teams submitted"
            )
        hover.append(cells)
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=names,
            text=[[number_text(v, 1) for v in row] for row in z],
            texttemplate="%{text}",
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=smooth_level_colourscale(),
            zmin=0,
            zmax=4,
            xgap=2,
            ygap=2,
            colorbar=dict(title=dict(text="Mean level"), tickvals=[0, 1, 2, 3, 4], **COLOURBAR),
        )
    )
    figure.update_layout(
        font=FONT,
        height=figure_height(len(rollup), extra=120) + 20,
        margin=dict(l=10, r=10, t=40, b=20),
        xaxis=dict(automargin=True, side="top", fixedrange=True, showgrid=False),
        yaxis=dict(
            automargin=True,
            autorange="reversed",
            fixedrange=True,
            type="category",
            showgrid=False,
            zeroline=False,
        ),
        plot_bgcolor=TRANSPARENT,
        paper_bgcolor=TRANSPARENT,
    )
    return figure
