"""HTML exports draw charts as static SVG: text escaped by the renderer, nothing that runs."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd
import pytest

from ui.exports.html_document import CHART_WIDTH, PLOT_WIDTH, HtmlDocument, chart_svg

SCRIPT = "<script>alert(1)</script>"
NAMES = [SCRIPT, "Tools & Platform", 'say "hi" onload=alert(1)', "Checkout"]


def _bars(names: list[str] = NAMES, width: int | str | None = 400) -> alt.Chart:
    frame = pd.DataFrame({"team": names, "level": range(len(names))})
    chart: alt.Chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("level:Q", title="Overall level"),
            y=alt.Y("team:N", title="Team"),
            tooltip=[alt.Tooltip("team:N", title="Team"), alt.Tooltip("level:Q", title="Level")],
        )
    )
    return chart if width is None else chart.properties(width=width)


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_a_chart_becomes_one_figure_of_svg_with_its_titles_and_names_as_text() -> None:
    doc = HtmlDocument("Levels")
    doc.figure(_bars())
    page = doc.render()
    assert page.count("<figure><svg ") == 1
    texts = _texts(page)
    assert "Overall level" in texts
    assert "Team" in texts
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in texts
    assert "Tools &amp; Platform" in texts
    assert "Checkout" in texts


def test_hostile_names_stay_text_and_the_page_holds_nothing_that_runs_or_fetches() -> None:
    doc = HtmlDocument(SCRIPT)
    doc.figure(_bars())
    page = doc.render()
    assert SCRIPT not in page
    assert "<script" not in page.lower()
    tags = re.findall(r"<[^>]*>", page)
    attributes = [a for tag in tags for a in re.findall(r'\s([^\s=/>]+)="', tag)]
    assert not [a for a in attributes if a.lower().startswith("on")]
    assert not re.search(r"href=\"(?!#)|src=|url\((?!#)|@import", " ".join(tags))
    # The quote in a name cannot close an attribute: it is &quot; inside aria-label.
    assert "say &quot;hi&quot; onload=alert(1)" in page


@pytest.mark.parametrize("width", ["container", None])
def test_a_chart_the_app_stretches_over_the_page_gets_a_plot_as_wide_as_the_page_allows(width):
    """(That no text is cut off is checked in a browser: tests/e2e/test_exports_in_browser.py.)"""
    chart = _bars(width=width).encode(color=alt.Color("level:Q", title="Level"))
    svg = chart_svg(chart)
    assert svg.startswith("<svg ")
    drawn = re.match(r'<svg [^>]*\bwidth="(\d+)"', svg)
    assert drawn is not None
    # The plot, then the team names on the left and the legend on the right.
    assert PLOT_WIDTH + 100 <= int(drawn.group(1)) <= 1000


def test_a_stretched_chart_that_fits_itself_to_its_width_is_the_chart_width() -> None:
    fitted = _bars(width=None).properties(
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding")
    )
    drawn = re.match(r'<svg [^>]*\bwidth="(\d+)"', chart_svg(fitted))
    assert drawn is not None
    assert int(drawn.group(1)) == CHART_WIDTH


def test_a_chart_with_its_own_width_keeps_it() -> None:
    drawn = re.match(r'<svg [^>]*\bwidth="(\d+)"', chart_svg(_bars(width=300)))
    assert drawn is not None
    assert int(drawn.group(1)) < 600


def test_two_charts_in_one_document_keep_their_own_clip_paths() -> None:
    clipped = _bars().mark_bar(clip=True).encode(x=alt.X("level:Q", scale=alt.Scale(domain=[0, 2])))
    doc = HtmlDocument("Two")
    doc.figure(clipped)
    doc.figure(clipped)
    page = doc.render()
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) >= 2
    assert len(set(ids)) == len(ids)
    for reference in re.findall(r"url\(#([^)]+)\)", page):
        assert reference in ids


@pytest.mark.parametrize(
    "chart",
    [
        alt.Chart(pd.DataFrame({"u": ["https://example.com/"], "x": [1]}))
        .mark_text()
        .encode(x="x:Q", text="u:N", href="u:N"),
        alt.Chart(pd.DataFrame({"u": ["https://example.com/i.png"], "x": [1]}))
        .mark_image(width=9, height=9)
        .encode(x="x:Q", url="u:N"),
        alt.Chart("https://example.com/rows.csv").mark_point().encode(x="a:Q"),
    ],
    ids=["link", "image", "remote data"],
)
def test_a_chart_that_would_link_or_fetch_outside_the_file_is_refused(chart) -> None:
    with pytest.raises(ValueError, match=r"not allowed|must be inert"):
        chart_svg(chart)
