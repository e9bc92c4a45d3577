"""Vega-Lite figure builders for the leadership views: pure functions of org tables.

The heatmap and the unit roll-up are grids: one rectangle per team (or unit) and pillar, its
number written in it, the whole story in its tooltip. Names are drawn as text, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

import altair as alt
import numpy as np
import pandas as pd

from assessments.reports.org_table import submitted
from scoring.results import ChainStatus
from ui.figures.grid import (
    ROW_HEIGHT,
    column_axis,
    column_lines,
    label_width,
    row_labels,
    unit_blocks,
)
from ui.figures.marks import label
from ui.figures.team import LEVEL_COLOURS, SERIES_COLOURS, level_colour
from ui.figures.vega import FONT_FAMILY, FONT_SIZE, Figure

HeatmapMode = Literal["level", "score", "change"]
HEATMAP_MODES: tuple[HeatmapMode, ...] = ("level", "score", "change")
OVERALL = "Overall"
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
CHANGE_SCHEME: Final = "redblue"
"""Vega's diverging red (fell) to blue (rose) scheme, white at no change."""
DARK_INK, LIGHT_INK = "#1a1a1a", "#ffffff"
"""Cell numbers: dark on pale cells, white on deep ones (cells look the same in either theme)."""
LEGEND = dict(orient="top", titleFontSize=FONT_SIZE, labelFontSize=FONT_SIZE, gradientLength=200)


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


def ink(fill: str) -> str:
    """The colour of a number written on a cell of colour `fill` (#rrggbb)."""
    red, green, blue = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    return DARK_INK if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else LIGHT_INK


