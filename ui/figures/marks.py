"""What the team and review charts share: wrapped category labels, the width they fill, and a
text colour that reads on both themes."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Any, Literal

import altair as alt

LINE_BREAK = "\n"
"""Wrapped axis labels are one string with line breaks; the axis splits them into lines."""
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
"""Fill the page's width; the height set is the plot's own, with axes, title and legend added
(Streamlit's default "fit" squeezes the plot to leave room for them)."""
PADDING = {"left": 8, "right": 8, "top": 8, "bottom": 8}
"""Room around the drawing: Vega measures rotated axis titles and the chart title a few
pixels smaller than the browser draws them, and the page would cut those pixels off. (An
object: Streamlit's chart element fails on a plain number.)"""
LEGEND_NAME_WIDTH = 18
"""Legend labels wrap at about this many characters: two columns fit a 390 px phone."""
LONGEST_NAME = 80
"""Longer names are cut with an ellipsis on an axis (the tooltip keeps them whole): every
catalogue chain name fits, a 200-character team or unit name does not."""
LEGEND_LONGEST = 60
"""The same for a legend, whose two columns are narrower."""
TEXT_COLOUR = "#797979"
"""Labels drawn as marks (bar ends, rule labels): Streamlit's theme colours axes and legends
but not text marks, and this grey has about 4.3:1 contrast on the light and the dark page."""


def wrap(name: str, width: int) -> str:
    """A name shortened, then broken onto lines of about `width` characters (whitespace
    collapsed): a 200-character name takes a few lines, not the whole chart."""
    return LINE_BREAK.join(textwrap.wrap(shortened(name), width)) or name


def wrapped_axis(title: str | None = None) -> alt.Axis:
    """A category axis whose labels are wrapped names: each line break starts a new line."""
    return alt.Axis(
        title=title,
        labelExpr=f"split(datum.label, {LINE_BREAK!r})",
        labelLimit=0,
        labelPadding=6,
    )


def label(text: object) -> str:
    """A name as one line of label text: whitespace runs become one space. Not escaped:
    Vega draws text as text, so `<b>` or `&` show as typed."""
    return " ".join(str(text).split())


def shortened(name: str, width: int = LONGEST_NAME) -> str:
    """A name of at most `width` characters, whitespace collapsed, cut with an ellipsis."""
    whole = label(name)
    return whole if len(whole) <= width else whole[: width - 1].rstrip() + "…"


def wrapped_legend(
    names: Sequence[str],
    *,
    orient: Literal["top", "bottom"] = "bottom",
    width: int = LEGEND_NAME_WIDTH,
    line_colour: str | None = None,
) -> alt.Legend:
    """A legend under (or over) the chart, in two columns, each long name shortened and
    wrapped. With `line_colour`, each symbol is a short line in that colour (for a legend of
    dash patterns, which Vega would otherwise draw as dots).

    The legend shows the names themselves (so colours and tooltips keep whole names); a
    label expression looks each one up and draws its lines. The names travel as JSON
    string literals, which Vega's expression language reads as plain text.
    """
    lines = [textwrap.wrap(shortened(name, LEGEND_LONGEST), width) or [name] for name in names]
    known, drawn = json.dumps(list(names)), json.dumps(lines)
    at = f"indexof({known}, datum.label)"
    symbol: dict[str, Any] = {}
    if line_colour is not None:
        symbol = {
            "symbolType": "stroke",
            "symbolStrokeColor": line_colour,
            "symbolStrokeWidth": 2,
            "symbolSize": 500,
        }
    return alt.Legend(
        orient=orient,
        title=None,
        columns=2,
        labelLimit=0,
        labelExpr=f"{at} >= 0 ? {drawn}[{at}] : datum.label",
        **symbol,
    )
