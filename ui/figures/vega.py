"""What every chart shares: the figure type, the font, and a theme-neutral look.

Charts are Vega-Lite specifications built with Altair (it ships with Streamlit). The browser
loads Vega's chunk once and reuses it in every later tab, where plotly's 4.5 MB chunk was
compiled again in each one (docs/performance.md). Vega draws every label as text, never as
markup, so team names need no escaping here.
"""

from __future__ import annotations

from typing import TypeAlias

import altair as alt

Figure: TypeAlias = alt.Chart | alt.LayerChart | alt.HConcatChart | alt.VConcatChart
"""What a figure builder returns: one Altair chart, plain or composed."""

FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
FONT_SIZE = 13
