"""What every chart shares: the figure type, the font, a theme-neutral look, and the way a
chart reaches the page.

Charts are Vega-Lite specifications built with Altair (it ships with Streamlit). The browser
loads Vega's chunk once and reuses it in every later tab, where plotly's 4.5 MB chunk was
compiled again in each one (docs/performance.md). Vega draws every label as text, never as
markup, so team names need no escaping here.

`st.altair_chart` converts its chart on every rerun, and Altair validates the whole spec against
the Vega-Lite schema as it does (a 50-team heatmap: about 0.2 s of each run). A page that keeps
the converted spec (`kept_spec`) and sends it with `show_spec` converts once per data version;
a figure kept inside an object that is itself kept per data version (the review's sections)
carries its converted spec with it (`KeptFigure`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable
from typing import Any, Literal, TypeAlias

import altair as alt
import streamlit as st

# Streamlit's own conversion, so a kept spec is sent exactly as `st.altair_chart` would send
# the chart: the theme Streamlit applies, the rows as named Arrow datasets (not JSON in the
# spec). Private, but pinned with Streamlit; tests/app/test_kept_specs.py compares the two.
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

Figure: TypeAlias = alt.Chart | alt.LayerChart | alt.HConcatChart | alt.VConcatChart
"""What a figure builder returns: one Altair chart, plain or composed."""
VegaSpec: TypeAlias = dict[str, Any]
"""A figure converted for Streamlit: Vega-Lite JSON, its rows as Arrow bytes under `datasets`."""

FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
FONT_SIZE = 13


def vega_lite_spec(figure: Figure) -> VegaSpec:
    """`figure` validated and converted, as `st.altair_chart` sends it."""
    return _convert_altair_to_vega_lite_spec(figure)


# Kept as objects (a resource, never mutated: st.vega_lite_chart copies the spec before it
# edits it), not pickled: copying the Arrow bytes on every hit would cost more than it saves.
@st.cache_resource(show_spinner=False, max_entries=128)
def _kept(key: tuple[Hashable, ...], _build: Callable[[], Figure]) -> VegaSpec:
    # `_build` is not hashed (leading underscore): `key` says what it draws.
    return vega_lite_spec(_build())


def kept_spec(build: Callable[[], Figure], *key: Hashable) -> VegaSpec:
    """`vega_lite_spec(build())`, converted once per `key`.

    `key` must name everything the figure shows: whose data and which version of it, the
    figure's kind and its filters; two figures with one key share one spec.
    """
    return _kept(key, build)


def show_spec(
    spec: VegaSpec,
    *,
    key: str | None = None,
    on_select: Literal["ignore", "rerun"] | Callable[[], None] = "ignore",
    selection_mode: str | Iterable[str] | None = None,
    width: Literal["stretch", "content"] | int | None = "stretch",
) -> Any:
    """Draw a converted figure, as `st.altair_chart` would draw the figure; returns the chart's
    selection state when it answers clicks (`on_select`)."""
    return st.vega_lite_chart(
        None, spec, key=key, on_select=on_select, selection_mode=selection_mode, width=width
    )


class KeptFigure:
    """A figure built the first time it is asked for and converted for the page once, kept
    with whatever holds it (a review section kept per data version): a rerun sends `spec`
    without building or validating it again (Altair's schema validation was 0.05–0.1 s of
    every run of the review)."""

    def __init__(self, build: Callable[[], Figure]) -> None:
        self._build = build

    @functools.cached_property
    def figure(self) -> Figure:
        return self._build()

    @functools.cached_property
    def spec(self) -> VegaSpec:
        return vega_lite_spec(self.figure)

    def __call__(self) -> Figure:
        return self.figure
