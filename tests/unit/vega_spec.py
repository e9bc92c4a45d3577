"""Reading an Altair chart in tests: its layers by mark, their rows, their encodings."""

from __future__ import annotations

from typing import Any

import altair as alt

from ui.figures.vega import Figure


def mark_of(layer: Any) -> str:
    """The layer's mark type: "bar", "line", "rule", "text"..."""
    mark = layer.mark
    return str(mark if isinstance(mark, str) else mark.type)


def layers(chart: Figure, mark: str) -> list[alt.Chart]:
    """The chart's layers that draw `mark`, in drawing order, each with the rows it draws
    (its own, or the chart's where Altair moved shared data up)."""
    assert isinstance(chart, alt.LayerChart), "the team and review figures are layered"
    found: list[alt.Chart] = []
    for layer in chart.layer:
        if isinstance(layer, alt.Chart) and mark_of(layer) == mark:
            if layer.data is alt.Undefined:
                layer = layer.copy()
                layer.data = chart.data
            found.append(layer)
    return found


def rows(layer: alt.Chart) -> list[dict[str, Any]]:
    """The rows a layer draws, as plain dictionaries."""
    return list(layer.data.to_dict("records"))


def encoding(chart: Figure, index: int = 0) -> dict[str, Any]:
    """A layer's encoding as Vega-Lite JSON (the chart's own for a plain chart)."""
    spec = chart.to_dict()
    return dict(spec["layer"][index]["encoding"] if "layer" in spec else spec["encoding"])


def texts(chart: Figure) -> list[str]:
    """Every label drawn by a text layer from a `label` column (rule labels)."""
    return [
        row["label"] for layer in layers(chart, "text") for row in rows(layer) if "label" in row
    ]
