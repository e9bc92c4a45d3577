"""Charts drawn in a worker process are the charts drawn here; its failures say what happened."""

from __future__ import annotations

import multiprocessing
import os
import signal

import altair as alt
import pandas as pd
import pytest

from ui.exports.chart_process import ChartProcess, ChartProcessError, draw_here
from ui.exports.html_document import HtmlDocument, chart_svg


def _bars() -> alt.Chart:
    frame = pd.DataFrame({"team": ["<b>Checkout</b>", "Search"], "level": [3, 1]})
    chart: alt.Chart = alt.Chart(frame).mark_bar().encode(x="level:Q", y="team:N")
    return chart


def test_a_chart_drawn_in_the_worker_is_the_one_drawn_here_even_after_drawing_here() -> None:
    # Drawing here first starts the renderer's threads in this process: a forked worker
    # would wait forever on its first chart (the worker is spawned instead).
    here = chart_svg(_bars(), "c1-")
    with ChartProcess() as charts:
        assert chart_svg(_bars(), "c1-", charts) == here
        doc = HtmlDocument("Levels", charts)
        doc.figure(_bars())
        doc.figure(_bars())
        page = doc.render()
    expected = HtmlDocument("Levels")
    expected.figure(_bars())
    expected.figure(_bars())
    assert page == expected.render()
    assert "&lt;b&gt;Checkout&lt;/b&gt;" in page


def test_a_chart_the_renderer_refuses_fails_as_it_does_here() -> None:
    remote = alt.Chart("https://example.com/rows.csv").mark_point().encode(x="a:Q")
    with pytest.raises(ValueError) as here:
        chart_svg(remote)
    with ChartProcess() as charts, pytest.raises(ValueError) as there:
        chart_svg(remote, "", charts)
    assert str(there.value) == str(here.value)


def test_a_worker_that_died_is_reported_as_such() -> None:
    with ChartProcess() as charts:
        workers = multiprocessing.active_children()
        assert workers
        for worker in workers:
            os.kill(worker.pid or 0, signal.SIGKILL)
            worker.join()
        with pytest.raises(ChartProcessError, match="the process drawing the charts stopped"):
            chart_svg(_bars(), "", charts)


def test_drawing_here_returns_a_finished_future() -> None:
    drawn = draw_here(_bars().to_dict(), {})
    assert drawn.done()
    assert drawn.result().startswith("<svg")
