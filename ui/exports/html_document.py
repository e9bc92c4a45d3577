"""Self-contained HTML documents: escaped text, inline CSS, charts as static inline SVG.

Charts are drawn once, here, by vl-convert (the Vega project's own renderer, which Altair uses
to save charts offline): the file carries no JavaScript at all, so it opens offline, is inert
whatever a team calls itself, prints as it shows, and stays small.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any

from ui.exports.chart_process import draw_here
from ui.figures.vega import FONT_FAMILY, FONT_SIZE, Figure

Draw = Callable[[dict[str, Any], dict[str, Any]], "Future[str]"]
"""Draws a Vega-Lite spec with a config as SVG text: here and now (`chart_process.draw_here`)
or in a chart process (`chart_process.ChartProcess`)."""

CHART_WIDTH = 900
"""Width in pixels of a chart that the app stretches over the page (one with no width or the
container's) and that fits itself to that width (autosize "fit" or "fit-x"): axes and legend
included; also of each part of a composed chart that fills its container. The page's text is
1000 px wide at most; CSS scales a wider chart down to the page."""

PLOT_WIDTH = 720
"""Width of the plot of such a chart when its autosize is "pad" (Vega-Lite's default): its axes
and legend come on top, about 900 px in all. (Fitting it to a width here instead would mean
drawing it twice to measure, which doubles the time of the largest charts, or Vega's "fit-x",
which cuts off a legend taller than the plot.)"""

_CHART_CONFIG: dict[str, Any] = {
    # Print-friendly defaults under each chart's own config: white paper, dark text.
    "background": "white",
    "font": FONT_FAMILY,
    "axis": {"labelFontSize": FONT_SIZE - 1, "titleFontSize": FONT_SIZE},
    "legend": {"labelFontSize": FONT_SIZE - 1, "titleFontSize": FONT_SIZE},
}

_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 1000px; margin: 2em auto;
       color: #1f2328; line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.7em; margin-bottom: .2em; }
h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
.meta { color: #57606a; }
.card { border: 1px solid #d0d7de; border-radius: 8px; padding: .8em 1.2em; margin: 1em 0; }
.alert { border-color: #cf222e; background: #fff5f5; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border: 1px solid #d0d7de; padding: .35em .6em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
figure { margin: 1em 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
h1, h2, h3 { break-after: avoid; }
"""


def esc(text: object) -> str:
    """Escape anything for HTML text and attribute context."""
    return html.escape(str(text), quote=True)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """An HTML table with every cell escaped."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def bullets(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"


class HtmlDocument:
    """Collects escaped sections and figures into one offline-readable file.

    Charts are drawn by `draw` (default: here, at once); another process may draw them while
    this one goes on, and `render` waits for them.
    """

    def __init__(self, title: str, draw: Draw = draw_here) -> None:
        self.title = title
        self._draw = draw
        self._parts: list[str | Callable[[], str]] = []
        self._charts = 0

    def raw(self, fragment: str) -> None:
        """Append markup built with `esc`, `table` or `bullets` (already escaped)."""
        self._parts.append(fragment)

    def heading(self, text: str, level: int = 2) -> None:
        self._parts.append(f"<h{level}>{esc(text)}</h{level}>")

    def paragraph(self, text: str, css_class: str = "") -> None:
        cls = f' class="{esc(css_class)}"' if css_class else ""
        self._parts.append(f"<p{cls}>{esc(text)}</p>")

    def figure(self, chart: Figure) -> None:
        """Embed a chart as static SVG (no script; its ids are unique in the document)."""
        self._charts += 1
        prefix = f"chart{self._charts}-"
        drawn = self._draw(chart_spec(chart), _CHART_CONFIG)
        self._parts.append(lambda: f"<figure>{inert_svg(drawn.result(), prefix)}</figure>")

    def render(self) -> str:
        """The whole file (waiting for charts still being drawn).

        Raises:
            ValueError: a chart would load data or link to anything outside the file.
        """
        parts = [part if isinstance(part, str) else part() for part in self._parts]
        return (
            "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>{esc(self.title)}</title><style>{_CSS}</style></head><body>"
            + "\n".join(parts)
            + "</body></html>\n"
        )


def chart_svg(chart: Figure, id_prefix: str = "", draw: Draw = draw_here) -> str:
    """The chart as one inert SVG element: every text escaped by the renderer, no script, no
    event handler, no link out; ids (clip paths, gradients) carry `id_prefix`.

    Raises:
        ValueError: the chart would load data or link to anything outside the file.
    """
    return inert_svg(draw(chart_spec(chart), _CHART_CONFIG).result(), id_prefix)


def chart_spec(chart: Figure) -> dict[str, Any]:
    """The chart's Vega-Lite spec for a file: fixed widths where the app fills its container."""
    # Not validated against the schema again: the app's st.altair_chart does it for every kind
    # of chart, and here it took a fifth of the time of a per-team chart.
    spec = chart.to_dict(validate=False)
    if not _COMPOSED.intersection(spec) and spec.get("width", "container") == "container":
        # The app stretches such a chart over the page; a file has no container to fill.
        autosize = spec.get("autosize", "pad")
        fits = (autosize.get("type") if isinstance(autosize, dict) else autosize) in _FITS
        spec = {**spec, "width": CHART_WIDTH if fits else PLOT_WIDTH}
    # The parts of a composed chart that fill their container: as wide as the page allows.
    fixed: dict[str, Any] = _fixed_width(spec, CHART_WIDTH)
    return fixed


def inert_svg(svg: str, id_prefix: str = "") -> str:
    """Drawn SVG with its ids prefixed, once checked that it can neither run nor fetch.

    Raises:
        ValueError: it would load data or link to anything outside the file.
    """
    if id_prefix:
        svg = _TAG.sub(lambda tag: _prefixed_ids(tag.group(0), id_prefix), svg)
    unsafe = [tag for tag in _TAG.findall(svg) if not _inert(tag)]
    if unsafe:
        raise ValueError(f"a chart for an HTML export must be inert; it drew {unsafe[0][:120]}")
    return svg


_COMPOSED = {"hconcat", "vconcat", "concat", "facet", "repeat"}
"""Charts whose parts carry their own widths."""

_FITS = {"fit", "fit-x"}
"""Autosize types whose width is the whole chart's, not the plot's."""


_TAG = re.compile(r"<[^>]*>")
"""Any tag: the renderer escapes "<", ">" and quotes inside attribute values."""

_ATTRIBUTE = re.compile(r'\s([^\s=/>]+)\s*=\s*"([^"]*)"')
_ACTIVE_ELEMENTS = re.compile(r"^</?(script|foreignobject|iframe|object|embed|use)\b", re.I)


def _inert(tag: str) -> bool:
    """Whether a tag can neither run code nor fetch or link to anything outside the file."""
    if _ACTIVE_ELEMENTS.match(tag):
        return False
    for name, value in _ATTRIBUTE.findall(tag):
        name = name.lower()
        if name.startswith("on"):
            return False
        if name.endswith("href") and not value.startswith("#"):
            return False
        # aria-label repeats the data (team names) as plain text; elsewhere url() fetches.
        if name != "aria-label" and re.search(r"url\((?!#)", value, re.I):
            return False
    return True


def _prefixed_ids(tag: str, prefix: str) -> str:
    """Two SVGs in one document share an id space: Vega numbers its clip paths from 1 in each."""

    def prefixed(attribute: re.Match[str]) -> str:
        name, value = attribute.group(1), attribute.group(2)
        if name == "id":
            value = prefix + value
        elif name.endswith("href") and value.startswith("#"):
            value = f"#{prefix}{value[1:]}"
        elif name != "aria-label":
            value = value.replace("url(#", f"url(#{prefix}")
        return f' {name}="{value}"'

    return _ATTRIBUTE.sub(prefixed, tag)


def _fixed_width(spec: Any, width: int) -> Any:
    """The spec with a fixed width wherever it asks for its container's (a file has none)."""
    if isinstance(spec, list):
        return [_fixed_width(item, width) for item in spec]
    if not isinstance(spec, dict):
        return spec
    fixed = {}
    for key, value in spec.items():
        if key == "width" and value == "container":
            fixed[key] = width
        elif key in ("data", "datasets"):
            fixed[key] = value  # rows of data, not layout
        else:
            fixed[key] = _fixed_width(value, width)
    return fixed
