"""What the team grids share (heatmap, chains matrix): row labels, unit blocks, the click.

A grid is one block per unit, stacked: the unit's name as the block's title, its teams as
rows, the columns on top of the first block only. Every block gets the same label width, so
the columns line up down the page. Clicking a cell selects its team (the `team` selection over
`slug`), which the page turns into that team's report.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from itertools import groupby

import altair as alt
import pandas as pd

from ui.figures.marks import label, shortened
from ui.figures.vega import FONT_FAMILY, FONT_SIZE

ROW_HEIGHT = 26
"""Pixels per team row."""
AXIS_NAME_WIDTH = 30
"""Team and unit names on an axis: longer ones end in an ellipsis (the tooltip has them whole);
a name and the slug that tells two alike apart fit in this many characters too."""
CHARACTER_WIDTH = 7.5
"""About how wide one character of a 13 px label is, to size the label column."""
MAX_LABEL_WIDTH = 250
"""The label column never takes more than this: a phone keeps room for the cells."""
TEAM_SELECTION = "team"
"""The name of the point selection a click makes; the page reads it by this name."""


def axis_name(text: object, width: int = AXIS_NAME_WIDTH) -> str:
    """An axis label of at most `width` characters (the tooltip keeps the full name): a
    200-character team name would otherwise squeeze the chart into a strip."""
    return shortened(str(text), width)


def column_lines(text: object, width: int = 16) -> str:
    """A column label broken into lines of about `width` characters (joined by newlines; the
    axis splits them), so a column title never tilts."""
    whole = label(text)
    return "\n".join(textwrap.wrap(whole, width)) or whole


def row_labels(
    units: Sequence[object], teams: Sequence[object], slugs: Sequence[object]
) -> list[str]:
    """Shortened team names; a name repeated within a unit (or shortened to the same label)
    gets its slug appended, so two teams never share a row."""
    pairs = [(axis_name(u), axis_name(t)) for u, t in zip(units, teams, strict=True)]
    repeated = {pair for pair, n in Counter(pairs).items() if n > 1}
    return [
        f"{axis_name(whole, max(10, AXIS_NAME_WIDTH - len(str(slug)) - 3))} ({slug})"
        if pair in repeated
        else pair[1]
        for pair, whole, slug in zip(pairs, teams, slugs, strict=True)
    ]


def label_width(labels: Sequence[str]) -> int:
    """Pixels for a column of these labels, capped at MAX_LABEL_WIDTH."""
    longest = max((len(t) for t in labels), default=0)
    return min(MAX_LABEL_WIDTH, round(CHARACTER_WIDTH * longest) + 12)


LINE_HEIGHT = 15
"""Pixels between the lines of a column label."""


def name_column(labels: Sequence[str]) -> str:
    """The width of the row-name column, as a Vega expression: wide enough for the longest
    name, but never more than 40 % of a narrow chart."""
    return f"min({label_width(labels)}, round(0.4 * width))"


def column_axis(columns: Sequence[str], names: int | str = 0, **extra: object) -> alt.Axis:
    """Column labels on top, several lines each (top-aligned), no ticks.

    Each line is cut to its column's width (the plot's width less `names` pixels of row
    names, a number or an expression, shared by the columns), so on a phone every column
    keeps a label.
    """
    lines = max((c.count("\n") + 1 for c in columns), default=1)
    band = f"(width - {names}) / {max(len(columns), 1)} - 4"
    options: dict[str, object] = {
        "orient": "top",
        "labelAngle": 0,
        "labelExpr": "split(datum.label, '\\n')",
        "labelLimit": alt.ExprRef(f"max(20, min(160, {band}))"),
        "labelOverlap": False,
        # The first line sits on the usual baseline and the others run downwards: lift
        # them all by the extra lines the longest label has, so none covers a cell.
        "labelLineHeight": LINE_HEIGHT,
        "labelPadding": 4 + (lines - 1) * LINE_HEIGHT,
        "ticks": False,
        "domain": False,
        "labelFontSize": FONT_SIZE,
        "labelFont": FONT_FAMILY,
    }
    options.update(extra)
    return alt.Axis(**options)  # type: ignore[arg-type]


def unit_blocks(
    cells: pd.DataFrame,
    columns: Sequence[str],
    layers: Callable[[alt.Chart], list[alt.Chart]],
    *,
    column_axis_options: dict[str, object] | None = None,
) -> alt.VConcatChart:
    """One block per run of rows in the same unit, stacked in table order.

    `cells` has one row per cell: `unit`, `row` (the row label), `column` and whatever the
    layers encode; rows keep the order they first appear in. `layers(base)` returns the
    block's layers over a base already encoding x = column and y = row; the first layer
    answers the click.
    """
    names = name_column(list(cells["row"].unique()))
    runs = [
        (str(unit), list(dict.fromkeys(group)))
        for unit, group in groupby(zip(cells["unit"], cells["row"], strict=True), key=_unit)
    ]
    blocks: list[alt.LayerChart] = []
    for index, (unit, pairs) in enumerate(runs):
        rows = [row for _, row in pairs]
        base = (
            alt.Chart()
            .transform_filter(alt.FieldOneOfPredicate(field="block", oneOf=[index]))
            .encode(
                x=alt.X(
                    "column:N",
                    sort=list(columns),
                    title=None,
                    axis=column_axis(columns, names, **(column_axis_options or {}))
                    if index == 0
                    else None,
                    # The cells start right of the team names, which sit inside the plot: the
                    # page gives the plot its full width, and names outside it would overflow.
                    scale=alt.Scale(
                        type="band",
                        paddingInner=0.06,
                        range=[alt.ExprRef(names), alt.ExprRef("width")],
                    ),
                ),
                y=alt.Y(
                    "row:N",
                    sort=rows,
                    title=None,
                    scale=alt.Scale(type="band", paddingInner=0.08),
                    axis=alt.Axis(
                        ticks=False,
                        domain=False,
                        labelLimit=alt.ExprRef(f"{names} - 8"),
                        offset=alt.ExprRef(f"-{names}"),
                        minExtent=0,
                        labelFontSize=FONT_SIZE,
                        labelFont=FONT_FAMILY,
                    ),
                ),
            )
        )
        first, *rest = layers(base)
        blocks.append(
            alt.LayerChart(
                layer=[first.properties(name=f"cells_{index}"), *rest],
                title=alt.TitleParams(
                    axis_name(unit), anchor="start", fontSize=FONT_SIZE, font=FONT_FAMILY, offset=4
                ),
                height=alt.Step(ROW_HEIGHT),
                width="container",
                # No frame round the cells (a file export has no Streamlit theme to drop it).
                view=alt.ViewBackground(stroke=None),
            )
        )
    block_of = {pair: i for i, (_, pairs) in enumerate(runs) for pair in pairs}
    data = cells.assign(
        block=[block_of[(u, r)] for u, r in zip(cells["unit"], cells["row"], strict=True)]
    )
    chart = alt.VConcatChart(
        vconcat=blocks,
        data=data,
        spacing=8,
        resolve=alt.Resolve(scale=alt.ScaleResolveMap(color="shared", shape="shared")),
    )
    # One selection over every block's cells (Altair would name it once per block).
    chart.params = [
        alt.TopLevelSelectionParameter(
            name=TEAM_SELECTION,
            select=alt.PointSelectionConfig(type="point", fields=["slug"], on="click"),
            views=[f"cells_{i}" for i in range(len(blocks))],
        )
    ]
    return chart


def _unit(pair: tuple[Hashable, Hashable]) -> Hashable:
    return pair[0]
