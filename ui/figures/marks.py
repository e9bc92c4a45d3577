"""What the team and review charts share: wrapped category labels, the width they fill, and a
text colour that reads on both themes."""

from __future__ import annotations

import textwrap

import altair as alt

LINE_BREAK = "\n"
"""Wrapped axis labels are one string with line breaks; the axis splits them into lines."""
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
"""Fill the page's width; the height set is the plot's own, with axes, title and legend added
(Streamlit's default "fit" squeezes the plot to leave room for them)."""
TEXT_COLOUR = "#797979"
"""Labels drawn as marks (bar ends, rule labels): Streamlit's theme colours axes and legends
but not text marks, and this grey has about 4.3:1 contrast on the light and the dark page."""


def wrap(name: str, width: int) -> str:
    """A name broken onto lines of about `width` characters (whitespace collapsed)."""
    return LINE_BREAK.join(textwrap.wrap(name, width)) or name


def wrapped_axis(title: str | None = None) -> alt.Axis:
    """A category axis whose labels are wrapped names: each line break starts a new line."""
    return alt.Axis(
        title=title,
        labelExpr=f"split(datum.label, {LINE_BREAK!r})",
        labelLimit=0,
        labelPadding=6,
    )
