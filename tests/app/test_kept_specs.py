"""A kept spec (`ui.figures.vega`) reaches the page as `st.altair_chart` would send its chart,
and is converted once per key."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.vega_charts import chart, charts, rows, spec


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


def _review_section_page() -> None:
    import altair as alt
    import pandas as pd
    import streamlit as st

    from ui.exports.review_sections import Section
    from ui.figures.vega import KeptFigure
    from ui.review_view import render_section

    def counted() -> alt.Chart:
        st.session_state["built"] = st.session_state.get("built", 0) + 1
        frame = pd.DataFrame({"period": ["2026-Q3", "2026-Q4"], "level": [1.5, 2.25]})
        line: alt.Chart = alt.Chart(frame).mark_line().encode(x="period:N", y="level:Q")
        return line

    if "section" not in st.session_state:  # kept across runs, as org_data.kept keeps it
        st.session_state["section"] = Section("Trend", figures=(KeptFigure(counted),))
    render_section(st.session_state["section"], key="review_0")


def test_a_review_section_builds_and_converts_its_chart_once() -> None:
    at = AppTest.from_function(_review_section_page, default_timeout=30)
    at.run()
    at.run()
    at.run()
    assert not at.exception
    assert at.session_state["built"] == 1
    [drawn] = charts(at)
    assert rows(drawn)[0].to_dict("records") == [
        {"period": "2026-Q3", "level": 1.5},
        {"period": "2026-Q4", "level": 2.25},
    ]
