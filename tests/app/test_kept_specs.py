"""A kept spec (`ui.figures.vega`) reaches the page as `st.altair_chart` would send its chart,
and is converted once per key."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.vega_charts import chart, rows, spec


def _page() -> None:
    import altair as alt
    import pandas as pd
    import streamlit as st

    from ui.figures.vega import kept_spec, show_spec

    frame = pd.DataFrame({"slug": ["ledger", "checkout-web"], "level": [1, 3]})

    def figure() -> alt.Chart:
        team = alt.selection_point(name="team", fields=["slug"], on="click")
        bars: alt.Chart = alt.Chart(frame).mark_bar().encode(x="level:Q", y="slug:N")
        return bars.add_params(team)

    def counted() -> alt.Chart:
        st.session_state["built"] = st.session_state.get("built", 0) + 1
        return figure()

    st.altair_chart(figure(), key="direct", on_select="rerun", selection_mode="team")
    kept = kept_spec(counted, "tests/app/test_kept_specs.py", st.session_state["run"])
    show_spec(kept, key="kept", on_select="rerun", selection_mode="team")


def _open(run: str) -> AppTest:
    at = AppTest.from_function(_page, default_timeout=30)
    at.session_state["run"] = run
    at.run()
    assert not at.exception
    return at


def test_a_kept_spec_is_sent_as_the_altair_chart_would_be() -> None:
    at = _open("same as altair")
    direct, kept = chart(at, "direct"), chart(at, "kept")
    assert spec(kept) == spec(direct)
    assert [d.name for d in kept.proto.datasets] == [d.name for d in direct.proto.datasets]
    assert rows(kept)[0].to_dict("records") == [
        {"slug": "ledger", "level": 1},
        {"slug": "checkout-web", "level": 3},
    ]
    assert list(kept.proto.selection_mode) == ["team"]


def test_a_kept_spec_is_built_once_per_key() -> None:
    at = _open("built once")
    at.run()
    at.run()
    assert at.session_state["built"] == 1
    at.session_state["run"] = "another key"
    at.run()
    assert at.session_state["built"] == 2