def blended(position: float, colours: tuple[str, ...] = LEVEL_COLOURS) -> str:
    """The colour at `position` (0..1) along `colours`, spread evenly (as the scale draws it)."""
    spot = max(0.0, min(1.0, position)) * (len(colours) - 1)
    low = min(int(spot), len(colours) - 2)
    share = spot - low
    ends = [[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in colours[low : low + 2]]
    return "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(*ends, strict=True))


def _cell_ink(mode: HeatmapMode, value: float, top_level: int, reach: float) -> str:
    if np.isnan(value):
        return DARK_INK
    if mode == "level":
        return ink(level_colour(int(value), top_level))
    if mode == "score":
        return ink(blended(value / 100))
    # The red-blue scheme is deep beyond about 60 % of the way from white to either end.
    return LIGHT_INK if abs(value) > 0.6 * reach else DARK_INK


def heatmap_cells(
    table: pd.DataFrame,
    mode: HeatmapMode,
    pillars: Mapping[str, str],
    *,
    earlier_period: str | None = None,
    top_level: int = 4,
) -> pd.DataFrame:
    """One row per submitted team and column (pillars, then Overall): what the heatmap draws.

    Columns: `slug`, `team`, `unit`, `row` (the axis label), `column` (its label, in lines),
    `pillar` (the column's name), `value` (what colours the cell), `text` (the number shown),
    `ink`, and the tooltip's `level`, `score`, `weakest` and, for "change", `change`.
    """
    rows = submitted(table)
    since = f" since {earlier_period}" if earlier_period else ""
    values = _values(rows, mode, pillars)
    finite = np.abs(values[np.isfinite(values)])
    reach = max(10.0, float(finite.max()) if finite.size else 0.0)
    labels = row_labels(list(rows["unit"]), list(rows["team"]), list(rows.index))
    records = []
    for i, (slug, row) in enumerate(rows.iterrows()):
        weakest = pillars.get(str(row["weakest_pillar"]), str(row["weakest_pillar"]))
        for j, (pid, name) in enumerate([*pillars.items(), ("", OVERALL)]):
            value = float(values[i, j])
            level = row[f"level:{pid}"] if pid else row["overall_level"]
            score = number_text(row[f"score:{pid}"] if pid else row["mean_score"])
            record = {
                "slug": str(slug),
                "team": label(row["team"]),
                "unit": label(row["unit"]),
                "row": labels[i],
                "column": column_lines(name),
                "pillar": label(name),
                "value": value,
                "text": number_text(value, signed=mode == "change"),
                "ink": _cell_ink(mode, value, top_level, reach),
                "level": f"{level}" if pid else f"{level} (the weakest pillar's)",
                "score": score if pid else f"{score} (mean of the pillars)",
                "weakest": label(weakest),
            }
            if mode == "change":
                record["change"] = _change_text(row, pid, since)
            records.append(record)
    return pd.DataFrame.from_records(records, columns=_CELL_COLUMNS[mode])


_BASE_COLUMNS = ["slug", "team", "unit", "row", "column", "pillar", "value", "text", "ink"]
_TIP_COLUMNS = ["level", "score", "weakest"]
_CELL_COLUMNS: dict[HeatmapMode, list[str]] = {
    "level": [*_BASE_COLUMNS, *_TIP_COLUMNS],
    "score": [*_BASE_COLUMNS, *_TIP_COLUMNS],
    "change": [*_BASE_COLUMNS, *_TIP_COLUMNS, "change"],
}


def _values(rows: pd.DataFrame, mode: HeatmapMode, pillars: Mapping[str, str]) -> np.ndarray:
    columns = {
        "level": [*(f"level:{p}" for p in pillars), "overall_level"],
        "score": [*(f"score:{p}" for p in pillars), "mean_score"],
        "change": [*(f"score_change:{p}" for p in pillars), "mean_score_change"],
    }[mode]
    return rows[columns].astype(float).to_numpy()


def _change_text(row: pd.Series, pid: str, since: str) -> str:
    if not row.get("compared", False):
        return f"No submission to compare with{since}"
    level_change = row[f"level_change:{pid}"] if pid else row["overall_level_change"]
    score_change = row[f"score_change:{pid}"] if pid else row["mean_score_change"]
    return (
        f"score {number_text(score_change, signed=True)}, "
        f"level {number_text(level_change, signed=True)}"
    )


def heatmap_figure(
    table: pd.DataFrame,
    mode: HeatmapMode,
    pillars: Mapping[str, str],
    *,
    earlier_period: str | None = None,
    top_level: int = 4,
) -> Figure:
    """Teams (one block per unit) × pillars + Overall, coloured by level, score or change.

    Levels are coloured over the questionnaire's levels 0..`top_level`, one colour each.
    Only teams that submitted are drawn. "change" needs the columns of
    `assessments.reports.org_table.change_since`; it colours by pillar score change (Overall:
    mean score change) and leaves a team without an earlier submission blank. A click selects
    the cell's team (the `team` selection over `slug`).
    """
    cells = heatmap_cells(table, mode, pillars, earlier_period=earlier_period, top_level=top_level)
    columns = [column_lines(name) for name in [*pillars.values(), OVERALL]]
    colour = _heatmap_colour(mode, cells["value"], top_level)
    since = f" since {earlier_period}" if earlier_period else ""
    tooltip = [
        alt.Tooltip("team:N", title="Team"),
        alt.Tooltip("unit:N", title="Unit"),
        alt.Tooltip("pillar:N", title="Pillar"),
        alt.Tooltip("level:N", title="Level"),
        alt.Tooltip("score:N", title="Score"),
        alt.Tooltip("weakest:N", title="Weakest pillar"),
    ]
    if mode == "change":
        tooltip.append(alt.Tooltip("change:N", title=f"Change{since}"))

    def layers(base: alt.Chart) -> list[alt.Chart]:
        return [
            base.mark_rect(cursor="pointer").encode(color=colour, tooltip=tooltip),
            base.mark_text(fontSize=FONT_SIZE - 1, font=FONT_FAMILY, cursor="pointer").encode(
                text="text:N", fill=alt.Fill("ink:N", scale=None), tooltip=tooltip
            ),
        ]

    return unit_blocks(cells, columns, layers)


def _heatmap_colour(mode: HeatmapMode, values: pd.Series, top_level: int) -> object:
    if mode == "level":
        levels = list(range(top_level + 1))
        return alt.Color(
            "value:O",
            scale=alt.Scale(domain=levels, range=[level_colour(lv, top_level) for lv in levels]),
            legend=alt.Legend(title="Level", **LEGEND),  # type: ignore[arg-type]
        )
    if mode == "score":
        return alt.Color(
            "value:Q",
            scale=alt.Scale(domain=[0, 100], range=list(LEVEL_COLOURS), interpolate="rgb"),
            legend=alt.Legend(title="Score", **LEGEND),  # type: ignore[arg-type]
        )
    finite = values[np.isfinite(values)].abs()
    reach = max(10.0, float(finite.max()) if len(finite) else 0.0)
    change = alt.Color(
        "value:Q",
        scale=alt.Scale(scheme=CHANGE_SCHEME, domain=[-reach, reach], domainMid=0),
        legend=alt.Legend(title="Score change", **LEGEND),  # type: ignore[arg-type]
    )
    # A team with nothing to compare with stays blank (but still answers hover and click).
    return alt.condition("isValid(datum.value)", change, alt.value("transparent"))


def unit_rollup_figure(rollup: pd.DataFrame, pillars: Mapping[str, str]) -> Figure:
    """Units × pillars + Overall, coloured by the mean level of the teams that submitted."""
    keys = [*pillars, "overall"]
    names = [*pillars.values(), OVERALL]
    columns = [column_lines(name) for name in names]
    units = row_labels(["" for _ in rollup.index], list(rollup["unit"]), list(rollup["unit_slug"]))
    rows = [
        f"{unit} ({s}/{t})"
        for unit, s, t in zip(units, rollup["submitted"], rollup["teams"], strict=True)
    ]
    records = []
    for row_label, (_, row) in zip(rows, rollup.iterrows(), strict=True):
        for key, name in zip(keys, names, strict=True):
            mean = float(row[f"mean_level:{key}"])
            records.append(
                {
                    "row": row_label,
                    "unit": label(row["unit"]),
                    "column": column_lines(name),
                    "pillar": label(name),
                    "value": mean,
                    "text": number_text(mean, 1),
                    "ink": DARK_INK if np.isnan(mean) else ink(blended(mean / 4)),
                    "median": number_text(row[f"median_level:{key}"], 1),
                    "score": "" if key == "overall" else number_text(row[f"mean_score:{key}"]),
                    "submitted": f"{row['submitted']} of {row['teams']} teams",
                }
            )
    cells = pd.DataFrame.from_records(records)
    tooltip = [
        alt.Tooltip("unit:N", title="Unit"),
        alt.Tooltip("pillar:N", title="Pillar"),
        alt.Tooltip("text:N", title="Mean level"),
        alt.Tooltip("median:N", title="Median level"),
        alt.Tooltip("score:N", title="Mean score"),
        alt.Tooltip("submitted:N", title="Submitted"),
    ]
    base = alt.Chart(cells).encode(
        x=alt.X(
            "column:N",
            sort=columns,
            title=None,
            axis=column_axis(columns),
            scale=alt.Scale(paddingInner=0.06),
        ),
        y=alt.Y(
            "row:N",
            sort=rows,
            title=None,
            scale=alt.Scale(paddingInner=0.08),
            axis=alt.Axis(
                ticks=False,
                domain=False,
                labelLimit=label_width(rows),
                labelFontSize=FONT_SIZE,
                labelFont=FONT_FAMILY,
            ),
        ),
    )
    colour = alt.Color(
        "value:Q",
        scale=alt.Scale(domain=[0, 4], range=list(LEVEL_COLOURS), interpolate="rgb"),
        legend=alt.Legend(title="Mean level", values=[0, 1, 2, 3, 4], **LEGEND),  # type: ignore[arg-type]
    )
    return alt.LayerChart(
        layer=[
            base.mark_rect().encode(color=colour, tooltip=tooltip),
            base.mark_text(fontSize=FONT_SIZE - 1, font=FONT_FAMILY).encode(
                text="text:N", fill=alt.Fill("ink:N", scale=None), tooltip=tooltip
            ),
        ],
        height=alt.Step(ROW_HEIGHT),
        width="container",
        view=alt.ViewBackground(stroke=None),
        # Rows set the height; only the width follows the page.
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )
