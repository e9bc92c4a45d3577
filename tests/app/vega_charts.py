"""What AppTest sees of a Vega-Lite chart: its spec, and the rows Streamlit sent beside it.

A chart that answers clicks (`on_select`) carries its key in its element id; one that does not
has no id, so it is found by what it draws.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest


def charts(at: AppTest) -> list[Any]:
    """Every Vega-Lite chart on the page, in page order."""
    return list(at.get("vega_lite_chart"))


def chart(at: AppTest, key: str) -> Any:
    """The clickable chart with this key."""
    return next(c for c in charts(at) if c.proto.id.endswith(f"-{key}"))


def spec(element: Any) -> dict[str, Any]:
    """A chart's Vega-Lite spec."""
    parsed: dict[str, Any] = json.loads(element.proto.spec)
    return parsed


def rows(element: Any) -> list[pd.DataFrame]:
    """A chart's datasets (Streamlit sends each as Arrow)."""
    return [convert_arrow_bytes_to_pandas_df(d.data.data) for d in element.proto.datasets]
